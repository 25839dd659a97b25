"""What a finding code is: the Rule entry each `static/rules/ldNNN.py` module declares as `RULE`.

Text conventions: `why` and `keras_says` are keyed by flavour (KERAS3, TF_KERAS); `keras_says`
holds only the exact lines Keras prints (one per line, "" when Keras is silent), the circumstances
are explained in `why`. `example` and `use_instead` are complete Python: the tests lint them
(`example` must give the rule's code, `use_instead` must be clean).

Fix text has one source, the rule: `fix_hint` is the default template and `fixes` holds named
variants for findings that need another fix. Templates are `str.format` templates whose fields
are filled with what the detector knows (`attr`, and at runtime `shape` and `dtype`; a rule may
pass more, e.g. `initializer`, `created`: the constructor call); a field nobody knows becomes `...`
(`attr` becomes `x`), and `{dtype_arg}` becomes `, dtype="float32"` or nothing. Braces meant
literally must be doubled. Both `lint` and `inspect` build the fix with `Rule.fix_text`.

This module imports only the vocabulary and the formatting helpers, so rule modules, the catalog, the static checker and
the runtime inspector can all import it without cycles.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from .formatting import format_shape
from .vocab import DOCS_URL, KERAS3

# What a template field becomes when the detector does not know it: names a fix writes after
# `self.` become `x` (never `self....`), anything else `...`.
_UNKNOWN = {"attr": "x", "held": "x", "captured": "x", "attr_lower": "x", "dtype_arg": ""}
# Keyword arguments written only when the value is known (`, dtype="float32"`), else left out.
_OPTIONAL_ARGUMENTS = {"dtype_arg": ("dtype", ', dtype="{}"')}


class _Known(dict):
    def __missing__(self, key: str) -> str:
        return _UNKNOWN.get(key, "...")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # on Keras 3
    tf_keras_severity: str | None  # None: not a bug on tf.keras 2, never reported there
    summary: str  # one line: the bug
    what: str  # What it does: what the check looks for
    why: dict[str, str]  # Why is this bad? per flavour: {KERAS3: ..., TF_KERAS: ...}
    keras_says: dict[str, str]  # what Keras itself prints, per flavour ("" = silent)
    example: str  # buggy code
    use_instead: str  # the corrected code
    fix_hint: str  # the default fix template attached to each finding
    fix_safety: str
    fixes: dict[str, str] = field(default_factory=dict)  # named variants of the fix template
    detectors: tuple[str, ...] = ("static", "runtime")
    help_uri: str = ""  # default: DOCS_URL#ldNNN

    def __post_init__(self) -> None:
        if not self.help_uri:
            object.__setattr__(self, "help_uri", f"{DOCS_URL}#{self.code.lower()}")

    def severity_for(self, target: str) -> str | None:
        return self.severity if target == KERAS3 else self.tf_keras_severity

    def fix_text(self, variant: str | None = None, **known) -> str:
        """The fix for one finding: the template `variant` (default: `fix_hint`) filled with `known`.

        Known values that are None count as unknown; shapes are formatted like `(3, 4)`."""
        template = self.fix_hint if variant in (None, "default") else self.fixes[variant]
        values = _Known({k: _field_text(v) for k, v in known.items() if v is not None})
        for field_name, (source, text) in _OPTIONAL_ARGUMENTS.items():
            if source in values:
                values.setdefault(field_name, text.format(values[source]))
        return template.format_map(values)

    def fix_templates(self) -> dict[str, str]:
        return {"default": self.fix_hint, **self.fixes}


def _field_text(value) -> str:
    if isinstance(value, (tuple, list)):
        return format_shape(value, python=True)
    return str(value)


def snippet(src: str) -> str:
    """A code snippet written indented inside a call: dedented, one trailing newline."""
    return textwrap.dedent(src).strip("\n") + "\n"
