"""The committed table of torch.optim's and pytorch_optimizer's classes, so a picker lists them without torch.

Listing the classes live (:func:`gdsim.engine.optimizer_catalog.torch_catalog`) imports torch and
pytorch_optimizer: seconds during which the importing thread holds Python's interpreter lock, so even
a worker stalls the window. The table (``gdsim/resources/optimizer_catalog.json``, data only) holds
what the live listing computes for every class — name, module, title, layout, ball cap, closure,
Hessian, help, unsupported reason — for the torch and pytorch-optimizer versions it was written
with. It is derived from the one source of truth (``gdsim.nets.optimizer_layouts``,
``gdsim.nets.optimizer_needs``, ``gdsim.nets.torch_optimizers.UNSUPPORTED`` and the classes'
docstrings) by::

    python -m gdsim.engine.optimizer_catalog_table --write

and ``tests/engine/test_optimizer_catalog_table.py`` rebuilds it from the installed packages and
asserts it is equal, so it cannot rot.

When the installed torch or pytorch-optimizer version differs from the table's (or either is
missing), :func:`committed_catalog` returns None and the picker falls back to the live listing in
its worker, as before the table existed. Reading the table imports neither torch nor
pytorch_optimizer (versions come from the installed distributions' metadata).
"""

from __future__ import annotations

import json
import sys
from importlib import metadata, resources
from pathlib import Path

from gdsim.engine.optimizer_catalog import CatalogEntry

#: The distribution whose version a module's classes depend on.
DISTRIBUTIONS = {"torch.optim": "torch", "pytorch_optimizer": "pytorch-optimizer"}
#: The table's file inside the package ``gdsim.resources``.
TABLE_FILE = "optimizer_catalog.json"
#: The row's fields, in order (a CatalogEntry without its declaration, which needs torch).
FIELDS = ("name", "group", "title", "layout", "max_balls", "needs_closure", "needs_hessian", "help", "unsupported")


def entry_row(entry: CatalogEntry) -> dict:
    """What the table keeps of ``entry`` (everything but its declaration)."""
    return {field: getattr(entry, field) for field in FIELDS}


def installed_versions() -> dict[str, str | None]:
    """The installed version of each distribution of :data:`DISTRIBUTIONS` (None: not installed)."""
    versions: dict[str, str | None] = {}
    for distribution in DISTRIBUTIONS.values():
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            versions[distribution] = None
    return versions


def read_table() -> dict:
    """The committed table as written: ``{"versions": {...}, "groups": {module: [row, ...]}}``."""
    return json.loads(resources.files("gdsim.resources").joinpath(TABLE_FILE).read_text(encoding="utf-8"))


def committed_catalog() -> dict[str, list[CatalogEntry]] | None:
    """Each torch module's entries from the committed table, without importing torch.

    Returns
    -------
    dict or None
        Module -> its entries (their ``declaration`` is None: building a class's editors still
        needs torch). None when the installed torch or pytorch-optimizer version is not the table's:
        the caller then lists the classes live (in a worker).
    """
    table = read_table()
    if table["versions"] != installed_versions():
        return None
    return {module: [CatalogEntry(**row) for row in rows] for module, rows in table["groups"].items()}


def live_table() -> dict:
    """The table computed from the installed packages (imports torch and pytorch_optimizer)."""
    from gdsim.core.errors import InputError
    from gdsim.engine.optimizer_catalog import torch_catalog

    groups = {}
    for module, entries in torch_catalog().items():
        if isinstance(entries, InputError):
            raise entries
        groups[module] = [entry_row(entry) for entry in entries]
    return {"versions": installed_versions(), "groups": groups}


def write_table(path: Path | None = None) -> Path:
    """Write :func:`live_table` to ``path`` (default: the package's table) and return the path."""
    path = path or Path(str(resources.files("gdsim.resources").joinpath(TABLE_FILE)))
    path.write_text(json.dumps(live_table(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    """``--write``: rewrite the committed table from the installed packages."""
    if argv != ["--write"]:
        print("usage: python -m gdsim.engine.optimizer_catalog_table --write", file=sys.stderr)
        return 2
    path = write_table()
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
