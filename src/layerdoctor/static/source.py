"""From one file's bytes to a FileSummary: its imports, classes and the methods worth checking.

Parsing every line of a large tree costs far more than the checks, so this module cuts the
source into pieces first and parses only what a rule can look at: import statements, class
headers, and the `__init__`/`build`/`call` methods (plus the helpers they call) of classes that
may be layers. A piece that does not parse on its own falls back to parsing the whole file.
Nothing here imports or executes the code it reads.
"""

from __future__ import annotations

import ast
import bisect
import functools
import io
import keyword
import operator
import os
import re
import stat
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, count

from ..catalog import class_triggers, file_triggers, module_triggers
from .inline import inline_helpers
from .names import module_name_for, resolve_relative
from .walk import children

# Methods whose bodies the rules read; helpers they call through `self.x(...)` are added.
ENTRY_METHODS = ("__init__", "build", "call")


def module_rules_for(text: str, among: set[str] | None = None) -> set[str]:
    """Which module-level (functional code) rules could fire, from the text alone: each rule
    declares its own TRIGGER (static/triggers.py); a trigger shared by rules runs once.
    `among`: ask only these rules' triggers."""
    codes, answers = set(), {}
    for code, trigger in module_triggers():
        if among is not None and code not in among:
            continue
        fired = answers.get(trigger)
        if fired is None:
            fired = answers[trigger] = bool(trigger(text))
        if fired:
            codes.add(code)
    return codes


# Line-start patterns begin with a literal "\n" and run over "\n" + text (_Text.padded): the regex
# engine skips ahead to each newline instead of trying `^` at every character (measured 2.6x faster).
# A match's start() in the padded text is then the offset of that line in the original text.
_CLASS_RE = re.compile(r"\n([ \t]*)class[ \t]+(\w+)[ \t]*([(:\[])")  # `[`: PEP 695 `class G[T](...)`
_DEF_RE = re.compile(r"\n([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(")  # over _Text.padded
_IMPORT_RE = re.compile(r"\n[ \t]*(?:from[ \t]+[\w.]+[ \t]+import\b|import[ \t]+\w)")
# The keyword part of each line pattern, starting with a literal: found first, the line's start tried after
# (line_matches: 4 to 10x faster than trying the line pattern at every line of the corpus).
_CLASS_WORD_RE = re.compile(r"class[ \t]+\w+[ \t]*[(:\[]")
_DEF_WORD_RE = re.compile(r"def[ \t]+\w+[ \t]*\(")
_IMPORT_WORD_RE = re.compile(r"import\b")
# `self.x` is searched from the literal `self.` and the word boundary checked by hand (_word_matches):
# a pattern that starts with `\b` is tried at every character (8x slower on the corpus).
_SELF_ATTR_RE = re.compile(r"self\.(\w+)")
_COMMENT_RE = re.compile(r"#[^\n]*")
# Strings (any prefix, single or triple quoted) and comments, left to right as the tokenizer sees them.
_STRINGS_AND_COMMENTS_RE = re.compile(
    r'''"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*''')
_SELF_CALL_RE = re.compile(r"self\.(\w+)[ \t]*\(")
# Attribute use that cannot be counted from the text: getattr(self, name), self.__dict__, ...
_DYNAMIC_MARKERS = ("getattr(self", "setattr(self", "hasattr(self", "delattr(self", "vars(self)",
                    "self.__dict__", "self._layers")
# Bases that no Keras layer has: test cases, exceptions, enums, typing helpers.
_NOT_A_LAYER_RE = re.compile(r"(TestCase|Test|Operation|Exception|Error|Warning|Enum|NamedTuple|TypedDict|Protocol|"
                             r"Generic\[.*|ABC|ABCMeta|Callback|Optimizer|Loss|Metric|Schedule|Initializer|"
                             r"Regularizer|Constraint|Config|Params)$")
# Creating a variable or calling a class (a sublayer, most likely); exceptions and specs aside.
_STATEFUL_MARKERS = ("add_weight", "add_variable", "Variable(")
_CAPITALIZED_CALL_RE = re.compile(r"[A-Z]\w*\(")  # word boundary checked by hand (_word_matches)
_NOT_STATE_CALL_RE = re.compile(r"\w*(?:Error|Exception|Warning|Spec)\(")
_MAY_HOLD_LAYERS_RE = re.compile(r"keras|layers\.|Layer|Dense|Variable|Conv")
_LEGACY_RE = re.compile(r"^[ \t]*(?:import[ \t][^\n#]*\btf_keras\b|from[ \t]+tf_keras\b)|TF_USE_LEGACY_KERAS", re.M)


class SourceError(Exception):
    """The file cannot be read or parsed; the message is one line for the user."""


class _Unsure(ValueError):
    """The text alone cannot tell where a block ends (a line at a lower indent inside open
    brackets): the caller parses a larger piece, or the whole file, instead."""


