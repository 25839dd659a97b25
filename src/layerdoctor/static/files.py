"""Which files to check: every .py and .ipynb below the paths, minus environments, builds, hidden folders,
.gitignore'd files (inside a git repository) and configured excludes."""

from __future__ import annotations

import os

import pathspec

from ..errors import UsageError
from ..finding import FileError

# Virtual environments are recognised by their pyvenv.cfg, whatever their name.
SKIP_DIRS = {"__pycache__", "node_modules", "site-packages", "build", "dist", "htmlcov"}


def _is_environment(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg")) or os.path.isfile(os.path.join(path, "conda-meta", "history"))


def _git_root(path: str) -> str | None:
    current = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _gitignore(directory: str):
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - a line git cannot use (`!`, `\`, `[z-a]`): git skips it, so do we
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if _valid_pattern(line)])


def _valid_pattern(pattern: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except Exception:  # noqa: BLE001 - pathspec raises its own errors, ValueError and re.error
        return False
    return True


def _exclude_spec(patterns: list[str]):
    for pattern in patterns:
        if not _valid_pattern(pattern):
            raise UsageError(f"bad exclude pattern {pattern!r}: not a valid gitignore-style pattern")
    return pathspec.GitIgnoreSpec.from_lines(patterns)


class _Ignores:
    """.gitignore files from the repository root down, plus configured exclude patterns."""

    def __init__(self, exclude: list[tuple[str, str]]):
        by_base: dict[str, list[str]] = {}
        for base, pattern in exclude:
            by_base.setdefault(os.path.abspath(base), []).append(pattern)
        self.exclude = [(base, _exclude_spec(patterns)) for base, patterns in by_base.items()]
        self._specs: dict[str, object] = {}

    def _spec(self, directory: str):
        if directory not in self._specs:
            self._specs[directory] = _gitignore(directory)
        return self._specs[directory]

    def ignored(self, path: str, is_dir: bool, git_root: str | None) -> bool:
        for base, spec in self.exclude:
            rel = os.path.relpath(path, base)
            if not rel.startswith("..") and spec.match_file(rel + ("/" if is_dir else "")):
                return True
        if git_root is None:
            return False
        directory = os.path.dirname(path)
        while True:
            spec = self._spec(directory)
            if spec is not None:
                rel = os.path.relpath(path, directory) + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            if directory == git_root or len(directory) <= len(git_root):
                return False
            directory = os.path.dirname(directory)


def discover(paths: list[str], exclude: list[tuple[str, str]] | None = None) -> tuple[list[str], list[FileError]]:
    """Files to check, and the paths that could not be walked. `exclude`: (folder, pattern) pairs."""
    files: list[str] = []
    errors: list[FileError] = []
    ignores = _Ignores(exclude or [])
    for root in paths:
        try:
            os.lstat(root)
        except FileNotFoundError:
            errors.append(FileError(root, "no such file or directory"))
            continue
        except OSError as exc:  # a name too long, a loop of symlinks, a folder we may not enter
            errors.append(FileError(root, f"cannot read: {exc.strerror or exc}"))
            continue
        if not os.path.isdir(root):
            files.append(root)  # named explicitly: always checked
            continue
        git_root = _git_root(root)
        for directory, dirnames, filenames in os.walk(root, onerror=lambda e: errors.append(
                FileError(e.filename or root, f"cannot read the folder: {e.strerror}"))):
            keep = []
            for name in sorted(dirnames):
                full = os.path.join(directory, name)
                if name.startswith(".") or name in SKIP_DIRS or name.endswith(".egg-info") \
                        or _is_environment(full) or ignores.ignored(os.path.abspath(full), True, git_root):
                    continue
                keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                if name.endswith((".py", ".ipynb")) and not name.startswith("."):
                    full = os.path.join(directory, name)
                    if not ignores.ignored(os.path.abspath(full), False, git_root):
                        files.append(full)
    return files, errors
