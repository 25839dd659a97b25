"""The JSON report shape other tools rely on, checked against the published schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from layerdoctor import lint_paths

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(resources.files("layerdoctor").joinpath("data/report.schema.json").read_text())


def test_the_schema_is_valid():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_lint_report_matches_the_schema(tmp_path):
    (tmp_path / "broken.py").write_text("import keras\nclass X(keras.layers.Layer:\n")
    report = lint_paths([ROOT / "examples" / "lint", tmp_path], use_cache=False)
    data = json.loads(report.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["findings"] and data["errors"]
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}


def test_the_schema_rejects_a_wrong_finding():
    report = json.loads(lint_paths([ROOT / "examples" / "lint" / "ld001_raw_tensor_state.py"],
                                   use_cache=False).to_json())
    report["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)


@pytest.mark.runtime
def test_inspect_report_matches_the_schema():
    pytest.importorskip("keras")
    from layerdoctor.runtime.api import inspect_target

    report = inspect_target(str(ROOT / "examples" / "models" / "buggy_multitask.py"))
    data = json.loads(report.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["tree"]["children"] and data["params"]["untracked"] > 0
