"""A typed formula's expression computed node by node in any array namespace (NumPy or torch).

The formula's sympy expression (what :mod:`gdsim.core.formula` built from the allow-listed syntax
tree) is walked once and turned into nested Python closures: numbers, the variables, ``+``, ``·``,
powers and the functions a formula may call. Nothing is printed to text, evaluated or executed. The
closures compute with ``xp.sin``, ``xp.exp``, ... of the namespace they are given, so on torch tensors
they build autograd's graph (Hessian-vector products through a typed formula). On NumPy the
formula's lambdified function stays what runs: the two agree to rounding.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from gdsim.core.formula import FormulaError

#: (xp, columns) -> the node's value.
Node = Callable[[ModuleType, Sequence[Any]], Any]
#: sympy's name of each function a built formula may hold -> the array namespaces' name for it.
FUNCTION_NAMES = {
    "sin": "sin", "cos": "cos", "tan": "tan", "asin": "asin", "acos": "acos", "atan": "atan",
    "atan2": "atan2", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "exp": "exp", "log": "log",
    "RealAbs": "abs", "Abs": "abs", "sign": "sign",
}


def compile_expression(expr: Any, symbols: Sequence[Any]) -> Node:
    """The closure computing ``expr`` from columns ordered as ``symbols``.

    Raises
    ------
    FormulaError
        For a node outside numbers, the symbols, sums, products, powers and :data:`FUNCTION_NAMES`
        (sympy simplified the formula into something gdsim does not compute in torch).
    """
    index = {symbol: i for i, symbol in enumerate(symbols)}

    def build(node: Any) -> Node:
        if node.is_Symbol and node in index:
            column = index[node]
            return lambda xp, columns: columns[column]
        if node.is_Number or node.is_NumberSymbol:
            number = float(node)
            return lambda xp, columns: number
        if node.is_Add or node.is_Mul:
            combine = operator.add if node.is_Add else operator.mul
            parts = [build(arg) for arg in node.args]
            return lambda xp, columns: functools.reduce(combine, (part(xp, columns) for part in parts))
        if node.is_Pow:
            return power(*node.args)
        name = FUNCTION_NAMES.get(type(node).__name__)
        if name is None:
            raise FormulaError(f"the formula holds {type(node).__name__}, which gdsim computes in NumPy only")
        arguments = [build(arg) for arg in node.args]
        return lambda xp, columns: getattr(xp, name)(*(argument(xp, columns) for argument in arguments))

    def power(base_node: Any, exponent_node: Any) -> Node:
        base = build(base_node)
        if exponent_node.is_Number:
            exponent = float(exponent_node)
            if exponent == 0.5:
                return lambda xp, columns: xp.sqrt(base(xp, columns))
            if exponent == -1.0:
                return lambda xp, columns: 1.0 / base(xp, columns)
            return lambda xp, columns: base(xp, columns) ** exponent
        exponent_of = build(exponent_node)
        return lambda xp, columns: base(xp, columns) ** exponent_of(xp, columns)

    return build(expr)
