"""The translations: no tr() of a text built at run time, every entry of the .ts translated and none
stale (lupdate run afresh finds exactly the committed entries), the compiled .qm up to date, and
the language chosen as documented."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator

from gdsim.qt import i18n
from gdsim.resources import TRANSLATIONS_DIR

PACKAGE = Path(i18n.__file__).resolve().parents[1]
TS = TRANSLATIONS_DIR / "gdsim_zh_CN.ts"
#: The calls whose text argument lupdate extracts, and the position of that argument.
TRANSLATING = {"tr": 0, "translate": 1, "QT_TR_NOOP": 0, "QT_TRANSLATE_NOOP": 1}


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def untranslatable_calls(source: str) -> list[int]:
    """Lines where a translating call's text is not a literal string (an f-string, a variable, a
    concatenation): lupdate cannot see it and the translator cannot look it up."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        index = TRANSLATING.get(name)
        if index is None or len(node.args) <= index:
            continue
        text = node.args[index]
        if isinstance(text, ast.JoinedStr) or (name in ("tr", "QT_TR_NOOP", "QT_TRANSLATE_NOOP")
                                               and not isinstance(text, ast.Constant)):
            lines.append(node.lineno)
    return lines


def test_the_scan_catches_a_translated_f_string():
    assert untranslatable_calls('self.tr(f"step {n}")\nQCoreApplication.translate("A", f"x{y}")') == [1, 2]
    assert untranslatable_calls('self.tr("step %1").replace("%1", str(n))') == []


def test_no_tr_wraps_an_f_string_or_a_computed_text():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path in python_files()
                 for line in untranslatable_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> the finished translation (None when unfinished or empty)."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished") and bool(translation.text)
            out[(context.findtext("name"), message.findtext("source"))] = translation.text if done else None
    return out


def test_every_entry_is_translated():
    found = messages(TS)
    assert found
    assert [key for key, text in found.items() if not text] == []


def test_placeholders_and_accelerators_survive_translation():
    for (_context, source), text in messages(TS).items():
        assert ("%1" in source) == ("%1" in text), source
        assert ("&" in source.replace("&&", "")) == ("&" in text.replace("&&", "")), source


LUPDATE = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")


