"""Cheap tests on a file's raw text that say whether a module-level rule could fire there.

A rule with `check_module` declares `TRIGGER = <one of these>` (or its own function of the text).
`source.summarize` parses a file's functional code only when some rule's trigger says yes on the
whole file, and keeps it only for the rules whose trigger says yes again on that code alone (top-level
class blocks blanked), which is how lint stays fast: keep triggers to `in` tests and compiled regexes.
Rules that share a trigger share the function object, and it runs once per file.
"""

from __future__ import annotations

import re

# `= Cls(` / `= mod.Cls(`, then the `NAME ` before it on its line (`NAME = Cls(`, the statement
# alone on its line). A pattern that starts with a literal lets the regex engine jump from one `=`
# to the next; the same test as one regex from each line start costs 3x more.
_ASSIGNED_CALL_RE = re.compile(r"= ?(?:\w+\.)*[A-Z]\w*\(")
_ASSIGNED_NAME_RE = re.compile(r"[ \t]*([A-Za-z_]\w*) ?")


def constructed_names(text: str) -> set[str]:
    """Names bound to a constructor call at the start of a line (not the file's first line):
    `dense = Dense(...)`, `  block = layers.Conv2D(...)`."""
    names = set()
    for m in _ASSIGNED_CALL_RE.finditer(text):
        line = text.rfind("\n", 0, m.start())
        if line >= 0:
            bound = _ASSIGNED_NAME_RE.fullmatch(text, line + 1, m.start())
            if bound:
                names.add(bound.group(1))
    return names


def mentions_lambda_layer(text: str) -> bool:
    """A `Lambda(...)` layer appears."""
    return "Lambda(" in text


def constructed_name_called_twice(text: str) -> bool:
    """A name bound to a constructor call (`dense = Dense(...)`) is called at least twice."""
    if _LAST[0] is text:  # asked again for the same file by a rule whose trigger builds on it
        return _LAST[1]
    answer = False
    for name in constructed_names(text):
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


def add_weight_from_outside(text: str) -> bool:
    """`layer.add_weight(...)` on something other than `self`."""
    at = text.find(".add_weight(")
    while at >= 0:
        owner = name_before(text, at)
        if owner and owner != "self":
            return True
        at = text.find(".add_weight(", at + 1)
    return False


def name_before(text: str, end: int) -> str:
    """The identifier that ends at `end` ("" when none)."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


_IMPORT_WORD_RE = re.compile(r"import\b")  # (the word boundary before it checked by hand: a leading \b is tried everywhere)


def imports_name(text: str, name: str) -> bool:
    """Can an import statement of the file bind `name`: is it a word of the text that follows an
    `import` keyword up to the end of that statement (a bracketed list, backslash continuations)?"""
    word = re.compile(rf"\b{re.escape(name)}\b")
    for m in _IMPORT_WORD_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        start = end = m.end()
        while text[end:end + 1] in (" ", "\t"):
            end += 1
        if text[end:end + 1] == "(":
            end = text.find(")", end)
        else:
            end = text.find("\n", end)
            while end > 0 and text[end - 1] == "\\":
                end = text.find("\n", end + 1)
        if word.search(text, start, end if end >= 0 else len(text)):
            return True
    return False


def name_called_twice(name: str, text: str) -> bool:
    """`name(` at least twice in the text (not as the tail of a longer name)."""
    return _called_twice(name, text)


_BLOCKING_OPS = ("argmax(", "argmin(", "round(", "floor(", "ceil(", "sign(", "rint(", "argsort(", "cast(",
                 "stop_gradient(", "numpy_function(", "py_func(", "Embedding(", "CategoryEncoding(",
                 "IntegerLookup(", "Hashing(")


def blocking_op_in_functional_code(text: str) -> bool:
    """A non-differentiable op (`argmax(`, `cast(`, ...) in a file that builds a functional model (`Input(`)."""
    return "Input(" in text and any(op in text for op in _BLOCKING_OPS)
