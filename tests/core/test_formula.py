"""Typed formulas: safe parsing, the messages a person sees, and the exact expression built."""

from __future__ import annotations

import ast
import builtins
import subprocess
import sys
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gdsim.core.formula as formula_module
from gdsim.core.errors import InputError
from gdsim.core.formula import (
    FUNCTIONS,
    MAX_BRACKETS,
    MAX_LENGTH,
    FormulaError,
    FormulaShape,
    parse_formula,
    validate_formula,
)

HOSTILE = [line for line in Path(__file__).with_name("hostile_formulas.txt").read_text("utf-8").splitlines()
           if line.strip() and not line.startswith("# ")]
GENERATED_HOSTILE = [
    "(" * 500 + "x" + ")" * 500,
    "(" * (MAX_BRACKETS + 1) + "x" + ")" * (MAX_BRACKETS + 1),
    "sin(" * 30 + "x" + ")" * 30,
    "-" * 300 + "x",
    "x^" * 100 + "x",
    "x+" * 5000 + "x",
    "x" * (MAX_LENGTH + 1),
    "1" * 10_000,
    "x\n+ 1",
    "x\r",
    "x\x00",
    "x\x1b[31m",
    "\t" * 3,
    "",
    "   ",
]
x, y = sympy.symbols("x y", real=True)


def refusal(text: str) -> FormulaError:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    return caught.value


def assert_sentence(error: InputError, text: str) -> None:
    message = error.message
    assert isinstance(error, InputError)
    assert len(message) >= 12 and " " in message and "\n" not in message, message
    assert message[0].isalnum() or message[0] in "'(", message
    column = getattr(error, "column", None)
    assert column is None or 1 <= column <= len(text) + 1


# --- known answers ------------------------------------------------------------------------------


def test_caret_is_a_power_not_xor():
    parsed = parse_formula("x^2+1")
    assert parsed.expr == x**2 + 1
    assert parsed.variables == ("x",)
    assert parsed.display == "x² + 1"


@pytest.mark.parametrize(("text", "expected"), [
    ("x**2 + 3*sin(y)", x**2 + 3 * sympy.sin(y)),
    ("(x^2+y-11)^2+(x+y^2-7)^2", (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2),
    ("-x^2", -(x**2)),
    ("2^-x", 2 ** (-x)),
    ("x^y^2", x ** (y**2)),
    ("abs(x) + sqrt(y^2 + 1)", sympy.Abs(x) + sympy.sqrt(y**2 + 1)),
    ("ln(x) + log(y)", sympy.log(x) + sympy.log(y)),
    ("atan2(y, x)", sympy.atan2(y, x)),
    ("0.1*x + 1e-3*y", x / 10 + y / 1000),
    ("pi*x + e", sympy.pi * x + sympy.E),
    ("  x  ", x),
])
def test_expressions(text, expected):
    built = parse_formula(text).expr
    for point in ({x: 0.7, y: 1.3}, {x: 2.5, y: 0.4}):
        assert float(built.subs(point)) == pytest.approx(float(expected.subs(point)), rel=1e-14)


@pytest.mark.parametrize(("text", "display"), [
    ("(1-x)^2+100*(y-x^2)^2", "(1 − x)² + 100 (y − x²)²"),
    ("(x^2+y-11)^2+(x+y^2-7)^2", "(x² + y − 11)² + (x + y² − 7)²"),
    ("x**2 + 3*sin(y)", "x² + 3 sin(y)"),
    ("-20*exp(-0.2*sqrt(0.5*(x^2+y^2)))", "−20 exp(−0.2 √(0.5 (x² + y²)))"),
    ("x/(y*2) - (x - y)", "x/(y·2) − (x − y)"),
    ("x*-y + x^-1 + abs(x)", "x·(−y) + x⁻¹ + |x|"),
    ("(x^y)^2 + 2^(x+1) + pi*x", "(x^y)² + 2^(x + 1) + π·x"),
])
def test_display_is_one_readable_line(text, display):
    assert parse_formula(text).display == display


def test_variables_decide_the_dimension():
    assert parse_formula("sin(x)").variables == ("x",)
    assert parse_formula("x*y").variables == ("x", "y")
    assert parse_formula("y^2").variables == ("x", "y")


def test_gradient_is_exact():
    parsed = parse_formula("(1-x)^2 + 100*(y-x^2)^2")
    gx, gy = parsed.gradient
    assert sympy.expand(gx - (-2 * (1 - x) - 400 * x * (y - x**2))) == 0
    assert sympy.expand(gy - 200 * (y - x**2)) == 0


def test_the_same_text_is_parsed_once():
    assert parse_formula("x^3 - x") is parse_formula("x^3 - x")


# --- messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message", "column"), [
    ("x^2 + )", "unexpected ')' at column 7", 7),
    ("(x^2+y))", "unexpected ')' at column 8", 8),
    ("x^2 + foo", "unknown name 'foo' at column 7: use x, y, pi, e or one of sin, cos,", 7),
    ("x + y + z", "3 variables: gdsim draws 1 or 2", 9),
    ("", "empty formula", None),
    ("import os", "'import' is not allowed", 1),
    ("x^2 ^", "something is missing after '^' at column 5", 5),
    ("2x^2", "missing operator between '2' and 'x' at column 2: write 2*x", 2),
    ("sin(x^2", "'(' at column 4 is never closed", 4),
    ("Sin(x)", "did you mean 'sin'?", 1),
    ("x^2 + sin", "'sin' at column 7 is a function: write sin(...)", 7),
    ("atan2(x)", "atan2 at column 1 takes 2 arguments, not 1", 1),
    ("x^2 * 9^9^9", "the power at column 7 is too large", 7),
    ("x/0", "division by zero", 3),
    ("log(-2)*x", "'log(-2)' at column 1 is undefined", 1),
    ("x − 1", "MINUS SIGN", 3),
    ("ｘ^2", "FULLWIDTH LATIN SMALL LETTER X", 1),
    ("x^2 + х", "CYRILLIC SMALL LETTER HA", 7),
    ("x,5", "write decimals with a point", 2),
    ("x = 1", "type only the right-hand side", 3),
    ("5", "no variable", None),
])
def test_messages_name_the_column_typed(text, message, column):
    error = refusal(text)
    assert message in error.message
    assert error.column == column
    if column is not None:
        assert f"column {column}" in error.message
    assert_sentence(error, text)