@dataclass
class ClassSummary:
    name: str
    qualname: str  # module.Class (module.Outer.Inner for nested classes)
    line: int
    col: int
    bases: list[ast.expr]
    methods: dict[str, ast.FunctionDef]  # the parsed ones only
    method_names: set[str]
    self_attr_counts: Counter  # textual `self.<attr>` occurrences anywhere in the class
    dynamic_access: bool  # getattr(self, ...), self.__dict__: attribute use cannot be counted
    end_line: int
    may_have_weights: bool = True  # creates variables or sublayers somewhere in its text
    # Methods are parsed on demand (most classes never need it): (source text, def positions).
    _pending: tuple | None = field(default=None, repr=False, compare=False)
    _inlined: tuple | None = field(default=None, repr=False, compare=False)  # (len(methods), view)

    def text(self) -> str | None:
        """The class's own source text, while the summary holds its file's (methods load on demand); else None."""
        return self._pending[0].lines(self.line, self.end_line) if self._pending is not None else None

    def file_text(self) -> str | None:
        """The whole text of the class's file, on the same terms as text()."""
        return self._pending[0].text if self._pending is not None else None

    def method_alone(self, name: str) -> ast.FunctionDef | None:
        """One method parsed on its own and not kept (a look at a method Keras never runs: the rules' methods
        stay those load_methods() gives); None when it cannot be cut out or parsed alone."""
        if name in self.methods:
            return self.methods[name]
        if self._pending is None or name not in self._pending[1]:
            return None
        try:
            node = _parse_piece(*_method_text(self, name))
        except (_Unsure, SyntaxError, RecursionError, MemoryError):
            return None
        return node if type(node) in (ast.FunctionDef, ast.AsyncFunctionDef) else None

    def load_methods(self, entries=ENTRY_METHODS) -> dict[str, ast.FunctionDef]:
        """The parsed methods, with helpers that __init__/build/call call once put in place of the
        call (static/inline.py); `self.methods` keeps them as written."""
        if self._pending is not None:
            _load_methods(self, entries)
        if self.dynamic_access:  # (getattr(self, ...): a helper's uses cannot be counted from the text)
            return self.methods
        if self._inlined is None or self._inlined[0] != len(self.methods):
            self._inlined = (len(self.methods), inline_helpers(self.methods, self.self_attr_counts))
        return self._inlined[1]


@dataclass
class FileSummary:
    path: str
    module: str
    legacy_keras: bool  # imports tf_keras or sets TF_USE_LEGACY_KERAS: tf.keras 2
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> dotted import path
    classes: list[ClassSummary] = field(default_factory=list)
    module_assigns: dict[str, ast.stmt] = field(default_factory=dict)  # top-level NAME = call(...)
    tree: ast.Module | None = None  # the module outside classes, when module rules have work
    module_rules: set[str] = field(default_factory=set)  # codes whose module check may fire here
    text_rules: set[str] = field(default_factory=set)  # codes whose CLASS_TRIGGER fires on the whole text
    file_rules: set[str] = field(default_factory=set)  # codes whose FILE_TRIGGER fires on the whole text


def _line_starts(text: str) -> list[int]:
    """Offset of each line's first character, computed with C-level iterators only."""
    lengths = accumulate(map(len, text.split("\n")[:-1]))  # line i+1 starts at len(lines[:i+1]) + i + 1
    return [0, *map(operator.add, lengths, count(1))]


class _Text:
    """The source text with line offsets and the spans of triple-quoted strings."""

    def __init__(self, text: str):
        self.text = text
        self.padded = "\n" + text  # for the line-start patterns (see _CLASS_RE)
        self.starts = _line_starts(text)
        self.spans = _triple_quoted_spans(text)
        self._span_starts = [s for s, _ in self.spans]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)  # 1-based

    def in_string(self, offset: int) -> bool:
        i = bisect.bisect_right(self._span_starts, offset) - 1
        return i >= 0 and self.spans[i][0] < offset < self.spans[i][1]

    def block_end(self, start_line: int, indent: int, limit_line: int) -> int:
        """Last line (1-based) of the block whose header is on start_line with this indent."""
        pattern = _dedent_re(indent)
        text, starts = self.text, self.starts
        pos = starts[start_line] if start_line < len(starts) else len(text)
        limit = starts[limit_line] if limit_line < len(starts) else len(text)
        body = starts[start_line - 1]  # the header too: its brackets may span lines
        while True:
            m = pattern.search(self.padded, pos, limit)  # start(): the line's offset in `text`
            if m is None:
                return limit_line
            if self.in_string(m.start()) or _continues_header(text, m.end() - 1) \
                    or _indent_width(m.group(1)) > indent:  # tabs: fewer characters, wider
                pos = m.end()
                continue
            if not _balanced(text[body:m.start()]):
                raise _Unsure(f"brackets open at line {self.line_of(m.start())}")  # a continuation line?
            return self.line_of(m.start()) - 1

    def lines(self, first: int, last: int) -> str:
        starts = self.starts
        end = starts[last] if last < len(starts) else len(self.text)
        return self.text[starts[first - 1]:end]


