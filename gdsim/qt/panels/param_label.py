"""How an editor labels a declared setting: a raw name as torch and the files spell it (T_max,
eta_min, decoupled_weight_decay) keeps that name for people who know torch, with its readable label
beside it; a setting named by a plain word shows its label."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gdsim.core.params import Param
from gdsim.qt.declarations import param_title


def _plain(text: str) -> str:
    return text.replace("_", " ").strip().casefold()


def param_label(param: Param) -> str:
    """``T_max · period`` for a raw name with a label that says more, else the label (or the name),
    the label in the current language.

    Parameters
    ----------
    param
        The declaration: its ``name`` (as in files and torch) and ``label`` (readable; may be empty).
    """
    if not param.label:
        return param.name
    label = param_title(param)
    if _plain(label) == _plain(param.name):
        return param.name
    if "_" in param.name:
        return f"{param.name} · {label}"
    return label


#: Where a long label may break: after an underscore (set by the run editor's label column).
BREAK = "\u200b"


def relabel(label: QLabel, param: Param) -> None:
    """Show :func:`param_label` in ``label`` in the current language, keeping the break points
    (after underscores) a label given them already had."""
    text = param_label(param)
    label.setText(text.replace("_", "_" + BREAK) if BREAK in label.text() else text)
