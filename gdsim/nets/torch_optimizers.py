"""Optimizer classes named in scenarios: ``torch.optim.<Class>`` and ``pytorch_optimizer.<Class>``.

A name is checked as text first (one of the two module prefixes, then a class name of letters, digits
and underscores starting with a letter), so a name outside the two modules is refused without
importing anything. The class is then looked up among the module's own attributes (``vars``, no
``getattr`` hooks, no importlib of the name) and must be a subclass of torch.optim.Optimizer.

Its hyperparameters come from its constructor's signature: each parameter with a plain default (a
number, a switch, a tuple of numbers, text, or an optional number) becomes a gdsim
:class:`~gdsim.core.params.Param`, with its help taken from the class's docstring, so editors,
validation and tooltips work as for gdsim's own optimizers. The constructor's own refusal (a
ValueError on a value it does not accept) becomes an :class:`~gdsim.core.errors.InputError`.

torch and pytorch_optimizer are imported when a class is first resolved, never when this module is.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.optimizers.class_names import split_class_name
from gdsim.core.params import Param, check_keys
from gdsim.nets.optimizer_needs import needs_of, parameters_for

#: Constructor arguments that are not hyperparameters a person sets.
NOT_HYPER = {"self", "params", "foreach", "fused", "capturable", "differentiable", "device", "closure"}
#: The torch.optim optimizers a wrapper (SAM, Lookahead, ...) may wrap.
BASES = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam")
BASE = Param("base", "choice", "SGD", "The torch.optim optimizer this one wraps (its rate is lr).", choices=BASES)
WRAPPED_LR = Param("lr", "number", 0.001, "Learning rate of the wrapped optimizer.", low=0.0, slider=(1e-5, 1.0),
                   log=True)
#: Arguments without a default that gdsim declares itself.
REQUIRED_PARAMS = {
    "num_iterations": Param("num_iterations", "whole", 1000, "Number of updates the schedule plans for "
                            "(warm-up and warm-down).", low=1),
    "num_data": Param("num_data", "whole", 1000, "Number of training samples the noise is scaled for.", low=1),
}
#: Classes gdsim cannot run on a landscape's balls, with the reason (pytorch_optimizer 4.1.0, torch 2.13).
UNSUPPORTED = {
    "torch.optim.SparseAdam": "takes sparse gradients only",
    "pytorch_optimizer.DistributedMuon": "needs a torch.distributed process group (init_process_group)",
    "pytorch_optimizer.LoRARite": "updates low-rank (LoRA) matrix pairs; a ball does not move",
    "pytorch_optimizer.GSAM": "needs a torch.nn.Module and a rho scheduler",
    "pytorch_optimizer.WSAM": "needs a torch.nn.Module",
    "pytorch_optimizer.PCGrad": "combines several losses' gradients (pc_backward), not a step",
    "pytorch_optimizer.SafeFP16Optimizer": "is a float16 loss-scaling wrapper; balls are float64",
    "pytorch_optimizer.DeMo": "needs the einops package and a distributed process group",
    "pytorch_optimizer.AvaGrad": "divides by zero in its own first step (ZeroDivisionError)",
    "pytorch_optimizer.Magma": "mixes float32 and float64 in its own step (expected dtype double)",
    "pytorch_optimizer.SaRA": "needs a threshold it computes from a network's weights (None / float)",
}
#: The default of the hyperparameter gdsim's lr stands for when the class's own default is None (AliG's max_lr).
RATE_DEFAULT = 0.1
#: One argument's line of a docstring's Args section: ``name (type): text`` or ``name: text``.
_ARG_LINE = re.compile(r"^\s{2,}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


def resolve_class(name: str) -> type:
    """The optimizer class ``name`` names, looked up among its module's own attributes."""
    module_name, class_name = split_class_name(name)
    import torch

    if module_name == "pytorch_optimizer":
        try:
            module = importlib.import_module("pytorch_optimizer")
        except ImportError:
            raise InputError("", "pytorch_optimizer is not installed (pip install pytorch-optimizer)",
                             "optimizer.not_installed", {"value": name}) from None
    else:
        module = torch.optim
    found = vars(module).get(class_name)
    if not (isinstance(found, type) and issubclass(found, torch.optim.Optimizer)
            and found is not torch.optim.Optimizer):
        raise InputError("", f"{module_name} has no optimizer class {class_name!r}", "optimizer.unknown_class",
                         {"value": name, "module": module_name})
    return found


