"""A cache keyed by file content, tool version and configuration.

It holds the whole report for an unchanged set of files (the common pre-commit case). File sizes
and modification times only spare re-hashing a file whose stat is unchanged; the keys are content
digests. (Per-file ASTs are not cached: unpickling them costs more than parsing again.)
The cache lives in $LAYERDOCTOR_CACHE_DIR, else $XDG_CACHE_HOME/layerdoctor, else ~/.cache/layerdoctor.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat

from ..version import __version__
from ..atomic import write_atomically
from ..report import Report


def cache_root() -> str:
    explicit = os.environ.get("LAYERDOCTOR_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "layerdoctor")


def _load(path: str):
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, partial or foreign cache file is just a miss
        return None


class Cache:
    def __init__(self, paths: list[str], config_fingerprint: str):
        roots = sorted(os.path.abspath(p) for p in paths)
        key = hashlib.blake2b(repr((__version__, roots, config_fingerprint)).encode(), digest_size=12).hexdigest()
        self.dir = os.path.join(cache_root(), key)
        stored = _load(os.path.join(self.dir, "index.pickle"))
        self.index: dict[str, tuple[int, int, str]] = stored if isinstance(stored, dict) else {}
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
            if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
                digest = known[2]
            else:
                with open(path, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
                self.index[path] = (st.st_size, st.st_mtime_ns, digest)
        except OSError:
            pass
        self.digests[path] = digest
        return digest

    def _key_of(self, files: list[str]) -> str | None:
        digests = [self.digest(path) for path in files]
        if any(d is None for d in digests):
            return None
        return hashlib.blake2b(repr(list(zip(files, digests))).encode(), digest_size=16).hexdigest()

    def load_result(self, files: list[str]) -> Report | None:
        self._files_key = self._key_of(files)
        stored = _load(os.path.join(self.dir, "result.pickle"))
        if self._files_key and isinstance(stored, tuple) and stored[0] == self._files_key:
            return stored[1]
        return None

    def save(self, report: Report, discovery_errors=()) -> None:
        try:
            os.makedirs(self.dir, exist_ok=True)
            write_atomically(os.path.join(self.dir, "index.pickle"), pickle.dumps(self.index))
            if self._files_key:
                kept = Report(findings=report.findings, files_checked=report.files_checked,
                              errors=[e for e in report.errors if e not in discovery_errors])
                write_atomically(os.path.join(self.dir, "result.pickle"), pickle.dumps((self._files_key, kept)))
        except OSError:
            pass  # an unwritable cache only costs time
