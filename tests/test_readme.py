"""The README's Python example runs and gives what it promises."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_python_example_runs(capsys):
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["Adam", "SGD"]


def test_the_readme_keeps_exactly_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert re.findall(r"^make (\w+)", text, re.M) == ["run", "test"]
