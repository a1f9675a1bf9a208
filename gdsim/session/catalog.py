"""The catalogs as plain data and text: landscapes (``gdsim landscapes --json``) and the table of every
setting a scenario file holds, generated from the declarations (the README's table)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gdsim.core.landscapes import LANDSCAPES, make_landscape
from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.params import Param
from gdsim.core.schedules import SCHEDULE_PARAMS
from gdsim.engine.run_options import RUN_OPTIONS
from gdsim.nets.spec import DATA_PARAMS, HIDDEN_WIDTH, LOSS, MAX_LAYERS, MODEL_PARAMS
from gdsim.session.jsonio import jsonable
from gdsim.session.scenario import PACE, SEED, STEPS, VIEW_NEEDS

#: Keys whose value is a structure rather than one setting: (key, meaning).
STRUCTURES = (
    ("title`, `description`, `captions", "optional texts by language code; captions show between two steps "
     '(`{"from_step", "to_step", "text"}`)'),
    ("problem", '`{"kind": "landscape", "name", "options"}` (see `gdsim landscapes`); '
     '`{"kind": "expression", "expr", "domain"}` a typed formula in x (and y); '
     '`{"kind": "regression" | "classification", ...}` data problems; '
     '`{"kind": "network", "data", "model", "loss"}` a network trained with torch (rows `problem.*` below)'),
)
START = ("runs[].start", 'a point, `{"grid": [nx, ny]}` or `{"random": N}` (a swarm over the domain), or `null` '
         "for the problem's default start")


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


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _row(key: str, param: Param) -> tuple[str, ...]:
    return (f"`{key}`", param.help, param.range_text(), f"`{param.default_text()}`")


def _options(params: Iterable[Param]) -> str:
    return ", ".join(f"`{p.name}` ({p.default_text()}; {p.range_text()})" for p in params)


def settings_table_markdown() -> str:
    """The README's tables: every key of a scenario file, then every optimizer's hyperparameters.

    Generated from the declarations (the Params of the scenario, the run options, the schedules'
    options and each optimizer's hyperparameters), so the README cannot drift from the code.
    """
    names = ", ".join(f"`{name}`" for name in OPTIMIZERS)
    schedules = "; ".join(f"`{name}`: {_options(params[:-2]) or 'no options'}"
                          for name, (_, params) in SCHEDULE_PARAMS.items())
    warmup = _options(next(iter(SCHEDULE_PARAMS.values()))[1][-2:])
    rows: list[tuple[str, ...]] = [(f"`{key}`", meaning, "", "") for key, meaning in STRUCTURES]
    rows += [_row(f"problem.data.{param.name}", param) for param in DATA_PARAMS]
    rows += [_row(f"problem.model.{param.name}", param) for param in MODEL_PARAMS]
    rows += [("`problem.model.hidden`", f"An MLP's hidden layer widths, 1 to {MAX_LAYERS} of them.",
              f"a list of whole numbers, each {HIDDEN_WIDTH.range_text().removeprefix('whole, ')}", "`[64]`")]
    rows += [_row(f"problem.{LOSS.name}", LOSS)]
    rows += [_row(param.name, param) for param in (PACE, STEPS, SEED)]
    rows += [("`view`", "the views shown (version 2): a list of " + ", ".join(f"`{n}`" for n in VIEW_NEEDS)
              + "; each must fit the problem (`1d`: one parameter; `2d`, `3d`: two; `data`: a data problem; "
              "`network`: a network)", "a list, or null", "`null`")]
    rows += [
        ("`runs[].optimizer`", f"the optimizer: {names} (torch.optim's, and `momentum_ema`), or a class "
         "`torch.optim.<Class>` / `pytorch_optimizer.<Class>` (see Optimizer classes below)",
         "a name", '`"sgd"`'),
        ("`runs[].hyper`", "its hyperparameters, with torch's names and defaults (table below)", "an object",
         "`{}`"),
        (f"`{START[0]}`", START[1], "", "`null`"),
        ("`runs[].schedule`", f"the learning-rate schedule (torch.optim.lr_scheduler's semantics): `null` "
         f"(constant) or `{{\"name\": ...}}` with its options: {schedules}; each can have a linear warmup: "
         f"{warmup}", "", "`null`"),
    ]
    rows += [_row(f"runs[].{param.name}", param) for param in RUN_OPTIONS]
    lines = _table(("key", "meaning", "valid values", "default"), rows)
    lines += ["", "Hyperparameters (torch.optim's names, defaults and limits):", ""]
    hypers = [(f"`{cls.name}`", f"`{param.name}`", f"`{param.default_text()}`", param.range_text(), param.help)
              for cls in OPTIMIZERS.values() for param in cls.hypers]
    lines += _table(("optimizer", "hyperparameter", "default", "valid values", "meaning"), hypers)
    return "\n".join(lines) + "\n"
