"""Find the file and line of user code: a class, an attribute assignment, a calling statement."""

from __future__ import annotations

import ast
import functools
import inspect
import linecache
import os
import re
import sysconfig
import textwrap

from .. import formatting
from ..static import walk as static_walk
from ..vocab import WEIGHT_OPERAND_OPS

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], sysconfig.get_paths()["stdlib"]}
)


def is_user_file(path: str) -> bool:
    """Code the user wrote: not Keras/TF/site-packages, not the stdlib, not layerdoctor itself."""
    if not path or path.startswith("<"):
        return False
    path = os.path.abspath(path)
    if path.startswith(_PACKAGE_DIR + os.sep):
        return False
    return not path.startswith(_LIBRARY_DIRS)


# layerdoctor's own hooks that run inside Keras (below the user's code, not above it)
_HOOKS: set = set()


def pass_through(function) -> None:
    """Mark a layerdoctor hook that Keras calls from inside the model's code (a wrapper of a
    Keras method): user_site() walks past its frames instead of stopping there."""
    _HOOKS.add(function.__code__)


def user_site(frame) -> tuple[str, int] | None:
    """The innermost frame of user code, starting at `frame` and walking outwards.

    Stops at layerdoctor's own frames: whoever called the inspector is not the model's code
    (hooks marked with pass_through() excepted).
    """
    while frame is not None:
        if frame.f_code in _HOOKS:
            frame = frame.f_back
            continue
        if os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR + os.sep):
            return None
        if is_user_file(frame.f_code.co_filename):
            return frame.f_code.co_filename, frame.f_lineno
        frame = frame.f_back
    return None


def is_user_class(cls) -> bool:
    """A class whose source file the user wrote (library layers are trusted)."""
    return is_user_file(class_file(cls) or "")


def assigned_in(cls, attribute: str, method: str):
    """(file, line) of the first `self.<attribute> = ...` inside `cls.<method>` (or a user base's), or None."""
    for klass in getattr(cls, "__mro__", (cls,)):
        function = vars(klass).get(method)
        if function is None or not is_user_class(klass):
            continue
        try:
            path = inspect.getsourcefile(function)
            lines, start = inspect.getsourcelines(function)
        except (OSError, TypeError):
            continue
        pattern = re.compile(rf"^\s*self\.{re.escape(attribute)}\s*=[^=]")
        for offset, text in enumerate(lines):
            if pattern.search(text):
                return path, start + offset
    return None


def class_file(cls) -> str | None:
    """The file defining `cls`, also when its module is not in sys.modules (loaded by path)."""
    try:
        path = inspect.getsourcefile(cls)
        if path:
            return path
    except TypeError:
        pass
    for value in vars(cls).values():
        code = getattr(value, "__code__", None)
        if code is not None:
            return code.co_filename
    return None


def class_lines(cls):
    """(path, lines, first line) of the class source; works without sys.modules too."""
    try:
        lines, start = inspect.getsourcelines(cls)
        return inspect.getsourcefile(cls), lines, start
    except (TypeError, OSError):
        pass
    path = class_file(cls)
    if not path:
        raise OSError("no source")
    source = linecache.getlines(path)
    header = re.compile(rf"^\s*class\s+{re.escape(cls.__name__)}\b")
    for index, text in enumerate(source):
        if header.match(text):
            lines = inspect.getblock(source[index:])
            return path, lines, index + 1
    raise OSError("class not found in its file")


def class_site(cls) -> tuple[str, int]:
    """Where a class is defined; falls back to its module when the source is not available."""
    try:
        path, _, line = class_lines(cls)
        return path, line
    except OSError:
        return class_file(cls) or f"<{cls.__module__}>", 1


def attribute_site(cls, attribute: str | None, last: bool = False) -> tuple[str, int]:
    """Where `self.<attribute> = ...` is first (or last) written in the class or its user bases."""
    if attribute:
        # `self.x = ...` and tuple targets such as `self.x, self.y = ...`
        other = r"self\.\w+\s*,\s*"
        pattern = re.compile(rf"^\s*({other})*self\.{re.escape(attribute)}\s*(,\s*self\.\w+\s*)*=[^=]")
        for klass in getattr(cls, "__mro__", (cls,)):
            try:
                path, lines, start = class_lines(klass)
            except OSError:
                continue
            if not path or not is_user_file(path):
                continue
            hits = [start + offset for offset, text in enumerate(lines) if pattern.search(text)]
            if hits:
                return path, hits[-1] if last else hits[0]
    return class_site(cls)


