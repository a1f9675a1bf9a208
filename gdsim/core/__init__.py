"""Pure NumPy mathematics: problems, optimizers, schedules, sampling, stop rules. No Qt, no torch, no files."""
