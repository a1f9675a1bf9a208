"""The session model: edits apply at once and leave as commands; the engine's answers replace them
only once the engine has taken every edit sent, so an answer to an older edit never undoes a newer one."""

from __future__ import annotations

import pytest

from gdsim.core.errors import InputError
from gdsim.core.landscapes import make_landscape
from gdsim.engine.commands import SetHyper
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.session_model import SessionModel


@pytest.fixture
def session(qapp):
    model = SessionModel()
    model.load(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}),
               ((0, RunSpec(label="A", hyper={"lr": 0.1})),), make_landscape("rosenbrock"))
    return model


def test_an_answer_to_an_older_edit_does_not_undo_a_newer_one(session):
    sent = []
    session.command.connect(sent.append)
    session.set_hyper(0, "lr", 0.2)
    session.set_hyper(0, "lr", 0.3)
    assert sent == [SetHyper(0, "lr", 0.2), SetHyper(0, "lr", 0.3)]
    session.acknowledge(((0, RunSpec(label="A", hyper={"lr": 0.2})),), taken=1)  # the engine took one
    assert session.runs[0].hyper["lr"] == 0.3 and not session.caught_up
    session.acknowledge(((0, RunSpec(label="A", hyper={"lr": 0.3})),), taken=2)
    assert session.runs[0].hyper["lr"] == 0.3 and session.caught_up


def test_a_refused_edit_is_undone_once_the_engine_has_answered_it(session):
    changed = []
    session.run_changed.connect(changed.append)
    session.move_start(0, (0.5, 0.5))
    session.acknowledge(((0, RunSpec(label="A", hyper={"lr": 0.1})),), taken=1)  # refused: start unchanged
    assert session.runs[0].start is None and changed == [0, 0]


def test_an_edit_the_problem_cannot_run_is_refused_at_once(session):
    with pytest.raises(InputError, match="start"):
        session.move_start(0, (1.0, 2.0, 3.0))
    assert session.runs[0].start is None and session.sent == 0
