"""`lint`: files -> summaries (in parallel, cached) -> project index -> rules -> Report."""

from __future__ import annotations

import gc
import glob
import hashlib
import multiprocessing
import os
import re
import sys
from collections.abc import Mapping, Sequence

from ..catalog import package_sources, register_rule_package, rule_modules, rule_packages
from ..config import Config, resolve_config
from ..finding import FileError, Finding, new_finding
from ..report import Report
from ..vocab import TF_KERAS
from . import cache as result_cache
from .context import ClassContext
from .files import discover
from .module import ModuleContext
from .names import forget_packages
from .notebook import read_notebook
from .project import FileInfo, Project, file_info, is_framework_root
from .rules import Hit
from .source import FileSummary, SourceError, summarize

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Below this many files to parse, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 64
_NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)


def lint_paths(paths: Sequence[str | os.PathLike[str]], *, select: Sequence[str] | None = None,
               ignore: Sequence[str] | None = None, target: str | None = None,
               exclude: Sequence[str] | None = None, use_cache: bool = True, jobs: int | None = None,
               config_file: str | None = None, texts: Mapping[str, str] | None = None) -> Report:
    """Check Python files statically: nothing is imported or executed. `texts` maps a path to
    its source when it is not read from disk (an editor's buffer on stdin). Returns a Report of
    the findings on `paths`; raises UsageError for a bad option or configuration."""
    # Many small objects (ASTs, the cache's index) stay alive until the end, and almost none is in a
    # reference cycle (each class's context is emptied after its rules: _hits): the cyclic GC would
    # rescan them again and again for nothing (measured: a third of a cold run on the corpus; a third
    # of a warm run, while the cache index is read).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_paths([str(p) for p in paths] or ["."], select=select, ignore=ignore, target=target,
                           exclude=exclude, use_cache=use_cache, jobs=jobs, config_file=config_file, texts=texts)
    finally:
        if gc_was_enabled:
            gc.enable()


def _lint_paths(paths: list[str], *, select, ignore, target, exclude, use_cache, jobs, config_file,
                texts) -> Report:
    forget_packages()
    texts = dict(texts or {})
    config = resolve_config(paths, config_file, select=select, ignore=ignore, target=target, exclude=exclude)
    cache_result = use_cache and not texts  # a buffer from stdin is not the file on disk: its result is not kept
    files, errors = discover([p for p in paths if p not in texts], config.exclude)
    files = [p for p in paths if p in texts] + files
    files = list(dict.fromkeys(os.path.normpath(f) for f in files))  # a file named twice is checked once
    notebooks = {}
    for path in files:
        if path.lower().endswith(".ipynb") and path not in texts:
            try:
                notebooks[path] = read_notebook(path)
            except SourceError as exc:
                errors.append(FileError(path, str(exc)))
    if notebooks:
        files = [f for f in files if not f.lower().endswith(".ipynb") or f in notebooks]
        texts.update((path, notebook.text) for path, notebook in notebooks.items())
    # Files and folders named alone (an editor, pre-commit, a subpackage) are checked against the
    # project they belong to: its other files are indexed (a base layer may live there) but not
    # reported on.
    context = project_context(paths, files, config.exclude, texts)

    roots = sorted(project_roots(paths, texts)) if use_cache else []
    store = result_cache.Cache(paths, config.fingerprint() + code_fingerprint(), roots) if use_cache else None
    if store is not None and cache_result:
        cached = store.load_result(files + context)
        if cached is not None:
            cached.errors = errors + cached.errors
            return cached.sort()
    # The project's other files are only indexed: those unchanged since a run stored their facts
    # are not parsed again (one edited file costs one parse).
    facts = result_cache.FactsStore(roots, code_fingerprint(), read=bool(context)) if roots else None
    known = facts.lookup(context, store.digest) if facts is not None and context else {}

    findings, file_errors, parsed = run(files + context, config, jobs, reported=set(files) if context else None,
                                        texts=texts, known=known)
    if facts is not None:
        facts.save(_project_facts(files + context, texts, known, parsed), store.digest)
    if notebooks:
        findings = [_in_cell(f, notebooks[f.path]) if f.path in notebooks else f for f in findings]
    report = Report(files_checked=len(files), errors=errors + file_errors, findings=findings)
    report.sort()
    if store is not None:
        store.save(report, errors)  # without load_result, only the digests of the files read from disk
    return report


