"""LD009: where a weight's reads in call() lead, and the ops that carry no gradient back."""

import ast
import builtins

from ....vocab import WEIGHT_LISTS as PUBLIC_WEIGHT_LISTS
from ...class_facts import (file_function, importing_files, parsed_file)
from ...context import LAYER, STATELESS_LAYERS, self_attr
from ...walk import callee_name, parent_map, walk

# Calls whose result carries no gradient back to their arguments.
BLOCKING_CALLS = {"stop_gradient", "convert_to_numpy", "round", "argmax", "argmin", "sign", "floor",
                   "ceil", "asarray", "array", "float", "int", "argsort", "rint", "floor_divide",
                   "zeros_like", "ones_like"}  # (the last two read only the shape: no gradient either)
_BLOCKING_METHODS = {"numpy", "detach", "tolist", "item"}
# A comparison's result is a boolean: nothing flows back to what was compared.
COMPARISONS = {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and",
                "logical_or", "logical_not", "logical_xor"}
_INT_DTYPES = ("int", "uint", "bool")
# Reading these means weights may be used by position, not by attribute.
WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables", "_trainable_weights",
                 "get_weights", "non_trainable_weights", "_weights")


def read_on_instances(ctx, attr):
    """Does the file, or a checked file that imports the class, read `<instance>.<attr>` on an instance
    of this class (`h = Holder(); ops.matmul(x, h.w)`)? Then the weight is used outside call() (wired
    into a model, read by a loss); projects keep their layers and their model code in different files."""
    files = [ctx.file, *importing_files(ctx)]
    for file in files:
        tree = parsed_file(file.path)
        instances = set()
        for node in walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            pairs = [(t, node.value) for t in node.targets]
            if isinstance(node.value, ast.Tuple):  # `disp, prop = Dispersion(), Other()`
                pairs += [(t.elts[i], v) for t in node.targets if isinstance(t, ast.Tuple)
                          and len(t.elts) == len(node.value.elts) for i, v in enumerate(node.value.elts)]
            instances |= {t.id for t, v in pairs if isinstance(t, ast.Name) and isinstance(v, ast.Call)
                          and last_name(ctx.project.qualify(v.func, file)) == ctx.name}
        if instances and any(
                isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name) and node.value.id in instances for node in walk(tree)):
            return True
    return False


def trainable(call):
    if not isinstance(call, ast.Call):
        return False
    for kw in call.keywords:
        if kw.arg == "trainable":
            return not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
    return True


def only_blocked_reads(ctx, attr):
    """(first blocked read, why) when every read of self.<attr> outside the stores is blocked."""
    total_reads = ctx.mentions(attr) - ctx.stores_of(attr)
    blocked = []
    reads = 0
    for method, func in ctx.methods_of("call"):
        nodes = ctx.nodes(method)
        parents = None
        for node in nodes:
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and self_attr(node) == attr:
                reads += 1
                if not may_block(ctx, method):
                    return None
                parents = parents or method_parents(ctx, method)
                why, stmt = _climb(node, parents, ctx)
                if why is None and type(stmt) is ast.Assign and single_name_target(stmt):
                    # `w = self.kernel` (also a helper inlined into call(), its parameter bound so):
                    # follow the local to call()'s returns, as for a parameter of a function of the file
                    why = _parameter_blocked(ctx, func, stmt.targets[0].id, 1, local=stmt)
                if why is None:
                    return None
                blocked.append((node, why))
    if blocked and reads != total_reads:
        reads += _configured_outside_call(ctx, attr)
    if not blocked or reads != total_reads:
        return None  # read elsewhere too (another method, a subclass): cannot be sure
    # name the op that makes the values (sign, round) rather than a comparison in a condition
    return next((hit for hit in blocked if "comparison" not in hit[1] and "like()" not in hit[1]), blocked[0])


# Methods that write a value into a variable: no gradient flows back to what computed the value (kerex's weight
# normalization: `self.layer.set_weights([self.g * normalize(self.v), ...])` in call()).
_WRITES_VALUES = {"set_weights": "set_weights() (it copies the values in as NumPy arrays)",
                  "assign": "a variable's assign()", "assign_add": "a variable's assign_add()",
                  "assign_sub": "a variable's assign_sub()"}
_BLOCKING_NAMES = BLOCKING_CALLS | COMPARISONS | {"where", "cast"} | set(_WRITES_VALUES)


