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


def test_the_readme_settings_tables_are_the_declarations():
    from gdsim.session.catalog import settings_table_markdown

    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- settings-table:[^\n]*-->\n(.*?)<!-- /settings-table -->", text, re.S)
    assert found, "README.md lost its <!-- settings-table --> markers"
    expected = settings_table_markdown()
    assert found.group(1) == expected, ("README.md's settings tables differ from the declarations; "
                                        f"replace them with:\n{expected}")


def test_the_settings_table_names_every_declared_setting():
    from gdsim.core.optimizers import OPTIMIZERS
    from gdsim.engine.run_options import RUN_OPTIONS
    from gdsim.session.catalog import settings_table_markdown

    table = settings_table_markdown()
    for param in RUN_OPTIONS:
        assert f"| `runs[].{param.name}` | {param.help.replace('|', chr(92) + '|')} |" in table
    for cls in OPTIMIZERS.values():
        for param in cls.hypers:
            assert f"| `{cls.name}` | `{param.name}` | `{param.default_text()}` |" in table
