import sys

import pytest

from gdsim.engine import heap


def test_the_heap_tuning_reports_whether_it_applied():
    assert isinstance(heap.keep_heap(), bool)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap is tuned on Linux only")
def test_a_persons_own_malloc_tuning_wins(monkeypatch):
    monkeypatch.setenv("MALLOC_TOP_PAD_", "0")
    assert heap.keep_heap() is False