def function_site(fn) -> tuple[str, int] | None:
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    return code.co_filename, code.co_firstlineno


def deepest_user_frame(error: BaseException):
    """The innermost traceback frame in user code, with its line: (frame, line) or (None, None)."""
    found = (None, None)
    tb = error.__traceback__
    while tb is not None:
        if is_user_file(tb.tb_frame.f_code.co_filename):
            found = (tb.tb_frame, tb.tb_lineno)
        tb = tb.tb_next
    return found


def short_site(site) -> str:
    """'file:line', the file relative to the working directory when it is below it."""
    return formatting.short_site(site)


def use_site(cls, method: str, attribute: str | None) -> tuple[str, int] | None:
    """The first line of `cls.<method>` that reads `self.<attribute>`, or None."""
    if not attribute:
        return None
    function = getattr(cls, method, None)
    try:
        path = inspect.getsourcefile(function)
        lines, start = inspect.getsourcelines(function)
    except (TypeError, OSError):
        return None
    if not path or not is_user_file(path):
        return None
    pattern = re.compile(rf"\bself\.{re.escape(attribute)}\b")
    for offset, text in enumerate(lines):
        if pattern.search(text):
            return path, start + offset
    return None


def reads_attribute(cls, attribute: str, skip: tuple[str, ...] = ()) -> bool | None:
    """Does a method of `cls` (or of a user base class) read `self.<attribute>` (not only assign
    it)? Properties are not counted: an accessor that hands out what call() kept (masks for
    plotting) is not a use by the model; nor are the methods named in `skip`. None when no source
    can be read."""
    functions = _user_methods(cls)
    for function in functions or ():
        if function.name in skip:
            continue
        for node in ast.walk(function):
            if is_self_attribute(node, attribute) and isinstance(node.ctx, ast.Load):
                return True
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute) \
                    and node.target.attr == attribute:
                return True  # self.x += ...: read, then replaced
    return None if functions is None else False


def kept_value_of_its_inputs(cls, method: str, attribute: str) -> bool:
    """Does `method` of `cls` store on `self.<attribute>` a value computed from its arguments and read it only
    on lines after that store (D2L's `self.attention_weights = masked_softmax(scores, ...)`, scores from the
    queries and keys, then `self.dropout(self.attention_weights)` in the same call(): an activation kept for
    plotting, not state carried from the call before)? False for a value made from nothing (a kernel drawn
    in call()), for a read before the store, or when no source can be read."""
    functions = [f for f in _user_methods(cls) or () if f.name == method]  # (the class's own first: the MRO's order)
    if not functions:
        return False
    function = functions[0]
    args = function.args
    derived = {a.arg for a in (*args.posonlyargs, *args.args[1:], *args.kwonlyargs, args.vararg, args.kwarg) if a}
    stores = []
    for node in sorted((n for n in ast.walk(function) if isinstance(n, ast.Assign)), key=lambda n: n.lineno):
        read = _names_read_for_values(node.value)
        if any(is_self_attribute(target, attribute) for target in node.targets):
            stores.append((node.lineno, bool(read & derived)))
        elif read & derived:
            derived |= {n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    loads = [n.lineno for n in ast.walk(function) if is_self_attribute(n, attribute) and isinstance(n.ctx, ast.Load)]
    return bool(stores) and stores[0][1] and all(line > stores[0][0] for line in loads)


_SHAPE_ONLY_ATTRIBUTES = {"shape", "dtype", "ndim"}
_SHAPE_ONLY_CALLS = {"shape", "int_shape", "len", "rank", "ndim", "size", "dtype"}


def _names_read_for_values(expr) -> set:
    """The names `expr` reads for their values: not those it reads only for a shape or dtype
    (`tf.random.normal((inputs.shape[-1], n))`, `input_dim = tf.shape(x)[-1]`: made from nothing but a size)."""
    names, todo = set(), [expr]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Attribute) and node.attr in _SHAPE_ONLY_ATTRIBUTES:
            continue
        if isinstance(node, ast.Call) and callee(node.func) in _SHAPE_ONLY_CALLS:
            continue
        if isinstance(node, ast.Name):
            names.add(node.id)
        todo.extend(ast.iter_child_nodes(node))
    return names


