"""Typed formulas: the text a person typed, checked and turned into a sympy expression, safely.

The text never reaches ``eval``, ``exec``, ``sympy.sympify`` or ``parse_expr`` (they run Python).
Instead:

1. the characters are checked (plain ASCII only, so look-alike letters such as Cyrillic ``х`` or
   full-width ``ｘ`` cannot turn into ``x`` when Python normalises names);
2. ``^`` becomes ``**`` (Python reads ``x^2+1`` as ``x ^ 3``), with a map from each column of
   the new text back to the column the person typed, so every message points at their text;
3. a small scan of the tokens finds what people get wrong (``2x``, an unclosed bracket, a
   keyword, an unknown name) and says so with the column;
4. Python's ``ast`` parses the text (``mode="eval"``) and the tree is rebuilt as a sympy
   expression node by node from an allow-list: numbers, ``x`` and ``y``, ``pi`` and ``e``,
   ``+ - * / **``, unary signs and calls of the functions in :data:`FUNCTIONS`.

Time cannot be bounded (a Python thread cannot be stopped), so size is: the length of the text,
the depth of brackets and of the tree, its number of nodes, and the size of numbers. Every
constant part of the formula is computed in floating point, not by sympy, so ``9^9^9`` is refused
before sympy sees it; sympy gets each constant part as one number (an integer when whole and
small, else a float). Constant exponents are capped (multiplied when powers nest), because sympy
multiplies out integer powers such as (3x)^1000 exactly; so is any exponent sympy simplifies to a
number, and a varying power of a varying power (sympy merges their exponents). These limits keep
ordinary formulas to milliseconds; sympy's own simplification is not bounded by them in every
case (deeply nested functions can take it a second or two), so build problems off the GUI thread.

sympy is imported only when a formula is built, never when this module is imported.
"""

from __future__ import annotations

import ast
import keyword
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from gdsim.core.errors import InputError

if TYPE_CHECKING:
    import sympy

#: Longest formula accepted, in characters.
MAX_LENGTH = 400
#: Deepest nesting of brackets.
MAX_BRACKETS = 20
#: Deepest nesting of operations (a chain such as a + b + c counts once).
MAX_DEPTH = 40
#: Most nodes in the syntax tree (numbers, names, operations, calls).
MAX_NODES = 250
#: Largest magnitude of any constant part of the formula.
MAX_NUMBER = 1e300
#: Longest number literal, in characters (use scientific notation beyond).
MAX_LITERAL = 24
#: Largest constant exponent; nested powers multiply ((x^a)^b counts as a·b).
MAX_POWER = 1000
#: Constant parts that are whole numbers up to this size stay exact integers; others become floats.
MAX_EXACT = 2**53

VARIABLES = ("x", "y")
CONSTANTS = ("pi", "e")


@dataclass(frozen=True)
class _Function:
    """A function a formula may call: its sympy name, a float version and how many arguments."""

    sympy_name: str
    number: Callable[..., float]
    arity: int = 1


#: The functions a formula may call, by the name typed.
FUNCTIONS: dict[str, _Function] = {
    "sin": _Function("sin", math.sin),
    "cos": _Function("cos", math.cos),
    "tan": _Function("tan", math.tan),
    "asin": _Function("asin", math.asin),
    "acos": _Function("acos", math.acos),
    "atan": _Function("atan", math.atan),
    "atan2": _Function("atan2", math.atan2, 2),
    "sinh": _Function("sinh", math.sinh),
    "cosh": _Function("cosh", math.cosh),
    "tanh": _Function("tanh", math.tanh),
    "exp": _Function("exp", math.exp),
    "log": _Function("log", math.log),
    "ln": _Function("log", math.log),
    "sqrt": _Function("sqrt", math.sqrt),
    "abs": _Function("RealAbs", abs),
}

_ALLOWED = f"use x, y, pi, e or one of {', '.join(FUNCTIONS)}"
_MADE_OF = "a formula is made of numbers, x, y, pi, e, + - * / ^, brackets and functions such as sin(x)"