# --- declarations from signatures --------------------------------------------------------------


def first_paragraph(doc: str | None) -> str:
    """The docstring's first paragraph on one line."""
    text = inspect.cleandoc(doc or "")
    return " ".join(text.split("\n\n", 1)[0].split())


def argument_help(doc: str | None) -> dict[str, str]:
    """Each argument's description from an ``Args:`` section (Google style, torch's or pytorch_optimizer's)."""
    helps: dict[str, str] = {}
    current = None
    for line in (doc or "").splitlines():
        match = _ARG_LINE.match(line)
        if match and not line.strip().startswith(("..", ">>>")):
            current = match.group(1)
            helps[current] = match.group(2).strip()
        elif current and line.strip():
            helps[current] += " " + line.strip()
        else:
            current = None
    return {name: " ".join(text.split()) for name, text in helps.items()}


def _annotation_kinds(annotation: Any) -> set[type]:
    """The plain types an annotation allows (``float | None`` gives {float, NoneType})."""
    if isinstance(annotation, str):
        return set()
    args = typing.get_args(annotation)
    if args and typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return {a for a in args if isinstance(a, type)}
    return {annotation} if isinstance(annotation, type) else set()


def param_from_signature(parameter: inspect.Parameter, help_text: str) -> Param | None:
    """The Param of one constructor argument, or None when its default is not a plain value."""
    default, name = parameter.default, parameter.name
    kinds = _annotation_kinds(parameter.annotation)
    help_text = help_text or f"{name} (the class's own argument)."
    if isinstance(default, bool):
        return Param(name, "bool", default, help_text)
    if isinstance(default, int) and float not in kinds:
        return Param(name, "whole", default, help_text)
    if isinstance(default, int | float):
        if name == "lr":
            return Param(name, "number", float(default), help_text, low=0.0, slider=(1e-5, 1.0), log=True)
        return Param(name, "number", float(default), help_text)
    if isinstance(default, tuple) and default and all(isinstance(v, int | float) and not isinstance(v, bool)
                                                      for v in default):
        return Param(name, "pair", tuple(float(v) for v in default), help_text)
    if isinstance(default, str):
        return Param(name, "text", default, help_text)
    if default is None and kinds & {float, int}:
        return Param(name, "number" if float in kinds else "whole", None, help_text, optional=True,
                     placeholder="default")
    return None


