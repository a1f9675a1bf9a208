"""A person's CSV data set: read as numpy reads it, refused naming the row and column, bounded."""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.data_problems import build_regression_problem
from gdsim.core.errors import InputError
from gdsim.session import csv_data
from gdsim.session.csv_data import parse_csv_data, read_csv_data


def test_a_csv_with_a_header_fits_the_least_squares_numpy_finds(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, (40, 2))
    y = 1.5 * x[:, 0] - 0.5 * x[:, 1] + 2 + 0.1 * rng.standard_normal(40)
    path = tmp_path / "mine.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="height,width,price", comments="", fmt="%.17g")
    data = read_csv_data(path)
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    np.testing.assert_array_equal(np.array(data["x"]), table[:, :2])
    np.testing.assert_array_equal(np.array(data["y"]), table[:, 2])
    problem = build_regression_problem({"data": data, "bias": True})
    fit, *_ = np.linalg.lstsq(np.column_stack([table[:, :2], np.ones(40)]), table[:, 2], rcond=None)
    np.testing.assert_allclose(problem.minima[0].location, fit, atol=1e-9)


def test_one_feature_is_a_flat_list_and_no_header_is_needed():
    assert parse_csv_data("1,3\n2,5\n\n3,7\n") == {"x": [1.0, 2.0, 3.0], "y": [3.0, 5.0, 7.0]}
    # cells NumPy's parser does not read (quoted) go the careful way, with the same result
    assert parse_csv_data('"1",3\n2,"5"\n') == {"x": [1.0, 2.0], "y": [3.0, 5.0]}


@pytest.mark.parametrize(("text", "labels", "says", "code"), [
    ("", False, "has no rows", "csv.empty"),
    ("x,y\n", False, "no samples", "csv.empty"),
    ("1\n2\n", False, "at least two columns", "csv.narrow"),
    ("x,y\n1,2\n3,4,5\n", False, "row 3 of mine.csv has 3 columns, the first has 2", "csv.ragged"),
    ("x,y\n1,2\n3,abc\n", False, "row 3, column 2 of mine.csv: “abc” is not a finite number", "csv.not_number"),
    ("1,2\nnan,4\n", False, "row 2, column 1", "csv.not_number"),
    ("1,0\n2,1\n3,2\n", True, "row 3, column 2 of mine.csv: y must be a class label, 0 or 1, not 2", "csv.not_label"),
])
def test_a_malformed_csv_is_refused_naming_the_row_and_column(text, labels, says, code):
    with pytest.raises(InputError) as caught:
        parse_csv_data(text, labels, "mine.csv")
    assert says in str(caught.value) and caught.value.code == code


def test_files_too_large_missing_or_not_text_are_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_data, "MAX_CSV_BYTES", 10)
    big = tmp_path / "big.csv"
    big.write_text("1,2\n" * 10)
    with pytest.raises(InputError, match="larger than"):
        read_csv_data(big)
    with pytest.raises(InputError, match="no such file"):
        read_csv_data(tmp_path / "none.csv")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="not UTF-8"):
        read_csv_data(binary)
