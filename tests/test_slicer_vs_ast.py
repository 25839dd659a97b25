"""The fast slicer (static/source.py) against `ast.parse`: on valid sources it must never say
"cannot parse", and the classes and methods it cuts out must be the ones Python sees (same lines,
same ends). Generated layouts (tabs, continuation lines at column 0, brackets in comments and
strings, coding declarations, CRLF, PEP 695), hypothesmith's programs, and every corpus file.
"""

from __future__ import annotations

import ast
import os
import sys

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from layerdoctor.static.source import ENTRY_METHODS, SourceError, summarize

SETTINGS = settings(max_examples=int(os.environ.get("LAYERDOCTOR_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=list(HealthCheck))
CORPUS = os.environ.get("LAYERDOCTOR_CORPUS", "/tmp/keras-corpus")


def ast_view(data: bytes):
    """None when Python refuses the file, else {class: (line, {method: (line, end)})} for top-level classes."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    view = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name not in view:
            methods = {}
            for stmt in node.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name not in methods:
                    methods[stmt.name] = (stmt.lineno, stmt.end_lineno)
            view[node.name] = (node.lineno, methods)
    return view


def slicer_view(path: str, entries=None):
    """None when the slicer says "cannot parse", else the same view as ast_view."""
    try:
        summary = summarize(path)
        view = {}
        for cls in summary.classes:
            if cls.qualname.count(".") != summary.module.count(".") + 1 or cls.name in view:
                continue  # nested classes: ast_view keeps top-level ones only
            methods = cls.load_methods(tuple(entries or cls.method_names))
            view[cls.name] = (cls.line, {name: (node.lineno, node.end_lineno) for name, node in methods.items()})
        return view
    except SourceError:
        return None


def assert_same_verdict(path, data: bytes, entries=None):
    expected = ast_view(data)
    got = slicer_view(str(path), entries)
    if expected is None:
        return  # invalid Python: whatever the slicer says (it may not look at the broken part)
    assert got is not None, f"the slicer refused valid Python: {path}"
    for name, (line, methods) in got.items():
        assert name in expected and expected[name][0] == line, (path, name)
        for method, span in methods.items():
            assert expected[name][1].get(method) == span, (path, name, method, span, expected[name][1].get(method))


# ---------------------------------------------------------------- generated layouts

INDENTS = ["    ", "  ", "\t", "        ", " \t"]
CONTINUATIONS = ["(3, 3)", "(3,\n3)", "(\n3, 3)", "(3,\n  3)", "(3,  # a comment (\n3)", "(3,\n\n3)"]
NOISE = ["", "# note: (1\n", "x = ')'  # (\n", "s = \"[\"\n", '"""Doc (with a bracket."""\n', "y = {\n1: 2}\n",
         "z = [i for i in range(3)\n]\n", "w = f'{(1)}('\n"]
HEADERS = ["class L(keras.layers.Layer):", "class L(\n    keras.layers.Layer,\n):", "class L[T](keras.layers.Layer):",
           "@decorate\nclass L(keras.layers.Layer):", "class L(keras.layers.Layer):  # (comment"]


def layer_source(indent, continuation, noise_init, noise_build, header, tail_noise, crlf, encoding):
    i1, i2 = indent, indent * 2

    def block(lines, depth):
        return "".join(("" if line.startswith("\n") else depth) + line for line in lines)

    source = (
        ("# -*- coding: latin-1 -*-\n" if encoding == "latin-1" else "")
        + "import keras\n\n\ndef decorate(cls):\n    return cls\n\n\n"
        + header + "\n"
        + i1 + "def __init__(self, **kwargs):\n"
        + i2 + "super().__init__(**kwargs)\n"
        + "".join(i2 + part for part in noise_init.splitlines(True)) + "\n"
        + i1 + "def build(self, input_shape):\n"
        + i2 + f"self.w = keras.random.normal{continuation}\n"
        + "".join(i2 + part for part in noise_build.splitlines(True))
        + "\n" + i1 + "def call(self, x):\n" + i2 + "return x\n"
        + "\n\n" + tail_noise
        + "# caf\u00e9\n"
    )
    if crlf:
        source = source.replace("\n", "\r\n")
    data = source.encode("latin-1" if encoding == "latin-1" else "utf-8")
    return (b"\xef\xbb\xbf" + data) if encoding == "utf-8-sig" else data


@SETTINGS
@given(indent=st.sampled_from(INDENTS), continuation=st.sampled_from(CONTINUATIONS),
       noise_init=st.sampled_from(NOISE), noise_build=st.sampled_from(NOISE), header=st.sampled_from(HEADERS),
       tail_noise=st.sampled_from(NOISE), crlf=st.booleans(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
def test_generated_layer_layouts(tmp_path_factory, indent, continuation, noise_init, noise_build, header,
                                 tail_noise, crlf, encoding):
    data = layer_source(indent, continuation, noise_init, noise_build, header, tail_noise, crlf, encoding)
    path = tmp_path_factory.mktemp("slicer") / "layer.py"
    path.write_bytes(data)
    assert_same_verdict(path, data, ENTRY_METHODS)
    assert_same_verdict(path, data)


@SETTINGS
@given(source=st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()))
def test_hypothesmith_programs(tmp_path_factory, source):
    data = ("import keras\n" + source).encode("utf-8", "surrogatepass")
    assume(ast_view(data) is not None)  # valid Python only
    path = tmp_path_factory.mktemp("slicer") / "generated.py"
    path.write_bytes(data)
    assert_same_verdict(path, data)


# ---------------------------------------------------------------- the cases of issue 7


@pytest.mark.parametrize("name, data", [
    ("tabs", b"import keras\n\n\nclass L(keras.layers.Layer):\n\tdef build(self, s):\n"
             b"\t\tself.w = keras.random.normal((3, 3))\n\n\tdef call(self, x):\n\t\treturn x\n"),
    ("latin1", b"# -*- coding: latin-1 -*-\nimport keras\n# caf\xe9\n\n\nclass L(keras.layers.Layer):\n"
               b"    def build(self, s):\n        self.w = keras.random.normal((3, 3))\n"),
    ("column0", b"import keras\n\n\nclass L(keras.layers.Layer):\n    def build(self, s):\n"
                b"        self.w = keras.random.normal((3,\n3))\n\n    def call(self, x):\n        return x\n"),
    ("pep695", b"import keras\n\n\nclass G[T](keras.layers.Layer):\n    def build(self, s):\n"
               b"        self.w = keras.random.normal((3, 3))\n"),
])
def test_valid_python_is_checked(tmp_path, name, data):
    from layerdoctor import lint_paths

    path = tmp_path / f"{name}.py"
    path.write_bytes(data)
    report = lint_paths([path], use_cache=False)
    if ast_view(data) is None:  # PEP 695 before Python 3.12: Python refuses it, and so do we (not silence)
        assert sys.version_info < (3, 12)
        assert [e.message.split(":")[0] for e in report.errors] == ["cannot parse"]
    else:
        assert report.errors == []
        assert [f.code for f in report.findings] == ["LD001"]
    assert_same_verdict(path, data)


# ---------------------------------------------------------------- every corpus file


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason=f"no corpus at {CORPUS}")
def test_every_corpus_file(subtests=None):
    """Slow-ish (about 10 s on 3,700 files): set LAYERDOCTOR_CORPUS to another folder, or remove it to skip."""
    failures = []
    for root, dirs, files in os.walk(CORPUS):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(root, name)
                with open(path, "rb") as handle:
                    data = handle.read()
                try:
                    assert_same_verdict(path, data)
                except AssertionError as exc:
                    failures.append(str(exc)[:300])
    assert not failures, f"{len(failures)} file(s) differ from ast.parse:\n" + "\n".join(failures[:10])


# ---------------------------------------------------------------- import statements read from their text

IMPORT_FORMS = [
    "import os", "import os.path", "import a as b", "import a.b as c, d", "import a.b as c,d as e",
    "from . import x", "from .. import x as y", "from .m import (a, b as c,)", "from m import *",
    "from .m.n import a,b", "from m import (\n    a,\n    b as c,\n)", "from m import a,", "import a.b as c.d",
    "from m import as", "from import x", "import a # c", "import a; import b", "from m import (a # x\n, b)",
    "from . m import x", "from .import x", "import  a  as  b", "from m import a as b as c", "import async",
    "from match import case", "from m import (a)", "from m import ()", "import a .b", "from ...m import x",
    "from m import\tx", "import a\\\n  .b", "from m import x as \u00e9t\u00e9", "from m import (*)", "import *",
    "from m import a as", "import a as b.c", "from .. m import x", "from m import (a, b))", "import a,,b",
]
_WORDS = st.sampled_from(["a", "b", "os", "as", "import", "from", "m_1", "None", "_x", "match", "1a", "*"])
_GLUE = st.sampled_from([" ", "  ", "\t", ".", "..", ",", ", ", " as ", "(", ")", "\n", " # c\n", ";", "\\\n"])


@pytest.mark.parametrize("piece", IMPORT_FORMS)
def test_simple_import_reads_what_python_parses(piece):
    assert_reads_as_python(piece)


@SETTINGS
@given(st.sampled_from(["import ", "from ", "from .", "from ..", "from m import "]),
       st.lists(st.tuples(_WORDS, _GLUE), max_size=6))
def test_simple_import_reads_what_python_parses_generated(head, parts):
    assert_reads_as_python(head + "".join(word + glue for word, glue in parts).rstrip())


def assert_reads_as_python(piece):
    from layerdoctor.static.source import _import_of, simple_import

    read = simple_import(piece)
    if read is None:
        return  # (left to the parser)
    body = ast.parse(piece).body  # a SyntaxError here: it read a statement Python refuses
    assert len(body) == 1 and read == _import_of(body[0]), piece


# ---------------------------------------------------------------- one class alone (another process's file)

def _class_view(cls):
    return (cls.name, cls.qualname, cls.line, cls.col, cls.end_line, sorted(cls.method_names), dict(cls.self_attr_counts),
            cls.dynamic_access, cls.may_have_weights, [ast.dump(b) for b in cls.bases],
            sorted(cls._pending[1].items()) if cls._pending else None)


def _python_files(*roots):
    for root in roots:
        for folder, _, names in os.walk(root):
            yield from (os.path.join(folder, name) for name in sorted(names) if name.endswith(".py"))


@pytest.mark.parametrize("root", ["tests/cases", "tests/cases_static", "tests/realworld", CORPUS])
def test_a_class_summarized_alone_is_the_one_the_whole_file_gives(root):
    from layerdoctor.static.source import summarize_class

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = os.path.join(here, root) if not os.path.isabs(root) else root
    if not os.path.isdir(root):
        pytest.skip(f"{root} is not there (bench/lint_corpus.py makes the corpus)")
    compared = 0
    for path in _python_files(root):
        try:
            summary = summarize(path)
        except SourceError:
            continue
        for cls in summary.classes:
            if cls._pending is None:
                continue  # (the file was parsed whole: its classes are never cut out alone)
            alone = summarize_class(path, None, cls.qualname, cls.line, cls.col - 1)
            assert alone is not None and _class_view(alone) == _class_view(cls), (path, cls.qualname)
            compared += 1
    assert compared > 20