_DEDENT_CACHE: dict[int, re.Pattern] = {}


def _dedent_re(indent: int) -> re.Pattern:
    pattern = _DEDENT_CACHE.get(indent)
    if pattern is None:
        pattern = re.compile(r"\n([ \t]{0,%d})(?=[^ \t\r\n#])" % indent)  # over _Text.padded
        _DEDENT_CACHE[indent] = pattern
    return pattern


def line_matches(pattern: re.Pattern, word: re.Pattern, padded: str, pos: int = 0, endpos: int | None = None):
    """What `pattern.finditer(padded, pos, endpos)` finds, for a line pattern (it starts with "\\n" and its
    matches stay on one line) whose every match holds a match of `word`: `word` is searched (from its
    leading literal, at C speed) and the pattern tried only at the start of the lines where it is found."""
    endpos = len(padded) if endpos is None else endpos
    tried = -1
    for candidate in word.finditer(padded, pos, endpos):
        line = padded.rfind("\n", pos, candidate.start())
        if line <= tried:
            continue  # (no line start in range, or this line was tried already)
        tried = line
        m = pattern.match(padded, line, endpos)
        if m is not None:
            yield m


def _triple_quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each triple-quoted string, left to right (str.find: faster than a regex
    alternation, which cannot skip ahead)."""
    spans, pos = [], 0
    double, single = text.find('"""'), text.find("'''")  # the next of each (-1: none left)
    while double >= 0 or single >= 0:
        start = double if single < 0 or 0 <= double < single else single
        end = text.find(text[start:start + 3], start + 3)
        if end < 0:
            break
        spans.append((start, end + 3))
        pos = end + 3
        if 0 <= double < pos:  # a quote of the other kind inside the string is no opener
            double = text.find('"""', pos)
        if 0 <= single < pos:
            single = text.find("'''", pos)
    return spans


def _without_triple_quoted(text: str) -> str:
    pieces, pos = [], 0
    for start, end in _triple_quoted_spans(text):
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _word_matches(pattern: re.Pattern, text: str):
    """The matches of `pattern` that start a word (what a leading `\b` would say, checked by hand)."""
    for m in pattern.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before == "_"):
            yield m


def _self_names(pattern: re.Pattern, text: str) -> list[str]:
    """Group 1 of each match of `pattern` (which starts with `self.`) where `self` is a whole word."""
    return [m.group(1) for m in _word_matches(pattern, text)]


def _balanced(block: str) -> bool:
    """As many closing as opening brackets in the code of `block` (strings and comments aside).
    A line at a lower indent after unbalanced brackets may be a continuation line, not a dedent."""
    if _bracket_depth(block) == 0:
        return True
    return _bracket_depth(_STRINGS_AND_COMMENTS_RE.sub("", block)) == 0  # rarely needed: slower


def _bracket_depth(text: str) -> int:
    return text.count("(") + text.count("[") + text.count("{") - text.count(")") - text.count("]") - text.count("}")


def _continues_header(text: str, offset: int) -> bool:
    # A line that only closes brackets (`):`) still belongs to a multi-line header.
    return text[offset:offset + 1] in (")", "]", "}")


def _decorators_above(src: _Text, def_line: int, class_line: int) -> int:
    """The first line of the decorators above a `def` (the def's own line without any): one-line ones
    and those whose brackets run over several lines (`@tf.function(\n input_signature=[...]\n)`)."""
    first = def_line
    while first - 1 > class_line:
        above = src.lines(first - 1, first - 1)
        if above.lstrip().startswith("@"):
            first -= 1
            continue
        if _bracket_depth(above) >= 0:
            break  # (nearly always: the line above closes no bracket, so it ends no decorator)
        opener = first - 2  # a continuation line: the nearest `@` line above must open brackets that close here
        while opener > class_line and opener >= first - 40 and not src.lines(opener, opener).lstrip().startswith("@"):
            opener -= 1
        if opener <= class_line or not src.lines(opener, opener).lstrip().startswith("@") \
                or _bracket_depth(src.lines(opener, opener)) <= 0 or not _balanced(src.lines(opener, first - 1)):
            break
        first = opener
    return first


def _parse_piece(piece: str, first_line: int) -> ast.stmt:
    """Parse an indented block alone; blank lines in front keep its line numbers true."""
    tree = ast.parse("\n" * (first_line - 2) + "if 1:\n" + piece)
    return tree.body[0].body[0]


def _indent_width(ws: str) -> int:
    return len(ws.expandtabs(8))


