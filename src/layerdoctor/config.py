"""`[tool.layerdoctor]` in pyproject.toml, found by walking up from the checked paths."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .catalog import RULES
from .errors import UsageError

TARGET_CHOICES = ("auto", "keras3", "tf-keras")


@dataclass
class Config:
    # None: every rule, whatever is registered (a cache hit then needs no rule module imported)
    select: set[str] | None = None
    ignore: set[str] = field(default_factory=set)
    target: str = "auto"
    # (folder, pattern): a pyproject's patterns are relative to its folder, the command line's to "."
    exclude: list[tuple[str, str]] = field(default_factory=list)
    source: str | None = None  # the pyproject.toml it came from
    # What `auto` means for files that do not say: tf-keras when the project pins Keras 2.
    auto_target: str = "keras3"
    auto_reason: str = ""

    def enabled(self, code: str) -> bool:
        return (self.select is None or code in self.select) and code not in self.ignore

    def fingerprint(self) -> str:
        return repr((None if self.select is None else sorted(self.select), sorted(self.ignore), self.target, self.auto_target,
                     sorted(self.exclude)))


def parse_codes(values, option: str) -> set[str]:
    codes: set[str] = set()
    for value in values or ():
        for code in str(value).replace(",", " ").split():
            code = code.strip().upper()
            if code == "ALL":
                codes |= set(RULES)
                continue
            matched = {c for c in RULES if c.startswith(code)} if code.startswith("LD") else set()
            if not matched:
                raise UsageError(f"{option}: unknown code {code!r} (see `layerdoctor rules`)")
            codes |= matched
    return codes


def find_pyproject(paths: list[str]) -> str | None:
    for path in paths or ["."]:
        current = os.path.abspath(path)
        if os.path.isfile(current):
            current = os.path.dirname(current)
        while True:
            candidate = os.path.join(current, "pyproject.toml")
            if os.path.isfile(candidate):
                return candidate
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    return None


# Requirement lines that mean "this project runs tf.keras 2": TensorFlow before 2.16 (where
# tf.keras became Keras 3), Keras 2, or tf-keras itself.
_KERAS2_PINS = re.compile(
    r"""^\s*["']?(?:tensorflow(?:-cpu|-gpu|-macos)?\s*(?:==|~=|<=?)\s*2\.(?:[0-9]|1[0-5])\b"""
    r"""|tensorflow(?:-cpu|-gpu)?\s*<\s*2\.1[0-6]\b"""
    r"""|keras\s*(?:==|~=|<=?)\s*2\.|keras\s*<\s*3\b"""
    r"""|tf[-_]keras\b)""",
    re.I | re.M,
)
_REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt", "setup.cfg", "setup.py", "environment.yml")


def detect_keras2_pin(paths: list[str]) -> str:
    """The first requirement line pinning Keras 2 in the project around `paths`, or ""."""
    seen = set()
    for path in paths or ["."]:
        current = os.path.abspath(path)
        if os.path.isfile(current):
            current = os.path.dirname(current)
        while current not in seen:
            seen.add(current)
            for name in ("pyproject.toml",) + _REQUIREMENT_FILES:
                candidate = os.path.join(current, name)
                try:
                    with open(candidate, encoding="utf-8", errors="replace") as handle:
                        text = handle.read(200_000)
                except OSError:
                    continue
                match = _KERAS2_PINS.search(text)
                if match:
                    return f"{candidate}: {match.group(0).strip()}"
            if any(os.path.exists(os.path.join(current, marker))
                   for marker in (".git", "pyproject.toml", "setup.py", "setup.cfg")) \
                    or os.path.dirname(current) == current:
                break  # the project's root
            current = os.path.dirname(current)
    return ""


def load_config(paths: list[str], config_file: str | None = None) -> Config:
    config = Config()
    pin = detect_keras2_pin(paths)
    if pin:
        config.auto_target, config.auto_reason = "tf-keras", pin
    source = config_file or find_pyproject(paths)
    if not source:
        return config
    try:
        data = tomllib.loads(_read_config(source))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{source}: cannot read the configuration: {exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise UsageError(f"{source}: `tool` must be a table ([tool.layerdoctor])")
    section = tool.get("layerdoctor")
    if section is None:
        return config
    if not isinstance(section, dict):
        raise UsageError(f"{source}: [tool.layerdoctor] must be a table")
    config.source = source
    unknown = set(section) - {"select", "ignore", "target", "exclude"}
    if unknown:
        raise UsageError(f"{source}: unknown [tool.layerdoctor] key(s): {', '.join(sorted(unknown))}")
    if "select" in section:
        config.select = parse_codes(_as_list(section["select"], source, "select"), f"{source}: select")
        if not config.select:
            raise UsageError(f"{source}: select is empty: nothing would be checked (leave it out for every code)")
    if "ignore" in section:
        config.ignore = parse_codes(_as_list(section["ignore"], source, "ignore"), f"{source}: ignore")
    if "target" in section:
        if section["target"] not in TARGET_CHOICES:
            raise UsageError(f"{source}: target must be one of {', '.join(TARGET_CHOICES)}")
        config.target = section["target"]
    if "exclude" in section:
        base = os.path.dirname(os.path.abspath(source))
        config.exclude = [(base, str(p)) for p in _as_list(section["exclude"], source, "exclude")]
    return config


def resolve_config(paths: list[str], config_file: str | None = None, *, select=None, ignore=None,
                   target: str | None = None, exclude=None) -> Config:
    """The configuration for a run: the nearest pyproject.toml (or `config_file`), then the
    options given: `select` replaces the file's select, `ignore` and `exclude` add to the file's.
    Returns the Config; raises UsageError naming the bad value."""
    config = load_config(paths, config_file)
    if select:
        config.select = parse_codes(select, "select")
        if not config.select:
            raise UsageError("select names no code: nothing would be checked")
    if ignore:
        config.ignore |= parse_codes(ignore, "ignore")
    if target:
        if target not in TARGET_CHOICES:
            raise UsageError(f"target must be auto, keras3 or tf-keras, not {target!r}")
        config.target = target
    if exclude:
        config.exclude = list(config.exclude) + [(os.path.abspath("."), pattern) for pattern in exclude]
    return config


_MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_config(source: str) -> str:
    """The text of a configuration file: a regular file only (a FIFO or /dev/zero would hang)."""
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("not a regular file")
        data = handle.read(_MAX_CONFIG_BYTES + 1)
    if len(data) > _MAX_CONFIG_BYTES:
        raise OSError(f"larger than {_MAX_CONFIG_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")


def _as_list(value, source: str, key: str) -> list:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    raise UsageError(f"{source}: {key} must be a string or a list of strings")
