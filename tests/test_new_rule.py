"""Adding a finding code takes one module: a throwaway rule package, created here on the path
and never listed anywhere, is discovered, run by `lint`, listed by `rules`, explained by
`explain`, documented in docs/rules.md and in SARIF. No file of the project is edited."""

from __future__ import annotations

import importlib
import json
import sys

import pytest
from harness import write

from layerdoctor import catalog, cli, lint_paths
from layerdoctor.docs import render_rules_markdown
from layerdoctor.render.sarif import to_sarif
from layerdoctor.report import Report

RULE_MODULE = '''
"""LD901 odd-layer: a layer whose class name starts with Odd (a throwaway rule for a test)."""

from layerdoctor.rule import Rule, snippet
from layerdoctor.static.rules import Hit
from layerdoctor.vocab import KERAS3, TF_KERAS

RULE = Rule(
    code="LD901", name="odd-layer", severity="warning", tf_keras_severity="warning",
    summary="A layer class is called Odd-something.",
    what="Static: finds layer classes whose name starts with `Odd`.",
    why={KERAS3: "Odd names confuse readers.", TF_KERAS: "Odd names confuse readers."},
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras


        class OddLayer(keras.layers.Layer):
            def call(self, inputs):
                return inputs
    """),
    use_instead=snippet("""
        import keras


        class EvenLayer(keras.layers.Layer):
            def call(self, inputs):
                return inputs
    """),
    fix_hint="class Even{attr}(keras.layers.Layer): ...",
    fix_safety="No automatic fix: renaming a class is the author's call.",
    detectors=("static",),
)


def check_class(ctx):
    if ctx.name.startswith("Odd"):
        yield Hit(ctx.line, MESSAGE.format(name=ctx.name), attribute=ctx.name[3:])


MESSAGE = "{name} has an odd name"
'''

MODULE_RULE = '''
"""LD902 odd-call: functional code calls odd_call() (a throwaway module-level rule)."""

import ast

from layerdoctor.rule import Rule
from layerdoctor.static.rules import Hit
from layerdoctor.vocab import KERAS3, TF_KERAS

RULE = Rule(
    code="LD902", name="odd-call", severity="error", tf_keras_severity="error",
    summary="Functional code calls odd_call().", what="Static: finds calls of `odd_call`.",
    why={KERAS3: "Odd.", TF_KERAS: "Odd."}, keras_says={KERAS3: "", TF_KERAS: ""},
    example="import keras\\nx = odd_call(keras.Input((4,)))\\n",
    use_instead="import keras\\nx = keras.Input((4,))\\n",
    fix_hint="# do not call odd_call", fix_safety="No automatic fix: a test rule.",
    detectors=("static",),
)


def TRIGGER(text):
    return "odd_call(" in text


def check_module(ctx):
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "odd_call":
            yield Hit(node, "odd_call() is odd", attribute="odd_call")
'''