def _read_regular_file(path: str) -> bytes:
    """The bytes of a regular file, read with one open (non-blocking: a named pipe opens at once, and is then
    refused, never read) and one fstat, no buffered file object: every checked file is read this way."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise SourceError("cannot read: not a regular file")
        data = os.read(fd, status.st_size + 1)
        if len(data) <= status.st_size:
            return data
        chunks = [data]  # (the file grew since fstat)
        while more := os.read(fd, 1 << 16):
            chunks.append(more)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_source(path: str) -> str:
    try:
        data = _read_regular_file(path)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    if b"\0" in data:
        raise SourceError("cannot parse: the file contains a NUL byte")
    encoding = "utf-8-sig"
    if b"coding" in data[:data.find(b"\n", data.find(b"\n") + 1) + 1 or len(data)]:
        try:  # a PEP 263 declaration on the first two lines, as Python reads it
            encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
        except SyntaxError as exc:
            raise SourceError(f"cannot parse: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(f"cannot parse: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def summarize(path: str, text: str | None = None) -> FileSummary:
    """Read one file into a FileSummary. Raises SourceError with a one-line message."""
    if text is None:
        text = read_source(path)
    module = module_name_for(path)
    legacy = ("tf_keras" in text or "TF_USE_LEGACY_KERAS" in text) and bool(_LEGACY_RE.search(text))
    summary = FileSummary(path=path, module=module, legacy_keras=legacy)
    if "class" not in text and "Lambda(" not in text and "Input(" not in text:
        if "keras" not in text and "tensorflow" not in text:
            # Nothing here can hold a layer; only its imports matter (an __init__ re-exporting one).
            try:
                _collect_imports(summary, _Text(text))
            except (SyntaxError, ValueError, RecursionError):
                pass
            return summary
    if "class" not in text:
        summary.module_rules = module_rules_for(text)
    summary.text_rules = {code for code, trigger in class_triggers() if trigger(text)}
    try:
        if "class" not in text and not summary.module_rules:
            # Keras code with no class and nothing a module rule reads: only its imports matter (other
            # files import through it). Not parsed whole: a syntax error here is left to a Python linter,
            # as in the unread parts of a layer's file.
            src = _Text(text)
            _collect_imports(summary, src)
            _collect_name_aliases(summary, src.padded)
            return summary
        try:
            src, class_ranges = _summarize_pieces(summary, text)
            # Module rules see only the code outside top-level classes: their triggers read that code
            # alone (a class-heavy file's is short; most triggers fire on a file for its classes'
            # methods), and it is parsed only if some rule may fire on it. (Class rules that want the
            # module's functions parse the file then: class_facts.module_tree; they find the same
            # functions and calls in either tree.)
            outside = _outside_classes(src, class_ranges) if class_ranges else text
            if "class" in text:  # (without, the triggers have read this text above)
                summary.module_rules = module_rules_for(outside)
                summary.file_rules = {code for code, trigger in file_triggers() if trigger(text)}
                summary.module_rules |= summary.file_rules
            if summary.module_rules:
                summary.tree = ast.parse(outside)  # (blanking that breaks the code: the whole file below)
        except (SyntaxError, ValueError, IndexError):
            # A piece did not parse alone (unusual layout): parse the whole file instead.
            summary.aliases.clear()
            summary.classes.clear()
            summary.module_assigns.clear()
            _summarize_whole(summary, text)
    except SyntaxError as exc:
        raise SourceError(f"cannot parse: syntax error at line {exc.lineno}: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise SourceError("cannot parse: the code is nested too deeply") from None
    except ValueError as exc:
        raise SourceError(f"cannot parse: {exc}") from None
    return summary


# ---------------------------------------------------------------- the fast path: pieces


_TEXTS_ALONE: dict[str, _Text] = {}  # the last few files summarize_class read, oldest first


def summarize_class(path: str, text: str | None, qualname: str, line: int, indent: int) -> ClassSummary | None:
    """The summary of one class of a file, the one whose `class` line is `line` (at `indent`), as summarize()
    would make it; None when the file cannot be read or the class not cut out alone (summarize() it)."""
    src = _TEXTS_ALONE.pop(path, None)
    try:
        if src is None:
            src = _Text(text if text is not None else read_source(path))
        header = _parse_class_header(src, line, indent)
        end = src.block_end(line, indent, len(src.starts))
    except (SourceError, SyntaxError, ValueError, IndexError, RecursionError, MemoryError):
        return None
    if len(_TEXTS_ALONE) >= 4:
        del _TEXTS_ALONE[next(iter(_TEXTS_ALONE))]
    _TEXTS_ALONE[path] = src
    return _class_summary(src, header, qualname, line, indent, end)



def _summarize_pieces(summary: FileSummary, text: str) -> None:
    src = _Text(text)
    _collect_imports(summary, src)
    _collect_name_aliases(summary, src.padded)
    headers = [m for m in line_matches(_CLASS_RE, _CLASS_WORD_RE, src.padded) if not src.in_string(m.start())]
    n_lines = len(src.starts)
    class_stack: list[tuple[int, int, str]] = []  # (indent, end_line, qualname)
    class_ranges: list[tuple[int, int]] = []  # top-level class blocks, for _outside_classes
    for m in headers:
        indent = _indent_width(m.group(1))
        line = src.line_of(m.start())
        while class_stack and (class_stack[-1][1] < line or class_stack[-1][0] >= indent):
            class_stack.pop()
        if indent and (not class_stack or indent - class_stack[-1][0] > 4):
            continue  # a class inside a function: not reachable by name
        end = src.block_end(line, indent, n_lines)
        header = _parse_class_header(src, line, indent)
        if not indent and _blanked_for_module_rules(header, src.lines(line, end)):
            class_ranges.append((line, end))
        outer = class_stack[-1][2] if class_stack else summary.module
        qualname = f"{outer}.{header.name}"
        class_stack.append((indent, end, qualname))
        summary.classes.append(_class_summary(src, header, qualname, line, indent, end))
    _collect_module_assigns(summary, src)
    return src, class_ranges


_FUNCTIONAL_INIT_RE = re.compile(r"super\([^)]*\)\.__init__\(\s*(?:inputs|outputs)\b")
_FOREIGN_VARIABLE_RE = re.compile(r"[Vv]ariable\(")
_STATE_IN_WIRING_RE = re.compile(r"Variable\(|\.(?:kernel|embeddings|get_weights\(|variables)\b")


def _blanked_for_module_rules(header: ast.ClassDef, block: str) -> bool:
    """Module rules do not see a top-level class block, unless it wires a functional model: a plain
    class (no base, `object`) that does it in its methods (a builder), or a Model subclass that wires
    its graph in __init__ and hands it to `super().__init__(inputs=..., outputs=...)` (keras-hub's
    backbones)."""
    if all(_is_object(b) for b in header.bases):
        return False  # a builder, trainer or holder: its methods are functions (the triggers decide)
    if "Input(" not in block and "Lambda(" not in block:
        return True
    if "Lambda(" in block and _FOREIGN_VARIABLE_RE.search(block):
        return False  # a Lambda in a method reads a variable on self that the class may not track (LD012)
    # (a subclass only when it also makes or reads variables there: the others cost a module tree
    # and leave the module rules nothing to find)
    return _FUNCTIONAL_INIT_RE.search(block) is None or _STATE_IN_WIRING_RE.search(block) is None


def _collect_imports(summary: FileSummary, src: _Text) -> None:
    """All import statements, cut out; the plain ones read from their text (simple_import), the others
    parsed, in one go when they can be."""
    statements = []
    for m in line_matches(_IMPORT_RE, _IMPORT_WORD_RE, src.padded):
        if src.in_string(m.start()):
            continue
        first = last = src.line_of(m.start())
        piece = src.lines(first, last)
        while (piece.count("(") > piece.count(")") or piece.rstrip().endswith("\\")) and last - first < 200:
            last += 1
            piece = src.lines(first, last)
        statements.append((first, piece.lstrip(" \t").rstrip()))
    if not statements:
        return
    read = [simple_import(piece) for _, piece in statements]
    if None in read:
        others = [statement for statement, imported in zip(statements, read) if imported is None]
        try:
            nodes = ast.parse("\n".join(piece for _, piece in others)).body
            if len(nodes) != len(others):
                raise SyntaxError("not one statement a piece")  # (`import a; import b`): order by piece below
        except SyntaxError:
            nodes = [_parse_statement(src, first) for first, _ in others]
        parsed = iter(nodes)
        read = [imported if imported is not None else _import_of(next(parsed)) for imported in read]
    for imported in read:
        if imported:
            _add_import(summary, *imported)


_IDENTIFIER = r"[^\W\d]\w*"
_DOTTED_NAME = rf"{_IDENTIFIER}(?:\.{_IDENTIFIER})*"
_AS_NAMES = rf"{_IDENTIFIER}(?:[ \t]+as[ \t]+{_IDENTIFIER})?(?:[ \t]*,[ \t]*{_IDENTIFIER}(?:[ \t]+as[ \t]+{_IDENTIFIER})?)*"
_AS_NAMES_IN_BRACKETS = rf"{_IDENTIFIER}(?:[ \t]+as[ \t]+{_IDENTIFIER})?(?:\s*,\s*{_IDENTIFIER}(?:[ \t]+as[ \t]+{_IDENTIFIER})?)*"
_PLAIN_IMPORT_RE = re.compile(
    rf"import[ \t]+({_DOTTED_NAME}(?:[ \t]+as[ \t]+{_IDENTIFIER})?(?:[ \t]*,[ \t]*{_DOTTED_NAME}(?:[ \t]+as[ \t]+{_IDENTIFIER})?)*)")
_FROM_IMPORT_RE = re.compile(rf"from[ \t]+(\.*)({_DOTTED_NAME})?[ \t]+import[ \t]+"
                             rf"(?:(\*)|({_AS_NAMES})|\(\s*({_AS_NAMES_IN_BRACKETS})\s*,?\s*\))")


@functools.lru_cache(maxsize=8192)  # (files repeat their imports: `import tensorflow as tf`; the result is only read)
def simple_import(piece: str) -> tuple | None:
    """("import", None, 0, [(name, asname)]) or ("from", module, level, [...]) for an import statement written
    plainly (no comment, `;` or backslash; names that are identifiers, no keyword), read from its text as
    Python would parse it (an import per file line costs a parse otherwise); None for any other text."""
    if not piece.isascii():
        return None  # (Python normalizes non-ASCII names: NFKC)
    m = _PLAIN_IMPORT_RE.fullmatch(piece)
    if m is not None:
        names = _names_as(m.group(1))
        return ("import", None, 0, names) if names is not None else None
    m = _FROM_IMPORT_RE.fullmatch(piece)
    if m is None:
        return None
    dots, module, star, names = m.group(1), m.group(2), m.group(3), m.group(4) or m.group(5)
    if module is None and not dots or module is not None and _names_as(module) is None:
        return None  # (`from import x`; a keyword in the module's name)
    names = [("*", None)] if star else _names_as(names)
    return ("from", module, len(dots), names) if names is not None else None


def _names_as(text: str) -> list[tuple[str, str | None]] | None:
    out = []
    for item in text.split(","):
        name, _, asname = (part.strip(" \t\r\n") for part in item.partition(" as "))
        for word in (*name.split("."), *([asname] if asname else [])):
            if not word.isidentifier() or keyword.iskeyword(word):
                return None
        out.append((name, asname or None))
    return out


def _import_of(node: ast.stmt | None) -> tuple | None:
    if isinstance(node, ast.Import):
        return "import", None, 0, [(a.name, a.asname) for a in node.names]
    if isinstance(node, ast.ImportFrom):
        return "from", node.module, node.level, [(a.name, a.asname) for a in node.names]
    return None


def _outside_classes(src: _Text, class_ranges: list[tuple[int, int]]) -> str:
    """The module with its top-level class blocks blanked out (line numbers kept): functional
    model code lives in functions and at module level."""
    lines = src.text.splitlines(keepends=True)
    for first, last in class_ranges:
        first = _decorators_start(lines, first)
        for i in range(first - 1, min(last, len(lines))):
            lines[i] = "\n"
    return "".join(lines)


def _decorators_start(lines: list[str], first: int) -> int:
    """The first line of the decorators above the `class` line `first` (1-based), a decorator's
    arguments over several lines included (`@keras_export(\n    [...],\n)`): blanking only the class
    would leave a decorator with nothing to decorate, and the module's code would not parse."""
    start, line = first, first - 1
    while line >= 1:
        text = lines[line - 1]
        if text.startswith("@"):
            start = line
        elif not text.strip() or text[0] not in " \t)]}":
            break  # a blank line or code at column 0: no (more) decorators
        line -= 1
    return start