#: What to type instead of common mathematical characters that are not plain ASCII.
_UNICODE_HINTS = {
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*",
    "\u2217": "*", "\u00f7": "/", "\u2215": "/", "\u00b2": "^2", "\u00b3": "^3", "\u03c0": "pi",
    "\u221a": "sqrt(...)", "\u2070": "^0", "\u00b9": "^1",
}
_ASCII_HINTS = {
    "[": "use round brackets ( )", "]": "use round brackets ( )",
    "{": "use round brackets ( )", "}": "use round brackets ( )",
    "'": "a formula holds no text in quotes", '"': "a formula holds no text in quotes",
    "=": "type only the right-hand side, such as x^2 + y^2",
    "<": "a formula gives one number per point, not a comparison",
    ">": "a formula gives one number per point, not a comparison",
    "!": "gdsim has no factorial or 'not'", "%": "use / for division",
}
_ALLOWED_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ \t+-*/^().,")

_TOKEN = re.compile(r"""
    (?P<space>[ \t]+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/(),.^])
""", re.VERBOSE)


class FormulaError(InputError):
    """A formula that cannot be used, with the 1-based column the person typed (or ``None``).

    Parameters
    ----------
    message
        A sentence saying what is wrong and what to type instead; it names the column.
    column
        Where in the typed text the problem is, counting from 1, when one place is to blame.
    code, params
        The kind of mistake and its values, for a translation (the ``formula.*`` codes listed in
        :mod:`gdsim.core.params`); ``"text"`` when the sentence is the only form.
    """

    def __init__(self, message: str, column: int | None = None, code: str = "text",
                 params: dict[str, Any] | None = None) -> None:
        super().__init__("", message, code, {**(params or {}), **({"column": column} if column else {})})
        self.column = column


@dataclass(frozen=True)
class FormulaShape:
    """A formula whose text passed every check that needs no sympy (what the window shows as you type).

    Attributes
    ----------
    text
        The formula exactly as typed.
    display
        A readable single-line Unicode version (``"(x − 1)² + 3 sin(y)"``).
    variables
        ``("x",)`` for a curve, ``("x", "y")`` for a surface (also when only ``y`` is used).
    """

    text: str
    display: str
    variables: tuple[str, ...]


@dataclass(frozen=True)
class Formula(FormulaShape):
    """A built formula: its shape, its sympy expression and its exact gradient.

    Attributes
    ----------
    expr
        The sympy expression, in real symbols named after ``variables`` (sympy answers questions
        about real arguments quickly; told nothing, nested functions can take it seconds).
    """

    expr: sympy.Expr

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The sympy symbols of ``variables``, in order (real, as in ``expr``)."""
        import sympy

        return tuple(sympy.Symbol(name, real=True) for name in self.variables)

    @cached_property
    def gradient(self) -> tuple[sympy.Expr, ...]:
        """The exact partial derivatives, one per variable (``sympy.diff``; computed once, on first use).

        Raises
        ------
        FormulaError
            If sympy fails, or gives a derivative that is undefined everywhere (parsing refuses
            every such formula known, so this guards against sympy's surprises).
        """
        import sympy

        with sympy_failures():
            gradient = tuple(sympy.diff(self.expr, symbol) for symbol in self.symbols)
            unusable = any(g.has(*_undefined(sympy), sympy.Derivative) for g in gradient)
        if unusable:
            raise FormulaError("the formula has no usable gradient anywhere; rewrite it")
        return gradient


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    index: int


def parse_formula(text: str) -> Formula:
    """Check ``text`` and build its expression and gradient.

    Parameters
    ----------
    text
        What a person typed, such as ``"x^2 + 3*sin(y)"``; ``^`` means a power.

    Returns
    -------
    Formula
        The parsed formula; the same object for the same text (results are cached).

    Raises
    ------
    FormulaError
        With a sentence naming the column, for anything that is not a formula gdsim can draw.
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula is text, such as \"x^2 + y^2\", not {type(text).__name__}")
    return _parse_cached(text)