@dataclass(frozen=True)
class TorchOptimizerClass:
    """A torch optimizer class as gdsim declares an optimizer: name, title, hyperparameters, help.

    It answers ``defaults`` and ``validate`` as gdsim's NumPy optimizer classes do, so the same checks,
    editors and tooltips serve both.
    """

    name: str
    title: str
    cls: type
    hypers: tuple[Param, ...]
    rule: str
    wraps: str = ""
    state_names: tuple[str, ...] = ()
    velocity_state: None = None

    def defaults(self) -> dict[str, Any]:
        """The constructor's defaults of every declared hyperparameter."""
        return {h.name: h.default for h in self.hypers}

    def validate(self, hyper: Mapping[str, Any]) -> dict[str, Any]:
        """Fill defaults and check each value by its declaration, then by the constructor itself."""
        known = {h.name: h for h in self.hypers}
        check_keys(hyper, known, owner=self.name, noun="hyperparameter")
        filled = self.defaults()
        filled.update({key: known[key].check(value) for key, value in hyper.items()})
        self.construct(filled)
        return filled

    def construct(self, hyper: Mapping[str, Any], params: list | None = None):
        """The optimizer over ``params`` (a probe tensor when None); its refusal as an InputError."""
        import torch

        needs = needs_of(self.name)
        values = {key: value for key, value in hyper.items() if value is not None}
        if needs.rate != "lr":
            values[needs.rate] = values.pop("lr")
        values.update(needs.arguments)
        if params is None:
            shape = (1, 2) if needs.matrices else (2,)
            params = [torch.nn.Parameter(torch.zeros(shape, dtype=torch.float64))]
        try:
            if self.wraps == "optimizer":
                base = vars(torch.optim)[values.pop("base")]
                return self.cls(base(params, lr=values.pop("lr")), **values)
            if self.wraps == "base_optimizer":
                values["base_optimizer"] = vars(torch.optim)[values.pop("base")]
            return self.cls(parameters_for(needs, params), **values)
        except (ValueError, TypeError, NotImplementedError, AssertionError) as error:
            raise InputError("", f"{self.name} refuses these hyperparameters: {error}", "optimizer.refused",
                             {"optimizer": self.name, "reason": str(error)}) from None


@functools.cache
def torch_optimizer_class(name: str) -> TorchOptimizerClass:
    """The declaration of the class ``name`` (resolved once; InputError for names it cannot take)."""
    if name in UNSUPPORTED:
        raise InputError("", f"{name} cannot move gdsim's balls: it {UNSUPPORTED[name]}", "optimizer.unsupported",
                         {"value": name, "reason": UNSUPPORTED[name]})
    cls = resolve_class(name)
    helps = argument_help(cls.__doc__) | argument_help(cls.__init__.__doc__)
    needs = needs_of(name)
    hypers, required, wraps = [], [], ""
    for parameter in inspect.signature(cls.__init__).parameters.values():
        if parameter.name in NOT_HYPER or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.name == "model" and needs.module or parameter.name in needs.arguments:
            continue  # gdsim gives these itself
        if parameter.name == needs.rate != "lr":
            hypers.insert(0, Param("lr", "number", RATE_DEFAULT, f"Largest step ({needs.rate}): "
                                   + helps.get(parameter.name, ""), low=0.0, slider=(1e-5, 1.0), log=True))
            continue
        if parameter.name in ("optimizer", "base_optimizer") and parameter.default is inspect.Parameter.empty:
            wraps = parameter.name
            hypers.append(BASE)
            continue
        if parameter.name in REQUIRED_PARAMS and parameter.default is inspect.Parameter.empty:
            hypers.append(REQUIRED_PARAMS[parameter.name])
            continue
        if parameter.default is inspect.Parameter.empty:
            required.append(parameter.name)
            continue
        param = param_from_signature(parameter, helps.get(parameter.name, ""))
        if param is not None:
            hypers.append(param)
    if wraps and not any(h.name == "lr" for h in hypers):
        hypers.insert(0, WRAPPED_LR)
    if required:
        raise InputError("", f"{name} cannot move gdsim's balls: it needs {', '.join(required)}",
                         "optimizer.unsupported", {"value": name, "reason": f"needs {', '.join(required)}"})
    return TorchOptimizerClass(name, name.split(".")[-1], cls, tuple(hypers), first_paragraph(cls.__doc__),
                               wraps)


def class_names(module_name: str) -> list[str]:
    """Every optimizer class of ``module_name`` (one of :data:`MODULES`) as a scenario names it."""
    import torch

    module = torch.optim if module_name == "torch.optim" else importlib.import_module(module_name)
    return sorted(f"{module_name}.{key}" for key, value in vars(module).items()
                  if isinstance(value, type) and issubclass(value, torch.optim.Optimizer)
                  and value is not torch.optim.Optimizer and not key.startswith("_"))