def _parse_statement(src: _Text, line: int) -> ast.stmt | None:
    """Parse the logical statement starting on `line`, extending over continuation lines."""
    last = line
    n_lines = len(src.starts)
    while True:
        piece = src.lines(line, last)
        stripped = piece.lstrip(" \t")
        try:
            node = ast.parse(stripped).body[0]
            _shift_lines(node, line - 1)
            return node
        except SyntaxError:
            if last - line > 60 or last >= n_lines:
                return None
            last += 1


def _shift_lines(node: ast.AST, by: int) -> None:
    """ast.increment_lineno, without its generator-based ast.walk (it ran for every class header)."""
    todo = [node]
    while todo:
        current = todo.pop()
        attributes = current._attributes
        if "lineno" in attributes:
            current.lineno = getattr(current, "lineno", 0) + by
        if "end_lineno" in attributes and (end := getattr(current, "end_lineno", 0)) is not None:
            current.end_lineno = end + by
        todo.extend(children(current))


def _parse_class_header(src: _Text, line: int, indent: int) -> ast.ClassDef:
    last = line
    while True:
        piece = src.lines(line, last)
        try:
            tree = ast.parse(piece.lstrip(" \t").rstrip() + " pass\n")
            node = tree.body[0]
            if isinstance(node, ast.ClassDef):
                _shift_lines(node, line - 1)
                node.col_offset = indent
                return node
        except SyntaxError:
            pass
        if last - line > 30:
            raise SyntaxError("class header")
        last += 1


