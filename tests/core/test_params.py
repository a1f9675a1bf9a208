"""Param: one declaration per setting; each class of value on each side of each bound, and the codes."""

from __future__ import annotations

from typing import Any

import pytest

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_params, describe

UNIT = Param("beta", "number", 0.5, "A factor in [0, 1).", low=0.0, high=1.0, high_open=True)
POSITIVE = Param("clip", "number", None, "Greater than 0 or null.", low=0.0, low_open=True, optional=True)
COUNT = Param("n", "whole", 10, "A count from 1 to 100.", low=1, high=100)
PAIR = Param("betas", "pair", (0.9, 0.999), "Two factors in [0, 1).", low=0.0, high=1.0, high_open=True)
CHOICE = Param("update", "choice", "a", "One of a, b.", choices=("a", "b"))
EPS = 1e-9


@pytest.mark.parametrize(("param", "value", "code"), [
    (UNIT, -EPS, "number.too_small"), (UNIT, 0.0, None), (UNIT, EPS, None),
    (UNIT, 1.0 - EPS, None), (UNIT, 1.0, "number.too_large"), (UNIT, 1.0 + EPS, "number.too_large"),
    (POSITIVE, -EPS, "number.too_small"), (POSITIVE, 0.0, "number.too_small"), (POSITIVE, EPS, None),
    (POSITIVE, None, None), (UNIT, None, "type.number"),
    (COUNT, 0, "number.too_small"), (COUNT, 1, None), (COUNT, 2, None),
    (COUNT, 99, None), (COUNT, 100, None), (COUNT, 101, "number.too_large"),
])
def test_each_side_of_each_bound(param: Param, value: Any, code: str | None) -> None:
    if code is None:
        assert param.check(value) == value
        return
    with pytest.raises(InputError) as caught:
        param.check(value)
    assert (caught.value.path, caught.value.code) == (param.name, code)


@pytest.mark.parametrize(("param", "value", "code", "sentence"), [
    (UNIT, "0.5", "type.number", "must be a number, not '0.5'"),
    (UNIT, True, "type.number", "must be a number, not true"),
    (POSITIVE, [1], "type.number", "must be a number or null, not a list"),
    (UNIT, float("nan"), "number.not_finite", "must be a finite number, not nan"),
    (UNIT, float("inf"), "number.not_finite", "must be a finite number, not inf"),
    (UNIT, -1, "number.too_small", "must be at least 0, not -1"),
    (UNIT, 1, "number.too_large", "must be below 1, not 1"),
    (POSITIVE, 0, "number.too_small", "must be greater than 0, not 0"),
    (COUNT, 2.5, "type.whole", "must be a whole number from 1 to 100, not 2.5"),
    (COUNT, False, "type.whole", "must be a whole number from 1 to 100, not false"),
    (COUNT, 0, "number.too_small", "must be a whole number from 1 to 100, not 0"),
    (Param("on", "bool", False, "A switch."), 1, "type.bool", "must be true or false, not 1"),
    (PAIR, [0.9], "type.pair", "must be a pair of numbers such as [0.9, 0.999], not a list"),
    (CHOICE, "c", "choice.unknown", "must be one of a, b, not 'c'"),
    (Param("color", "colour", "#000000", "A colour."), "blue", "type.colour",
     "must be a colour such as \"#0072B2\", not 'blue'"),
    (Param("label", "text", "", "A name."), 3, "type.text", "must be text, not 3"),
])
def test_refusals_carry_a_code_its_params_and_a_sentence(param: Param, value: Any, code: str,
                                                         sentence: str) -> None:
    with pytest.raises(InputError) as caught:
        param.check(value)
    assert caught.value.code == code
    assert caught.value.message == sentence
    if code.startswith("number.too"):
        bound = "low" if code.endswith("small") else "high"
        assert caught.value.params[bound] == getattr(param, bound) and caught.value.params["value"] == value


def test_canonical_values() -> None:
    assert PAIR.check([0.5, 0.9]) == (0.5, 0.9)
    assert isinstance(UNIT.check(0), float)
    assert COUNT.check(5.0) == 5 and isinstance(COUNT.check(5.0), int)


def test_a_pair_names_the_entry_and_where_renames_the_path() -> None:
    with pytest.raises(InputError) as caught:
        PAIR.check([0.9, 1.0])
    assert (caught.value.path, caught.value.code) == ("betas[1]", "number.too_large")
    with pytest.raises(InputError) as caught:
        PAIR.check([0.9, 1.0], "hyper.betas")
    assert caught.value.path == "hyper.betas[1]"


