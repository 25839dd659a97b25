"""The one finding type, shared by the static checker and the runtime inspector."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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

    @property
    def name(self) -> str:
        return RULES[self.code].name

    def to_dict(self) -> dict:
        """The JSON shape documented in the README (`class`, not `class_name`)."""
        data = asdict(self)
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
            "class": data["class_name"],
            "attribute": self.attribute,
            "fix": self.fix,
        }
        if self.extra:
            out["extra"] = self.extra
        return out


@dataclass(frozen=True)
class FileError:
    """A file that could not be read or parsed; the other files are still checked."""

    path: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}
