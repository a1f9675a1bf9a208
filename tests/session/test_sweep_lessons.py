"""The sweep lessons: valid files with texts in both languages, and what they state holds when run."""

from __future__ import annotations

import pytest

from gdsim.resources import SWEEPS_DIR
from gdsim.session.sweep import load_sweep
from gdsim.session.sweep_exec import executor
from gdsim.session.sweep_results import summarize

LESSONS = sorted(SWEEPS_DIR.glob("*.json"))


def test_there_are_sweep_lessons():
    assert len(LESSONS) >= 2


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_a_sweep_lesson_is_valid_and_speaks_both_languages(path):
    sweep, _ = load_sweep(path)
    for texts in (sweep.title, sweep.description):
        assert set(texts) == {"en", "zh"} and all(len(text) > 20 for text in texts.values())


def test_the_u_curve_lesson_measures_gd_diverging_exactly_above_lr_1():
    # J = x²: x ← (1 − 2 lr) x, so GD diverges exactly when lr > 1 (and lands on 0 in one step at lr 0.5)
    sweep, problem = load_sweep(SWEEPS_DIR / "02_update_rules_u_curve.json")
    results = [r for rows in executor(sweep, problem) for r in rows]
    gd = [r for r in results if r.optimizer == "GD"]
    assert gd and all(r.diverged == (r.lr > 1) for r in gd)
    lines = {line.optimizer: line for line in summarize(sweep, results)}
    assert lines["GD"].converging_lr_to < 1 < max(sweep.lrs)
    # Adam (a step of about lr whatever the slope) reaches 1e-6 from most starts at some rate, from every
    # start at none, and from at most three of the five at any rate, as the lesson says
    adam = [r for r in results if r.optimizer == "Adam"]
    reached = {lr: sum(r.steps_to_threshold is not None for r in adam if r.lr == lr) for lr in sweep.lrs}
    assert max(reached.values()) == 3 and lines["Adam"].converging_lrs == 0
    assert lines["Adam"].best_median == 86 and round(lines["Adam"].best_lr, 3) == 0.097