def test_unknown_keys_and_defaults() -> None:
    with pytest.raises(InputError) as caught:
        check_keys({"beta": 0.1, "gama": 2}, ("beta", "gamma"), "schedule")
    error = caught.value
    assert (error.path, error.code) == ("schedule.gama", "key.unknown")
    assert error.params["allowed"] == ["beta", "gamma"] and error.message == "unknown key; allowed: beta, gamma"
    with pytest.raises(InputError, match="sgd has no hyperparameter 'x'; allowed: beta, n"):
        check_params({"x": 1}, (UNIT, COUNT), owner="sgd", noun="hyperparameter")
    assert check_params({"n": 3}, (UNIT, COUNT)) == {"beta": 0.5, "n": 3}
    with pytest.raises(InputError) as caught:
        check_params({"n": 0}, (UNIT, COUNT), "options")
    assert caught.value.path == "options.n"


def test_describe_writes_values_as_json_does() -> None:
    assert [describe(v) for v in (None, True, "a", [1], {"a": 1}, 1.5, 2)] == [
        "null", "true", "'a'", "a list", "an object", "1.5", "2"]


def test_documentation_of_ranges_and_defaults() -> None:
    assert [p.range_text() for p in (UNIT, POSITIVE, COUNT, PAIR, CHOICE)] == [
        "[0, 1)", "> 0, or null", "whole, [1, 100]", "two numbers, each [0, 1)", '"a" or "b"']
    assert [p.default_text() for p in (UNIT, POSITIVE, PAIR, CHOICE)] == ["0.5", "null", "[0.9, 0.999]", '"a"']


@pytest.mark.parametrize(("value", "shown"), [
    (None, "null"), (True, "true"), ([1, 2], "a list"), ((1,), "a list"), ({"a": 1}, "an object"),
    (10**400, "a number of about 401 digits"), (12, "12"), (1.5, "1.5"), ("ab", "'ab'"),
    ("a\u2028b\x00", "'a\\u2028b\\x00'"), ("\ud800", "'\\ud800'"), ("x" * 1000, "'" + "x" * 59 + "…'"),
    (object(), "a value of type object"),
])
def test_describe_shows_values_short_on_one_line_and_names_types_as_a_person_would(value, shown):
    assert describe(value) == shown


def test_text_with_a_lone_surrogate_is_refused():
    label = Param("label", "text", "Run", "A name.")
    assert label.check("Adam ✓") == "Adam ✓"
    with pytest.raises(InputError) as caught:
        label.check("Adam \ud800")
    assert (caught.value.path, caught.value.code) == ("label", "text.surrogate")


@pytest.mark.parametrize(("param", "value", "code"), [
    (UNIT, 10**400, "number.beyond_float"), (UNIT, -(10**400), "number.beyond_float"),
    (PAIR, [0.5, 10**309], "number.beyond_float"),
    (Param("n", "whole", 1, "Unbounded above.", low=1), 2**63, "number.too_large"),
    (Param("n", "whole", 1, "Unbounded above.", low=1), 10**400, "number.too_large"),
    (COUNT, 10**400, "number.too_large"),
])
def test_numbers_beyond_what_a_float_or_int64_holds_are_refused(param, value, code):
    with pytest.raises(InputError) as caught:
        param.check(value)
    assert caught.value.code == code and "\n" not in str(caught.value)


@pytest.mark.parametrize(("colour", "valid"), [
    ("#0072B2", True), ("#0072b2cc", True), ("#0x1234", False), ("#+12345", False), ("# 12345", False),
    ("#1234_5", False), ("#0072B2\n", False), ("#００７２Ｂ２", False), ("0072B2", False), ("#0072B", False),
])
def test_colours_are_strictly_hex(colour, valid):
    param = Param("color", "colour", "#0072B2", "A colour.")
    if valid:
        assert param.check(colour) == colour
    else:
        with pytest.raises(InputError, match="must be a colour"):
            param.check(colour)


def test_an_error_is_one_short_line_whatever_it_echoes():
    error = InputError("k" * 5000 + "\n", "bad\u2029value " * 500)
    assert "\n" not in str(error) and "\u2029" not in str(error) and len(str(error)) < 1300
    assert error.path.endswith("…") and error.within("runs[0]").path.startswith("runs[0].")
