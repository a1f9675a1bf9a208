"""Build a Problem from a scenario's "problem" object; one builder per kind.

Kinds served by pure NumPy live in gdsim.core; the "network" kind (torch) is imported lazily from
gdsim.nets only when used, so nothing else pays for torch.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.landscapes import make_landscape
from gdsim.core.params import check_keys
from gdsim.core.problem import Problem


def _landscape(spec: Mapping[str, Any]) -> Problem:
    check_keys(spec, ("kind", "name", "options"), owner=f"a {spec['kind']} problem")
    options = spec.get("options", {})
    if not isinstance(options, Mapping):
        raise InputError("options", "must be an object of named numbers", "type.object")
    if not isinstance(spec.get("name"), str):
        raise InputError("name", "must name a landscape (see `gdsim landscapes`)", "landscape.unnamed")
    return make_landscape(spec["name"], options)


#: kind -> "module:function" building it; modules are imported only when their kind is used
#: (sympy for "expression", torch for "network"), so start-up pays for none of them.
PROBLEM_KINDS: dict[str, str] = {
    "landscape": "gdsim.engine.problems:_landscape",
    "expression": "gdsim.core.expression:build_expression_problem",
    "regression": "gdsim.core.data_problems:build_regression_problem",
    "classification": "gdsim.core.data_problems:build_classification_problem",
    "network": "gdsim.nets.problem:build_network_problem",
}


def _builder(kind: str) -> Callable[[Mapping[str, Any]], Problem] | None:
    target = PROBLEM_KINDS.get(kind) if isinstance(kind, str) else None
    if target is None:
        return None
    module_name, function = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        return None
    return getattr(module, function, None)


def build_problem(spec: Mapping[str, Any]) -> Problem:
    """The Problem a scenario's "problem" object describes; InputError (path within it) otherwise."""
    if not isinstance(spec, Mapping):
        raise InputError("", "must be an object with a \"kind\"", "key.missing", {"key": "kind"})
    kind = spec.get("kind")
    builder = _builder(kind)
    if builder is None:
        known = ", ".join(k for k in PROBLEM_KINDS if _builder(k) is not None)
        raise InputError("kind", f"unknown problem kind {kind!r}; known: {known}", "choice.unknown",
                         {"value": kind, "choices": known})
    return builder(spec)