def validate_formula(text: str) -> FormulaShape | FormulaError:
    """The checked shape of ``text``, or the error to show under the box.

    Cheap enough for every keystroke on the GUI thread: it never imports or runs sympy. What only
    building can find (sympy failing on a strange formula) is reported when the problem is built.
    """
    try:
        if not isinstance(text, str):
            raise FormulaError(f"a formula is text, such as \"x^2 + y^2\", not {type(text).__name__}")
        return _checked(text)[0]
    except FormulaError as error:
        return error


@lru_cache(maxsize=128)
def _checked(text: str) -> tuple[FormulaShape, ast.Expression, list[int]]:
    """Every check that needs no sympy; the shape, the syntax tree and the column map."""
    _check_characters(text)
    source, columns = _powers(text)
    tokens = _tokens(source, columns)
    _check_variable_count(tokens, columns)
    _check_grammar(tokens, columns)
    used = {t.text for t in tokens if t.kind == "name"}
    if not used & set(VARIABLES):
        raise FormulaError("the formula has no variable: use x (and y), such as x^2 + 1")
    tree = _syntax_tree(source, columns)
    _check_size(tree, columns)
    variables = VARIABLES if "y" in used else VARIABLES[:1]
    return FormulaShape(text, _display(tree.body, source), variables), tree, columns


@lru_cache(maxsize=128)
def _parse_cached(text: str) -> Formula:
    shape, tree, columns = _checked(text)
    import sympy

    with sympy_failures():
        expr = _Builder(sympy, text, columns).build(tree.body, 1.0).expr
        undefined = expr.has(*_undefined(sympy))
    if undefined:
        raise FormulaError("the formula is undefined or not a real number everywhere "
                           "(a constant part of it is infinite or complex, such as tan(pi/2))")
    return Formula(shape.text, shape.display, shape.variables, expr)


@lru_cache(maxsize=1)
def real_abs() -> type:
    """The sympy function ``abs`` of a formula builds (a class made on first use, as sympy is imported lazily).

    sympy's own Abs differentiates an argument it cannot prove real (log(x) is complex to it for
    x < 0) through re, im and arg: an enormous derivative that can take seconds. A formula is real
    wherever it is defined, so here the derivative of |u| is sign(u)·u'. Constants and arguments
    sympy knows to be real become sympy's Abs. Compile with ``{"RealAbs": numpy.abs}``.
    """
    import sympy

    class RealAbs(sympy.Function):
        nargs = 1

        @classmethod
        def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
            return sympy.Abs(arg) if arg.is_number or arg.is_extended_real else None

        def fdiff(self, argindex: int = 1) -> sympy.Expr:
            return sympy.sign(self.args[0])

    return RealAbs


@contextmanager
def sympy_failures() -> Iterator[None]:
    """Turn a failure inside sympy (its evaluation of a strange formula can raise, as a factoring
    cache did for sin(atan(2e300))) into a FormulaError, so a formula never crashes its caller."""
    try:
        yield
    except FormulaError:
        raise
    except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError) as error:
        raise FormulaError(f"gdsim cannot work with this formula (sympy failed: {type(error).__name__}); "
                           "simplify it") from None


def _undefined(sympy: Any) -> tuple[Any, ...]:
    """The sympy atoms that mean "not a finite real number"."""
    return sympy.I, sympy.zoo, sympy.nan, sympy.oo, -sympy.oo


# --- characters, powers, tokens -----------------------------------------------------------------


