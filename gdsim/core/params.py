"""One declaration per setting (:class:`Param`): its kind, default, range, label and help.

Validation, the window's editors and tooltips, and the README's tables are all generated from these
declarations, so a setting is described in exactly one place. ``Param.check`` and :func:`check_keys`
raise :class:`~gdsim.core.errors.InputError` with a stable ``code`` and its ``params`` beside the
English sentence, so a translation can be built from code and params alone.

Codes and their params
----------------------
``type.number`` {value, optional}
    Not a number (text, true/false, a list, null where null is not allowed).
``number.not_finite`` {value}
    NaN or an infinity.
``number.too_small`` {low, open, value}
    Below ``low`` (at ``low`` too when ``open``). For whole numbers ``high`` is given as well.
``number.too_large`` {high, open, value}
    Above ``high`` (at ``high`` too when ``open``). For whole numbers ``low`` is given as well.
``type.whole`` {low, high, value, optional}
    Not a whole number; ``high`` is None when unbounded.
``type.bool`` {value}
    Not true or false.
``type.pair`` {length, example}
    Not a list of ``length`` numbers.
``type.text`` {value}
    Not text.
``text.surrogate`` {value}
    Text holding a lone surrogate (``"\\ud800"``), which cannot be written to a file.
``number.beyond_float`` {value} (or {digits} from the JSON reader)
    A number too large for a float (``10**400`` written out).
``key.duplicate`` {key}
    A key given twice in one JSON object.
``file.*`` {path, ...}
    Reading or writing a file (``file.missing``, ``file.not_regular``, ``file.too_large``, ``file.unwritable``,
    ...: see :mod:`gdsim.session.jsonio`).
``limit.*`` {value, max}
    More than a documented limit allows (see :mod:`gdsim.session.limits`).
``record.array`` {}, ``record.lengths`` {lengths}
    A recorded array that is not numbers in lists of equal length; a run's arrays of unequal lengths.
``events.order`` {step, previous}, ``events.after_end`` {step, ticks}, ``events.no_run`` {run, runs}
    A recording's events out of order, after its end, or for a run that does not exist then.
``problem.overflow`` {reason}
    A problem whose numbers are too large to build it (data generated over ±1e308).
``type.colour`` {value, example}
    Not a colour written ``#RRGGBB`` or ``#RRGGBBAA``.
``type.object`` {value}
    Not an object (a JSON mapping) where one is needed.
``type.list`` {value}
    Not a list where one is needed.
``choice.unknown`` {value, choices}
    Not one of ``choices``.
``key.unknown`` {key, allowed, owner, noun}
    A key that is not one of ``allowed``; ``owner`` names what was being read (may be empty).
``key.missing`` {key}
    A key that must be given.

Codes raised elsewhere, by checks that need more than one value or the problem:

``hyper.nesterov`` {momentum, dampening}
    SGD's Nesterov momentum switched on without momentum > 0 and dampening 0.
``range.empty`` {low, high}
    A range [low, high] whose low is not below its high (a domain, a generated data set's x_range).
``start.point`` {dim, names, value}
    A start that is not a point of the problem's dimension (``names``: its parameters).
``start.swarm`` {keys}
    A swarm start other than ``{"grid": [...]}`` or ``{"random": N}``.
``start.grid`` {dim, value}
    A grid that does not give one count per parameter.
``start.too_many`` {count, max}
    A swarm larger than allowed.
``batch.no_data`` {}
    A batch size on a problem without data.
``batch.too_large`` {value, samples}
    A batch larger than the data set.
``args.one_pair`` {count}
    A recorded set_hyper or set_run_option event whose args are not exactly one name and its value.
``type.null`` {value}
    A value that must be null (the run of a reset or add_run event).
``format.other`` {expected, found}
    A file of another format (``found`` is None without a "format" key).
``version.newer`` {version, current}
    A file written by a newer gdsim.
``view.unfit`` {view, needs}
    A scenario's "view" naming a view its problem cannot show.
``formula.empty`` {}, ``formula.unclosed``, ``formula.empty_brackets``, ``formula.ends_early`` {column}
    A typed formula that is empty, leaves a bracket open, has empty brackets or ends too early.
``formula.character``, ``formula.function``, ``formula.bad_start``, ``formula.unexpected``,
``formula.operator_before``, ``formula.ends_after`` {text, column}
    A character not allowed, a function without brackets, a bad first token, an unexpected token,
    a missing operator before ``text``, a formula ending after ``text``.
``formula.operator_between`` {before, text, column}
    A missing operator between two tokens.
``formula.unknown_name`` {text, close, functions, column}
    A name that is not x, y, pi, e or a function (``close``: the name meant, or None).
``formula.variables`` {count, text, column}
    More than two variables; ``text`` is the first extra one.
``data.x_constant`` {}, ``data.column_constant`` {column}, ``data.one_class`` {label}, ``data.separable`` {}
    Data that cannot be standardised, labels of one class only with l2, separable classes.
``model.mlp_only`` {key, model}, ``model.cnn_images`` {data}, ``model.logistic_loss`` {},
``model.hidden_text`` {value}, ``loss.regression_data`` {data}, ``loss.class_data`` {data},
``data.path_mnist`` {}, ``data.path_csv`` {}
    A network whose model, loss and data do not go together, or whose data file is not named.
``eval.no_network`` {}, ``init_seed.no_network`` {}, ``network.fixed`` {name, fixed}, ``update.torch`` {}
    Run settings only networks take, settings a network run must keep, a torch optimizer's update.
``optimizer.class_name`` {value}, ``optimizer.not_installed`` {value}, ``optimizer.unknown_class``
{value, module}, ``optimizer.refused`` {optimizer, reason}, ``optimizer.unsupported`` {value, reason}
    An optimizer class that cannot be named, found or used.
``command.unknown`` {command}, ``option.not_settable`` {name}
    An engine command it does not know; a run option that cannot be changed while running.
``render.*``, ``number.range`` {value, high}
    A rendering's options (see :mod:`gdsim.qt.render.job`).
``dataset.*`` {path, ...}
    A network's data file (an MNIST copy, a csv) that cannot be used (see :mod:`gdsim.nets.datasets`).
``samples.*`` {...}, ``formula.not_text`` {}, ``domain.ranges`` {count}
    A data problem's inline samples; an expression problem's formula and domain.
``slice.few_evaluations`` {}, ``slice.no_network`` {}, ``network.no_start`` {}, ``run.missing`` {run},
``view.twice`` {}, ``optimizer.fused`` {fixed, optimizer}, ``optimizer.matrices_only`` {optimizer}
    Commands the engine refuses; a scenario naming a view twice; noise or clipping for a class that
    updates inside backward (LOMO); a matrices-only class on a network with biases.
``sweep.*`` {...}
    A sweep file's rates, seeds, labels, threshold, or its Dask scheduler (see :mod:`gdsim.session.sweep`).
``text`` {}
    Anything else: the sentence is the only form.

``value`` is always the offending value as a person wrote it in JSON (see :func:`describe`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gdsim.core.errors import InputError, printable

#: What a setting holds: a real number, a whole number, a switch, a pair of numbers, one of a list of
#: names, free text, or a colour.
Kind = Literal["number", "whole", "bool", "pair", "choice", "text", "colour"]
KINDS: tuple[str, ...] = ("number", "whole", "bool", "pair", "choice", "text", "colour")
COLOUR_EXAMPLE = "#0072B2"
FLOAT_MAX = 1.7976931348623157e308


#: The longest a value is echoed in a message; longer text is cut with an ellipsis.
MAX_SHOWN = 60
#: Whole numbers must fit a 64-bit integer (NumPy's), whatever their declared range.
WHOLE_MAX = 2**63 - 1
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?")


def describe(value: Any) -> str:
    """A value as a person wrote it in JSON, short and on one line.

    ``null``, ``true``, ``'abc'`` (text: control characters, U+2028/U+2029 and lone surrogates
    escaped, cut at :data:`MAX_SHOWN` characters with an ellipsis), ``1.5``, ``a list``,
    ``an object``, ``a number of 401 digits``.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = printable(repr(value[:MAX_SHOWN + 1]))
        return shown if len(value) <= MAX_SHOWN else shown[:MAX_SHOWN] + "…" + shown[-1]
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, int):
        if value.bit_length() > 150:
            return f"a number of about {int(value.bit_length() * math.log10(2)) + 1} digits"
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return f"{value:g}"
    if isinstance(value, float):
        return repr(value)
    return printable(f"a value of type {type(value).__name__}", MAX_SHOWN)


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (``"\\ud800"``), which no file can store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_text(value: Any, where: str) -> str:
    """``value`` if it is text that can be written to a file; InputError (``type.text`` or
    ``text.surrogate``) at ``where`` otherwise."""
    if not isinstance(value, str):
        raise InputError(where, f"must be text, not {describe(value)}", "type.text", {"value": describe(value)})
    if has_surrogate(value):
        raise InputError(where, f"holds a lone surrogate ({describe(value)}), which is not a character: write the "
                                "character itself", "text.surrogate", {"value": describe(value)})
    return value