# Methods Keras itself runs around the forward pass: reading a weight there is not a use by other code.
_KERAS_HOOKS = {"__init__", "build", "call", "get_config", "from_config", "compute_output_shape",
                "compute_output_spec", "build_from_config", "get_build_config", "compute_mask", "__call__"}


def other_readers(cls, attribute: str) -> list[str]:
    """The methods of `cls` (and of its user base classes) that read `self.<attribute>` and that neither
    Keras nor call() runs (`get_std()` of gSDE's noisy layer, which the actor's loss calls): code outside
    the forward pass may train the weight through them."""
    readers, called_by_call = [], set()
    for klass in getattr(cls, "__mro__", ()):
        tree = _class_tree(klass) if is_user_class(klass) else None
        body = tree.body[0].body if tree is not None and tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for function in body:
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if function.name == "call":
                called_by_call |= {n.func.attr for n in ast.walk(function) if isinstance(n, ast.Call)
                                   and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                                   and n.func.value.id == "self"}
            elif function.name not in _KERAS_HOOKS and any(
                    is_self_attribute(n, attribute) and isinstance(n.ctx, ast.Load) for n in ast.walk(function)):
                readers.append(function.name)
    return [name for name in dict.fromkeys(readers) if name not in called_by_call]


def _class_tree(klass) -> ast.Module | None:
    """The parsed source of one class (dedented: a class nested in a function parses too); None when it
    cannot be read or parsed."""
    try:
        lines, _ = inspect.getsourcelines(klass)
        return ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None


def _user_methods(cls) -> list | None:
    """The function definitions (nested ones too) of `cls` and its user base classes, properties
    and setters left out; None when no source can be read."""
    found, seen = [], False
    for klass in getattr(cls, "__mro__", ()):
        if not is_user_class(klass):
            continue
        tree = _class_tree(klass)
        if tree is None:
            continue
        seen = True
        found += [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and not any(
            isinstance(d, ast.Name) and d.id == "property" or isinstance(d, ast.Attribute) and d.attr == "setter"
            for d in f.decorator_list)]
    return found if seen else None


