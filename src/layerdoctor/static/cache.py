"""A cache keyed by file content, tool version and configuration.

It holds the whole report for an unchanged set of files (Cache), and each file's project facts
(FactsStore: the FileInfo the project index needs, so that a file named alone is checked against
its project without parsing the project's unchanged files again). The keys are content digests;
a file's stat (size, mtime, ctime, inode) only spares re-hashing it, and only when its ctime was
already 2 s old when it was hashed (an edit that restores size and mtime still moves the ctime,
which no user call can set back; the 2 s cover the clock's granularity).
The cache holds plain JSON, checked field by field on load: anything unexpected is a miss, and
nothing in it can run code (it may be shared, e.g. between CI jobs).
The cache lives in $LAYERDOCTOR_CACHE_DIR, else $XDG_CACHE_HOME/layerdoctor, else ~/.cache/layerdoctor.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections import Counter

from ..version import __version__
from ..atomic import write_atomically
from ..catalog import looks_like_code
from ..finding import SEVERITIES, FileError, Finding
from ..report import Report
from .names import module_name_for
from .project import ClassInfo, FileInfo

_FORMAT = 3  # bump when the layout of index.json/result.json changes
_RACY_SECONDS = 2.0
_MAX_BYTES = 256 * 1024 * 1024  # a cache file larger than this is not read


def cache_root() -> str:
    explicit = os.environ.get("LAYERDOCTOR_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "layerdoctor")


def _load(path: str):
    """The JSON object stored at `path` for this format, or None (missing, partial, foreign)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_BYTES:
                return None
            data = json.loads(handle.read(_MAX_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("version") != __version__:
        return None
    return data


def _dump(data: dict) -> str:
    return json.dumps({"format": _FORMAT, "version": __version__, **data}, separators=(",", ":"))


def _valid_index(stored) -> dict[str, tuple[int, int, int, int, str]]:
    index = {}
    if not isinstance(stored, dict):
        return index
    for path, entry in stored.items():  # (spelt out: this runs for every file of a warm run)
        if type(entry) is list and len(entry) == 5:
            size, mtime, ctime, inode, digest = entry
            if type(size) is int and type(mtime) is int and type(ctime) is int and type(inode) is int \
                    and type(digest) is str:
                index[path] = (size, mtime, ctime, inode, digest)
    return index


_OPTIONAL_TEXT = (str, type(None))


def _finding_to_json(finding: Finding) -> list:
    return [finding.path, finding.line, finding.column, finding.code, finding.message, finding.severity,
            finding.detector, finding.target, finding.class_name, finding.attribute, finding.fix, finding.extra,
            finding.name]


def _finding_from_json(item) -> Finding:
    """Raises ValueError unless `item` is exactly what _finding_to_json writes."""
    if not (isinstance(item, list) and len(item) == 13):
        raise ValueError("not a finding")
    path, line, column, code, message, severity, detector, target, class_name, attribute, fix, extra, name = item
    if not (isinstance(path, str) and type(line) is int and type(column) is int and looks_like_code(code)
            and isinstance(message, str) and severity in SEVERITIES and detector in ("static", "runtime")
            and isinstance(target, str) and isinstance(class_name, _OPTIONAL_TEXT)
            and isinstance(attribute, _OPTIONAL_TEXT) and isinstance(fix, _OPTIONAL_TEXT)
            and isinstance(extra, dict) and isinstance(name, str) and name):
        raise ValueError("not a finding")
    return Finding(path=path, line=line, column=column, code=code, message=message, severity=severity,
                   detector=detector, target=target, class_name=class_name, attribute=attribute, fix=fix,
                   extra=extra, name=name)


def _error_from_json(item) -> FileError:
    if not (isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item)):
        raise ValueError("not an error")
    return FileError(item[0], item[1])


def _report_from_json(stored) -> Report:
    if not isinstance(stored, dict) or type(stored.get("files_checked")) is not int \
            or not isinstance(stored.get("findings"), list) or not isinstance(stored.get("errors"), list):
        raise ValueError("not a report")
    return Report(findings=[_finding_from_json(f) for f in stored["findings"]],
                  errors=[_error_from_json(e) for e in stored["errors"]], files_checked=stored["files_checked"])


class Cache:
    def __init__(self, paths: list[str], config_fingerprint: str, projects: list[str] = ()):
        """`projects`: the project folders the paths belong to. Runs on one project share a folder
        (one index of digests, one stored result), whatever files they name: pre-commit names other
        files each time, and a folder per set of names would grow without end."""
        self.named = sorted(os.path.abspath(p) for p in paths)
        home = sorted(projects) or self.named
        key = hashlib.blake2b(repr((__version__, home, config_fingerprint)).encode(), digest_size=12).hexdigest()
        self.dir = os.path.join(cache_root(), key)
        stored = _load(os.path.join(self.dir, "index.json"))
        self.index: dict[str, tuple[int, int, int, int, str]] = _valid_index(stored and stored.get("files"))
        self.digests: dict[str, str | None] = {}
        self._files_key: str | None = None

    def digest(self, path: str) -> str | None:
        if path in self.digests:
            return self.digests[path]
        digest = None
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                raise OSError("not a regular file")
            known = self.index.get(path)
            seen = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            if known and known[:4] == seen:
                digest = known[4]
            else:
                with open(path, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
                if time.time_ns() - st.st_ctime_ns > _RACY_SECONDS * 1e9:
                    self.index[path] = (*seen, digest)
                else:  # changed too recently: a same-size edit within the clock's tick would go unseen
                    self.index.pop(path, None)
        except OSError:
            pass
        self.digests[path] = digest
        return digest

    def _key_of(self, files: list[str]) -> str | None:
        digests = [self.digest(path) for path in files]
        if any(d is None for d in digests):
            return None
        return hashlib.blake2b(repr((self.named, list(zip(files, digests)))).encode(), digest_size=16).hexdigest()

    def load_result(self, files: list[str]) -> Report | None:
        self._files_key = self._key_of(files)
        stored = _load(os.path.join(self.dir, "result.json"))
        if not self._files_key or stored is None or stored.get("key") != self._files_key:
            return None
        try:
            return _report_from_json(stored.get("report"))
        except (ValueError, TypeError):
            return None

    def save(self, report: Report, discovery_errors=()) -> None:
        try:
            os.makedirs(self.dir, exist_ok=True)
            write_atomically(os.path.join(self.dir, "index.json"), _dump({"files": self.index}), private=True)
            if self._files_key:
                kept = {"files_checked": report.files_checked,
                        "findings": [_finding_to_json(f) for f in report.findings],
                        "errors": [[e.path, e.message] for e in report.errors if e not in discovery_errors]}
                write_atomically(os.path.join(self.dir, "result.json"),
                                 _dump({"key": self._files_key, "report": kept}), private=True)
        except (OSError, ValueError, TypeError):
            pass  # an unwritable cache (or a finding whose extra is not JSON) only costs time


# ---------------------------------------------------------------- per-file project facts


def _info_to_json(info: FileInfo) -> list:
    return [info.module, info.aliases,
            [[c.name, c.qualname, c.bases, dict(c.attr_counts), c.dynamic_access, c.defines_setattr,
              [list(h) for h in c.holds], c.may_have_weights, c.defines_build, c.line, c.indent] for c in info.classes]]


def _is_text_map(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _class_from_json(item) -> ClassInfo:
    """Raises ValueError unless `item` is exactly what _info_to_json writes for a class."""
    if not (isinstance(item, list) and len(item) == 11):
        raise ValueError("not a class")
    name, qualname, bases, counts, dynamic, setattr_, holds, weights, build, line, indent = item
    if not (isinstance(name, str) and isinstance(qualname, str)
            and isinstance(bases, list) and all(isinstance(b, _OPTIONAL_TEXT) for b in bases)
            and isinstance(counts, dict) and all(isinstance(k, str) and type(v) is int and v > 0
                                                 for k, v in counts.items())
            and isinstance(holds, list) and all(isinstance(h, list) and len(h) == 2
                                                and all(isinstance(part, str) for part in h) for h in holds)
            and all(type(flag) is bool for flag in (dynamic, setattr_, weights, build))
            and type(line) is int and type(indent) is int and line >= 0 and indent >= 0):
        raise ValueError("not a class")
    return ClassInfo(name, qualname, bases, Counter(counts), dynamic, setattr_, [tuple(h) for h in holds],
                     weights, build, line, indent)


def _info_from_json(path: str, module_now: str, item) -> FileInfo:
    """Raises ValueError unless `item` is exactly what _info_to_json writes, for a file whose module
    name is still the one stored (adding an __init__.py changes it, and the imports it resolves)."""
    if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str) and _is_text_map(item[1])
            and isinstance(item[2], list)):
        raise ValueError("not a file")
    module, aliases, classes = item
    if module != module_now:
        raise ValueError("the file's module name changed")
    return FileInfo(path, module, aliases, [_class_from_json(c) for c in classes])


class _ModuleNames:
    """names.module_name_for of many files, the package path worked out once per folder: a module
    name is the folder's package path and the file's stem (an __init__.py has its own rule)."""

    _PROBE = "__probe__"

    def __init__(self):
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name == "__init__.py" or not name.endswith(".py"):
            return module_name_for(path)
        probe = self._folders.get(folder)
        if probe is None:
            probe = self._folders[folder] = module_name_for(os.path.join(folder, self._PROBE + ".py"))
        return probe[:-len(self._PROBE)] + name[:-3]


class FactsStore:
    """The project facts of each file of a project (its FileInfo, or None when it does not parse),
    keyed by the file's path and content digest, the tool version and its code (the facts do not
    depend on the configuration). One file per project: it holds the files of the last run that
    wrote it, so it never grows beyond the project."""

    def __init__(self, roots: list[str], code_fingerprint: str, read: bool = True):
        """`read`: False when no file will be looked up (a run over the whole project, which parses
        every file anyway, only stores their facts)."""
        key = hashlib.blake2b(repr(("facts", sorted(roots))).encode(), digest_size=12).hexdigest()
        self.path = os.path.join(cache_root(), key, "facts.json")
        self.code = code_fingerprint
        stored = _load(self.path) if read else None
        files = stored.get("files") if stored and stored.get("code") == code_fingerprint else None
        self.stored: dict = files if isinstance(files, dict) else {}
        self._valid: dict[str, list] = {}  # entries lookup() checked and used, by absolute path

    def lookup(self, paths: list[str], digest) -> dict[str, FileInfo | None]:
        """The stored facts of those `paths` whose content (`digest(path)`) is unchanged; a file
        missing from the result must be parsed."""
        known = {}
        module_of = _ModuleNames()
        for path in paths:
            key = os.path.abspath(path)
            entry = self.stored.get(key)
            if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
                continue
            if entry[0] != digest(path):
                continue
            try:
                known[path] = None if entry[1] is None else _info_from_json(path, module_of(key), entry[1])
            except (ValueError, TypeError):
                continue  # anything unexpected: parsed again
            self._valid[key] = entry
        return known

    def save(self, facts: dict[str, FileInfo | None], digest) -> None:
        """Store `facts` (every file of this run: older entries are dropped), if they changed."""
        files = {}
        for path, info in facts.items():
            key = os.path.abspath(path)
            content = digest(path)
            if key in self._valid and self._valid[key][0] == content:
                files[key] = self._valid[key]  # what lookup() gave: already in its JSON form
            elif content is not None:
                files[key] = [content, None if info is None else _info_to_json(info)]
        if files == self.stored:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomically(self.path, _dump({"code": self.code, "files": files}), private=True)
        except (OSError, ValueError, TypeError):
            pass  # an unwritable cache only costs time