def _class_summary(src: _Text, header: ast.ClassDef, qualname: str, line: int, indent: int,
                   end: int) -> ClassSummary:
    """A class cut out of the text: an empty summary for a class no layer can be (a test case, an
    exception, an enum: _NOT_A_LAYER_RE), else _summarize_class's."""
    if header.bases and all(_NOT_A_LAYER_RE.search(ast.unparse(b)) for b in header.bases):
        return ClassSummary(header.name, qualname, line, indent + 1, header.bases, {}, set(), Counter(), False, end)
    return _summarize_class(src, header, qualname, line, indent, end, src.lines(line, end))


def _summarize_class(src: _Text, header: ast.ClassDef, qualname: str, line: int, indent: int,
                     end: int, body: str) -> ClassSummary:
    defs: dict[str, tuple[int, int]] = {}  # name -> (line, indent)
    def_indent = None
    first_offset = src.starts[line - 1]
    for m in line_matches(_DEF_RE, _DEF_WORD_RE, src.padded, first_offset, first_offset + len(body)):
        if src.in_string(m.start()):
            continue
        width = _indent_width(m.group(1))
        if width <= indent:
            continue
        if def_indent is None or width < def_indent:
            def_indent = width
            defs = {k: v for k, v in defs.items() if v[1] == width}
        if width == def_indent and m.group(2) not in defs:
            defs[m.group(2)] = (src.line_of(m.start()), width)
    counts = _attr_counts(body)
    summary = ClassSummary(
        name=header.name, qualname=qualname, line=line, col=indent + 1, bases=header.bases,
        methods={}, method_names=set(defs), self_attr_counts=counts,
        dynamic_access=any(marker in body for marker in _DYNAMIC_MARKERS), end_line=end,
        may_have_weights=_may_have_weights(body),
    )
    summary._pending = (src, defs)
    plain = is_plain_holder(header.bases)
    if plain and _MAY_HOLD_LAYERS_RE.search(body):
        summary.load_methods(("__init__",))  # a plain class matters only as a holder of layers (LD011)
    return summary