def _g(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _whole_text(value: float) -> str:
    return str(int(value))


@dataclass(frozen=True)
class Param:
    """One setting: what it holds, what it may be, and how a person edits it.

    Attributes
    ----------
    name
        The key in a file (``lr``, ``clip_norm``, ``stop.loss_below``); errors name it as their path.
    kind
        One of :data:`KINDS`.
    default
        The value when the key is absent (a tuple for a pair).
    help
        One or two sentences saying what it does (tooltips, the README).
    label
        A short label for an editor; the name when empty.
    low, high
        The smallest and largest valid number (``None``: unbounded); ``low_open`` / ``high_open``
        exclude the bound itself. For pairs they bound each entry.
    optional
        ``None`` (JSON null) is allowed and means "off" / "automatic".
    placeholder
        What an editor shows for ``None`` (``"off"``).
    choices
        The allowed names of a ``choice``.
    slider, log
        A number editor's slider range and whether it is logarithmic; any valid value can still be
        typed in.
    """

    name: str
    kind: Kind
    default: Any
    help: str
    label: str = ""
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    optional: bool = False
    placeholder: str = ""
    choices: tuple[str, ...] = ()
    slider: tuple[float, float] | None = None
    log: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"{self.name}: a choice needs its choices")

    @property
    def title(self) -> str:
        """The label, or the name when no label is declared."""
        return self.label or self.name

    # --- checking ---------------------------------------------------------------------------

    def check(self, value: Any, where: str | None = None) -> Any:
        """``value`` in canonical form (floats for numbers, ints for whole numbers, tuples for pairs).

        Parameters
        ----------
        value
            As read from a file or typed in.
        where
            The path errors name; :attr:`name` by default.

        Raises
        ------
        InputError
            Whose path is ``where`` (``where[i]`` for an entry of a pair), with a code from the
            module docstring.
        """
        if where is not None and where != self.name:
            try:
                return self.check(value)
            except InputError as error:
                raise InputError(where + error.path[len(self.name):], error.message, error.code,
                                 error.params) from None
        if value is None and self.optional:
            return None
        if self.kind == "number":
            return self._number(value, self.name)
        if self.kind == "whole":
            return self._whole(value)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise InputError(self.name, f"must be true or false, not {describe(value)}", "type.bool",
                                 {"value": describe(value)})
            return value
        if self.kind == "pair":
            return self._pair(value)
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise InputError(self.name, f"must be one of {', '.join(self.choices)}, not {describe(value)}",
                                 "choice.unknown", {"value": describe(value), "choices": list(self.choices)})
            return value
        if self.kind == "colour":
            if not _is_colour(value):
                raise InputError(self.name, f"must be a colour such as \"{COLOUR_EXAMPLE}\", not {describe(value)}",
                                 "type.colour", {"value": describe(value), "example": COLOUR_EXAMPLE})
            return value
        return check_text(value, self.name)

    def _or_null(self) -> str:
        return " or null" if self.optional else ""

    def _number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(where, f"must be a number{self._or_null()}, not {describe(value)}", "type.number",
                             {"value": describe(value), "optional": self.optional})
        if isinstance(value, int) and abs(value) > FLOAT_MAX:
            raise InputError(where, f"must be a number a float can hold (at most about 1.8e308 in size), not "
                                    f"{describe(value)}", "number.beyond_float", {"value": describe(value)})
        if not math.isfinite(value):
            raise InputError(where, f"must be a finite number, not {describe(value)}", "number.not_finite",
                             {"value": describe(value)})
        value = float(value)
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            bound = "greater than" if self.low_open else "at least"
            raise InputError(where, f"must be {bound} {_g(self.low)}, not {_g(value)}", "number.too_small",
                             {"low": self.low, "open": self.low_open, "value": value})
        if self.high is not None and (value > self.high or (self.high_open and value == self.high)):
            bound = "below" if self.high_open else "at most"
            raise InputError(where, f"must be {bound} {_g(self.high)}, not {_g(value)}", "number.too_large",
                             {"high": self.high, "open": self.high_open, "value": value})
        return value

    def _whole(self, value: Any) -> int:
        low = None if self.low is None else int(self.low)
        high = None if self.high is None else int(self.high)
        if low is None:
            span = f"at most {high}" if high is not None else ""
        else:
            span = f"from {low} to {high}" if high is not None else f"of at least {low}"
        sentence = f"must be a whole number{' ' if span else ''}{span}{self._or_null()}, not {describe(value)}"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(self.name, sentence, "type.whole",
                             {"low": low, "high": high, "value": describe(value), "optional": self.optional})
        if abs(value) > WHOLE_MAX and (low is None or high is None):
            raise InputError(self.name, f"must be a whole number of at most {WHOLE_MAX} in size, not "
                                        f"{describe(value)}", "number.too_large",
                             {"low": low, "high": WHOLE_MAX, "open": False, "value": describe(value)})
        if low is not None and value < low:
            raise InputError(self.name, sentence, "number.too_small",
                             {"low": low, "high": high, "open": False, "value": value})
        if high is not None and value > high:
            raise InputError(self.name, sentence, "number.too_large",
                             {"low": low, "high": high, "open": False, "value": value})
        return value

    def _pair(self, value: Any) -> tuple[float, ...]:
        length = len(self.default)
        if not isinstance(value, list | tuple) or len(value) != length:
            example = [float(v) for v in self.default]
            raise InputError(self.name, f"must be a pair of numbers such as {example}, not {describe(value)}",
                             "type.pair", {"length": length, "example": example})
        return tuple(self._number(v, f"{self.name}[{i}]") for i, v in enumerate(value))

    # --- documentation ----------------------------------------------------------------------

    def range_text(self) -> str:
        """The valid values in words (``"≥ 0"``, ``"[0, 1)"``, ``"one of a, b"``, ``""`` for anything)."""
        bound = _whole_text if self.kind == "whole" else _g
        if self.kind in ("bool", "text"):
            text = "true or false" if self.kind == "bool" else "text"
        elif self.kind == "colour":
            text = "#RRGGBB"
        elif self.kind == "choice":
            text = " or ".join(f'"{c}"' for c in self.choices)
        elif self.low is not None and self.high is not None:
            left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
            text = f"{left}{bound(self.low)}, {bound(self.high)}{right}"
        elif self.low is not None:
            text = f"{'>' if self.low_open else '≥'} {bound(self.low)}"
        elif self.high is not None:
            text = f"{'<' if self.high_open else '≤'} {bound(self.high)}"
        else:
            text = "any number" if self.kind in ("number", "pair") else "any whole number"
        if self.kind == "whole" and self.low is not None:
            text = f"whole, {text}"
        if self.kind == "pair":
            text = f"two numbers, each {text}"
        return f"{text}, or null" if self.optional else text

    def default_text(self) -> str:
        """The default as written in a file (``null``, ``true``, ``[0.9, 0.999]``, ``"shuffle"``)."""
        value = self.default
        if value is None or isinstance(value, bool):
            return describe(value)
        if isinstance(value, str):
            return f'"{value}"'
        if isinstance(value, tuple | list):
            return "[" + ", ".join(_g(v) for v in value) + "]"
        return _g(value)


