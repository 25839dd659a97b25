"""SARIF and GitHub Actions renderers, checked on hand-built reports.

The SARIF output is validated against the official SARIF 2.1.0 JSON schema (tests/data).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

import layerdoctor
from layerdoctor.catalog import RULES
from layerdoctor.finding import KERAS3, TF_KERAS, FileError, Finding
from layerdoctor.render.github import render_github
from layerdoctor.render.sarif import render_sarif, to_sarif
from layerdoctor.report import Report

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid(validator: jsonschema.Draft7Validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


MESSAGE = "self.kernel is a tensor, not a variable"


def finding(code: str, severity: str, path: str = "src/models/layers.py", line: int = 12,
            column: int = 9, message: str = MESSAGE,
            **extra) -> Finding:
    fields = {"detector": "static", "target": KERAS3, "class_name": "Scale", "attribute": "kernel",
              "fix": "self.kernel = self.add_weight(shape=..., initializer=...)"}
    fields.update(extra)
    return Finding(path=path, line=line, column=column, code=code, message=message,
                   severity=severity, **fields)


FINDINGS = [
    finding("LD001", "error"),
    finding("LD004", "warning", path="pkg\\blocks.py", line=30, column=1, target=TF_KERAS,
            class_name="Block", attribute=None, fix=None),
    finding("LD007", "info", path="/abs/project/my layers.py", line=5, column=3,
            detector="runtime", attribute="dense"),
    finding("LD013", "error", line=0, column=0, detector="runtime", class_name=None,
            attribute=None, fix=None, message="super().__init__() is called late"),
]
ERRORS = [FileError(path="broken.py", message="SyntaxError: invalid syntax (line 3)")]


@pytest.fixture
def report() -> Report:
    return Report(findings=list(FINDINGS), errors=list(ERRORS), files_checked=4)


@pytest.fixture
def run(report: Report) -> dict:
    return to_sarif(report)["runs"][0]


# --- SARIF -------------------------------------------------------------------------------


def test_sarif_validates_against_the_schema(validator, report):
    log = to_sarif(report)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert_valid(validator, log)


def test_empty_report_validates_and_has_every_rule(validator):
    log = to_sarif(Report())
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_render_sarif_is_the_same_log_as_json(report):
    text = render_sarif(report)
    assert json.loads(text) == to_sarif(report)
    assert text.startswith('{\n  "$schema"')  # indented for humans


def test_driver_describes_layerdoctor(run):
    driver = run["tool"]["driver"]
    assert driver["name"] == "layerdoctor"
    assert driver["version"] == layerdoctor.__version__
    assert urlsplit(driver["informationUri"]).scheme == "https"
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_cover_the_catalog_with_text_and_levels(run):
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    expected_level = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in rules:
        rule = RULES[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.what
        assert descriptor["defaultConfiguration"]["level"] == expected_level[rule.severity]
        help_markdown = descriptor["help"]["markdown"]
        for reason in rule.why.values():
            assert reason in descriptor["help"]["text"]
            assert reason in help_markdown
        assert rule.example.strip() in help_markdown
        assert rule.use_instead.strip() in help_markdown
        parts = urlsplit(descriptor["helpUri"])  # SARIF accepts absolute URIs only
        assert parts.scheme == "https" and parts.netloc
        assert parts.fragment == rule.code.lower()  # the rule's anchor in docs/rules.md
        assert descriptor["helpUri"] == rule.help_uri


def test_catalog_has_every_severity_to_map():
    assert {rule.severity for rule in RULES.values()} >= {"error", "warning"}


def test_result_levels_follow_the_finding_severity(run):
    assert [result["level"] for result in run["results"]] == ["error", "warning", "note", "error"]


def test_results_point_to_their_rule(run):
    rules = run["tool"]["driver"]["rules"]
    assert [result["ruleId"] for result in run["results"]] == ["LD001", "LD004", "LD007", "LD013"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["results"][0]["message"]["text"] == MESSAGE


def test_relative_path_is_posix_and_based_on_srcroot(run):
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/models/layers.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12, "startColumn": 9}
    windows_style = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert windows_style == {"uri": "pkg/blocks.py", "uriBaseId": "%SRCROOT%"}


def test_absolute_path_becomes_a_file_uri_without_base(run):
    artifact = run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///abs/project/my%20layers.py"}


def test_windows_absolute_path_becomes_a_file_uri(validator):
    log = to_sarif(Report(findings=[finding("LD001", "error", path="C:\\work\\model.py")]))
    assert_valid(validator, log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///C:/work/model.py"}


def test_finding_without_position_has_no_region(run):
    location = run["results"][3]["locations"][0]["physicalLocation"]
    assert "region" not in location
    assert location["artifactLocation"]["uri"] == "src/models/layers.py"


def test_result_properties_carry_detector_target_class_attribute_fix(run):
    first, second, third, _ = run["results"]
    assert first["properties"] == {
        "detector": "static", "target": "keras3", "class": "Scale", "attribute": "kernel",
        "fix": "self.kernel = self.add_weight(shape=..., initializer=...)",
    }
    assert second["properties"] == {"detector": "static", "target": "tf-keras", "class": "Block"}
    assert third["properties"]["detector"] == "runtime"
    assert "fixes" not in first  # the snippet is not a SARIF replacement, so it stays a property


def test_file_errors_become_error_notifications(run):
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "SyntaxError: invalid syntax (line 3)"
    artifact = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "broken.py", "uriBaseId": "%SRCROOT%"}


def test_odd_characters_in_paths_and_messages_stay_valid(validator):
    odd = finding("LD002", "error", path="dir with space/#1 [x].py",
                  message='multi\nline "quoted" % message: a, b')
    log = to_sarif(Report(findings=[odd], errors=[FileError("ünï/cødé.py", "can't\ndecode")]))
    assert_valid(validator, log)
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == 'multi\nline "quoted" % message: a, b'
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "dir%20with%20space/%231%20%5Bx%5D.py"


# --- GitHub Actions ----------------------------------------------------------------------


def title(code: str) -> str:
    return f"{code} {RULES[code].name}"


def test_github_one_command_per_finding_and_error(report):
    lines = render_github(report).split("\n")
    assert lines == [
        f"::error file=src/models/layers.py,line=12,col=9,title={title('LD001')}::{MESSAGE}",
        f"::warning file=pkg\\blocks.py,line=30,col=1,title={title('LD004')}::{MESSAGE}",
        f"::notice file=/abs/project/my layers.py,line=5,col=3,title={title('LD007')}::{MESSAGE}",
        f"::error file=src/models/layers.py,title={title('LD013')}::super().__init__() is called late",
        "::error file=broken.py::SyntaxError: invalid syntax (line 3)",
    ]


def test_github_empty_report_prints_nothing():
    assert render_github(Report()) == ""


def test_github_escapes_properties_and_message():
    tricky = finding("LD001", "error", path="a,b:c/100%.py", line=7, column=2,
                     message="50% of weights\r\nlost: a, b")
    (line,) = render_github(Report(findings=[tricky])).split("\n")
    assert line == (
        f"::error file=a%2Cb%3Ac/100%25.py,line=7,col=2,title={title('LD001')}::"
        "50%25 of weights%0D%0Alost: a, b"
    )


def test_github_escapes_percent_before_newlines():
    # A literal "%0A" in the text must not turn into a newline when GitHub unescapes it.
    tricky = finding("LD001", "error", message="literal %0A stays", path="x%0Ay.py")
    (line,) = render_github(Report(findings=[tricky])).split("\n")
    assert line.startswith("::error file=x%250Ay.py,")
    assert line.endswith("::literal %250A stays")


def test_github_file_error_message_with_newline_stays_on_one_line():
    output = render_github(Report(errors=[FileError("dir,x/bad.py", "line 1\nline 2")]))
    assert output == "::error file=dir%2Cx/bad.py::line 1%0Aline 2"


def test_schema_check_is_not_vacuous(validator, report):
    log = to_sarif(report)
    log["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    del log["runs"][0]["invocations"][0]["executionSuccessful"]
    assert len(list(validator.iter_errors(log))) == 2