def _check_characters(text: str) -> None:
    if not text.strip():
        raise FormulaError("empty formula: type one in x (and y), such as x^2 + y^2", code="formula.empty")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_LENGTH} are allowed")
    for index, char in enumerate(text):
        if char in _ALLOWED_CHARACTERS:
            continue
        column = index + 1
        if char in "\n\r":
            raise FormulaError(f"line breaks are not allowed (column {column}): type the formula on one line",
                               column)
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        if unicodedata.category(char).startswith("C"):
            raise FormulaError(f"the invisible character {name} at column {column} is not allowed: "
                               "retype the formula", column)
        if char.isascii():
            hint = _ASCII_HINTS.get(char, _MADE_OF)
            raise FormulaError(f"'{char}' is not allowed at column {column}: {hint}", column,
                               "formula.character" if char not in _ASCII_HINTS else "text", {"text": char})
        if char in _UNICODE_HINTS:
            raise FormulaError(f"'{char}' ({name}) at column {column} is not plain text: "
                               f"type {_UNICODE_HINTS[char]} instead", column)
        raise FormulaError(f"'{char}' ({name}) at column {column} is not a plain letter, digit or sign: "
                           "type formulas in plain ASCII, such as x^2 + y^2", column)


def _powers(text: str) -> tuple[str, list[int]]:
    """``text`` with ``^`` replaced by ``**`` and leading blanks dropped, and the map from each
    index of the result (and one past its end) to the 1-based column typed."""
    out: list[str] = []
    columns: list[int] = []
    start = len(text) - len(text.lstrip())
    for index in range(start, len(text)):
        char = text[index]
        if char == "^":
            out.append("**")
            columns += [index + 1, index + 1]
        else:
            out.append(char)
            columns.append(index + 1)
    columns.append(len(text.rstrip()) + 1)
    return "".join(out), columns


def _tokens(source: str, columns: list[int]) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup or ""
        word = match.group()
        column = columns[match.start()]
        if kind == "number" and len(word) > MAX_LITERAL:
            raise FormulaError(f"the number at column {column} has {len(word)} characters; at most "
                               f"{MAX_LITERAL} are allowed (write large numbers as 1.5e30)", column)
        if kind == "name" and (keyword.iskeyword(word) or "_" in word):
            raise FormulaError(f"'{word}' is not allowed at column {column}: {_MADE_OF}", column)
        if kind != "space":
            tokens.append(_Token(kind, word, match.start()))
    return tokens


def _shown(token: _Token) -> str:
    """A token as the person typed it (``^``, not Python's ``**``)."""
    return "^" if token.text == "**" else token.text


def _describe(token: _Token) -> str:
    return f"'{_shown(token)}'"


def _check_grammar(tokens: list[_Token], columns: list[int]) -> None:
    """Find the mistakes people make (a missing operator, an unclosed bracket) before Python does."""
    expect_operand = True
    brackets: list[tuple[str, int]] = []
    previous: _Token | None = None
    for position, token in enumerate(tokens):
        column = columns[token.index]
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.text == ".":
            raise FormulaError(f"'.' is not allowed at column {column}: a point belongs inside a number, "
                               "such as 0.5", column)
        if expect_operand:
            if token.kind == "name" and token.text not in (*VARIABLES, *CONSTANTS, *FUNCTIONS):
                raise _unknown_name(token, column)
            if token.kind in ("number", "name"):
                if token.text in FUNCTIONS and (following is None or following.text != "("):
                    raise FormulaError(f"'{token.text}' at column {column} is a function: write "
                                       f"{token.text}(...)", column, "formula.function", {"text": token.text})
                expect_operand = token.text in FUNCTIONS
            elif token.text == "(":
                call = previous is not None and previous.text in FUNCTIONS
                brackets.append(("call" if call else "group", token.index))
                if len(brackets) > MAX_BRACKETS:
                    raise FormulaError(f"brackets are nested more than {MAX_BRACKETS} deep at column {column}: "
                                       "simplify the formula", column)
            elif token.text in "+-":
                pass
            elif token.text == ")" and previous is not None and previous.text == "(":
                column = columns[previous.index]
                raise FormulaError(f"empty brackets at column {column}: put something inside", column,
                                   "formula.empty_brackets")
            elif previous is None:
                raise FormulaError(f"the formula cannot start with {_describe(token)} (column {column})", column,
                                   "formula.bad_start", {"text": _shown(token)})
            else:
                raise FormulaError(f"unexpected {_describe(token)} at column {column}", column,
                                   "formula.unexpected", {"text": _shown(token)})
        elif token.text.startswith(".") and previous.index + len(previous.text) == token.index:
            column = columns[previous.index]
            raise FormulaError(f"the number at column {column} has more than one decimal point", column)
        elif token.kind in ("number", "name") or token.text == "(":
            if token.text == "(" or previous.text == ")":
                raise FormulaError(f"missing operator before {_describe(token)} at column {column}: put * "
                                   "(or +, -, /) before it", column, "formula.operator_before",
                                   {"text": _shown(token)})
            raise FormulaError(f"missing operator between {_describe(previous)} and {_describe(token)} at "
                               f"column {column}: write {previous.text}*{token.text}", column,
                               "formula.operator_between", {"before": previous.text, "text": token.text})
        elif token.text == ")":
            if not brackets:
                raise FormulaError(f"unexpected ')' at column {column}", column, "formula.unexpected", {"text": ")"})
            brackets.pop()
        elif token.text == ",":
            if not brackets or brackets[-1][0] != "call":
                raise FormulaError(f"',' at column {column} only separates a function's arguments, as in "
                                   "atan2(y, x); write decimals with a point (1.5)", column)
            expect_operand = True
        else:
            expect_operand = True
        previous = token
    if brackets:
        column = columns[brackets[-1][1]]
        raise FormulaError(f"'(' at column {column} is never closed: add ')'", column, "formula.unclosed")
    if expect_operand and previous is not None:
        column = columns[previous.index]
        raise FormulaError(f"the formula ends too early: something is missing after {_describe(previous)} "
                           f"at column {column}", column, "formula.ends_after", {"text": _shown(previous)})