@pytest.mark.skipif(LUPDATE is None, reason="pyside6-lupdate is not installed (PySide6-Essentials brings it)")
def test_no_entry_is_stale_or_missing(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run([LUPDATE, *map(str, python_files()), "-ts", str(fresh), "-no-obsolete", "-locations", "none"],
                   check=True, capture_output=True)
    assert set(messages(fresh)) == set(messages(TS)), "run `make translations` and translate the new entries"


def test_the_compiled_translation_is_that_of_the_source(qapp):
    """The .qm shipped answers every entry of the .ts as the .ts says (run `make translations`)."""
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    for (context, source), text in messages(TS).items():
        assert translator.translate(context, source) == text, source


def test_the_language_follows_the_system_then_the_remembered_choice_then_the_command_line(qapp, tmp_path):
    assert i18n.system_language(QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh"
    assert i18n.system_language(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert i18n.chosen_language(settings) == i18n.system_language()
    i18n.remember_language(settings, "zh")
    assert i18n.chosen_language(settings) == "zh"
    assert i18n.chosen_language(settings, "en") == "en"
    settings.setValue(i18n.SETTINGS_KEY, "klingon")  # a value edited by hand is ignored
    assert i18n.chosen_language(settings) == i18n.system_language()


def test_installing_chinese_loads_qt_s_and_gdsim_s_translations_and_english_removes_them(qapp):
    from PySide6.QtCore import QCoreApplication

    try:
        loaded = i18n.install_language("zh")
        assert [path.name for path in loaded] == ["qtbase_zh_CN.qm", "gdsim_zh_CN.qm"]
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        assert i18n.install_language("en") == []
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_a_text_is_picked_in_the_language_else_english():
    texts = {"en": "Learning rate", "zh": "学习率"}
    assert i18n.pick_text(texts, "zh") == "学习率"
    assert i18n.pick_text({"en": "Learning rate"}, "zh") == "Learning rate"
    assert i18n.pick_text({"zh": "学习率"}, "en") == "学习率"
    assert i18n.pick_text(None, "en") is None


def test_gdsim_lang_opens_the_window_in_that_language(monkeypatch, capsys):
    from gdsim import cli
    from gdsim.qt import app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda file=None, language=None: opened.append((file, language)) or 0)
    assert cli.main(["--lang", "zh", "lesson.json"]) == 0
    assert cli.main([]) == 0
    assert opened == [(Path("lesson.json"), "zh"), (None, None)]
    with pytest.raises(SystemExit) as refused:
        cli.main(["--lang", "fr"])
    assert refused.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err


def test_the_declared_texts_table_is_generated_from_the_declarations():
    """``declared_texts.py`` holds exactly what ``python -m gdsim.qt.declarations`` writes now."""
    from gdsim.qt import declarations

    assert declarations.TABLE.read_text(encoding="utf-8") == declarations.table_source(declarations.declared_texts())


def test_every_declared_setting_s_help_and_label_is_translated():
    from gdsim.qt.declarations import PARAMS, shown_params

    found = messages(TS)
    params = list(shown_params())
    assert len(params) > 50
    for param in params:
        for text in (param.help, param.label, param.placeholder):
            if text:
                assert found.get((PARAMS, text)), f"{param.name}: {text!r} has no translation"


def test_every_documented_input_error_code_has_a_template():
    """The codes of gdsim/core/params.py's docstring (but ``text``) are said from their params."""
    import re

    from gdsim.core import params
    from gdsim.qt.messages import ERROR_TEMPLATES

    documented = set(re.findall(r"``([a-z_]+\.[a-z_.]+)``", params.__doc__))
    assert {"number.too_small", "formula.unknown_name", "start.too_many"} <= documented
    missing = {code for code in documented
               if code not in ERROR_TEMPLATES and not any(key.startswith(code + ".") for key in ERROR_TEMPLATES)
               and code != "type.whole"}  # said by the whole.* templates
    assert missing == set()


def test_refused_input_and_stop_reasons_are_said_in_chinese_from_codes_and_numbers(qapp, tmp_path):
    """Real errors from the declarations and the engine's own reason sentences, in Chinese, with their
    values put back; English gives the engine's sentence word for word."""
    import os

    import numpy as np

    from gdsim.core.errors import InputError
    from gdsim.core.formula import validate_formula
    from gdsim.core.optimizers import OPTIMIZERS
    from gdsim.core.stopping import converged_at_point, divergence_reason
    from gdsim.engine.run_options import BATCH_SIZE
    from gdsim.qt.messages import error_text, reason_text
    from gdsim.session.jsonio import loads, read_bounded
    from gdsim.session.limits import LIMITS, check_count

    def refused(check) -> InputError:
        with pytest.raises(InputError) as caught:
            check()
        return caught.value

    lr = refused(lambda: OPTIMIZERS["sgd"].validate({"lr": -1}))
    batch = refused(lambda: BATCH_SIZE.check(0))
    nesterov = refused(lambda: OPTIMIZERS["sgd"].validate({"nesterov": True}))
    unknown = validate_formula("sinn(x)")
    huge = divergence_reason(None, np.array([[2e6]]))
    _, both = converged_at_point(np.array([1.0]), np.array([1.0]), 0.5, 0.01)
    duplicate = refused(lambda: loads('{"a": 1, "a": 2}'))
    runs = refused(lambda: check_count(LIMITS, "runs", 101, "runs"))
    os.mkfifo(tmp_path / "pipe")
    pipe = refused(lambda: read_bounded(tmp_path / "pipe"))
    assert error_text(lr) == lr.message == "must be at least 0, not -1"
    assert [error_text(error) for error in (duplicate, pipe)] == [duplicate.message, pipe.message]
    assert error_text(unknown) == unknown.message and reason_text(huge) == huge and reason_text(both) == both
    try:
        i18n.install_language("zh")
        assert error_text(lr) == "不能小于 0，现在是 -1"
        assert error_text(batch) == "必须是不小于 1 的整数，而不是 0"
        assert error_text(nesterov) == "Nesterov 动量要求 momentum > 0 且 dampening 为 0"
        assert error_text(unknown) == "第 1 列的名称 'sinn' 无法识别：请使用 x、y、pi、e 或以下函数之一：" + \
            ", ".join(unknown.params["functions"])
        assert reason_text(huge) == "某个参数的绝对值超过了 1e+06"
        assert reason_text(both) == "损失低于 0.5 或梯度范数低于 0.01"
        assert error_text(InputError("x", "an English sentence only")) == "an English sentence only"
        assert error_text(duplicate) == "在同一个对象中出现了两次：请只保留一个"
        assert error_text(runs) == "要求 101 个运行，超过了一个场景允许的 100 个（gdsim run --no-limits 仍可运行它）"
        assert error_text(pipe) == f"{tmp_path / 'pipe'} 是命名管道，不是普通文件"
    finally:
        i18n.install_language("en")


def raised_codes(source: str) -> list[tuple[int, str]]:
    """(line, code) of every ``InputError(...)`` in ``source``: a literal code as it is, a code chosen
    between literals (``"a" if ... else "b"``) as each, an f-string code as its literal start with
    ``*`` (``limit.*``), no code as ``"text"``; a code passed on from another error is left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "InputError"):
            continue
        code = node.args[2] if len(node.args) > 2 else next((k.value for k in node.keywords if k.arg == "code"), None)
        choices = [code.body, code.orelse] if isinstance(code, ast.IfExp) else [code]
        for choice in choices:
            if choice is None:
                found.append((node.lineno, "text"))
            elif isinstance(choice, ast.Constant):
                found.append((node.lineno, choice.value))
            elif isinstance(choice, ast.JoinedStr) and isinstance(choice.values[0], ast.Constant):
                found.append((node.lineno, choice.values[0].value + "*"))
    return found


def test_the_code_scan_reads_literal_chosen_and_built_codes():
    source = ('InputError("p", "m", "a.b", {})\nInputError("p", "m")\nInputError("p", "m", code="c.d")\n'
              'InputError("p", "m", "e.f" if x else "e.g")\nInputError("p", "m", f"limit.{n}")\n'
              'InputError(e.path, e.message, e.code)')
    assert raised_codes(source) == [(1, "a.b"), (2, "text"), (3, "c.d"), (4, "e.f"), (4, "e.g"), (5, "limit.*")]


#: Sentences without a code, per file: the command line's own (``gdsim run`` and ``gdsim sweep``
#: speak English), the network picker's, whose sentence is already in the person's language, and the
#: optimizer picker's report of a bug while listing the classes (the exception's own text).
ENGLISH_ONLY = {"cli.py": 6, "qt/panels/network_picker.py": 1, "qt/panels/optimizer_picker.py": 1}


def test_every_input_error_code_raised_in_gdsim_has_a_template_so_nothing_falls_back_to_english():
    """Every code an InputError is raised with anywhere in gdsim is said from a translated template
    (a ``prefix.*`` code: some template of that prefix, and one per limit); sentences without a
    code only where :data:`ENGLISH_ONLY` allows them."""
    from gdsim.qt.messages import ERROR_TEMPLATES
    from gdsim.session.limits import LIMITS

    untemplated, english = [], {}
    for path in python_files():
        where = path.relative_to(PACKAGE).as_posix()
        for line, code in raised_codes(path.read_text(encoding="utf-8")):
            if code == "text":
                english[where] = english.get(where, 0) + 1
            elif code.endswith("*"):
                if not any(key.startswith(code[:-1]) for key in ERROR_TEMPLATES):
                    untemplated.append(f"{where}:{line} {code}")
            elif code not in ERROR_TEMPLATES and not any(key.startswith(code + ".") for key in ERROR_TEMPLATES) \
                    and code != "type.whole":  # said by the whole.* templates
                untemplated.append(f"{where}:{line} {code}")
    assert untemplated == []
    assert {f"limit.{name}" for name in vars(LIMITS)} <= set(ERROR_TEMPLATES)
    assert {where: count for where, count in english.items() if count > ENGLISH_ONLY.get(where, 0)} == {}
    assert english  # the scan found the sentences without a code


def test_network_data_and_run_errors_are_said_from_their_codes_in_both_languages(qapp, tmp_path):
    """Real errors of a network's spec and data files, a data problem, inline samples, a formula's
    domain, a sweep and a run's settings: English built from the code's template is the raising
    code's own sentence word for word; Chinese is Chinese and keeps no English word of the sentence
    but the names and values it was built from (data sets, losses, keys a file holds)."""
    import re

    import numpy as np

    from gdsim.core.data_problems import ClassificationProblem, RegressionProblem
    from gdsim.core.datasets import features, targets
    from gdsim.core.errors import InputError
    from gdsim.core.expression import build_expression_problem
    from gdsim.engine.run_checks import check_network_run
    from gdsim.engine.spec import RunSpec
    from gdsim.nets.datasets import load_data
    from gdsim.nets.spec import DataSpec, parse_network
    from gdsim.qt.messages import error_text
    from gdsim.session.sweep import parse_sweep

    def refused(check) -> InputError:
        with pytest.raises(InputError) as caught:
            check()
        return caught.value

    def network(**spec):
        return lambda: parse_network({"kind": "network", "data": {"name": "moons"}, **spec})

    ragged, mnist = tmp_path / "ragged.csv", tmp_path / "mnist"
    ragged.write_text("1, 2\n3, 4, 5\n", encoding="utf-8")
    mnist.mkdir()
    csv = DataSpec("csv", None, 0.0, 0, str(ragged), 0.2)
    sweep = {"format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "rosenbrock"},
             "optimizers": [{"optimizer": "sgd"}], "lr": [0.1, 0.1], "seeds": [0], "steps": 10}
    errors = [refused(lambda: load_data(csv, False)),
              refused(lambda: load_data(DataSpec("mnist", None, 0.0, 0, str(mnist), 0.2), True)),
              refused(lambda: features([[1, 2], [3]])),
              refused(lambda: targets([1, 2], 3, False)),
              refused(lambda: build_expression_problem({"expr": "x + y", "domain": [[0, 1]]})),
              refused(lambda: parse_sweep(sweep)),
              refused(network(model={"name": "cnn"})),
              refused(network(model={"name": "logistic"}, loss="mse")),
              refused(network(model={"name": "linear", "hidden": [4]})),
              refused(lambda: parse_network({"kind": "network", "data": {"name": "sine"}, "loss": "cross_entropy"})),
              refused(lambda: parse_network({"kind": "network", "data": {"name": "csv"}})),
              refused(lambda: RegressionProblem(np.ones((3, 1)), np.arange(3.0), standardize=True)),
              refused(lambda: ClassificationProblem(np.arange(4.0)[:, None], np.ones(4), l2=0.1)),
              refused(lambda: ClassificationProblem(np.arange(4.0)[:, None], np.array([0.0, 0, 1, 1]))),
              refused(lambda: check_network_run(RunSpec(label="a", optimizer="sgd", start=(1.0, 2.0))))]
    codes = [error.code for error in errors]
    assert "text" not in codes and len(set(codes)) == len(codes), codes
    assert [error_text(error) for error in errors] == [error.message for error in errors]
    try:
        i18n.install_language("zh")
        for error in errors:
            text = error_text(error)
            assert re.search(r"[\u4e00-\u9fff]", text), text
            # no English word of the sentence is left, but for names and values it was built from
            kept = set(re.findall(r"[A-Za-z_]{3,}", " ".join(map(str, error.params.values()))))
            kept |= {"cross_entropy", "mse", "mnist", "npz", "Keras", "IDX", "MNIST", "null", "linear", "cnn",
                     "digits", "mlp", "path", "data", "keras", "datasets", "lr", "csv", "sine"}
            left = set(re.findall(r"[A-Za-z_]{3,}", error.message)) - kept
            assert not left & set(re.findall(r"[A-Za-z_]{3,}", text)), text
    finally:
        i18n.install_language("en")
