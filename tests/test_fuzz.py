"""Issue 11's fuzz harness: the committed lessons and fixture recordings, mutated as an attacker would
(keys dropped, wrong types, huge and tiny numbers, integers of 400 digits written out, lone surrogates,
deep nesting, duplicate keys, truncation at every byte offset), go through the command line.

For every example: exit status 2 with a one-line message, or a clean run; never a traceback; within a
time and memory budget; nothing written on refusal. The suite runs a fixed, derandomized number of
examples; ``make fuzz`` runs many more, randomized (``GDSIM_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdsim.cli import main
from gdsim.core.errors import InputError
from gdsim.session.jsonio import parse_bytes, read_json
from gdsim.session.limits import work
from gdsim.session.recording import parse_recording
from gdsim.session.scenario import parse_scenario

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "resources" / "scenarios").glob("*.json")) + sorted(
    (ROOT / "tests" / "session" / "fixtures").glob("*.json"))
DOCUMENTS = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SEEDS}

#: ``make fuzz`` sets this to run many random examples; the suite runs a fixed derandomized few.
LONG_RUN = int(os.environ.get("GDSIM_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=LONG_RUN or 40, derandomize=not LONG_RUN, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: A mutated file accepted by validate is also run when its work is below this (about a second at most).
RUN_WORK = 10_000_000
SECONDS_PER_EXAMPLE = 60
MEMORY_PER_EXAMPLE_KIB = 1_500_000

HUGE_INT = "1" + "0" * 400
MARKERS = {'"@HUGE_INT@"': HUGE_INT, '"@-HUGE_INT@"': "-" + HUGE_INT, '"@HUGE_FLOAT@"': "1e400",
           '"@DEEP@"': "[" * 3000 + "]" * 3000}
SCALARS = st.one_of(
    st.none(), st.booleans(), st.sampled_from(["", "x", "sgd", "#0x1234", "\ud800", "a\u2028b", "x" * 5000, "null"]),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**18]),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-300, 1e308, -1e308, 1.7976931348623157e308, 0.5, -2.5, 1e6, 1e-6]),
    st.sampled_from(["@HUGE_INT@", "@-HUGE_INT@", "@HUGE_FLOAT@", "@DEEP@"]),
)
NUMBERS = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(2**70), 2**70),
                    st.sampled_from([0, 1, 1e308, 5e-324, 1e-300, 100_000, 10**9]))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.sampled_from(["a", "grid", "random",
                                                                                             "lr", "x"]), SCALARS,
                                                                          max_size=2))


def _places(document: Any) -> list[tuple[Any, ...]]:
    """Every key path of ``document`` (tuples of keys and indices), the root first."""
    out: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        out.append(path)
        if isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value[:40]))
    return out


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


@st.composite
def mutated(draw) -> str:
    """A seed file with one to three mutations, as the text a file would hold."""
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    document = json.loads(json.dumps(DOCUMENTS[name]))
    duplicates: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        places = _places(document)
        path = draw(st.sampled_from(places[1:]))
        parent, key = _at(document, path[:-1]), path[-1]
        action = draw(st.sampled_from(["drop", "replace", "replace", "number", "number", "duplicate", "wrap"]))
        numeric = isinstance(parent[key], int | float) and not isinstance(parent[key], bool)
        if action == "number" and numeric:
            parent[key] = draw(NUMBERS)  # the same type, an extreme value: often valid, and then run
        elif action == "drop":
            del parent[key]
        elif action in ("replace", "number"):
            parent[key] = draw(VALUES)
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
        elif action == "duplicate" and isinstance(parent, dict):
            duplicates.append(str(key))
            parent["@DUP@"] = draw(VALUES)
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    for marker, replacement in MARKERS.items():
        text = text.replace(marker, replacement)
    for key in duplicates:
        text = text.replace('"@DUP@"', json.dumps(key), 1)
    return text


def _cli(*args: str) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = main(list(args))
    return status, err.getvalue()


def _assert_clean(status: int, err: str) -> None:
    assert status in (0, 2), (status, err)
    assert "Traceback" not in err
    if status == 2:
        assert err.count("\n") == 1 and err.startswith("gdsim: "), err


def _cheap(path: Path) -> bool:
    data = read_json(path)
    if data.get("format") == "gdsim.recording":
        parsed = parse_recording(data)
        scenario = parsed["scenario_spec"]
        steps = max(scenario.steps, parsed.get("meta", {}).get("ticks") or 0)
    else:
        scenario, _problem = parse_scenario(data)
        steps = scenario.steps
    return work(steps, scenario.runs, _problem_of(scenario)) <= RUN_WORK


def _problem_of(scenario):
    from gdsim.engine.problems import build_problem

    return build_problem(scenario.problem)


def _check_file(text: str) -> None:
    """Validate and (when cheap) run ``text`` through the command line, within the budgets."""
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "input.json", Path(folder) / "out.json"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        memory, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter()
        status, err = _cli("validate", str(source))
        _assert_clean(status, err)
        if status == 0 and _cheap(source):
            status, err = _cli("run", str(source), "-o", str(output))
            _assert_clean(status, err)
            assert output.exists() == (status == 0)
        assert sorted(p.name for p in Path(folder).iterdir()) == sorted(
            ["input.json", *(["out.json"] if output.exists() else [])])
        assert time.perf_counter() - started < SECONDS_PER_EXAMPLE
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < MEMORY_PER_EXAMPLE_KIB


@FUZZ
@given(mutated())
def test_mutated_lessons_and_recordings_exit_2_or_run(text):
    _check_file(text)


#: Truncated at every byte offset: the fixtures in the suite, every seed file in ``make fuzz``.
TRUNCATED = SEEDS if LONG_RUN else [path for path in SEEDS if path.parent.name == "fixtures"]


@pytest.mark.parametrize("seed", TRUNCATED, ids=lambda p: p.stem[:20])
def test_truncation_at_every_byte_offset_is_a_message(seed):
    data = seed.read_bytes()
    for offset in range(len(data.rstrip())):
        try:
            document = parse_bytes(data[:offset], seed.name)
            if isinstance(document, dict) and document.get("format") == "gdsim.recording":
                parse_recording(document)
            else:
                parse_scenario(document)
        except InputError as error:
            assert "\n" not in str(error)
        else:  # pragma: no cover - a prefix of a file is never a whole file
            pytest.fail(f"{seed.name} cut at byte {offset} was accepted")
