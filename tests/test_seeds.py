"""The code of the five seed Q&A articles (tests/data/seeds/*.txt), linted block by block.

Each fenced ```python block of article NNN becomes its own file sNNN_K.py (K counts the blocks
of that article from 0) and is checked with `lint_paths(..., use_cache=False)`. The expected
codes are what a careful reviewer expects **on Keras 3** from the code itself, RULES.md and the
measurements in BEHAVIOUR.md (case names in the comments); they were written before looking at
the tool's output. docs/seeds.md explains each block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layerdoctor import lint_paths

SEEDS = Path(__file__).parent / "data" / "seeds"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)

# Error and warning codes per block (Keras 3), and the info codes expected on top of them.
EXPECTED: dict[str, set[str]] = {
    # 000 "parameter count of zero"
    "s000_0": {"LD002"},  # self.w = tf.random.normal / self.b = tf.zeros in call(): case LD002d
    "s000_1": set(),      # add_weight in build(): the fix
    "s000_2": {"LD004"},  # add_weight in __init__ with input_dim passed by hand (warning): case LD004
    # 001 "total parameters zero in a nested model subclass"
    "s001_0": {"LD003"},  # tf.Variable in the inner layer's build(): case LD003b
    "s001_1": set(),      # add_weight: the fix; outer layer without build() is myth M1
    "s001_2": set(),      # build() without super().build(): myth M2, works (1w/20p)
    # 002 "2x nested custom layers producing zero trainable parameters"
    "s002_0": set(),      # myth M1: a nested layer in an outer layer without build() is tracked
    "s002_1": {"LD006"},  # self._trainable_weights.extend(...): AttributeError on Keras 3, case LD006a
    "s002_2": set(),      # Dense subclass nested, outer without build(): tracked
    # 003 "reusing a custom layer"
    "s003_0": {"LD008"},  # CustomAttention(32) reused on its 32-dim output after a 64-dim input: LD008a
    "s003_1": set(),      # two instances, no reuse (the class is not defined in this block)
    "s003_2": set(),      # one instance in TimeDistributed: one call, one input shape
    # 004 "make a tensor trainable"
    "s004_0": set(),      # add_weight in build()
    "s004_1": set(),
    "s004_2": set(),
}
EXPECTED_INFO: dict[str, set[str]] = {
    "s003_0": {"LD007"},  # the shared layer itself (myth M3 explains reuse as correct, as info)
}
# Blocks that illustrate what the articles call bugs but that work on Keras 3 (RULES.md, myths).
MYTHS = {"s001_2": "M2", "s002_0": "M1", "s002_2": "M1", "s003_2": "M3"}


def extract_blocks(article: Path) -> list[str]:
    return [match.group(1) for match in FENCE.finditer(article.read_text(encoding="utf-8"))]


def seed_blocks() -> dict[str, str]:
    blocks = {}
    for number, article in enumerate(sorted(SEEDS.glob("*.txt"))):
        assert article.name.startswith(f"{number:03d}_"), article.name
        for index, code in enumerate(extract_blocks(article)):
            blocks[f"s{number:03d}_{index}"] = code
    return blocks


BLOCKS = seed_blocks()


def lint_block(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.py"
    path.write_text(BLOCKS[name], encoding="utf-8")
    report = lint_paths([path], use_cache=False)
    assert report.errors == [], report.errors
    return report


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LAYERDOCTOR_CACHE_DIR", str(tmp_path_factory.mktemp("ldcache")))


def test_every_article_has_its_blocks():
    assert sorted(BLOCKS) == sorted(EXPECTED)
    for name, code in BLOCKS.items():
        compile(code, name, "exec")  # every block is valid Python on its own


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_block(tmp_path, name):
    report = lint_block(tmp_path, name)
    got = {f.code for f in report.findings if f.severity in ("error", "warning")}
    assert got == EXPECTED[name]
    info = {f.code for f in report.findings if f.severity == "info"}
    assert info == EXPECTED_INFO.get(name, set())
    assert all(f.target == "keras3" for f in report.findings)


@pytest.mark.parametrize("name", sorted(MYTHS))
def test_myths_have_no_error_finding(tmp_path, name):
    report = lint_block(tmp_path, name)
    assert [f for f in report.findings if f.severity == "error"] == []


def test_myth_m3_reuse_gets_info_not_error(tmp_path):
    """Article 003's claim (a reused layer is counted once) is myth M3: LD007 explains it as info;
    the error in block 0 is about the shapes (LD008), not the reuse."""
    report = lint_block(tmp_path, "s003_0")
    by_code = {f.code: f for f in report.findings}
    assert by_code["LD007"].severity == "info"
    assert by_code["LD008"].severity == "error"
    assert by_code["LD008"].class_name == "CustomAttention" or "CustomAttention" in by_code["LD008"].message


def test_myth_m3_on_the_seed_code_with_fitting_shapes(tmp_path):
    """s003_0 with CustomAttention(64): the reuse now fits (64 -> 64 -> 64); what is left is the
    article's actual subject, a layer counted once, which is correct: LD007 info only."""
    path = tmp_path / "s003_0_fits.py"
    source = BLOCKS["s003_0"]
    assert source.count("CustomAttention(32)") == 1
    path.write_text(source.replace("CustomAttention(32)", "CustomAttention(64)"), encoding="utf-8")
    report = lint_paths([path], use_cache=False)
    assert [(f.code, f.severity) for f in report.findings] == [("LD007", "info")]


def test_seed_findings_point_at_the_right_lines(tmp_path):
    """The bug lines of the buggy blocks, by their text."""
    def line_of(name: str, text: str) -> int:
        return next(i for i, line in enumerate(BLOCKS[name].splitlines(), 1) if text in line)

    cases = {
        "s000_0": {("LD002", line_of("s000_0", "self.w = tf.random.normal")),
                   ("LD002", line_of("s000_0", "self.b = tf.zeros"))},
        "s000_2": {("LD004", line_of("s000_2", "self.w = self.add_weight"))},
        "s001_0": {("LD003", line_of("s001_0", "self.w = tf.Variable"))},
        "s002_1": {("LD006", line_of("s002_1", "self._trainable_weights.extend"))},
        "s003_0": {("LD008", line_of("s003_0", "x2 = attention_layer(x1)"))},
    }
    for name, expected in cases.items():
        report = lint_block(tmp_path, name)
        got = {(f.code, f.line) for f in report.findings if f.severity != "info"}
        assert got == expected, name


@pytest.mark.parametrize("name, expected", [
    ("s001_0", set()),        # tf.keras 2 tracks a tf.Variable on a layer (LD003: 1w/12p)
    ("s002_1", {"LD006"}),    # still the private list API (catalog: error on tf.keras 2 too)
    ("s000_0", {"LD002"}),    # random tensors in call() are new on every call there too
])
def test_seed_blocks_on_tf_keras(tmp_path, name, expected):
    path = tmp_path / f"{name}.py"
    path.write_text(BLOCKS[name], encoding="utf-8")
    report = lint_paths([path], use_cache=False, target="tf-keras")
    assert {f.code for f in report.findings if f.severity in ("error", "warning")} == expected
