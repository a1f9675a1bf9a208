"""Files people keep (scenarios, recordings: versioned strict JSON), recording and exact replay. No Qt."""
