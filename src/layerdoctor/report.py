"""What a run found: findings, unreadable files and, for `inspect`, the parameter tree.

Every renderer (text, json, sarif) reads a Report; the CLI only picks one and sets the exit code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .finding import FileError, Finding

JSON_VERSION = 1

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_TROUBLE = 2
# --fail-on LEVEL: the severities that make the exit status 1.
FAIL_ON = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files_checked: int = 0
    # Filled by the runtime inspector only.
    tree: Any = None  # runtime.tree.Node (has .to_dict())
    params: dict | None = None  # {"total", "trainable", "non_trainable", "untracked"}
    keras: dict | None = None  # {"version", "backend", "package": "keras" | "tf-keras"}
    untracked: list = field(default_factory=list)  # runtime.tree.UntrackedState
    memory: dict | None = None  # --shape-only: bytes per dtype, alone and with optimizer slots
    shape_only: dict | None = None  # --shape-only: {"skipped": [the checks that need values]}

    def sort(self) -> "Report":
        self.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
        self.errors.sort(key=lambda e: e.path)
        return self

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def exit_code(self, exit_zero: bool = False, fail_on: str = "error") -> int:
        """EXIT_TROUBLE (2) when a file or target could not be read; EXIT_FINDINGS (1) when a
        finding is at least as severe as `fail_on` ("error", "warning" or "info") and not
        `exit_zero`; else EXIT_CLEAN (0)."""
        if self.errors:
            return EXIT_TROUBLE
        failing = FAIL_ON[fail_on]
        if not exit_zero and any(f.severity in failing for f in self.findings):
            return EXIT_FINDINGS
        return EXIT_CLEAN

    def to_dict(self) -> dict:
        data: dict[str, Any] = {
            "version": JSON_VERSION,
            "files_checked": self.files_checked,
            "findings": [f.to_dict() for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
        }
        if self.params is not None:
            data["params"] = self.params
        if self.keras is not None:
            data["keras"] = self.keras
        if self.tree is not None:
            data["tree"] = self.tree.to_dict()
        if self.untracked:
            data["untracked"] = [u.to_dict() for u in self.untracked]
        if self.memory is not None:
            data["memory"] = self.memory
        if self.shape_only is not None:
            data["shape_only"] = self.shape_only
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def __str__(self) -> str:
        from .render.text import render_plain

        return render_plain(self)