def _check_variable_count(tokens: list[_Token], columns: list[int]) -> None:
    """Refuse more than two variables (single letters other than e), naming the first extra one."""
    letters: dict[str, int] = {}
    for token in tokens:
        if token.kind == "name" and len(token.text) == 1 and token.text not in CONSTANTS:
            letters.setdefault(token.text, token.index)
    if len(letters) > 2:
        extra = next(name for name in letters if name not in VARIABLES)
        column = columns[letters[extra]]
        raise FormulaError(f"{len(letters)} variables: gdsim draws 1 or 2, named x and y; '{extra}' at column "
                           f"{column} is one too many", column, "formula.variables",
                           {"count": len(letters), "text": extra})


def _unknown_name(token: _Token, column: int) -> FormulaError:
    close = [name for name in (*VARIABLES, *CONSTANTS, *FUNCTIONS) if name == token.text.lower()]
    hint = f"did you mean '{close[0]}'? " if close else ""
    return FormulaError(f"unknown name '{token.text}' at column {column}: {hint}{_ALLOWED}", column,
                        "formula.unknown_name", {"text": token.text, "close": close[0] if close else None,
                                                 "functions": list(FUNCTIONS)})


def _syntax_tree(source: str, columns: list[int]) -> ast.Expression:
    try:
        return ast.parse(source, mode="eval")
    except SyntaxError as error:
        offset = min(max((error.offset or len(source) + 1) - 1, 0), len(source))
        column = columns[offset]
        if offset >= len(source):
            raise FormulaError("the formula ends too early: something is missing at the end", column,
                               "formula.ends_early") from None
        raise FormulaError(f"unexpected '{source[offset]}' at column {column}", column, "formula.unexpected",
                           {"text": source[offset]}) from None
    except (RecursionError, MemoryError):
        raise FormulaError("the formula is nested too deeply: simplify it") from None


def _check_size(tree: ast.Expression, columns: list[int]) -> None:
    """Refuse trees with too many nodes or nested too deeply (left chains a + b + c count once)."""
    count = 0
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FormulaError(f"the formula has more than {MAX_NODES} parts: simplify it")
        if depth > MAX_DEPTH:
            column = columns[getattr(node, "col_offset", 0)]
            raise FormulaError(f"the formula is nested more than {MAX_DEPTH} levels deep at column {column}: "
                               "simplify it", column)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                same_chain = (isinstance(node, ast.BinOp) and isinstance(child, ast.BinOp) and child is node.left
                              and _chain(node.op) is not None and _chain(node.op) == _chain(child.op))
                stack.append((child, depth if same_chain else depth + 1))