def _method_text(summary: ClassSummary, name: str) -> tuple[str, int]:
    """(the source of the method `name` with its decorators, its first line), cut from the class's text;
    _Unsure when the text alone cannot tell where the method ends."""
    src, defs = summary._pending
    def_line, width = defs[name]
    first = _decorators_above(src, def_line, summary.line)
    return src.lines(first, src.block_end(def_line, width, summary.end_line)), first


def _load_methods(summary: ClassSummary, entries) -> None:
    """Parse the entry methods and the helpers they call through `self.x(...)`."""
    src, defs = summary._pending
    wanted = [name for name in entries if name in defs]
    seen = set(summary.methods)
    while wanted:
        name = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            piece, first = _method_text(summary, name)
        except _Unsure:  # parse the whole class once instead
            _load_whole_class(summary, src, defs)
            if name not in summary.methods:
                continue
            piece = ast.unparse(summary.methods[name])
            for called in _self_names(_SELF_CALL_RE, piece):
                if called in defs and called not in seen:
                    wanted.append(called)
            continue
        try:
            summary.methods[name] = _parse_piece(piece, first)
        except SyntaxError as exc:
            raise SourceError(f"cannot parse: syntax error at line {exc.lineno}: {exc.msg}") from None
        except (RecursionError, MemoryError):
            raise SourceError(f"cannot parse: the code is nested too deeply (in {summary.name}.{name})") from None
        for called in _self_names(_SELF_CALL_RE, piece):
            if called in defs and called not in seen:
                wanted.append(called)


