"""Issue 8: the README's options sections agree with the parser; the API is typed (no **options
that silently accept anything), ships py.typed, and says what it returns."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest
from harness import ROOT

import layerdoctor
from layerdoctor.cli import _parser


def _subcommand(name: str) -> argparse.ArgumentParser:
    (sub,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices[name]


def _readme_section(name: str) -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- options: {name} -->(.*?)<!-- end options -->", text, re.S)
    assert match, f"README has no options section for {name}"
    return match.group(1)


@pytest.mark.parametrize("command", ["lint", "inspect"])
def test_readme_options_match_the_parser(command):
    parser_options = {o for a in _subcommand(command)._actions for o in a.option_strings} - {"-h", "--help"}
    documented = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", _readme_section(command)))
    assert parser_options - documented == set(), "options missing from the README"
    assert documented - parser_options == set(), "the README documents options the parser does not have"


def test_readme_documents_the_json_fields():
    text = (ROOT / "README.md").read_text()
    for field in ('"extra"', '"untracked"', "`output_shape` as a list", "`files_checked` is 1"):
        assert field in text


def test_public_functions_are_typed_and_refuse_unknown_options(tmp_path):
    for function in (layerdoctor.lint_paths, layerdoctor.inspect_model):
        parameters = inspect.signature(function).parameters.values()
        assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters), function
        assert "Returns" in (function.__doc__ or ""), function
    with pytest.raises(TypeError):
        layerdoctor.lint_paths([str(tmp_path)], depth=1)
    with pytest.raises(TypeError):
        layerdoctor.inspect_model(object(), depth=1)


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "layerdoctor" / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text()


def test_api_errors_name_no_command_line_flag(tmp_path):
    from layerdoctor.errors import UsageError

    for kwargs in ({"select": [","]}, {"select": ["LD999"]}, {"ignore": ["XX1"]}, {"target": "keras9"}):
        with pytest.raises(UsageError) as raised:
            layerdoctor.lint_paths([str(tmp_path)], **kwargs)
        assert "--" not in str(raised.value), str(raised.value)
