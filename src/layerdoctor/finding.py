"""The one finding type, shared by the static checker and the runtime inspector."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import RULES
from .vocab import KERAS3, SEVERITIES, TARGETS, TF_KERAS

__all__ = ["KERAS3", "SEVERITIES", "TARGETS", "TF_KERAS", "FileError", "Finding"]


@dataclass(frozen=True, order=True)
class Finding:
    """One bug in one place.

    `path`/`line`/`column` locate the offending statement (for runtime findings: where the
    class or statement responsible is defined). `line` is 1-based, `column` 1-based.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str
    detector: str  # "static" | "runtime"
    target: str  # KERAS3 | TF_KERAS
    class_name: str | None = None
    attribute: str | None = None
    fix: str | None = None  # corrected code, a short snippet
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # The rule's name, kept with the finding: a report read back from the cache is shown without
    # importing the rules (a third of a warm run).
    name: str = field(default="", compare=False, hash=False)

    def __post_init__(self):
        if not self.name:
            object.__setattr__(self, "name", RULES[self.code].name)

    def to_dict(self) -> dict:
        """The JSON shape documented in the README (`class`, not `class_name`)."""
        out = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "detector": self.detector,
            "target": self.target,
            "class": self.class_name,
            "attribute": self.attribute,
            "fix": self.fix,
        }
        if self.extra:
            out["extra"] = self.extra
        return out


def new_finding(code: str, message: str, *, path: str, line: int, column: int = 1, detector: str,
                target: str, class_name: str | None = None, attribute: str | None = None,
                fix: str | None = "default", fix_values: dict | None = None, severity: str | None = None,
                extra: dict | None = None) -> Finding | None:
    """The one way both detectors build a Finding: the severity for `target` and the fix text come
    from the code's rule (`fix` names the rule's fix template, None for no fix; `fix_values` fill
    it besides `attribute`). None when the code is not a bug on `target`."""
    rule = RULES[code]
    severity = severity or rule.severity_for(target)
    if severity is None:
        return None
    return Finding(
        path=path, line=int(line), column=column, code=code, message=message, severity=severity,
        detector=detector, target=target, class_name=class_name, attribute=attribute,
        fix=None if fix is None else rule.fix_text(fix, **{"attr": attribute, **(fix_values or {})}),
        extra={k: v for k, v in (extra or {}).items() if v is not None}, name=rule.name,
    )


@dataclass(frozen=True)
class FileError:
    """A file that could not be read or parsed; the other files are still checked."""

    path: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}
