"""The options of a run besides its optimizer, start and schedule, each declared once as a Param.

A stop rule is named ``stop.<key>`` (its value lives in the run's StopSpec). Scenario files, live
commands, the run editor's form and the README's table all read these declarations.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gdsim.core.params import Param
from gdsim.core.sampling import SAMPLING_MODES
from gdsim.engine.spec import OKABE_ITO, RunSpec

UPDATE_ORDERS = ("simultaneous", "sequential")
STOP_KEYS = ("loss_below", "grad_norm_below", "step_below")

LABEL = Param("label", "text", "Run", "The run's name in the legend and the results (default: the optimizer's "
              "title).", label="Name")
COLOR = Param("color", "colour", OKABE_ITO[0], "The run's colour, #RRGGBB (default: the next colour of the "
              "Okabe-Ito palette, readable with colour blindness).", label="Colour")
VISIBLE = Param("visible", "bool", True, "Draw the run (hidden runs keep running).", label="Visible")
CLIP_NORM = Param("clip_norm", "number", None,
                  "Rescale the gradient so its length is at most this (torch's clip_grad_norm_); empty: no clipping.",
                  label="Clip norm", low=0.0, low_open=True, optional=True, placeholder="off")
GRAD_NOISE = Param("grad_noise", "number", 0.0,
                   "Standard deviation of Gaussian noise added to every gradient component (simulates "
                   "stochastic gradients).", label="Noise σ", low=0.0)
UPDATE = Param("update", "choice", "simultaneous",
               "simultaneous: every coordinate from the same gradient; sequential: one coordinate at a time, "
               "each with the gradient at the point just updated.", label="Update", choices=UPDATE_ORDERS)
BATCH_SIZE = Param("batch_size", "whole", None,
                   "Samples per gradient: 1 is SGD, b a mini-batch; empty: the whole data set (batch gradient "
                   "descent). Data problems only.", label="Batch size", low=1, optional=True,
                   placeholder="all samples")
SAMPLING = Param("sampling", "choice", "shuffle",
                 "shuffle: a new permutation each epoch; replacement: samples drawn independently; "
                 "without replacement: a fresh set of distinct samples each step.", label="Sampling",
                 choices=SAMPLING_MODES)
RECORD_EVERY = Param("record_every", "whole", None,
                     "Keep every k-th point of the path, always the first and last (empty: every step; for "
                     "swarms: final positions only).", label="Record every", low=1, optional=True,
                     placeholder="every step")
#: Updates between two evaluations of a network when ``eval_every`` is null.
DEFAULT_EVAL_EVERY = 25
EVAL_EVERY = Param("eval_every", "whole", None,
                   "Networks only: updates between two evaluations of the full training loss and the validation "
                   f"loss and accuracy (empty: every {DEFAULT_EVAL_EVERY}).", label="Evaluate every", low=1,
                   optional=True, placeholder=f"every {DEFAULT_EVAL_EVERY}")
INIT_SEED = Param("init_seed", "whole", None,
                  "Networks only: the run's own initial weights, those torch.manual_seed(init_seed) gives a "
                  "freshly built model (empty: the weights every run of the scenario shares, drawn from its "
                  "seed).", label="Initial weights seed", low=0, high=2**63 - 1, optional=True,
                  placeholder="shared")
LOSS_BELOW = Param("stop.loss_below", "number", None, "Stop a ball once its loss J(θ) is below this.",
                   label="Loss below", low=0.0, optional=True, placeholder="off")
GRAD_NORM_BELOW = Param("stop.grad_norm_below", "number", None, "Stop a ball once its gradient's length is below "
                        "this.", label="‖g‖ below", low=0.0, optional=True, placeholder="off")
STEP_BELOW = Param("stop.step_below", "number", None, "Stop a ball once a step moves it less than this distance.",
                   label="Step below", low=0.0, optional=True, placeholder="off")

#: Every run option, in the order of a scenario file's run object.
RUN_OPTIONS: tuple[Param, ...] = (LABEL, COLOR, VISIBLE, CLIP_NORM, GRAD_NOISE, UPDATE, BATCH_SIZE, SAMPLING,
                                  RECORD_EVERY, EVAL_EVERY, INIT_SEED, LOSS_BELOW, GRAD_NORM_BELOW, STEP_BELOW)
RUN_OPTION_PARAMS: dict[str, Param] = {param.name: param for param in RUN_OPTIONS}


def run_option_value(spec: RunSpec, name: str) -> Any:
    """The value of option ``name`` of ``spec`` (``stop.loss_below`` reads into the stop rules)."""
    if name.startswith("stop."):
        return getattr(spec.stop, name.removeprefix("stop."))
    return getattr(spec, name)


def run_option_change(spec: RunSpec, name: str, value: Any) -> tuple[str, Any]:
    """The (RunSpec field, value) that sets option ``name`` to ``value``: stop rules travel as a whole
    StopSpec."""
    if name.startswith("stop."):
        return "stop", replace(spec.stop, **{name.removeprefix("stop."): value})
    return name, value
