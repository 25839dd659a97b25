"""Cheap tests on a file's raw text that say whether a module-level rule could fire there.

A rule with `check_module` declares `TRIGGER = <one of these>` (or its own function of the text).
`source.summarize` parses a file's functional code only when some rule's
trigger says yes, which is how lint stays fast: keep triggers to `in` tests and compiled regexes.
Rules that share a trigger share the function object, and it runs once per file.
"""

from __future__ import annotations

import re

_CONSTRUCTED_NAME_RE = re.compile(r"\n[ \t]*([A-Za-z_]\w*) ?= ?(?:\w+\.)*[A-Z]\w*\(")


def mentions_lambda_layer(text: str) -> bool:
    """A `Lambda(...)` layer appears."""
    return "Lambda(" in text


def constructed_name_called_twice(text: str) -> bool:
    """A name bound to a constructor call (`dense = Dense(...)`) is called at least twice."""
    if _LAST[0] is text:  # asked again for the same file by a rule whose trigger builds on it
        return _LAST[1]
    answer = False
    for name in set(_CONSTRUCTED_NAME_RE.findall(text)):
        if _called_twice(name, text):
            answer = True
            break
    _LAST[0], _LAST[1] = text, answer
    return answer


_LAST: list = [None, False]


def _called_twice(name: str, text: str) -> bool:
    """`name(` at least twice, not as the tail of a longer name (`max(` is not `x(`)."""
    needle, found, start = name + "(", 0, 0
    while True:
        at = text.find(needle, start)
        if at < 0:
            return False
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before in "_."):
            found += 1
            if found == 2:
                return True
        start = at + 1


_OUTSIDE_ADD_WEIGHT_RE = re.compile(r"\b(?!self\.)\w+\.add_weight\(")


def add_weight_from_outside(text: str) -> bool:
    """`layer.add_weight(...)` on something other than `self`."""
    return ".add_weight(" in text and bool(_OUTSIDE_ADD_WEIGHT_RE.search(text))
