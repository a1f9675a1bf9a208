"""A person's CSV data set: gdsim's reader (checked cell by cell, rows and columns named in its
messages) against numpy.loadtxt on the same file, in the same process, taking turns.

The reader runs in a worker thread in the window, so its time is how long the Problem picker waits
for the data, not a pause of the GUI. Usage: python benchmarks/bench_csv.py [--quick]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from timing import load_average, paired_ratio, taking_turns

from gdsim.session.csv_data import read_csv_data


def main(rounds: int) -> None:
    print(f"CSV data sets: gdsim's reader against numpy.loadtxt, {rounds} rounds; {load_average()}")
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        for rows, columns in ((1_000, 2), (100_000, 2), (100_000, 5)):
            path = Path(folder) / f"{rows}x{columns}.csv"
            table = rng.normal(size=(rows, columns))
            header = ",".join(f"x{j}" for j in range(columns - 1)) + ",y"
            np.savetxt(path, table, delimiter=",", header=header, comments="", fmt="%.17g")
            times = taking_turns({"gdsim": lambda path=path: read_csv_data(path),
                                  "loadtxt": lambda path=path: np.loadtxt(path, delimiter=",", skiprows=1)}, rounds)
            ratio = paired_ratio(times["gdsim"], times["loadtxt"])
            print(f"  {rows:>7} rows x {columns} columns: gdsim {times['gdsim'].cpu_median * 1e3:8.1f} ms CPU, "
                  f"loadtxt {times['loadtxt'].cpu_median * 1e3:8.1f} ms; ratio {ratio.text()}")
    print(load_average())


if __name__ == "__main__":
    main(3 if "--quick" in sys.argv else 7)
