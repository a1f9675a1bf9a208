"""The landscape catalog as plain data (for ``gdsim landscapes --json`` and documentation)."""

from __future__ import annotations

from typing import Any

from gdsim.core.landscapes import LANDSCAPES, make_landscape
from gdsim.session.jsonio import jsonable


def landscape_catalog() -> list[dict[str, Any]]:
    """Every registered landscape with its formula, domain, start, options and critical points."""
    out = []
    for name, entry in LANDSCAPES.items():
        problem = make_landscape(name)
        out.append(jsonable({
            "name": name, "title": problem.title, "dim": problem.dim, "formula": problem.formula,
            "domain": problem.domain, "start": problem.start, "options": dict(entry.options),
            "critical_points": [
                {"location": list(p.location), "value": p.value, "kind": p.kind} for p in problem.critical_points
            ],
        }))
    return out