def _project_facts(files: list[str], texts, known: Mapping[str, FileInfo | None],
                   parsed: list[FileInfo]) -> dict[str, FileInfo | None]:
    """The facts of every Python file read from disk in this run: stored or just parsed (None:
    it does not parse)."""
    by_path = {info.path: info for info in parsed}
    return {path: known[path] if path in known else by_path.get(path)
            for path in files if path.endswith(".py") and path not in texts}


def _in_cell(finding: Finding, notebook) -> Finding:
    """A finding on a notebook's code as (cell, line in the cell): `line` is the cell's line,
    `extra["cell"]` the cell's number (from 1, as Jupyter counts them)."""
    import dataclasses

    where = notebook.locate(finding.line)
    if where is None:
        return finding
    return dataclasses.replace(finding, line=where[1], extra={**finding.extra, "cell": where[0]})


_PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def project_root(path: str) -> str | None:
    """The folder of the project `path` belongs to: the nearest one holding a pyproject.toml,
    setup.cfg, setup.py or .git, from the folder `path` is (or is in) up; None when there is none."""
    current = os.path.abspath(path)
    if not os.path.isdir(current):
        current = os.path.dirname(current)
    while True:
        if any(os.path.exists(os.path.join(current, marker)) for marker in _PROJECT_MARKERS):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def project_roots(paths: list[str], texts=()) -> dict[str, bool]:
    """The projects (see project_root) of the Python files and folders named, each with whether it
    was named by an absolute path."""
    roots: dict[str, bool] = {}
    for path in paths:
        folder = path not in texts and os.path.isdir(path)
        if folder or (path in texts or os.path.isfile(path)) and path.endswith(".py"):
            root = project_root(path)
            if root is not None:
                roots.setdefault(root, os.path.isabs(path))
    return roots


def project_context(paths: list[str], files: list[str], exclude, texts=()) -> list[str]:
    """The other files of the projects that files or folders named on their own belong to (their
    paths as discovery gives them, relative when the named path was), not the named files."""
    whole = {os.path.abspath(p) for p in paths if p not in texts and os.path.isdir(p)}
    roots = {root: absolute for root, absolute in project_roots(paths, texts).items() if root not in whole}
    if not roots:
        return []
    named = {os.path.abspath(f) for f in files}
    context: list[str] = []
    for root, absolute in roots.items():
        shown = root if absolute else os.path.relpath(root)
        found, _ = discover([shown], exclude)
        context += [os.path.normpath(f) for f in found if os.path.abspath(f) not in named and f.endswith(".py")]
    return list(dict.fromkeys(context))


_CODE_FINGERPRINT: dict[tuple, str] = {}


