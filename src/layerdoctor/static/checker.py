"""`lint`: files -> summaries (in parallel, cached) -> project index -> rules -> Report."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor

from ..catalog import RULES as CATALOG
from ..config import Config, load_config, parse_codes
from ..errors import UsageError
from ..finding import KERAS3, TF_KERAS, FileError, Finding
from ..report import Report
from . import cache as result_cache
from .context import ClassContext
from .files import discover
from .module import ModuleContext
from .project import Project
from .rules import RULES as RULE_MODULES, Hit
from .source import FileSummary, SourceError, summarize

# Below this many files to parse, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 64
_NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)


def lint_paths(paths, *, select=None, ignore=None, target: str | None = None, exclude=None,
               use_cache: bool = True, jobs: int | None = None, config_file: str | None = None) -> Report:
    """Check Python files statically: nothing is imported or executed."""
    paths = [str(p) for p in paths] or ["."]
    config = load_config(paths, config_file)
    if select:
        config.select = parse_codes(select, "--select")
    if ignore:
        config.ignore |= parse_codes(ignore, "--ignore")
    if target:
        if target not in ("auto", KERAS3, TF_KERAS):
            raise UsageError(f"--target must be auto, keras3 or tf-keras, not {target!r}")
        config.target = target
    if exclude:
        config.exclude = list(config.exclude) + list(exclude)
        config.exclude_base = "."
    files, errors = discover(paths, config.exclude, config.exclude_base)
    files = [os.path.normpath(f) for f in files]

    store = result_cache.Cache(paths, config.fingerprint()) if use_cache else None
    if store is not None:
        cached = store.load_result(files)
        if cached is not None:
            cached.errors = errors + cached.errors
            return cached.sort()

    summaries, file_errors = _summarize_all(files, store, jobs)
    report = Report(files_checked=len(files), errors=errors + file_errors)
    report.findings = check(summaries, config)
    report.sort()
    if store is not None:
        store.save(report, errors)
    return report


def check(summaries: list[FileSummary], config: Config) -> list[Finding]:
    project = Project(summaries)
    findings: list[Finding] = []
    lines_cache: dict[str, list[str]] = {}
    for file in summaries:
        target = _target_for(file, config)
        raw: list[tuple[str, Hit, str | None]] = []
        for cls in file.classes:
            if not cls.bases or not project.is_layer(project.resolve(cls.qualname)):
                continue
            ctx = ClassContext(cls, file, project, target)
            for rule in RULE_MODULES:
                if hasattr(rule, "check_class") and config.enabled(rule.CODE):
                    raw.extend((rule.CODE, hit, cls.name) for hit in rule.check_class(ctx))
        if file.tree is not None:
            mctx = ModuleContext(file, project, target)
            for rule in RULE_MODULES:
                if hasattr(rule, "check_module") and config.enabled(rule.CODE):
                    raw.extend((rule.CODE, hit, None) for hit in rule.check_module(mctx))
        for code, hit, class_name in raw:
            finding = _finding(code, hit, class_name, file.path, target)
            if finding is not None and not _suppressed(finding, lines_cache):
                findings.append(finding)
    return sorted(set(findings))


def _finding(code: str, hit: Hit, class_name: str | None, path: str, target: str) -> Finding | None:
    rule = CATALOG[code]
    severity = hit.severity or rule.severity_for(target)
    if severity is None:
        return None
    return Finding(
        path=path, line=hit.line, column=hit.column, code=code, message=hit.message,
        severity=severity, detector="static", target=target,
        class_name=hit.class_name or class_name, attribute=hit.attribute,
        fix=hit.fix if hit.fix is not None else rule.fix_hint.replace("{attr}", hit.attribute or "x"),
    )


def _target_for(file: FileSummary, config: Config) -> str:
    if config.target != "auto":
        return config.target
    return TF_KERAS if file.legacy_keras else KERAS3


def _suppressed(finding: Finding, lines_cache: dict[str, list[str]]) -> bool:
    lines = lines_cache.get(finding.path)
    if lines is None:
        try:
            with open(finding.path, encoding="utf-8-sig", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            lines = []
        lines_cache[finding.path] = lines
    if not 0 < finding.line <= len(lines):
        return False
    match = _NOQA_RE.search(lines[finding.line - 1])
    if match is None:
        return False
    codes = match.group("codes")
    return codes is None or finding.code in {c.upper() for c in re.split(r"[\s,]+", codes) if c}


# ---------------------------------------------------------------- summarizing, in parallel


def _summarize_one(path: str):
    try:
        return path, summarize(path), None
    except SourceError as exc:
        return path, None, str(exc)
    except RecursionError:
        return path, None, "cannot parse: the code is nested too deeply"


def _summarize_all(files: list[str], store, jobs: int | None):
    summaries: list[FileSummary] = []
    errors: list[FileError] = []
    todo = []
    for path in files:
        summary = store.load_summary(path) if store is not None else None
        if summary is not None:
            summaries.append(summary)
        else:
            todo.append(path)
    workers = jobs or os.cpu_count() or 1
    if workers > 1 and len(todo) >= _PARALLEL_THRESHOLD:
        chunk = max(8, len(todo) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_summarize_one, todo, chunksize=chunk))
    else:
        results = [_summarize_one(path) for path in todo]
    for path, summary, error in results:
        if error is not None:
            errors.append(FileError(path, error))
            if store is not None:
                store.forget(path)
        else:
            summaries.append(summary)
            if store is not None:
                store.save_summary(path, summary)
    return summaries, errors