def test_columns_count_what_was_typed_not_the_replaced_powers():
    # "x^2^2 + )" becomes "x**2**2 + )", where ')' is the 11th character; the person typed it 9th
    assert refusal("x^2^2 + )").column == 9
    assert refusal("x^2^2 + )").message == "unexpected ')' at column 9"


def test_validate_formula_returns_the_error_instead_of_raising():
    good = validate_formula("x^2")
    assert isinstance(good, FormulaShape) and good.variables == ("x",) and good.display == parse_formula("x^2").display
    bad = validate_formula("x^2 + )")
    assert isinstance(bad, FormulaError) and isinstance(bad, InputError)
    assert bad.column == 7
    assert isinstance(validate_formula(None), FormulaError)  # type: ignore[arg-type]


# --- hostile input ------------------------------------------------------------------------------


def test_the_committed_hostile_list_is_read():
    assert len(HOSTILE) > 100
    assert "ｘ^2" in HOSTILE and "х^2" in HOSTILE and "9**9**9" in HOSTILE


@pytest.mark.parametrize("text", HOSTILE + GENERATED_HOSTILE)
def test_hostile_formulas_are_refused_with_a_sentence_and_run_nothing(text, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError(f"{text!r} reached eval/exec")

    sympy.Symbol("warm")  # sympy is imported before eval and exec are taken away
    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.setattr(sympy, "sympify", forbidden)
    error = refusal(text)
    assert_sentence(error, text)
    assert not Path("/tmp/gdsim_hostile_canary").exists()


def test_the_parser_never_hands_text_to_an_evaluator():
    tree = ast.parse(Path(formula_module.__file__).read_text("utf-8"))
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert not called & {"eval", "exec", "compile", "__import__"}
    assert not attributes & {"sympify", "parse_expr"}


def test_checking_as_you_type_does_not_import_sympy():
    code = ("import sys; from gdsim.core.formula import validate_formula; "
            "shape = validate_formula('x^2 + 3*sin(y)'); print(shape.display, 'sympy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split()[-1] == "False", result.stderr


def test_importing_the_parser_does_not_import_sympy():
    code = "import sys, gdsim.core.formula, gdsim.core.expression; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_function_folds_constants_as_sympy_computes_it(name):
    # a constant part is computed in floating point while parsing; the same call of a variable
    # goes through sympy, so the two must agree
    function = FUNCTIONS[name]
    args = (0.3, 0.7)[: function.arity]
    folded = parse_formula(f"x + {name}({', '.join(map(str, args))})").expr - x
    built = parse_formula(f"{name}({', '.join(('x', 'y')[: function.arity])})").expr
    assert float(folded) == pytest.approx(function.number(*args), rel=1e-14)
    assert float(built.subs({x: 0.3, y: 0.7})) == pytest.approx(function.number(*args), rel=1e-14)


def test_abs_of_what_sympy_cannot_prove_real_has_a_small_derivative():
    (gradient,) = parse_formula("abs(log(x))").gradient
    assert not gradient.has(sympy.re, sympy.im, sympy.arg)
    assert float(gradient.subs(x, 0.5)) == pytest.approx(-2.0)


def test_a_failure_inside_sympy_becomes_a_message(monkeypatch):
    def broken(*args):
        raise ValueError("a sympy bug")

    monkeypatch.setattr(sympy, "cosh", broken)
    error = refusal("cosh(x) + 0.123456")
    assert "sympy failed" in error.message


# --- fuzzing ------------------------------------------------------------------------------------

FORMULA_ALPHABET = "xy0123456789.+-*/^(), eipnsaqrtlgcobh_[]'"


@settings(deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(alphabet=FORMULA_ALPHABET, max_size=40)))
def test_any_text_is_parsed_or_refused_with_a_sentence(text):
    result = validate_formula(text)
    if isinstance(result, Exception):
        assert_sentence(result, text)
    else:
        assert result.variables in (("x",), ("x", "y"))
        assert "\n" not in result.display