def _chain(op: ast.operator) -> str | None:
    if isinstance(op, ast.Add | ast.Sub):
        return "sum"
    if isinstance(op, ast.Mult | ast.Div):
        return "product"
    return None


# --- the sympy expression -----------------------------------------------------------------------


def _left_spine(node: ast.BinOp) -> tuple[ast.expr, list[ast.BinOp]]:
    """A left chain such as a + b - c: its first operand and its operations, innermost first."""
    kind = _chain(node.op)
    spine: list[ast.BinOp] = []
    current: ast.expr = node
    while isinstance(current, ast.BinOp) and _chain(current.op) == kind:
        spine.append(current)
        current = current.left
    return current, spine[::-1]


@dataclass(frozen=True)
class _Built:
    """A sympy expression and, when it is constant, its value in floating point."""

    expr: Any
    number: float | None


_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda p, q: p + q, ast.Sub: lambda p, q: p - q,
    ast.Mult: lambda p, q: p * q, ast.Div: lambda p, q: p / q,
}


class _Builder:
    """Rebuilds an allowed syntax tree as a sympy expression, checking constants as it goes.

    Anything not handled here is refused: this is the allow-list.
    """

    def __init__(self, sympy: Any, text: str, columns: list[int]) -> None:
        self.sp = sympy
        self.text = text
        self.columns = columns
        self.symbols = {name: sympy.Symbol(name, real=True) for name in VARIABLES}

    def column(self, node: ast.AST) -> int:
        return self.columns[getattr(node, "col_offset", 0)]

    def typed(self, node: ast.AST) -> str:
        """The part of the typed text that ``node`` came from (shortened when long)."""
        start = self.column(node) - 1
        end = self.columns[max(getattr(node, "end_col_offset", 1) - 1, 0)]
        part = self.text[start:end]
        return part if len(part) <= 30 else part[:27] + "..."

    def refuse(self, node: ast.AST, hint: str = _MADE_OF) -> FormulaError:
        column = self.column(node)
        return FormulaError(f"'{self.typed(node)}' is not allowed at column {column}: {hint}", column)

    def build(self, node: ast.AST, power: float) -> _Built:
        """Build ``node``; ``power`` is the product of the constant exponents it sits under.

        A part sympy simplified to a constant ((x - x) + 1e5) continues as a checked float, so
        what is built on it (cosh of it) is computed here too, never by sympy without bounds.
        """
        built = self.node(node, power)
        if built.number is None and not built.expr.free_symbols:
            return self.number(self.checked(node, lambda: float(built.expr)))
        return built

    def node(self, node: ast.AST, power: float) -> _Built:
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.build(node.operand, power)
            if isinstance(node.op, ast.UAdd):
                return inner
            return _Built(-inner.expr, None) if inner.number is None else self.number(-inner.number)
        if isinstance(node, ast.BinOp) and _chain(node.op) is not None:
            first, spine = _left_spine(node)
            result = self.build(first, power)
            for operation in spine:
                result = self.arithmetic(operation, result, self.build(operation.right, power))
            return result
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return self.power(node, power)
        if isinstance(node, ast.Call):
            return self.call(node, power)
        raise self.refuse(node)

    def checked(self, node: ast.AST, compute: Callable[[], Any]) -> float:
        """``compute()`` in floating point, refused unless it is a finite real number of sane size."""
        column = self.column(node)
        where = f"'{self.typed(node)}' at column {column}"
        try:
            value = compute()
        except ZeroDivisionError:
            raise FormulaError(f"{where} divides by zero", column) from None
        except OverflowError:
            raise FormulaError(f"{where} is too large to compute", column) from None
        except (ValueError, TypeError):
            raise FormulaError(f"{where} is undefined (not a real number)", column) from None
        if isinstance(value, complex):
            raise FormulaError(f"{where} is not a real number", column)
        if math.isnan(value):
            raise FormulaError(f"{where} is undefined", column)
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise FormulaError(f"{where} is too large: numbers up to {MAX_NUMBER:g} are allowed", column)
        return float(value)

    def number(self, value: float) -> _Built:
        """A constant part: a sympy integer when whole and small, a float otherwise (never an exact
        huge or irrational number, on which sympy's exact arithmetic can be slow or fail)."""
        if value.is_integer() and abs(value) <= MAX_EXACT:
            return _Built(self.sp.Integer(int(value)), value)
        return _Built(self.sp.Float(value), value)

    def constant(self, node: ast.Constant) -> _Built:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(node, "only real numbers such as 2, 0.5 or 1e-3")
        return self.number(self.checked(node, lambda: value))

    def name(self, node: ast.Name) -> _Built:
        if node.id in self.symbols:
            return _Built(self.symbols[node.id], None)
        if node.id in CONSTANTS:
            return self.number(math.pi if node.id == "pi" else math.e)
        raise self.refuse(node, _ALLOWED)

    def arithmetic(self, node: ast.BinOp, left: _Built, right: _Built) -> _Built:
        if isinstance(node.op, ast.Div) and right.number == 0:
            column = self.column(node.right)
            raise FormulaError(f"division by zero: the divisor at column {column} is 0", column)
        operation = _ARITHMETIC[type(node.op)]
        if left.number is not None and right.number is not None:
            return self.number(self.checked(node, lambda: operation(left.number, right.number)))
        return _Built(operation(left.expr, right.expr), None)

    def power(self, node: ast.BinOp, power: float) -> _Built:
        exponent = self.build(node.right, 1.0)
        if exponent.number is not None:
            power *= max(1.0, abs(exponent.number))
            if power > MAX_POWER:
                column = self.column(node)
                raise FormulaError(f"the power at column {column} is too large: exponents may reach {MAX_POWER} "
                                   "(nested powers multiply, as in (x^a)^b)", column)
        base = self.build(node.left, power)
        if base.number is not None and exponent.number is not None:
            return self.number(self.checked(node, lambda: base.number**exponent.number))
        column = self.column(node)
        if exponent.number is None and exponent.expr.is_Number and abs(float(exponent.expr)) > MAX_POWER:
            raise FormulaError(f"the power at column {column} is too large: its exponent simplifies to "
                               f"{float(exponent.expr):g}, beyond {MAX_POWER}", column)
        if exponent.number is not None or not exponent.expr.free_symbols:
            return _Built(base.expr**exponent.expr, None)
        if base.number is not None and base.number <= 0:
            raise FormulaError(f"'{self.typed(node)}' at column {column} is not a real number for most x and y: "
                               "only a positive number may be raised to a varying power", column)
        if any(factor.as_base_exp()[1].free_symbols for factor in self.sp.Mul.make_args(base.expr)):
            # sympy merges the exponents ((2^(c/y))^y is 2^c), escaping the cap on constant exponents
            raise FormulaError(f"'{self.typed(node)}' at column {column} raises a varying power to a varying "
                               "power: write it as one power, such as 2^(x*y) or exp(x*y)", column)
        if base.number is not None:  # a float base: were the exponent to simplify to n, 2^n would be exact
            return _Built(self.sp.Float(base.number) ** exponent.expr, None)
        return _Built(base.expr**exponent.expr, None)

    def call(self, node: ast.Call, power: float) -> _Built:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        function = FUNCTIONS.get(name)
        if function is None or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.refuse(node)
        if len(node.args) != function.arity:
            column = self.column(node)
            wanted = "1 argument" if function.arity == 1 else f"{function.arity} arguments"
            raise FormulaError(f"{name} at column {column} takes {wanted}, not {len(node.args)}", column)
        args = [self.build(arg, power) for arg in node.args]
        if all(a.number is not None for a in args):
            return self.number(self.checked(node, lambda: function.number(*(a.number for a in args))))
        sympy_function = real_abs() if function.sympy_name == "RealAbs" else getattr(self.sp, function.sympy_name)
        return _Built(sympy_function(*(a.expr for a in args)), None)