def _load_whole_class(summary: ClassSummary, src: _Text, defs) -> None:
    """Parse the whole class block: its methods replace the ones cut out so far."""
    piece = src.lines(summary.line, summary.end_line)
    try:
        if summary.col > 1:
            node = _parse_piece(piece, summary.line)
        else:
            node = ast.parse("\n" * (summary.line - 1) + piece).body[0]
    except SyntaxError as exc:
        raise SourceError(f"cannot parse: syntax error at line {exc.lineno}: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise SourceError(f"cannot parse: the code is nested too deeply (in {summary.name})") from None
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in defs:
            summary.methods.setdefault(stmt.name, stmt)


def _may_have_weights(body: str) -> bool:
    """Creating a variable or calling a class (a sublayer, most likely); exceptions and specs aside."""
    # Skip the class header and docstrings: `class X(Layer):` and usage examples call classes too.
    code = _without_triple_quoted(body[body.find(":", body.find(")")) + 1:])
    if any(marker in code for marker in _STATEFUL_MARKERS):
        return True
    return any(not _NOT_STATE_CALL_RE.match(code, m.start()) for m in _word_matches(_CAPITALIZED_CALL_RE, code))


def _attr_counts(body: str) -> Counter:
    # Comments do not use an attribute ("# self.bias forgotten"); strings may, and count.
    return Counter(_self_names(_SELF_ATTR_RE, _COMMENT_RE.sub("", body) if "#" in body else body))


def _is_object(base: ast.expr) -> bool:
    return isinstance(base, ast.Name) and base.id == "object"


# A tf.Module is no Keras layer: Keras 3 does not look inside it for layers or variables.
_TF_MODULE_BASES = {"tf.Module", "tensorflow.Module", "tf.compat.v2.Module"}


def is_plain_holder(bases: list[ast.expr]) -> bool:
    """Bases of a class Keras does not track into: none, `object`, or `tf.Module`."""
    return all(_is_object(b) or (isinstance(b, ast.Attribute) and ast.unparse(b) in _TF_MODULE_BASES)
               for b in bases)


# `Layer = layers.Layer`, `K = keras` at the top level: a second name for an imported class or module, as
# good as an import.
_NAME_ALIAS_RE = re.compile(r"\n([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)[ \t]*(?=#|\r?\n|$)")


def _collect_name_aliases(summary: FileSummary, padded: str) -> None:
    """`Layer = layers.Layer`, `Dense = tf.keras.layers.Dense`, `K = keras`: names bound once, at the top
    level, to an imported name or an attribute of one; the alias resolves like the import it goes through."""
    if "=" not in padded:
        return
    for m in _NAME_ALIAS_RE.finditer(padded):
        name, head, rest = m.groups()
        if head in summary.aliases and name not in summary.aliases and \
                len(re.findall(rf"\n{name}[ \t]*=[^=]", padded)) == 1:  # (rebound later: not an alias)
            summary.aliases[name] = summary.aliases[head] + rest


_MODULE_ASSIGN_RE = re.compile(r"\n([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*[\w.]+\(")


def _collect_module_assigns(summary: FileSummary, src: _Text) -> None:
    """Top-level `NAME = something(...)`: candidates for module-level layers (LD011)."""
    for m in _MODULE_ASSIGN_RE.finditer(src.padded):
        if src.in_string(m.start()):
            continue
        stmt = _parse_statement(src, src.line_of(m.start()))
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            summary.module_assigns[m.group(1)] = stmt


# ---------------------------------------------------------------- the slow path: whole file


def _summarize_whole(summary: FileSummary, text: str) -> None:
    tree = ast.parse(text)
    summary.tree = tree
    lines = text.splitlines(keepends=True)
    for node in _statements(tree.body):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _add_import(summary, *_import_of(node))
    _collect_name_aliases(summary, "\n" + text)
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Call):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    summary.module_assigns[target.id] = stmt
    _add_classes(summary, tree.body, summary.module, lines)


def _add_classes(summary: FileSummary, body: list[ast.stmt], outer: str, lines: list[str]) -> None:
    # (A function of the module, not a closure calling itself: that would be a reference cycle
    # holding the file's tree until the cyclic GC, which lint turns off.)
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            qualname = f"{outer}.{stmt.name}"
            summary.classes.append(_class_from_node(stmt, qualname, lines))
            _add_classes(summary, stmt.body, qualname, lines)


def _statements(body: list[ast.stmt]):
    """Every statement, nested ones included, without walking into expressions."""
    for stmt in body:
        yield stmt
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(stmt, name, None)
            if inner:
                yield from _statements(inner)


def _class_from_node(node: ast.ClassDef, qualname: str, lines: list[str]) -> ClassSummary:
    end = node.end_lineno or node.lineno
    body = "".join(lines[node.lineno - 1:end])
    methods: dict[str, ast.FunctionDef] = {}
    for stmt in node.body:  # a name defined twice (a property and its setter): the first, as the fast path
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.setdefault(stmt.name, stmt)
    return ClassSummary(
        name=node.name, qualname=qualname, line=node.lineno, col=node.col_offset + 1,
        bases=node.bases, methods=methods, method_names=set(methods),
        self_attr_counts=_attr_counts(body),
        dynamic_access=any(marker in body for marker in _DYNAMIC_MARKERS), end_line=end,
        may_have_weights=_may_have_weights(body),
    )


# ---------------------------------------------------------------- imports


def _add_import(summary: FileSummary, kind: str, module: str | None, level: int,
                names: list[tuple[str, str | None]]) -> None:
    if kind == "import":
        for name, asname in names:
            if asname:
                summary.aliases[asname] = name
            else:
                top = name.split(".")[0]
                summary.aliases.setdefault(top, top)
    else:
        base = resolve_relative(summary.module, module, level, summary.path)
        for name, asname in names:
            if name == "*":  # `from keras.layers import *`: kept as the key "*", the modules space-separated
                if base:
                    summary.aliases["*"] = f"{summary.aliases['*']} {base}" if "*" in summary.aliases else base
                continue
            summary.aliases[asname or name] = f"{base}.{name}" if base else name