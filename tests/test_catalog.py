"""The catalog agrees with RULES.md, its snippets parse, and docs/rules.md is not stale.

No Keras import here: these tests run where only the static checker's dependencies exist.
tests/data/RULES.md is a copy of the project's RULES.md (the codes, names and severities are
fixed there); refresh the copy when that file changes.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from layerdoctor import lint_paths
from layerdoctor.catalog import RULES, get
from layerdoctor.docs import render_rules_markdown
from layerdoctor.finding import KERAS3, SEVERITIES, TF_KERAS
from layerdoctor.vocab import DOCS_URL

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = Path(__file__).resolve().parent / "data" / "RULES.md"
EXAMPLES = ROOT / "examples" / "lint"
MARKER = re.compile(r"#\s*(LD\d{3})\b")


def _rules_table() -> dict[str, tuple[str, str, str | None]]:
    """code -> (name, Keras 3 severity, tf.keras 2 severity) from the markdown table."""
    rows = {}
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        if not re.match(r"\|\s*LD\d{3}\s*\|", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        code, name, severity = cells[0], cells[1], cells[2]
        if severity in SEVERITIES:
            rows[code] = (name, severity, severity)
            continue
        m = re.fullmatch(r"(\w+) on Keras 3, (\w+) on tf\.keras 2", severity)
        assert m, f"unparsed severity cell for {code}: {severity!r}"
        k3, tfk = m.group(1), m.group(2)
        rows[code] = (name, k3, None if tfk == "none" else tfk)
    return rows


TABLE = _rules_table()
CODES = sorted(RULES)


def test_table_parsed():
    assert TABLE
    assert all(re.fullmatch(r"LD\d{3}", code) for code in TABLE)


def test_every_code_of_rules_md_has_its_rule_module():
    # A new code is a rule module first; the project's RULES.md (copied here) follows.
    assert set(TABLE) <= set(RULES)


@pytest.mark.parametrize("code", sorted(TABLE))
def test_name_and_severities_match_rules_md(code):
    name, k3, tfk = TABLE[code]
    rule = RULES[code]
    assert rule.code == code
    assert rule.name == name
    assert rule.severity == k3
    assert rule.tf_keras_severity == tfk
    assert rule.severity_for(KERAS3) == k3
    assert rule.severity_for(TF_KERAS) == tfk


def test_get_is_case_insensitive():
    assert get("ld003") is RULES["LD003"]


@pytest.mark.parametrize("code", CODES)
def test_snippets_parse(code):
    rule = RULES[code]
    for field in ("example", "use_instead"):
        text = getattr(rule, field)
        assert text.strip(), f"{code}.{field} is empty"
        ast.parse(text, filename=f"{code}.{field}")
    assert rule.example != rule.use_instead


@pytest.mark.parametrize("code", CODES)
def test_texts_present(code):
    rule = RULES[code]
    assert rule.summary.strip() and "\n" not in rule.summary
    assert rule.what.strip()
    for flavour in (KERAS3, TF_KERAS):
        assert rule.why.get(flavour, "").strip(), f"{code}: empty why for {flavour}"
        assert flavour in rule.keras_says, f"{code}: keras_says has no entry for {flavour}"
    assert set(rule.why) == {KERAS3, TF_KERAS}
    assert set(rule.keras_says) == {KERAS3, TF_KERAS}
    assert rule.fix_safety.startswith(("Safe", "Unsafe", "No automatic fix"))
    assert rule.help_uri == f"{DOCS_URL}#{code.lower()}"
    assert urlsplit(rule.help_uri).scheme == "https"


@pytest.mark.parametrize("code", CODES)
def test_fix_templates_are_short_and_fill(code):
    rule = RULES[code]
    for variant, template in rule.fix_templates().items():
        assert template.strip(), (code, variant)
        assert len(template.strip().splitlines()) <= 2, (code, variant)
        filled = rule.fix_text(variant, attr="kernel", shape=(3, 4), dtype="float32")
        assert "{" not in filled and "}" not in filled, (code, variant, filled)
        unknown = rule.fix_text(variant)  # nothing known: placeholders, never a crash
        assert "self.." not in unknown and "{" not in unknown, (code, variant, unknown)


def test_fix_text_uses_what_is_known():
    assert "shape=(5,)" in RULES["LD001"].fix_text(attr="scale", shape=(5,))
    assert RULES["LD001"].fix_text(attr="scale").startswith("self.scale = self.add_weight(shape=...")


@pytest.mark.parametrize("code", CODES)
def test_example_gives_its_code_and_use_instead_is_clean(code, tmp_path):
    """Every catalog snippet is linted: `example` must show the rule's code, `use_instead` nothing
    but info. LD003 is a Keras 3 bug only; the snippets are checked on Keras 3."""
    rule = RULES[code]
    for field, want in (("example", True), ("use_instead", False)):
        path = tmp_path / field / f"{code.lower()}_{field}.py"
        path.parent.mkdir(parents=True)
        path.write_text(rule.example if want else rule.use_instead, encoding="utf-8")
        report = lint_paths([path], use_cache=False, target="keras3")
        assert not report.errors, report.errors
        codes = {f.code for f in report.findings}
        if want:
            assert code in codes, f"{code}.example is not reported: {codes}"
        else:
            assert [f for f in report.findings if f.severity != "info"] == [], (
                f"{code}.use_instead is not clean: {[(f.code, f.line) for f in report.findings]}")


def test_rules_md_is_up_to_date():
    doc = ROOT / "docs" / "rules.md"
    assert doc.exists(), "docs/rules.md is missing: run `python -m layerdoctor.docs`"
    assert doc.read_text(encoding="utf-8") == render_rules_markdown(), (
        "docs/rules.md is stale: run `python -m layerdoctor.docs`"
    )


def test_rules_md_has_an_anchor_and_message_per_code():
    text = render_rules_markdown()
    for code, rule in RULES.items():
        assert f'<a id="{code.lower()}"></a>' in text
        assert f"## {rule.name} ({code})" in text
        for said in rule.keras_says.values():
            if said:
                assert said in text


def test_docs_module_does_not_import_keras():
    probe = (
        "import sys, layerdoctor.docs as d; d.render_rules_markdown(); "
        "bad = [m for m in ('keras', 'tensorflow', 'tf_keras', 'jax', 'torch') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", probe]).returncode == 0


EXAMPLE_CODES = sorted({p.name[:5].upper() for p in EXAMPLES.glob("ld*.py")})


def test_the_examples_cover_the_codes_of_rules_md():
    # Examples are a showcase for the catalog's codes; a new code's own example is its catalog
    # `example`, linted by test_example_gives_its_code_and_use_instead_is_clean.
    assert set(TABLE) <= set(EXAMPLE_CODES)


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_lint_example_pair(code):
    buggy = sorted(EXAMPLES.glob(f"{code.lower()}_*.py"))
    assert len(buggy) == 1, f"expected one examples/lint/{code.lower()}_<name>.py"
    assert code in RULES, f"{buggy[0].name}: no rule module for {code}"
    assert buggy[0].stem == f"{code.lower()}_{RULES[code].name.replace('-', '_')}"
    fixed = EXAMPLES / "fixed" / buggy[0].name
    assert fixed.exists(), f"missing fixed twin {fixed}"
    buggy_text = buggy[0].read_text(encoding="utf-8")
    fixed_text = fixed.read_text(encoding="utf-8")
    ast.parse(buggy_text)
    ast.parse(fixed_text)
    assert code in MARKER.findall(buggy_text), f"{buggy[0].name} has no # {code} marker"
    assert not MARKER.findall(fixed_text), f"{fixed.name} must carry no markers"
    assert buggy[0].name in (EXAMPLES / "README.md").read_text(encoding="utf-8")


def test_the_runtime_recognises_keras_messages_by_parts_of_the_documented_texts():
    from layerdoctor import keras_messages

    documented = "\n".join(said for rule in RULES.values() for said in rule.keras_says.values())
    for fragment, message in keras_messages.FRAGMENTS.items():
        assert fragment in message
        assert message in documented, f"{fragment!r}: its message is quoted by no rule"


def test_the_rules_that_call_their_fix_safe_have_an_autofix():
    from layerdoctor.static.fixes import autofixes

    safe = {code for code, rule in RULES.items() if rule.fix_safety.startswith("Safe")}
    assert set(autofixes()) == safe == {"LD006", "LD013"}


def test_lint_never_imports_libcst():
    probe = ("import sys, layerdoctor; layerdoctor.lint_paths(['examples/lint'], use_cache=False); "
             "sys.exit(1 if 'libcst' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT).returncode == 0