@pytest.fixture
def extra_rules(tmp_path, monkeypatch):
    package = tmp_path / "site" / "ldextra_rules"
    write(package / "__init__.py", "")
    write(package / "ld901.py", RULE_MODULE)
    write(package / "ld902.py", MODULE_RULE)
    write(package / "helpers.py", "raise RuntimeError('not a rule module: never imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    _forget("ldextra_rules")
    catalog.register_rule_package("ldextra_rules")
    try:
        yield package
    finally:
        catalog.unregister_rule_package("ldextra_rules")
        _forget("ldextra_rules")


def _forget(package: str) -> None:
    """Drop an imported package and its modules, so the next import reads the files again."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


SOURCE = """
import keras


class OddDense(keras.layers.Layer):
    def call(self, inputs):
        return inputs


x = odd_call(keras.Input((4,)))
"""


def test_a_new_rule_module_is_discovered_and_run(extra_rules, tmp_path, monkeypatch):
    assert "LD901" in catalog.RULES and "LD902" in catalog.RULES
    assert catalog.get("ld901").name == "odd-layer"
    path = write(tmp_path / "proj" / "model.py", SOURCE)
    report = lint_paths([path], use_cache=False)
    assert not report.errors, report.errors
    found = {(f.code, f.line, f.severity, f.fix) for f in report.findings}
    assert ("LD901", 4, "warning", "class EvenDense(keras.layers.Layer): ...") in found
    assert ("LD902", 9, "error", "# do not call odd_call") in found
    # --select knows the new code
    assert {f.code for f in lint_paths([path], use_cache=False, select=["LD901"]).findings} == {"LD901"}


def test_a_changed_rule_is_not_served_from_the_cache(extra_rules, tmp_path, monkeypatch):
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path / "proj" / "model.py", SOURCE)
    first = [f.message for f in lint_paths([path], select=["LD901"]).findings]
    assert first == ["OddDense has an odd name"]
    module = extra_rules / "ld901.py"
    module.write_text(module.read_text().replace("has an odd name", "is oddly named"))
    catalog.unregister_rule_package("ldextra_rules")  # a new process would import the new code
    _forget("ldextra_rules")
    catalog.register_rule_package("ldextra_rules")
    second = [f.message for f in lint_paths([path], select=["LD901"]).findings]
    assert second == ["OddDense is oddly named"]


def test_a_changed_module_inside_a_rule_package_is_not_served_from_the_cache(extra_rules, tmp_path, monkeypatch):
    """A rule package (`ld903/`) keeps its message in a module of its own: editing that module, not
    `__init__.py`, must still make the cached results misses."""
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(tmp_path / "cache"))
    words = write(extra_rules / "ld903" / "words.py", 'MESSAGE = "{name} has an odd name"\n')
    write(extra_rules / "ld903" / "__init__.py",
          RULE_MODULE.replace("LD901", "LD903").replace('"odd-layer"', '"odd-layer-again"')
          .replace('MESSAGE = "{name} has an odd name"', "from .words import MESSAGE"))
    path = write(tmp_path / "proj" / "model.py", SOURCE)
    for message in ("OddDense has an odd name", "OddDense is oddly named"):
        words.write_text(f'MESSAGE = "{message.replace("OddDense", "{name}")}"\n')
        catalog.unregister_rule_package("ldextra_rules")  # a new process would import the new code
        _forget("ldextra_rules")
        catalog.register_rule_package("ldextra_rules")
        assert [f.message for f in lint_paths([path], select=["LD903"]).findings] == [message]


def test_a_new_rule_is_listed_explained_and_documented(extra_rules, capsys):
    assert cli.main(["rules", "--format", "json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["LD901"]["name"] == "odd-layer"
    assert cli.main(["explain", "LD901"]) == 0
    explained = capsys.readouterr().out
    assert "odd-layer" in explained and "Odd names confuse readers." in explained
    doc = render_rules_markdown()
    assert '<a id="ld901"></a>' in doc and "## odd-layer (LD901)" in doc
    sarif_rules = to_sarif(Report())["runs"][0]["tool"]["driver"]["rules"]
    assert "LD901" in [r["id"] for r in sarif_rules]


def test_the_new_rule_snippets_behave(extra_rules, tmp_path):
    for code in ("LD901", "LD902"):
        rule = catalog.RULES[code]
        bad = write(tmp_path / code / "example.py", rule.example)
        good = write(tmp_path / code / "fixed" / "use_instead.py", rule.use_instead)
        assert code in {f.code for f in lint_paths([bad], use_cache=False).findings}
        assert code not in {f.code for f in lint_paths([good], use_cache=False).findings}


def test_the_registry_is_back_to_the_builtin_rules_afterwards():
    assert all(not code.startswith("LD9") for code in catalog.RULES)


def test_a_new_rule_runs_in_the_worker_processes_too(extra_rules, tmp_path):
    for number in range(140):  # enough files for lint to start worker processes
        write(tmp_path / "many" / f"m{number}.py", SOURCE.replace("OddDense", f"OddDense{number}"))
    report = lint_paths([tmp_path / "many"], use_cache=False, jobs=2, select=["LD901"])
    assert not report.errors
    assert len(report.findings) == 140


def test_a_module_rule_without_a_trigger_is_refused(extra_rules):
    """A module-level check that no file text selects would silently never run: discovery says so."""
    write(extra_rules / "ld903.py", MODULE_RULE.replace('code="LD902"', 'code="LD903"')
          .replace('name="odd-call"', 'name="odd-call-2"').replace("def TRIGGER(text):", "def _unused(text):"))
    _forget("ldextra_rules")
    catalog.unregister_rule_package("ldextra_rules")
    catalog.register_rule_package("ldextra_rules")
    with pytest.raises(TypeError, match="no TRIGGER"):
        catalog.rule_modules()
    (extra_rules / "ld903.py").unlink()
    catalog.unregister_rule_package("ldextra_rules")  # leave a registry that discovers again
