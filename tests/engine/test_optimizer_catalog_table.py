"""The committed catalog table equals the catalog listed live from the installed torch and
pytorch-optimizer (the layout table, the needs, the unsupported reasons and the docstrings it is
derived from), so it cannot rot; reading it imports neither."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gdsim.engine.optimizer_catalog_table import committed_catalog, entry_row, installed_versions, read_table


def test_the_committed_table_is_the_live_catalog_of_the_installed_packages():
    table = read_table()
    if table["versions"] != installed_versions():
        pytest.skip(f"the table was written for {table['versions']}, installed: {installed_versions()}; "
                    "the picker lists live (python -m gdsim.engine.optimizer_catalog_table --write)")
    pytest.importorskip("torch")
    from gdsim.engine.optimizer_catalog import torch_catalog

    live = torch_catalog()
    committed = committed_catalog()
    assert committed is not None and set(committed) == set(live)
    for module, entries in live.items():
        assert [entry_row(entry) for entry in committed[module]] == [entry_row(entry) for entry in entries], module
    assert sum(entry.supported for entries in live.values() for entry in entries) >= 120


def test_reading_the_table_imports_no_torch():
    code = ("import sys; from gdsim.engine.optimizer_catalog_table import committed_catalog; committed_catalog(); "
            "print(sorted(name for name in ('torch', 'pytorch_optimizer') if name in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_another_installed_version_is_not_listed_from_the_table(monkeypatch):
    import gdsim.engine.optimizer_catalog_table as table_module

    versions = installed_versions()
    assert committed_catalog() is not None or read_table()["versions"] != versions
    monkeypatch.setattr(table_module, "installed_versions", lambda: {**versions, "pytorch-optimizer": "4.0.9"})
    assert committed_catalog() is None