NUMPY_FUNCTION = "NumPy's "  # how _climb names a NumPy function it stops at: "NumPy's concatenate()"


def numpy_function(call, aliases) -> bool:
    """`np.concatenate(...)` (`np` an alias of numpy): any NumPy function turns a tensor into an array."""
    func = call.func
    return type(func) is ast.Attribute and type(func.value) is ast.Name and aliases.get(func.value.id) == "numpy"


def may_block(ctx, method) -> bool:
    """Does `method` hold anything _blocker() stops at (a comparison, `.numpy()`, a call named like a
    blocking op, a call of a plain name that may be a function of the file)? A scan of its nodes, once per method: most call()s hold none, and need no parent map."""
    cache = ctx.__dict__.setdefault("_ld009_may_block", {})
    if method not in cache:
        cache[method] = False  # (while reading: methods that call each other)
        aliases = ctx.file.aliases
        found = False
        for node in ctx.nodes(method):
            kind = type(node)
            if kind is ast.Compare or (kind is ast.Attribute and node.attr in _BLOCKING_METHODS):
                found = True
                break
            if kind is ast.Call:
                name = callee_name(node)
                if name in _BLOCKING_NAMES or (name in aliases and aliases[name].rsplit(".", 1)[-1] in _BLOCKING_NAMES) \
                        or (type(node.func) is ast.Name and name not in _BUILTINS):  # a function of the file: _climb reads it
                    found = True
                    break
                if numpy_function(node, aliases):
                    found = True  # `np.concatenate(...)`: _climb stops at any NumPy function
                    break
                if type(node.func) is ast.Attribute and self_attr(node.func) in ctx.methods \
                        and node.func.attr != method and may_block(ctx, node.func.attr):
                    found = True  # `self._ternarize(self.kernel)`: a method of the class that holds a blocking op
                    break
        cache[method] = found
    return cache[method]


def method_parents(ctx, method):
    """parent_map() of a method's nodes, once per method (several weights of a class ask)."""
    cache = ctx.__dict__.setdefault("_ld009_parents", {})
    if method not in cache:
        cache[method] = parent_map(ctx.nodes(method))
    return cache[method]


def _configured_outside_call(ctx, attr):
    """How many reads of self.<attr> outside the call phase only set an attribute of the weight
    (`self.kernel.constraint = clip` in build()) or list a sublayer's weights (`self.momentum_encoder.weights` in
    build(), pairing them for a momentum update): no gradient path. Never `.trainable` (then it is frozen)."""
    count = 0
    for method in ctx.methods:
        if ctx.in_phase(method, "call"):
            continue
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and self_attr(node.value) == attr and (
                    type(node.ctx) is ast.Store or node.attr in PUBLIC_WEIGHT_LISTS):
                if node.attr in ("trainable", "_trainable"):
                    return -1  # frozen by hand: keep the counts apart, no finding
                count += 1
    return count



def blocker(node, parents, ctx):
    """The non-differentiable operation the value passes through on its way up, if any."""
    return _climb(node, parents, ctx)[0]


def _climb(node, parents, ctx, depth=0):
    """(why, None) when the value of `node` passes a non-differentiable operation on its way up to its
    statement; else (None, the statement). A function of the file it is passed to counts as such an
    operation when that parameter reaches the function's result only through one (`binarize(self.kernel)`,
    `def binarize(w): return ops.round(...w...)`)."""
    current = node
    while id(current) in parents:
        parent = parents[id(current)]
        if isinstance(parent, ast.Attribute) and parent.attr in _BLOCKING_METHODS:
            return f".{parent.attr}()", None
        if isinstance(parent, ast.Call) and current is not parent.func:
            qualified = ctx.qualify(parent.func) or ""
            name = qualified.rsplit(".", 1)[-1]
            if name in BLOCKING_CALLS:
                return f"{name}()", None
            if name in _WRITES_VALUES and type(parent.func) is ast.Attribute:
                return _WRITES_VALUES[name], None
            if qualified.startswith("numpy."):  # `np.concatenate([x, h])`: NumPy takes the tensor to an array
                return f"{NUMPY_FUNCTION}{name}()", None
            if name in COMPARISONS:
                return f"a comparison ({name}())", None
            if name == "where" and parent.args and current is parent.args[0]:
                return "the condition of where()", None
            if name == "cast" and len(parent.args) > 1 and int_dtype(parent.args[1]):
                return "a cast to an integer type", None
            if (type(parent.func) is ast.Attribute or type(parent.func) is ast.Name and parent.func.id not in _BUILTINS) \
                    and depth < 4:
                why = _blocked_by_function(ctx, parent, current, depth + 1)
                if why:
                    return why, None
        if isinstance(parent, ast.Compare):
            return "a comparison", None
        if isinstance(parent, (ast.stmt,)):
            return None, parent
        current = parent
    return None, None


