"""glibc heap tuning for the engine: keep freed memory at the top of the heap for the next step.

Every step of a swarm allocates and frees arrays of N x D numbers. With glibc's defaults the heap is
trimmed (memory handed back to the kernel) whenever its free top passes a threshold and grown again
on the next step, so each step pays for fresh pages: about 1.6 million minor page faults for 10,000
balls x 1,000 steps of SGD, and the swarm ran 1.5x slower than it does with the tuning below (the
bare NumPy loop in the same process gains too; see benchmarks/README.md).

Setting the trim threshold also freezes glibc's mmap threshold (normally raised as large blocks are
freed) wherever it happens to stand, and arrays above it are mapped and unmapped afresh at every
step: 5 million minor faults for a few 100,000-ball swarms of 100 steps, 1.5-2.5x slower. So it is set too.

Set once, when the engine is imported: arrays up to ``MMAP_THRESHOLD`` come from the heap, free
memory is returned to the kernel only past ``TRIM_THRESHOLD`` at the top of the heap, and the heap
grows by ``TOP_PAD`` more than it needs. A person's own ``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_TOP_PAD_``
or ``MALLOC_MMAP_THRESHOLD_`` environment variable wins, and on anything but glibc nothing happens.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3
#: Free memory kept at the top of the heap before it is returned to the kernel (bytes).
TRIM_THRESHOLD = 64 * 1024 * 1024
#: Extra memory requested whenever the heap grows (bytes; untouched pages cost no memory).
TOP_PAD = 16 * 1024 * 1024
#: Blocks at least this large are mapped on their own (bytes; glibc's largest allowed value on 64 bits).
MMAP_THRESHOLD = 32 * 1024 * 1024
#: The environment variables with which a person tunes glibc's heap themselves.
OWN_TUNING = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_")


def keep_heap() -> bool:
    """Apply the tuning once; True if glibc accepted it."""
    if not sys.platform.startswith("linux") or any(name in os.environ for name in OWN_TUNING):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return all([mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD), mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD),
                mallopt(M_TOP_PAD, TOP_PAD)])