# --- display ------------------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = range(1, 6)
_SIGNS = {ast.Add: " + ", ast.Sub: " − ", ast.Mult: "·", ast.Div: "/"}


def _display(node: ast.expr, source: str) -> str:
    """A readable single-line Unicode rendering of the tree, with only the brackets it needs."""
    return _show(node, source)[0]


def _operand(part: tuple[str, int], least: int, first: bool = False) -> str:
    """``part`` in brackets when it binds less tightly than ``least``, or is a sign inside a term
    (a sign at the start of a product needs none)."""
    text, precedence = part
    sign_inside = precedence == _UNARY and least > _SUM and not first
    return f"({text})" if precedence < least or sign_inside else text


def _show(node: ast.expr, source: str) -> tuple[str, int]:
    if isinstance(node, ast.Constant):
        return source[node.col_offset:node.end_col_offset].replace("-", "−"), _ATOM
    if isinstance(node, ast.Name):
        return ("π" if node.id == "pi" else node.id), _ATOM
    if isinstance(node, ast.UnaryOp):
        operand = _show(node.operand, source)
        if isinstance(node.op, ast.UAdd):
            return operand
        return "−" + _operand(operand, _UNARY + 1), _UNARY
    if isinstance(node, ast.Call):
        args = [_show(arg, source)[0] for arg in node.args]
        if node.func.id == "abs":
            return f"|{args[0]}|", _ATOM
        if node.func.id == "sqrt":
            return f"√({args[0]})", _ATOM
        return f"{node.func.id}({', '.join(args)})", _ATOM
    if isinstance(node.op, ast.Pow):
        return _show_power(node, source)
    first, spine = _left_spine(node)
    text = _show(first, source)
    for operation in spine:
        text = _show_step(operation, text, _show(operation.right, source))
    return text