_BUILTINS = frozenset(dir(builtins))  # `len(self.w)`, `isinstance(...)`: no function of the file to read
_FUNCTION_VERDICTS: dict = {}
_FUNCTIONS: dict = {}


def _blocked_by_function(ctx, call, argument, depth):
    """Why a function of the file (`binarize(self.kernel)`) passes no gradient back to `argument`, or None."""
    func = call.func
    if type(func) is ast.Name:
        found = (ctx.file.path, func.id)
    elif type(func.value) is ast.Name:
        found = (ctx.file.path, func.value.id, func.attr)  # Builder.binarize(...)
    else:
        return None
    if type(func) is ast.Attribute and self_attr(func) in ctx.methods:  # `self._ternarize(self.kernel)`
        return _blocked_by_method(ctx, call, argument, depth, ctx.methods[func.attr])
    if found not in _FUNCTIONS:  # (one look-up per file and name: most names are not functions of the file)
        if len(_FUNCTIONS) > 512:
            _FUNCTIONS.clear()
        _FUNCTIONS[found] = file_function(ctx.file, func)
    fn = _FUNCTIONS[found]
    if fn is None:
        return None
    if type(argument) is ast.keyword:
        param = argument.arg
    elif argument in call.args:
        index = call.args.index(argument)
        params = fn.args.posonlyargs + fn.args.args
        if any(type(a) is ast.Starred for a in call.args[:index + 1]) or index >= len(params):
            return None
        param = params[index].arg
    else:
        return None
    key = (ctx.file.path, fn.lineno, fn.name, param)
    if key not in _FUNCTION_VERDICTS:
        if len(_FUNCTION_VERDICTS) > 256:
            _FUNCTION_VERDICTS.clear()
        _FUNCTION_VERDICTS[key] = None  # (a recursive function: no verdict)
        why = _parameter_blocked(ctx, fn, param, depth)
        _FUNCTION_VERDICTS[key] = f"{fn.name}(), which passes its `{param}` on only through {why}" if why else None
    return _FUNCTION_VERDICTS[key]


def _blocked_by_method(ctx, call, argument, depth, fn):
    """The same for a method of the class called on self: its parameters after `self`."""
    if type(argument) is ast.keyword:
        param = argument.arg
    elif argument in call.args and not any(type(a) is ast.Starred for a in call.args):
        params = (fn.args.posonlyargs + fn.args.args)[1:]
        index = call.args.index(argument)
        if index >= len(params) or any(type(d) is ast.Name and d.id == "staticmethod" for d in fn.decorator_list):
            return None
        param = params[index].arg
    else:
        return None
    why = _parameter_blocked(ctx, fn, param, depth)
    return f"self.{fn.name}(), which passes its `{param}` on only through {why}" if why else None


def _read_function(ctx, fn):
    """(parent map, Name loads, rebound) of a function, once per class and function: every weight read through
    a local of call() asks about the same call(). None when it holds a construct this reading does not
    follow (a nested def or lambda, yield, global...). `rebound`: see _rebound()."""
    cache = ctx.__dict__.setdefault("_ld009_functions", {})
    found = cache.get(id(fn))
    if found is None or found[0] is not fn:  # (held with the function: its id is not reused)
        nodes = walk(fn)
        read = None if any(type(n) in _OPAQUE for n in nodes[1:]) else \
            (parent_map(nodes), [n for n in nodes if type(n) is ast.Name and type(n.ctx) is ast.Load], _rebound(fn, nodes))
        found = cache[id(fn)] = (fn, read)
    return found[1]


