"""One module per finding code. Each module sets CODE and defines `check_class(ctx)` (run on
every Keras layer class, with a ClassContext) and/or `check_module(ctx)` (run on every file
that was parsed whole, with a ModuleContext); both yield Hits. To add a finding: write one
module here, list it in RULE_MODULES, add its entry to catalog.py and its test cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass
class Hit:
    node: object  # an AST node with lineno/col_offset (or an int line)
    message: str
    attribute: str | None = None
    class_name: str | None = None  # defaults to the class being checked
    severity: str | None = None  # defaults to the catalog's severity for the target
    fix: str | None = None  # defaults to the catalog's fix_hint

    @property
    def line(self) -> int:
        return self.node if isinstance(self.node, int) else self.node.lineno

    @property
    def column(self) -> int:
        return 1 if isinstance(self.node, int) else self.node.col_offset + 1


RULE_MODULES = ["ld001", "ld002", "ld003", "ld004", "ld005", "ld006", "ld007", "ld008", "ld009",
                "ld010", "ld011", "ld012", "ld013"]

RULES = [import_module(f"{__name__}.{name}") for name in RULE_MODULES]
