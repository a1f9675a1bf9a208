"""Issue 11 in the window: a file over a limit, a named pipe or a duplicated key is refused with the
message, and the window stays usable (it still steps); reading never blocks on a pipe."""

from __future__ import annotations

import json
import os

from tests.qt.conftest import racing_scenario
from tests.qt.test_files import WAIT, message_about


def test_hostile_files_are_refused_with_the_message_and_the_window_stays_usable(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    huge_work = tmp_path / "days.json"
    huge_work.write_text(json.dumps({"format": "gdsim.scenario", "version": 2, "steps": 100_000_000,
                                     "problem": {"kind": "landscape", "name": "rosenbrock"},
                                     "runs": [{"start": {"random": 100_000}}]}))
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    twice = tmp_path / "twice.json"
    twice.write_text('{"format": "gdsim.scenario", "version": 2, "steps": 5, "steps": 6, '
                     '"problem": {"kind": "landscape", "name": "rosenbrock"}}')
    reasons = {huge_work: "more than the 10,000,000,000 allowed", pipe: "named pipe, not a regular file",
               twice: "steps: is given twice"}
    for path, reason in reasons.items():
        window.open_file(path)
        qtbot.waitUntil(lambda p=path: message_about(window, p.name) is not None, timeout=WAIT)
        text = message_about(window, path.name)
        assert reason in text and "Traceback" not in text
    assert window.problem.name == "rosenbrock"
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot is not None and window.snapshot.tick == 1, timeout=WAIT)