def _is_colour(value: Any) -> bool:
    return isinstance(value, str) and _COLOUR.fullmatch(value) is not None


# --- many settings at once --------------------------------------------------------------------


def check_keys(data: Mapping[str, Any], allowed: Iterable[str], where: str = "", owner: str = "",
               noun: str = "key") -> None:
    """Refuse the first key of ``data`` not in ``allowed`` (code ``key.unknown``).

    Parameters
    ----------
    data
        The object read.
    allowed
        Its valid keys.
    where
        The key path of ``data`` itself, prefixed to the path of the error.
    owner
        What the object configures (``"sgd"``, ``"a regression problem"``), named in the sentence.
    noun
        What its keys are called (``"hyperparameter"``, ``"option"``).
    """
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            key = printable(str(key), MAX_SHOWN)
            path = f"{where}.{key}" if where else key
            if not owner:
                what = f"unknown {noun}"
            elif noun == "key":
                what = f"unknown key for {owner}"
            else:
                what = f"{owner} has no {noun} {key!r}"
            raise InputError(path, f"{what}; allowed: {', '.join(allowed) or 'none'}", "key.unknown",
                             {"key": key, "allowed": list(allowed), "owner": owner, "noun": noun})


def require_keys(data: Mapping[str, Any], required: Iterable[str], why: str = "") -> None:
    """Refuse an object missing one of ``required`` (code ``key.missing``); ``why`` completes the sentence."""
    for key in required:
        if key not in data:
            raise InputError(key, f"missing{': ' + why if why else ''}", "key.missing", {"key": key})


def require_object(value: Any, where: str = "", example: str = "") -> Mapping[str, Any]:
    """``value`` if it is an object; otherwise an InputError (code ``type.object``) at ``where``."""
    if not isinstance(value, Mapping):
        such = f" such as {example}" if example else ""
        raise InputError(where, f"must be an object{such}, not {describe(value)}", "type.object",
                         {"value": describe(value)})
    return value


def check_params(data: Mapping[str, Any], params: Sequence[Param], where: str = "",
                 owner: str = "", noun: str = "key") -> dict[str, Any]:
    """Every declared setting of ``data`` checked, with the defaults of those absent.

    Raises
    ------
    InputError
        For an unknown key or a refused value; the path is ``where`` followed by the key.
    """
    by_name = {p.name: p for p in params}
    check_keys(data, by_name, where, owner, noun)
    filled = {p.name: p.default for p in params}
    for key, value in data.items():
        try:
            filled[key] = by_name[key].check(value)
        except InputError as error:
            raise error.within(where) from None
    return filled


def defaults(params: Sequence[Param]) -> dict[str, Any]:
    """``{name: default}`` of the declared settings."""
    return {p.name: p.default for p in params}
