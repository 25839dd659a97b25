"""One module per finding code: `ldNNN.py` (or an `ldNNN/` package) is the code's only home.

A rule module declares `RULE` (its `layerdoctor.rule.Rule`: catalog text and fix templates) and
its checks:
- `check_class(ctx)`: run on every Keras layer class, with a ClassContext (its methods give the
  facts rules read; `static/facts.py` has those several rules share); yields Hits.
- `check_module(ctx)` with `TRIGGER(text) -> bool`: run on the functional (module-level) code of
  a file whose text passes TRIGGER (a cheap test on the raw text, see `static/triggers.py`); yields Hits.
- optionally, in an `ldNNN/` package, `fix.py` with the safe fix's `Autofix` (see `static/fixes.py`).
Rules are discovered by `layerdoctor.catalog` (every `ld*` module here): nothing lists them.
See CONTRIBUTING.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    node: object  # an AST node with lineno/col_offset (or an int line)
    message: str
    attribute: str | None = None
    class_name: str | None = None  # defaults to the class being checked
    severity: str | None = None  # defaults to the catalog's severity for the target
    fix: str | None = "default"  # which of the rule's fix templates (None: no fix)
    fix_values: dict = field(default_factory=dict)  # template fields besides `attr`

    @property
    def line(self) -> int:
        return self.node if isinstance(self.node, int) else self.node.lineno

    @property
    def column(self) -> int:
        return 1 if isinstance(self.node, int) else self.node.col_offset + 1
