"""Helpers shared by the tests: run the CLI in a process, write a source file.

Imported by the test modules (`from harness import run_cli, write`); tests/ is on sys.path
because tests/conftest.py lives there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd=None, timeout=60, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m layerdoctor.cli ARGS` in a new process (the environment carries
    LAYERDOCTOR_CACHE_DIR from the tests' fixtures; `env` adds or overrides variables)."""
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "layerdoctor.cli", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


def write(path: Path, source: str, *, strip_leading_newlines: bool = True) -> Path:
    """Write `source` dedented (and without its leading newlines, unless told) to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(source)
    path.write_text(text.lstrip("\n") if strip_leading_newlines else text, encoding="utf-8")
    return path