def _stat_key(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def code_fingerprint() -> str:
    """A digest of layerdoctor's own source and of every rule module: a change to a rule (or to
    the code around the rules) makes the cached results of earlier runs misses, not stale hits."""
    files = sorted(set(glob.glob(os.path.join(_PACKAGE_DIR, "**", "*.py"), recursive=True))
                   | {os.path.abspath(f) for f in package_sources()})
    key = tuple((path, _stat_key(path)) for path in files)
    if key not in _CODE_FINGERPRINT:
        digest = hashlib.blake2b(digest_size=12)
        for path in files:
            digest.update(path.encode())
            try:
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                pass
        _CODE_FINGERPRINT[key] = digest.hexdigest()
    return _CODE_FINGERPRINT[key]


def run(files: list[str], config: Config, jobs: int | None = None, reported: set[str] | None = None,
        texts: Mapping[str, str] | None = None, known: Mapping[str, FileInfo | None] | None = None,
        ) -> tuple[list[Finding], list[FileError], list[FileInfo]]:
    """Summarize and check `files`, split over worker processes when there are many. With
    `reported`, only those files are checked and reported; the others are only indexed, and those
    in `known` (their stored FileInfo; None: the file does not parse) are not parsed at all.
    Returns the findings, the errors and the FileInfo of each file parsed."""
    known = {path: info for path, info in (known or {}).items() if reported is not None and path not in reported}
    to_parse = [path for path in files if path not in known]
    workers = min(jobs or _default_workers(), max(1, len(to_parse) // _PARALLEL_THRESHOLD))
    if workers > 1:
        try:
            return _run_in_workers(files, to_parse, known, config, workers, reported, texts)
        except _WorkerLost:
            pass  # a worker could not start, or died without a word: check everything here
    part = _Part(to_parse, reported, texts)
    findings, check_errors = part.check(_in_order(files, part.infos, known), config)
    return findings, part.errors + check_errors, part.infos


class _WorkerLost(Exception):
    pass


def _run_in_workers(files, to_parse, known, config, workers, reported, texts):
    method = _start_method()
    context = multiprocessing.get_context(method)
    if method == "fork":
        rule_modules()  # imported once, here: a forked worker inherits them instead of importing them again
    pipes, processes = [], []
    shares = _shares(to_parse, workers, texts)
    queue = _CheckQueue(shares, reported, context)
    try:
        for index, chunk in enumerate(shares[1:], 1):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_worker, args=(child_end, chunk, config, rule_packages(), reported, texts,
                                                            queue.for_worker(index)), daemon=True)
            process.start()
            child_end.close()  # the worker holds the only other end: its death reads as EOF here, not a hang
            pipes.append(parent_end)
            processes.append(process)
        own = _Part(shares[0], reported, texts, queue.for_worker(0))  # this process is worker 0
        parsed, errors = list(own.infos), list(own.errors)
        for pipe in pipes:
            their_infos, their_errors = _receive(pipe)
            parsed += their_infos
            errors += their_errors
        infos = _in_order(files, parsed, known)
        for index, pipe in enumerate(pipes, 1):
            # (each worker has its own share's entries: the others and the order, not all of them again)
            theirs = set(shares[index])
            pipe.send(([info.path for info in infos], [info for info in infos if info.path not in theirs]))
        findings, check_errors = own.check(infos, config)
        errors += check_errors
        for pipe in pipes:
            their_findings, their_errors = _receive(pipe)
            findings += their_findings
            errors += their_errors
    except (OSError, EOFError) as exc:  # (a worker that failed to start: forkserver gone, no resources)
        raise _WorkerLost() from exc
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return sorted(set(findings)), errors, parsed


def _shares(paths: list[str], workers: int, texts, runs_each: int = 16) -> list[list[str]]:
    """`paths` cut into runs of neighbouring files of about the same size, dealt out in turn: files of one
    package mostly stay together, so a rule that reads a related file (a base class, an importer) finds it
    parsed in its own process instead of parsing it again; many runs each even out packages that cost
    more to check than to parse, so that the processes seldom need to take files from each other
    (_CheckQueue: 4 runs each left one process with 315 corpus files to take and parse again, 16 about
    as much CPU in all as 4 without taking any)."""
    sizes = []
    for path in paths:
        try:
            sizes.append(len(texts[path]) if texts and path in texts else os.path.getsize(path))
        except OSError:
            sizes.append(0)
    runs = workers * runs_each
    total, shares, start, done, cut = sum(sizes), [[] for _ in range(workers)], 0, 0, 0
    for index, size in enumerate(sizes):
        done += size
        if done * runs >= total * (cut + 1) or index == len(paths) - 1:
            shares[cut % workers] += paths[start:index + 1]
            start, cut = index + 1, cut + 1
    return shares


def _in_order(files: list[str], parsed: list[FileInfo], known: Mapping[str, FileInfo | None]) -> list[FileInfo]:
    """The index entries in the order of `files`, however they were split or stored: of two files
    with one module name the first keeps the plain name (see Project), whatever was parsed."""
    by_path = {info.path: info for info in parsed}
    return [info for path in files if (info := by_path.get(path) or known.get(path)) is not None]


class _CheckQueue:
    """Which process checks which file. Each checks the files of its own share first, in order (it parsed
    them), then takes files from the end of the share with the most left: checking costs differ far more
    from file to file than parsing, and a process that ends early would wait. A taken file is parsed again
    by the process that takes it (Project._summary), its parse errors left to its owner to report."""

    def __init__(self, shares: list[list[str]], reported: set[str] | None, context):
        self.shares = [[path for path in share if reported is None or path in reported] for share in shares]
        # [next of share 0, end of share 0, next of share 1, ...], in memory the processes share
        self.bounds = context.Array("i", [n for share in self.shares for n in (0, len(share))])
        self.me = 0

    def for_worker(self, index: int) -> _CheckQueue:
        view = object.__new__(_CheckQueue)
        view.shares, view.bounds, view.me = self.shares, self.bounds, index
        return view

    def __iter__(self):
        """The paths this process is to check, taken one at a time."""
        lock, bounds, me = self.bounds.get_lock(), self.bounds.get_obj(), self.me
        while True:
            with lock:
                if bounds[2 * me] < bounds[2 * me + 1]:
                    share, index = me, bounds[2 * me]
                    bounds[2 * me] += 1
                else:
                    left, share = max((bounds[2 * s + 1] - bounds[2 * s], s) for s in range(len(self.shares)))
                    if left <= 0:
                        return
                    bounds[2 * share + 1] -= 1
                    index = bounds[2 * share + 1]
            yield share == me, self.shares[share][index]


class _Part:
    """One worker's share: it parses its files once and keeps the ASTs (costly to send)."""

    def __init__(self, paths: list[str], reported: set[str] | None = None, texts: Mapping[str, str] | None = None,
                 queue: _CheckQueue | None = None):
        self.summaries: list[FileSummary] = []
        self.errors: list[FileError] = []
        self.reported = reported
        self.texts = dict(texts or {})
        self.queue = queue
        for path in paths:
            try:
                self.summaries.append(summarize(path, self.texts.get(path)))
            except SourceError as exc:
                if reported is None or path in reported:
                    self.errors.append(FileError(path, str(exc)))
            except RecursionError:
                if reported is None or path in reported:
                    self.errors.append(FileError(path, "cannot parse: the code is nested too deeply"))
        self.infos = [file_info(summary) for summary in self.summaries]

    def check(self, infos: list[FileInfo], config: Config) -> tuple[list[Finding], list[FileError]]:
        project = Project(infos, self.summaries, self.texts)
        if self.queue is not None:
            return check(self._queued(project), config, project, self.texts)
        summaries = self.summaries if self.reported is None else \
            [s for s in self.summaries if s.path in self.reported]
        return check(summaries, config, project, self.texts)

    def _queued(self, project: Project):
        own = {summary.path: summary for summary in self.summaries}
        for mine, path in self.queue:
            summary = own.get(path) if mine else project._summary(path)
            if summary is not None:  # (None: it did not parse; its owner reports that)
                yield summary


def _worker(pipe, paths: list[str], config: Config, packages: list[str], reported=None, texts=None,
            queue: _CheckQueue | None = None) -> None:
    try:
        for package in packages:  # a forkserver child starts with the built-in rules only
            register_rule_package(package)
        part = _Part(paths, reported, texts, queue)
        pipe.send(("ok", (part.infos, part.errors)))
        order, others = pipe.recv()
        by_path = {info.path: info for info in [*part.infos, *others]}
        pipe.send(("ok", part.check([by_path[path] for path in order], config)))
    except BaseException as exc:  # report, do not hang the parent
        pipe.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


def _receive(pipe):
    status, payload = pipe.recv()  # EOFError when the worker died before answering
    if status != "ok":
        raise RuntimeError(f"a lint worker failed: {payload}")
    return payload


def _framework_loaded() -> bool:
    return any(name in sys.modules for name in ("tensorflow", "jax", "torch"))


def _start_method() -> str:
    # Forking a process that has started TensorFlow/JAX/torch threads can deadlock.
    return "forkserver" if _framework_loaded() else "fork"


def _default_workers() -> int:
    """One process (this one) when TensorFlow/JAX/torch runs here: forking could deadlock on their
    threads, and a forkserver worker imports the caller's __main__ again, framework included, which
    costs more than the checking (bench/lint_after_framework.py prints the ratio); and a script with
    no `if __name__ == "__main__":` guard would run again in every worker."""
    return 1 if _framework_loaded() else os.cpu_count() or 1


def check(summaries: list[FileSummary], config: Config, project: Project | None = None,
          texts: Mapping[str, str] | None = None) -> tuple[list[Finding], list[FileError]]:
    """Run every enabled rule on the layer classes and module code of `summaries`; returns the
    findings (noqa applied) and the files that could not be checked."""
    project = project or Project([file_info(summary) for summary in summaries], summaries, texts)
    findings: list[Finding] = []
    errors: list[FileError] = []
    lines_cache: dict[str, list[str]] = {path: text.splitlines() for path, text in (texts or {}).items()}
    rules = _enabled_rules(config)
    for file in summaries:
        try:
            raw = list(_hits(file, project, config, rules))
        except SourceError as exc:  # a method parsed on demand did not parse
            errors.append(FileError(file.path, str(exc)))
            continue
        except RecursionError:
            errors.append(FileError(file.path, "cannot check: the code is nested too deeply"))
            continue
        except Exception as exc:  # a checker bug must not hide the other files' findings
            errors.append(FileError(file.path, f"internal error while checking ({type(exc).__name__}: {exc})"))
            continue
        finally:
            _release_methods(file)
        target = _target_for(file, config)
        for code, hit, class_name in raw:
            finding = _finding(code, hit, class_name, file.path, target)
            if finding is not None and not _suppressed(finding, lines_cache):
                findings.append(finding)
    return sorted(set(findings)), errors


def _release_methods(file: FileSummary) -> None:
    """Forget the methods parsed for a checked file's classes (a later rule that asks parses them again):
    kept to the end of a run, they made the process a sixth larger and every rule slower."""
    for cls in file.classes:
        if cls._pending is not None and cls.methods:
            cls.methods = {}
            cls._inlined = None


def _enabled_rules(config: Config) -> tuple[list, list]:
    """(the enabled rules with a class check, those with a module check), once per run."""
    modules = rule_modules().values()
    return ([m for m in modules if getattr(m, "check_class", None) is not None and config.enabled(m.RULE.code)],
            [m for m in modules if getattr(m, "check_module", None) is not None and config.enabled(m.RULE.code)])


def _hits(file: FileSummary, project: Project, config: Config, rules: tuple[list, list]):
    target = _target_for(file, config)
    class_rules, module_rules = rules
    for cls in file.classes:
        key = project.key_of(cls.qualname, file.path)
        if not cls.bases or is_framework_root(key) or not project.is_layer(key):
            continue  # not a layer, or Keras's own Layer/Model when the checked tree is Keras
        ctx = ClassContext(cls, file, project, target)
        for rule in class_rules:
            yield from ((rule.RULE.code, hit, cls.name) for hit in rule.check_class(ctx))
        # Rules keep objects that point back at the context (a HelperReader, closures, configurations):
        # with the cyclic GC off (lint_paths), those cycles would keep every context's caches to the end.
        ctx.__dict__.clear()
    if file.tree is not None:
        mctx = ModuleContext(file, project, target)
        for rule in module_rules:
            if rule.RULE.code in file.module_rules:
                yield from ((rule.RULE.code, hit, None) for hit in rule.check_module(mctx))


def _finding(code: str, hit: Hit, class_name: str | None, path: str, target: str) -> Finding | None:
    return new_finding(
        code, hit.message, path=path, line=hit.line, column=hit.column, detector="static", target=target,
        class_name=hit.class_name or class_name, attribute=hit.attribute, fix=hit.fix,
        fix_values=hit.fix_values, severity=hit.severity,
    )


def _target_for(file: FileSummary, config: Config) -> str:
    if config.target != "auto":
        return config.target
    return TF_KERAS if file.legacy_keras else config.auto_target


def filter_findings(findings: list[Finding], config: Config) -> list[Finding]:
    """The findings whose code `config` enables and that no `# noqa` on their line suppresses
    (used for runtime findings, which point at the user's source too)."""
    lines_cache: dict[str, list[str]] = {}
    return [f for f in findings if config.enabled(f.code) and not _suppressed(f, lines_cache)]


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