def _rebound(fn, nodes):
    """{name: [(first line, last line) of each binding]} for the names bound more than once, every time by a
    plain `name = ...` statement of the function's own body (straight-line code): `c = self.c` then
    `c = tf.convert_to_tensor(c.numpy())` are two values, read apart (the keras#15676 PINN layer)."""
    stores = {}
    for n in nodes:
        if type(n) is ast.Name and type(n.ctx) is not ast.Load:
            stores[n.id] = stores.get(n.id, 0) + 1
    top = {}
    for stmt in fn.body:
        if type(stmt) is ast.Assign and single_name_target(stmt):
            top.setdefault(stmt.targets[0].id, []).append((stmt.lineno, stmt.end_lineno or stmt.lineno))
    return {name: spans for name, spans in top.items() if len(spans) > 1 and stores[name] == len(spans)}


def _version(rebound, name, line):
    """Which binding of `name` a read on `line` sees: the first line of the last binding that ended before
    it (0: the parameter, or a name bound once or not in straight-line code)."""
    version = 0
    for first, last in rebound.get(name, ()):
        if last < line:
            version = first
    return version


_LOGGING = {"print", "info", "debug", "warning", "log", "write"}  # `print(w)`, `tf.print(w)`: nothing goes on


def _parameter_blocked(ctx, fn, param, depth, local=None):
    """The blocking op when `param` of `fn` (a local of it, bound by the statement `local`) reaches its
    return values, and only through blocking ops (read flow-insensitively through `name = ...` locals, except
    that a name rebound in straight-line code is one name per binding); None when it reaches one cleanly,
    or any use may carry it where this reading does not follow (`out += w`, `outs.append(w)`, a loop, a
    closure)."""
    if local is None and param not in {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}:
        return None
    read = _read_function(ctx, fn)
    if read is None:
        return None
    parents, loads, rebound = read
    climbed = {}
    start = (param, _version(rebound, param, (local.end_lineno or local.lineno) + 1) if local else 0)
    status = {start: None}  # (name, binding) made from the parameter -> None (carries its gradient) or why not
    for _ in range(8):  # a few rounds: locals made from locals
        assigned, returned = {}, []
        for name in loads:
            key = (name.id, _version(rebound, name.id, name.lineno)) if rebound else (name.id, 0)
            if key not in status:
                continue
            if id(name) not in climbed:
                why, stmt = _climb(name, parents, ctx, depth)
                climbed[id(name)] = why, stmt or _statement_of(name, parents)
            why, stmt = climbed[id(name)]
            carried = why or status[key]
            kind = type(stmt)
            if kind is ast.Return:
                returned.append(carried)
            elif kind in (ast.Assign, ast.AnnAssign) and single_name_target(stmt):
                target = stmt.targets[0].id if kind is ast.Assign else stmt.target.id
                target = (target, _version(rebound, target, (stmt.end_lineno or stmt.lineno) + 1))
                assigned.setdefault(target, []).append(carried)
            elif kind is ast.Expr and type(stmt.value) is ast.Call and callee_name(stmt.value) in _LOGGING:
                continue  # printed or logged: no data goes on
            elif carried is None and kind not in (ast.If, ast.While, ast.Assert):
                return None  # (a test is control flow: no data goes on; a value already blocked carries no gradient anywhere)
        new = dict(status)
        for target, whys in assigned.items():
            if status.get(target, "") is not None and target != start:
                new[target] = None if None in whys else _named(whys)
        if new == status:
            if not returned or None in returned:
                return None
            return _named(returned)
        status = new
    return None


def _named(whys):
    """The reason to name: the op that makes the values (sign, round), not a comparison in a condition."""
    return next((why for why in whys if "comparison" not in why and "like()" not in why), whys[0])


_OPAQUE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal,
           ast.ClassDef)  # (a use in a loop header, `with` or `+=` reaches a statement read as "carried": no verdict)


def single_name_target(stmt):
    if type(stmt) is ast.AnnAssign:
        return type(stmt.target) is ast.Name and stmt.value is not None
    return len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name


def _statement_of(node, parents):
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, ast.stmt):
            return node
    return None


def int_dtype(node):
    text = ast.unparse(node).lower()
    return any(t in text for t in _INT_DTYPES) and "float" not in text


def last_name(name):
    return name.rsplit(".", 1)[-1] if name else None


def layer_has_weights(ctx, value):
    """Does this layer value own weights? (None: not a layer.)"""
    if value.kind != LAYER:
        return None
    return value.layer_class not in STATELESS_LAYERS and value.layer_class != "InputLayer" \
        and ctx.project.has_weights(value.qualname)