def is_self_attribute(node, attribute: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == attribute and isinstance(node.value, ast.Name) \
        and node.value.id == "self"


# ops whose operand is a weight (a kernel, a projection): `x @ w`, matmul(x, w), conv2d(x, k)


def _is_random_draw(node) -> bool:
    """`tf.random.normal(...)`, `keras.random.uniform(...)`, `np.random.randn(...)`: a call of a
    function of a `random` module, unseeded, drawn with a shape that does not follow the batch (noise or
    a per-example augmentation reads `tf.shape(x)`, `x.shape[0]` or a batch size)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    module = node.func.value
    if callee(module) != "random" or node.func.attr.startswith("stateless_") \
            or any(k.arg == "seed" for k in node.keywords):
        return False  # a draw with a seed managed on purpose: resampled data (a random-filter augmentation)
    shape = next((k.value for k in node.keywords if k.arg in ("shape", "size")), node.args[0] if node.args else None)
    if isinstance(shape, ast.Call) and callee(shape.func) == "shape":
        return False  # tf.shape(x): the input's own shape
    first = shape.elts[0] if isinstance(shape, (ast.Tuple, ast.List)) and shape.elts else shape
    for part in ast.walk(first) if first is not None else ():
        if "batch" in (callee(part) or "").lower() \
                or isinstance(part, ast.Subscript) and isinstance(part.slice, ast.Constant) and part.slice.value == 0:
            return False
    return True


def random_weights_drawn(cls, method: str = "call") -> list[tuple[str, int]]:
    """Sites in `cls.<method>` (or a user base's) where a random matrix is drawn and used as a
    matmul/dot/convolution operand, directly or through a local assigned from the draw: a weight
    made anew on every call."""
    function = getattr(cls, method, None)
    try:
        path = inspect.getsourcefile(function)
        lines, start = inspect.getsourcelines(function)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (TypeError, OSError, SyntaxError, IndentationError):
        return []
    if not path or not is_user_file(path):
        return []
    drawn = {}  # local name -> line of the draw
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_random_draw(node.value):
            drawn.update({t.id: node.lineno for t in node.targets if isinstance(t, ast.Name)})
    lines = {node.lineno if _is_random_draw(node) else drawn.get(node.id)
             for operand in _weight_operands(tree) for node in _unwrapped(operand)
             if _is_random_draw(node) or isinstance(node, ast.Name) and node.id in drawn}
    return [(path, start + line - 1) for line in sorted(lines)]


def used_as_weight_operand(cls, attribute: str) -> bool:
    """Does a method of `cls` (or a user base) use `self.<attribute>` as an operand of a matmul,
    dot or convolution (directly, or through one wrapping call: `matmul(x, transpose(self.w))`)?
    What a value is multiplied or added into (a scale, an epsilon) does not count."""
    return any(is_self_attribute(node, attribute) for function in _user_methods(cls) or ()
               for operand in _weight_operands(function) for node in _unwrapped(operand))


def _weight_operands(tree):
    """The operands of the matmuls, dots and convolutions in `tree`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            yield from (node.left, node.right)
        elif isinstance(node, ast.Call) and callee(node.func) in WEIGHT_OPERAND_OPS:
            yield from node.args


def _unwrapped(operand):
    """The operand and, for one wrapping call (`transpose(w)`, `w.astype(...)`), what it wraps."""
    yield operand
    if isinstance(operand, ast.Call):
        if isinstance(operand.func, ast.Attribute):
            yield operand.func.value
        yield from operand.args


def attributes_read_by_assignments(cls, attribute: str) -> list[tuple[str, set[str]]] | None:
    """For each `self.<attribute> = value` in a method of `cls` (and its user bases): (the method's
    name, the `self.` attributes `value` reads). Only the methods the class runs count: a base's
    call() that `cls` overrides does not. None when no source can be read or nothing assigns it."""
    found = []
    overridden = set()
    for klass in getattr(cls, "__mro__", ()):
        defined = set(vars(klass))
        if not is_user_class(klass):
            overridden |= defined
            continue
        tree = _class_tree(klass)
        if tree is None:
            overridden |= defined
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        methods = [m for m in body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name not in overridden]
        overridden |= defined
        for method in methods:
            for node in ast.walk(method):
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Attribute) and t.attr == attribute and getattr(t.value, "id", None) == "self"
                        for t in node.targets):
                    found.append((method.name, {n.attr for n in ast.walk(node.value) if isinstance(n, ast.Attribute)
                                                and isinstance(n.value, ast.Name) and n.value.id == "self"}))
    return found or None


def derived_in_call(cls, attribute: str, weights: set[str]) -> bool:
    """Does every `self.<attribute> = value` outside __init__/build() compute from the weights `weights` (the
    names of attributes holding them), through locals and other attributes the method set before, in source
    order? (SincNet: `self.low = abs(self.low_hz) ...`, `self.band = f(low)`, `self.kernel = reshape(self.band)`:
    tensors re-derived from the weights on every call, through which they train.)"""
    found = False
    for klass in getattr(cls, "__mro__", ()):
        if not is_user_class(klass):
            continue
        tree = _class_tree(klass)
        if tree is None:
            return False
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for method in body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or method.name in ("__init__", "build"):
                continue
            derived = {f"self.{name}" for name in weights}
            stores = sorted((n for n in ast.walk(method) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                             and n.value is not None), key=lambda n: (n.lineno, n.col_offset))
            for node in stores:
                reads = {_spelled(n) for n in ast.walk(node.value) if isinstance(n, (ast.Name, ast.Attribute))}
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                from_weights = bool(reads & derived)
                for target in targets:
                    for name in (_spelled(t) for t in ast.walk(target) if isinstance(t, (ast.Name, ast.Attribute))):
                        if name == f"self.{attribute}":
                            found = True
                            if not from_weights:
                                return False
                        if from_weights and name:
                            derived.add(name)
    return found