def _show_power(node: ast.BinOp, source: str) -> tuple[str, int]:
    base = _operand(_show(node.left, source), _ATOM)
    exponent = node.right
    negative = isinstance(exponent, ast.UnaryOp) and isinstance(exponent.op, ast.USub)
    digits = exponent.operand if negative else exponent
    if isinstance(digits, ast.Constant) and source[digits.col_offset:digits.end_col_offset].isdigit():
        written = ("-" if negative else "") + source[digits.col_offset:digits.end_col_offset]
        return base + written.translate(_SUPERSCRIPT), _POWER
    return f"{base}^{_operand(_show(exponent, source), _ATOM)}", _POWER


def _show_step(node: ast.BinOp, left: tuple[str, int], right: tuple[str, int]) -> tuple[str, int]:
    """One operation of a chain: ``left`` (the chain so far) combined with ``right``."""
    if isinstance(node.op, ast.Add | ast.Sub):
        least = _SUM + 1 if isinstance(node.op, ast.Sub) else _SUM
        return left[0] + _SIGNS[type(node.op)] + _operand(right, least), _SUM
    if isinstance(node.op, ast.Div):
        return _operand(left, _PRODUCT, first=True) + "/" + _operand(right, _PRODUCT + 1), _PRODUCT
    sign = "·"
    number = node.left.operand if isinstance(node.left, ast.UnaryOp) else node.left
    if isinstance(number, ast.Constant) and "e" not in left[0] and right[1] != _UNARY and not isinstance(
            node.right, ast.Constant):
        power = isinstance(node.right, ast.BinOp) and isinstance(node.right.op, ast.Pow)
        factor = node.right.left if power else node.right
        sign = "" if isinstance(factor, ast.Name) and factor.id != "e" else " "
    return _operand(left, _PRODUCT, first=True) + sign + _operand(right, _PRODUCT), _PRODUCT
