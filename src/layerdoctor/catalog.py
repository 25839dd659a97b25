"""The finding catalog: a registry of the rules, discovered, not listed.

Each finding code lives in one module, `static/rules/ldNNN.py` (or a `static/rules/ldNNN/`
package), which declares `RULE` (a `rule.Rule`: code, name, severities, the explanation, the
example, the fix) and the checks for it: `check_class(ctx)` and/or `check_module(ctx)` (with a
`TRIGGER` saying which file texts can hold its pattern). The CLI (`rules`, `explain`), the
SARIF rule metadata, `docs/rules.md` and both detectors read this registry.

Discovery imports the modules named `ld*` of `layerdoctor.static.rules` and of every package
given to `register_rule_package` (the way to add rules from outside this package, e.g. in a
test). Nothing read from a configuration file or the cache can add a package here.
"""

from __future__ import annotations

import glob
import importlib
import importlib.util
import os
import pkgutil
import re
from collections.abc import Iterator, Mapping
from types import ModuleType

from .rule import Rule

BUILTIN_PACKAGE = "layerdoctor.static.rules"
_CODE_RE = re.compile(r"^LD\d{3}$")
_MODULE_RE = re.compile(r"^ld\d{3}")

_packages: list[str] = [BUILTIN_PACKAGE]
_modules: dict[str, ModuleType] | None = None  # code -> rule module, sorted by code
_codes: frozenset | None = None  # the codes the rule modules' names give (_module_codes)
_declared_by: dict[tuple[str, str | None], list[tuple[str, object]]] = {}  # (attribute, needs) -> _declared()


def register_rule_package(name: str) -> None:
    """Discover the `ld*` rule modules of the importable package `name` too (call it before linting)."""
    if name not in _packages:
        _packages.append(name)
        _forget_discovery()


def rule_packages() -> list[str]:
    """The packages rules are discovered in, the built-in one first."""
    return list(_packages)


def unregister_rule_package(name: str) -> None:
    if name != BUILTIN_PACKAGE and name in _packages:
        _packages.remove(name)
        _forget_discovery()


def _forget_discovery() -> None:
    global _modules, _codes
    _modules = None
    _declared_by.clear()
    _codes = None


def rule_modules() -> dict[str, ModuleType]:
    """code -> the module that is that code's home, in code order."""
    global _modules
    if _modules is None:
        found: dict[str, ModuleType] = {}
        for package_name in _packages:
            package = importlib.import_module(package_name)
            for info in pkgutil.iter_modules(package.__path__):
                if not _MODULE_RE.match(info.name):
                    continue
                module = importlib.import_module(f"{package_name}.{info.name}")
                rule = getattr(module, "RULE", None)
                if not isinstance(rule, Rule):
                    raise TypeError(f"{module.__name__} declares no RULE (a layerdoctor.rule.Rule)")
                if not _CODE_RE.match(rule.code):
                    raise ValueError(f"{module.__name__}: {rule.code!r} is not a code like LD014")
                if rule.code in found:
                    raise ValueError(f"{rule.code} is declared twice: {found[rule.code].__name__} "
                                     f"and {module.__name__}")
                if getattr(module, "check_module", None) is not None and getattr(module, "TRIGGER", None) is None:
                    raise TypeError(f"{module.__name__} has check_module but no TRIGGER(text) -> bool")
                found[rule.code] = module
        _modules = dict(sorted(found.items()))
    return _modules


class _Registry(Mapping):
    """`RULES[code] -> Rule`, filled on first use from the discovered rule modules."""

    def __getitem__(self, code: str) -> Rule:
        return rule_modules()[code].RULE

    def __iter__(self) -> Iterator[str]:
        return iter(rule_modules())

    def __len__(self) -> int:
        return len(rule_modules())

    def __repr__(self) -> str:
        return f"RULES({', '.join(self)})"


RULES: Mapping[str, Rule] = _Registry()


def looks_like_code(value) -> bool:
    """Whether `value` is the code of a rule module (`ld014.py` or `ld014/` in a rule package: LD014), told from
    the modules' names without importing them (a cache hit needs none of them; a module whose RULE
    declares another code only makes its stored results misses)."""
    return isinstance(value, str) and value in _module_codes()


def _module_codes() -> frozenset:
    global _codes
    if _codes is None:
        _codes = frozenset(info.name[:5].upper() for info in pkgutil.iter_modules(_package_folders())
                           if _MODULE_RE.match(info.name))
    return _codes


def _package_folders() -> list[str]:
    """The folders of the rule packages, found without importing their rule modules."""
    folders = []
    for name in _packages:
        spec = importlib.util.find_spec(name)
        folders += (spec.submodule_search_locations or []) if spec is not None else []
    return folders


def get(code: str) -> Rule:
    return RULES[code.upper()]


def module_triggers() -> list[tuple[str, object]]:
    """(code, TRIGGER) of every rule with a module-level check."""
    return _declared("TRIGGER", needs="check_module")


def class_triggers() -> list[tuple[str, object]]:
    """(code, CLASS_TRIGGER) of every rule whose class check is gated on the file's text."""
    return _declared("CLASS_TRIGGER")


def file_triggers() -> list[tuple[str, object]]:
    """(code, FILE_TRIGGER) of every module check that reads a file's classes too: its trigger sees the whole text
    (TRIGGER sees only the code outside top-level classes)."""
    return _declared("FILE_TRIGGER")


def _declared(attribute: str, needs: str | None = None) -> list[tuple[str, object]]:
    """(code, the module's `attribute`) for every rule module that declares it (and `needs`), once per discovery."""
    key = (attribute, needs)
    found = _declared_by.get(key)
    if found is None:
        found = _declared_by[key] = [
            (code, getattr(module, attribute)) for code, module in rule_modules().items()
            if getattr(module, attribute, None) is not None and (needs is None or getattr(module, needs, None) is not None)]
    return found



def package_sources() -> list[str]:
    """The files of every rule package, for the result cache's key: every module of each package's
    folder, found without importing the rule modules (a cache hit needs none of them)."""
    files = []
    for folder in _package_folders():
        files.extend(sorted(glob.glob(os.path.join(folder, "**", "*.py"), recursive=True)))
    return files


__all__ = ["RULES", "Rule", "get", "register_rule_package", "rule_modules", "module_triggers"]