def _spelled(node) -> str | None:
    """`x` for a name, `self.x` for an attribute of self; None otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return f"self.{node.attr}"
    return None


# -- the source at a site: columns and constructor calls, as lint sees them ---------------

@functools.lru_cache(maxsize=32)
def _syntax_tree(path: str):
    try:
        return ast.parse("".join(linecache.getlines(path)))
    except (SyntaxError, ValueError, RecursionError):
        return None


def read_on_an_instance(cls, attribute: str) -> bool:
    """Does the file defining `cls` read `<something>.<attribute>` other than `self.<attribute>`
    (`self.crf.transitions` in a loss object)? The static LD009's policy (read_outside): such code may
    train the weight where the model's forward pass does not."""
    path = class_file(cls)
    tree = _syntax_tree(path) if path else None
    return tree is not None and static_walk.read_on_an_instance(ast.walk(tree), attribute)


def _nodes_on_line(site) -> list:
    tree = _syntax_tree(site[0]) if site and site[0] else None
    return [n for n in ast.walk(tree) if getattr(n, "lineno", None) == site[1]] if tree is not None else []


def statement_at(site):
    """The innermost statement that spans the line of `site` (a call split over lines included), or None."""
    tree = _syntax_tree(site[0]) if site and site[0] else None
    found = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.stmt) and node.lineno <= site[1] <= (node.end_lineno or node.lineno):
            if found is None or node.lineno >= found.lineno and (node.end_lineno or 0) <= (found.end_lineno or 0):
                found = node
    return found


def callee(func) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def constructor_call(site, class_name: str):
    """The call `class_name(...)` (`Dense(...)`, `keras.layers.Dense(...)`) on the line of `site`, or None."""
    for node in _nodes_on_line(site):
        if isinstance(node, ast.Call) and callee(node.func) == class_name:
            return node
    return None


def assignment_of(site, call):
    """The statement `name = call` or `self.name = call` on the line of `site`: (statement, name, on_self)."""
    for node in _nodes_on_line(site):
        if isinstance(node, ast.Assign) and node.value is call and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                return node, target.id, False
            if isinstance(target, ast.Attribute) and getattr(target.value, "id", None) == "self":
                return node, target.attr, True
    return None, None, False


def global_name(site, class_name: str) -> str | None:
    """NAME when the line of `site` is `NAME = class_name(...)` at the top level of its module."""
    call = constructor_call(site, class_name)
    statement, name, on_self = assignment_of(site, call) if call is not None else (None, None, False)
    return name if statement is not None and not on_self and statement.col_offset == 0 else None


def created_by_assignment(site, attribute: str | None):
    """The call assigned on the line of `site` (to `self.<attribute>` when given), or None."""
    for node in _nodes_on_line(site):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            target = node.targets[0]
            if attribute is None or (isinstance(target, ast.Attribute) and target.attr == attribute):
                return node.value
    return None


def attribute_column(site, attribute: str) -> int | None:
    """The column (1-based) of `self.<attribute>` written on the line of `site`, as lint reports it."""
    for node in _nodes_on_line(site):
        if isinstance(node, ast.Attribute) and node.attr == attribute and isinstance(node.ctx, ast.Store) \
                and getattr(node.value, "id", None) == "self":
            return node.col_offset + 1
    return None


def is_loop_variable_around(path: str, line: int, name: str) -> bool:
    """Is `name` the variable of a `for` loop or comprehension whose source spans `line` in `path`
    (a closure made there reads the variable when it runs, not when it is made)?"""
    tree = _syntax_tree(path) if path else None
    if tree is None:
        return False
    for node in ast.walk(tree):
        parts = static_walk.loop_parts(node)
        if parts is not None and node.lineno <= line <= (node.end_lineno or node.lineno) and any(
                isinstance(n, ast.Name) and n.id == name for t in parts[0] for n in ast.walk(t)):
            return True
    return False
