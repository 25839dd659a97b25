"""LD005 and LD009 for the sublayers and weights one configuration never reaches: __init__ read on an
instance's literal arguments (`Block(16, 16, (3, 1))`), then call()'s branches and loops those make dead."""

import ast
import operator
import os

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...context import LAYER, STATELESS_LAYERS, WEIGHT
from ...walk import callee_name, children, self_attr, walk
from .lists import COMPARE, is_call_of, loop_text, range_of


class _Unknown:
    def __repr__(self):
        return "?"


UNKNOWN = _Unknown()


class _Made:
    """A layer created by __init__ (its class's last name and qualname)."""

    def __init__(self, name, qualname):
        self.name, self.qualname = name, qualname


_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}


_LITERAL_BUILTINS = {"isinstance": isinstance, "int": int, "float": float, "len": len, "tuple": tuple,
                     "bool": bool}


_BUILTIN_TYPES = {"int": int, "float": float, "tuple": tuple, "list": list, "str": str, "bool": bool}


class _Configured:
    """__init__ run on literal arguments, as far as plain Python allows; `attrs` is what it stores on
    self (a value, a _Made layer, or UNKNOWN); `ok` is False when the code was beyond this reading."""

    def __init__(self, ctx, call, constants):
        self.ctx, self.attrs, self.ok = ctx, {}, True
        init = ctx.methods.get("__init__")
        self.env_of = ctx.env(init)
        self.env = self._arguments(init, call, constants)
        if self.env is None:
            self.ok = False
            return
        self.ok = self._run(init.body)
        for method in ctx.methods:  # what another method (build()) stores is not known from here
            if method != "__init__":
                for node in ctx.nodes(method):
                    if type(node) is ast.Attribute and type(node.ctx) is ast.Store and self_attr(node):
                        self.attrs[node.attr] = UNKNOWN

    def _arguments(self, init, call, constants):
        params = init.args
        if params.posonlyargs or any(type(a) is ast.Starred for a in call.args) or \
                any(kw.arg is None for kw in call.keywords):
            return None
        names = [a.arg for a in params.args[1:]]
        defaults = dict(zip(names[len(names) - len(params.defaults):], params.defaults))
        defaults.update({a.arg: d for a, d in zip(params.kwonlyargs, params.kw_defaults) if d is not None})
        if len(call.args) > len(names):
            return None
        env = {}
        for name, value in zip(names, call.args):
            env[name] = self._eval(value, constants)
        given = {kw.arg: kw.value for kw in call.keywords}
        for name in names + [a.arg for a in params.kwonlyargs]:
            if name in env:
                continue
            if name in given:
                env[name] = self._eval(given[name], constants)
            elif name in defaults:
                env[name] = self._eval(defaults[name], constants)
            else:
                return None  # a required argument missing: not a call we understand
        return env

    def _run(self, body) -> bool:
        for statement in body:
            kind = type(statement)
            if kind is ast.Expr:
                if type(statement.value) is ast.Constant:
                    continue  # a docstring
                call = statement.value
                if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "__init__" \
                        and is_call_of(call.func.value, "super"):
                    continue
                return False  # a call that may store or build anything
            if kind is ast.Pass:
                continue
            if kind in (ast.Assign, ast.AnnAssign):
                if statement.value is None:
                    continue
                value = self._eval(statement.value, self.env)
                for target in statement.targets if kind is ast.Assign else [statement.target]:
                    if not self._store(target, value):
                        return False
                continue
            if kind is ast.If:
                test = self._truth(self._eval(statement.test, self.env))
                if test is UNKNOWN:
                    return False
                if not self._run(statement.body if test else statement.orelse):
                    return False
                continue
            return False  # raise, loops, try, with, returns: beyond this reading
        return True

    def _store(self, target, value) -> bool:
        if type(target) is ast.Name:
            self.env[target.id] = value
            return True
        attr = self_attr(target)
        if attr is not None and type(target) is ast.Attribute:
            self.attrs[attr] = value
            return True
        if type(target) in (ast.Tuple, ast.List):
            if type(value) is tuple and len(value) == len(target.elts):
                return all(self._store(t, v) for t, v in zip(target.elts, value))
            return all(self._store(t, UNKNOWN) for t in target.elts)
        return False

    def _eval(self, node, env):
        kind = type(node)
        if kind is ast.Constant:
            return node.value
        if kind is ast.Name:
            return env.get(node.id, UNKNOWN)
        if kind in (ast.Tuple, ast.List):
            return tuple(self._eval(e, env) for e in node.elts)
        if kind is ast.Attribute and self_attr(node) is not None:
            return self.attrs.get(node.attr, UNKNOWN)
        if kind is ast.UnaryOp:
            value = self._eval(node.operand, env)
            if type(node.op) is ast.Not:
                truth = self._truth(value)
                return UNKNOWN if truth is UNKNOWN else not truth
            if type(node.op) is ast.USub and type(value) in (int, float):
                return -value
            return UNKNOWN
        if kind is ast.BinOp and type(node.op) in _BINARY:
            left, right = self._eval(node.left, env), self._eval(node.right, env)
            if type(left) in (int, float) and type(right) in (int, float):
                try:
                    return _BINARY[type(node.op)](left, right)
                except ZeroDivisionError:
                    return UNKNOWN
            return UNKNOWN
        if kind is ast.BoolOp:
            values = [self._truth(self._eval(v, env)) for v in node.values]
            wanted = type(node.op) is ast.Or  # the value that decides
            if wanted in values:
                return wanted
            return UNKNOWN if UNKNOWN in values else not wanted
        if kind is ast.Compare:
            return self._compare(node, env)
        if kind is ast.IfExp:
            test = self._truth(self._eval(node.test, env))
            if test is UNKNOWN:
                return UNKNOWN
            return self._eval(node.body if test else node.orelse, env)
        if kind is ast.Subscript:
            value, index = self._eval(node.value, env), self._eval(node.slice, env)
            if type(value) is tuple and type(index) is int and -len(value) <= index < len(value):
                return value[index]
            return UNKNOWN
        if kind is ast.Call:
            return self._call(node, env)
        return UNKNOWN

    def _call(self, node, env):
        if type(node.func) is ast.Name and node.func.id in _LITERAL_BUILTINS and not node.keywords and \
                node.func.id not in self.ctx.file.aliases:
            args = [self._eval(a, env) for a in node.args]
            if node.func.id == "isinstance" and len(args) == 2 and args[0] is not UNKNOWN:
                types = node.args[1].elts if type(node.args[1]) is ast.Tuple else [node.args[1]]
                if all(type(t) is ast.Name and t.id in _BUILTIN_TYPES for t in types):
                    return isinstance(args[0], tuple(_BUILTIN_TYPES[t.id] for t in types))
                return UNKNOWN
            if node.func.id != "isinstance" and not any(a is UNKNOWN or type(a) is _Made for a in args):
                try:
                    return _LITERAL_BUILTINS[node.func.id](*args)
                except (TypeError, ValueError):
                    return UNKNOWN
            return UNKNOWN
        value = self.ctx.value(node, self.env_of)
        if value.kind == LAYER:
            return _Made(value.layer_class, value.qualname)
        return UNKNOWN

    def _compare(self, node, env):
        left = self._eval(node.left, env)
        for op, right_node in zip(node.ops, node.comparators):
            right = self._eval(right_node, env)
            if type(op) in (ast.Is, ast.IsNot):
                if left is UNKNOWN or right is UNKNOWN or (left is not None and right is not None):
                    return UNKNOWN
                result = left is right
                result = result if type(op) is ast.Is else not result
            elif type(op) in COMPARE and all(type(v) in (int, float, str, bool, tuple, type(None))
                                               for v in (left, right)):
                try:
                    result = COMPARE[type(op)](left, right)
                except TypeError:
                    return UNKNOWN
            else:
                return UNKNOWN
            if not result:
                return False
            left = right
        return True

    @staticmethod
    def _truth(value):
        if value is UNKNOWN:
            return UNKNOWN
        if type(value) is _Made:
            return True
        if type(value) is tuple and UNKNOWN in value:
            return bool(value) or UNKNOWN
        return bool(value)


def _module_constants(tree):
    """`NAME = <literal>` assigned once at the top of the file: {NAME: value}."""
    counts, values = {}, {}
    for statement in tree.body:
        for target in statement.targets if type(statement) is ast.Assign else []:
            if type(target) is ast.Name:
                counts[target.id] = counts.get(target.id, 0) + 1
                if type(statement.value) is ast.Constant and type(statement.value.value) in (int, float, str, bool):
                    values[target.id] = statement.value.value
    return {name: value for name, value in values.items() if counts[name] == 1}


_CALLS_WITH_ARGUMENTS: dict[int, tuple] = {}  # id(tree) -> (tree, its calls that pass arguments by name), last few


def _calls_with_arguments(tree) -> dict[str, list[ast.Call]]:
    """The calls of the tree that pass arguments, by the last name of what they call (`make_model`)."""
    kept = _CALLS_WITH_ARGUMENTS.get(id(tree))
    if kept is None or kept[0] is not tree:
        if len(_CALLS_WITH_ARGUMENTS) >= 8:
            del _CALLS_WITH_ARGUMENTS[next(iter(_CALLS_WITH_ARGUMENTS))]
        by_name: dict[str, list[ast.Call]] = {}
        for node in walk(tree):
            if type(node) is ast.Call and (node.args or node.keywords):
                name = callee_name(node)
                if name is not None:
                    by_name.setdefault(name, []).append(node)
        kept = _CALLS_WITH_ARGUMENTS[id(tree)] = (tree, by_name)
    return kept[1]


def _sites_on_lines(tree, name, lines):
    """The calls of `name(...)` with arguments on `lines` (the text said where the name is called): only the
    nodes whose line span holds one of those lines are looked into, not whole statements."""
    wanted = sorted(set(lines))
    sites, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        start = getattr(node, "lineno", None)
        if start is not None and not any(start <= line <= node.end_lineno for line in wanted):
            continue
        if type(node) is ast.Call and (node.args or node.keywords) and callee_name(node) == name:
            sites.append(node)
        todo.extend(children(node))
    return sites


def configured_dead_sublayers(ctx):
    """[(call site, attr, layer class, the test that skips it, built by build(), where: None in the class's
    file, else "main.py line 12")] for every instance the file (or a checked file importing the class) makes
    with literal arguments (`Block(16, 16, (3, 1))`) for which __init__ creates a sublayer
    with weights that call() uses only under an `if` those arguments make False. (Worked out once per
    class: LD005 and LD009 both ask.)"""
    found = getattr(ctx, "_configured_dead", None)
    if found is None:
        found = ctx._configured_dead = _configured_dead(ctx)
    return found


def _configured_dead(ctx):
    init, call = ctx.methods.get("__init__"), ctx.methods.get("call")
    if init is None or call is None or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname) or \
            ctx.target == TF_KERAS_TARGET:
        return []
    if _beyond_reading(init) or not _guarded_uses(ctx, call) or not _may_skip_a_weight(ctx):
        return []
    read = [m for m in ("__init__", "build", "call") if m in ctx.methods]
    if not _reportable_in_some_configuration(ctx, read):
        return []
    from ...class_facts import call_lines, calls_by_name, importing_files, parsed_file
    files = [ctx.file, *importing_files(ctx)]  # layers in one module, the model code in another
    # (a file whose text calls the class under none of its names is not parsed; `class Name(` is no call)
    files = [file for file in files if any(calls_by_name(file, name) or not name[:1].isupper()
                                           for name in _names_in(ctx, file))]
    out = []
    for file in files:
        tree = parsed_file(file.path)
        constants = None
        sites = sorted((site for name in _names_in(ctx, file) for site in
                        (_sites_on_lines(tree, name, call_lines(file, name)) if name[:1].isupper()
                         else _calls_with_arguments(tree).get(name, ()))),  # (the text index holds capitalised names)
                       key=lambda site: (site.lineno, site.col_offset))
        for site in sites:
            if ctx.project.qualify(site.func, file) != ctx.qualname:
                continue
            constants = _module_constants(tree) if constants is None else constants
            where = None if file is ctx.file else f"{os.path.basename(file.path)} line {site.lineno}"
            for env in _site_environments(tree, site, constants, file):
                configured = _Configured(ctx, site, env)
                if not configured.ok:
                    continue
                reached, skipped_by, cut = _reached_in_call(ctx, call, configured)
                if reached is not None and _dead_in(ctx, configured, reached, skipped_by, cut, (site, where), read, out):
                    break  # one finding per site, from the first configuration that skips a sublayer
    return out


def _beyond_reading(init) -> bool:
    """Is __init__ beyond _Configured's reading whatever the arguments (checked before any file is parsed for
    call sites)? It has positional-only parameters, or a top-level statement (always run) that _run gives up
    on for any values: a loop, try, with, return, raise, a call other than super().__init__(), or a store to
    something other than a name or a self attribute (`self.x[0] = ...`, `other.y = ...`)."""
    if init.args.posonlyargs:
        return True
    for statement in init.body:
        kind = type(statement)
        if kind is ast.Expr:
            call = statement.value
            if type(call) is not ast.Constant and not (
                    type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "__init__"
                    and is_call_of(call.func.value, "super")):
                return True
        elif kind is ast.Assign:
            if not all(_storable(target) for target in statement.targets):
                return True
        elif kind is ast.AnnAssign:
            if statement.value is not None and not _storable(statement.target):
                return True
        elif kind is not ast.Pass and kind is not ast.If:
            return True
    return False


def _storable(target) -> bool:
    """Can _Configured._store keep `target` (a name, a self attribute, a tuple or list of those)?"""
    if type(target) is ast.Name:
        return True
    if type(target) is ast.Attribute:
        return self_attr(target) is not None
    if type(target) in (ast.Tuple, ast.List):
        return all(_storable(t) for t in target.elts)
    return False


def _names_in(ctx, file):
    """The names `file` may call the class of `ctx` by: its own, and those the file imports it as."""
    return {ctx.name, *(alias for alias, qualname in file.aliases.items() if qualname == ctx.qualname)}


def _site_environments(tree, site, constants, file):
    """The names an instance's arguments may read: the module's constants, then, when the instance is
    made inside a top-level function from that function's parameters (`Block(vanilla=vanilla)` in
    `make_model(vanilla=False)`), the same plus the literal arguments of each call of that function in
    the file (`make_model(vanilla=True)`)."""
    yield constants
    names = {n.id for a in [*site.args, *(k.value for k in site.keywords)] for n in walk(a) if type(n) is ast.Name}
    function, method = _function_around(tree, site.lineno)
    local = _locals_at(function, site, names) if function is not None and names - constants.keys() else None
    if local:
        yield {**constants, **local}
    if function is None or not names & {a.arg for a in function.args.args + function.args.kwonlyargs}:
        return
    from ...class_facts import text_call_lines
    lines = text_call_lines(file, function.name)
    if not lines:
        return  # (nothing in the file calls it)
    params = function.args.args
    defaults = dict(zip([a.arg for a in params[len(params) - len(function.args.defaults):]], function.args.defaults))
    defaults.update({a.arg: d for a, d in zip(function.args.kwonlyargs, function.args.kw_defaults) if d is not None})
    if method and not any(type(d) is ast.Name and d.id == "staticmethod" for d in function.decorator_list):
        params = params[1:]  # `self.make_model(...)`, `builder.make_model(...)`: self is not passed
    for caller in _sites_on_lines(tree, function.name, lines):
        callee = caller.func
        name = callee.attr if method and type(callee) is ast.Attribute else \
            callee.id if not method and type(callee) is ast.Name else None
        if name != function.name or \
                any(type(a) is ast.Starred for a in caller.args) or any(k.arg is None for k in caller.keywords):
            continue
        given = {a.arg: v for a, v in zip(params, caller.args)} | {k.arg: k.value for k in caller.keywords}
        env = dict(constants)
        for name in [a.arg for a in params + function.args.kwonlyargs]:
            value = given.get(name, defaults.get(name))
            if type(value) is ast.Constant:
                env[name] = value.value
            elif type(value) is ast.Name and value.id in constants:
                env[name] = constants[value.id]
        yield env


def _locals_at(function, site, names) -> dict:
    """The literal values the local `names` surely hold where `site` runs in `function`, read statement by
    statement: `first = True` ... `for ...: if first: first = False` ... `Block(bn=first)` gives bn=False on
    every iteration (TF_SRGAN's discriminator, held-out 41). Branches join (a value both sides agree on), a
    test on a name tells each side its truth, a loop is read until its values settle."""
    seen = []

    def join(a, b):
        return {k: v for k, v in a.items() if k in b and b[k] is not UNKNOWN and v is not UNKNOWN and
                type(b[k]) is type(v) and b[k] == v}

    def run(body, state):
        for stmt in body:
            if stmt.lineno <= site.lineno <= stmt.end_lineno and type(stmt) not in (ast.For, ast.While, ast.If, ast.With):
                seen.append(dict(state) if not hasattr(stmt, "body") else {})  # (in a try, a nested def: unknown)
            state = step(stmt, state)
        return state

    def step(stmt, state):
        kind = type(stmt)
        if kind is ast.Assign:
            state = dict(state)
            value = stmt.value.value if type(stmt.value) is ast.Constant else UNKNOWN
            for target in stmt.targets:
                for n in walk(target):
                    if type(n) is ast.Name:
                        state[n.id] = value if n is target else UNKNOWN
            return state
        if kind in (ast.If, ast.While, ast.With):  # `if (flag := ...)`, `with ... as flag`: unknown from there
            stored = {n.id for part in (stmt.items if kind is ast.With else [stmt.test]) for n in walk(part)
                      if type(n) is ast.Name and type(n.ctx) is ast.Store}
            state = {k: v for k, v in state.items() if k not in stored} if stored else state
        if kind is ast.If:
            test, yes, no = stmt.test, dict(state), dict(state)
            negated = type(test) is ast.UnaryOp and type(test.op) is ast.Not
            name = test.operand if negated else test
            if type(name) is ast.Name:
                truth = state.get(name.id, UNKNOWN)
                if truth is not UNKNOWN and name.id in state:
                    return run(stmt.body if bool(truth) != negated else stmt.orelse, state)
                if name.id in names:  # each side knows the test's truth (a flag is a bool)
                    yes[name.id], no[name.id] = not negated, negated
            return join(run(stmt.body, yes), run(stmt.orelse, no))
        if kind in (ast.For, ast.While):
            state = {k: UNKNOWN if isinstance(stmt, ast.For) and any(
                type(n) is ast.Name and n.id == k for n in walk(stmt.target)) else v for k, v in state.items()}
            for _ in range(3):  # until the values an iteration hands the next settle
                after = join(state, run(stmt.body, dict(state)))
                if after == state:
                    break
                state = after
            return run(stmt.orelse, state)
        if kind is ast.With:
            return run(stmt.body, state)
        stored = {n.id for n in walk(stmt) if type(n) is ast.Name and type(n.ctx) is ast.Store}  # (a try too)
        return {k: v for k, v in state.items() if k not in stored} if stored else state

    run(function.body, {})
    if not seen:
        return {}
    out = seen[0]
    for state in seen[1:]:
        out = join(out, state)
    return {k: v for k, v in out.items() if k in names and v is not UNKNOWN}


def _function_around(tree, line):
    """(the top-level function, or method of a plain top-level class, holding `line`; is it a method?)."""
    for node in tree.body:
        if not node.lineno <= line <= node.end_lineno:
            continue
        if type(node) is ast.FunctionDef:
            return node, False
        if type(node) is ast.ClassDef:
            method = next((f for f in node.body if type(f) is ast.FunctionDef and f.lineno <= line <= f.end_lineno), None)
            return method, method is not None
    return None, False


def _dead_in(ctx, configured, reached, skipped_by, cut, site, read, out) -> bool:
    """Append to `out` the sublayers with weights this configuration creates and call() skips, and the
    trainable weights build() (or __init__) always creates that reach call()'s result only through code
    it skips (`cut`)."""
    found = False
    for attr, value in configured.attrs.items():
        if type(value) is not _Made or attr in reached or attr not in skipped_by or \
                value.name in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
            continue
        if not _read_only_in(ctx, attr, read):
            continue  # used by another method too: cannot tell
        built = _built_in_build(ctx, attr)
        if built is None:
            continue
        out.append((site[0], attr, value.name, skipped_by[attr], built, site[1]))
        found = True
    if cut and not any(ctx.mentions(name) for name in _WEIGHT_LISTS):
        for attr, phrase in cut.items():
            if _always_made_weight(ctx, attr) and _read_only_in(ctx, attr, ("call",), stores=1):
                out.append((site[0], attr, None, phrase, True, site[1]))
                found = True
    return found


# Reading these means weights may be used by position, not by attribute.
_WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables")


def _read_only_in(ctx, attr, methods, stores=0) -> bool:
    """Are `methods` (and `stores` assignments elsewhere) every mention of self.<attr> in the class?"""
    return sum(1 for m in methods for n in ctx.nodes(m) if type(n) is ast.Attribute and self_attr(n) == attr) \
        + stores == ctx.mentions(attr)


def _always_made_weight(ctx, attr) -> bool:
    """Is self.<attr> stored once, by a trainable `add_weight`/variable at the top level of __init__ or
    build() (not under an `if` of its own: then it may not exist in this configuration)?"""
    if ctx.stores_of(attr) != 1:
        return False
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr == attr:
            func = ctx.methods[assign.method]
            return any(assign.stmt is statement for statement in func.body) and \
                ctx.value(assign.value, ctx.env(func)).kind == WEIGHT and type(assign.value) is ast.Call and \
                not any(kw.arg == "trainable" and not (type(kw.value) is ast.Constant and kw.value.value is True)
                        for kw in assign.value.keywords)
    return False


def _may_skip_a_weight(ctx) -> bool:
    """The class-local test before any file is parsed for call sites: does code that a configuration could
    skip (a branch of an `if`, the body of a `for`, in call() or a method it runs) read a self attribute that
    __init__/build() assigns from a call (a sublayer maybe, `Dense(4) if a == b else None` too), or a local computed from a weight build() or
    __init__ always makes? (Dense's `if self.use_bias: x += self.bias`, bias made under the same `if`: no.)"""
    branch_attrs, branch_names = set(), set()
    for method, func in ctx.methods_of("call"):
        for node in ctx.nodes(method):
            if type(node) is ast.If or type(node) is ast.For:
                for inner in (n for part in node.body + node.orelse + _tail_after(func, node) for n in walk(part)):
                    if type(inner) is ast.Attribute and (attr := self_attr(inner)) is not None:
                        branch_attrs.add(attr)
                    elif type(inner) is ast.Name and type(inner.ctx) is ast.Load:
                        branch_names.add(inner.id)
    made_by_calls = {a.attr for a in ctx.self_assigns(("__init__", "build"))
                     if type(a.value) is ast.Call or any(type(n) is ast.Call for n in walk(a.value))}
    if branch_attrs & made_by_calls:
        return True
    weights = {attr for attr in made_by_calls if _always_made_weight(ctx, attr)}
    if not weights:
        return False
    if branch_attrs & weights:
        return True
    for method, _ in ctx.methods_of("call"):  # `h = matmul(x, self.kernel)` read only in a skipped branch
        for node in ctx.nodes(method):
            if type(node) is ast.Assign and any(type(t) is ast.Name and t.id in branch_names for t in node.targets) \
                    and any(self_attr(n) in weights for n in walk(node.value)):
                return True
    return False


def _reportable_in_some_configuration(ctx, read) -> bool:
    """What _dead_in asks of an attribute whatever the configuration, asked before any file is parsed for
    call sites: a sublayer made in __init__/build() from a call, read in a branch or loop of call() and
    nowhere but in __init__/build()/call(), that build() builds or does not mention; or, when no weight list
    is read, a weight always made and read only in call()."""
    made = {a.attr for a in ctx.self_assigns(("__init__", "build"))
            if type(a.value) is ast.Call or any(type(n) is ast.Call for n in walk(a.value))}
    in_branches = set()
    for method, func in ctx.methods_of("call"):
        for node in ctx.nodes(method):
            if type(node) is ast.If or type(node) is ast.For:
                in_branches.update(attr for part in node.body + node.orelse + _tail_after(func, node) for n in walk(part)
                                   if type(n) is ast.Attribute and (attr := self_attr(n)) is not None)
    if any(_read_only_in(ctx, attr, read) and _built_in_build(ctx, attr) is not None for attr in made & in_branches):
        return True
    if any(ctx.mentions(name) for name in _WEIGHT_LISTS):
        return False
    return any(_always_made_weight(ctx, attr) and _read_only_in(ctx, attr, ("call",), stores=1) for attr in made)


def _guarded_uses(ctx, call) -> bool:
    """Does call() hold an `if` whose test, or a `for` over a range whose bounds, read self (a flag, a
    count, an optional sublayer)?"""
    return any(type(n) is ast.If and any(self_attr(t) for t in walk(n.test)) or
               type(n) is ast.For and is_call_of(n.iter, "range") and any(self_attr(t) for t in walk(n.iter))
               for n in ctx.nodes("call"))


def _reached_in_call(ctx, call, configured):
    """(attrs call() reaches outside skipped code, {attr: why the code that reads it is skipped}, {attr: why}
    for attrs whose every reached read only feeds skipped code through locals); (None, None, None) when
    call() calls a method of self or stores on self (its flow may change). Skipped code: the branch of an
    `if` the configuration decides, the body of a `for ... in range(...)` it makes empty."""
    for node in ctx.nodes("call"):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.value.id == "self" and node.func.attr in ctx.methods and \
                not _pure_helper(ctx, node.func.attr):
            return None, None, None
        if type(node) is ast.Attribute and type(node.ctx) is ast.Store and self_attr(node):
            return None, None, None
    reached, skipped = set(), {}
    units, skipped_names = [], {}  # reached code (statements, or a (targets, value) of an assignment); locals skipped code reads

    def skip(nodes, why):
        for node in (n for part in nodes for n in walk(part)):
            if type(node) is ast.Attribute and self_attr(node):
                skipped.setdefault(node.attr, why)
            elif type(node) is ast.Name and type(node.ctx) is ast.Load:
                skipped_names.setdefault(node.id, why)

    def visit(body, live):
        for index, statement in enumerate(body):
            kind = type(statement)
            if kind is ast.If:
                test = configured._truth(configured._eval(statement.test, {}))
                why = f"under `if {ast.unparse(statement.test)}`, which they make False"
                if live:
                    units.append((None, statement.test))
                for branch, runs in ((statement.body, test is UNKNOWN or test), (statement.orelse,
                                                                               test is UNKNOWN or not test)):
                    if live and not runs:
                        skip(branch, why)
                    visit(branch, live and runs)
                taken = None if test is UNKNOWN else (statement.body if test else statement.orelse)
                if live and taken and type(taken[-1]) in (ast.Return, ast.Raise):
                    # `if not self.use_bias: return res` made True: what follows never runs
                    skip(body[index + 1:], f"after `if {ast.unparse(statement.test)}: return`, which they "
                                           f"make {'True' if test else 'False'}")
                    return
                continue
            if kind is ast.For and not statement.orelse and _empty_range(configured, statement.iter):
                if live:
                    skip(statement.body, f"in `{loop_text(statement)}`, which they make run zero times")
                    units.append((None, statement.iter))
                    reached.update(n.attr for n in walk(statement.iter) if type(n) is ast.Attribute and self_attr(n))
                continue
            if live:
                for node in walk(statement):
                    if type(node) is ast.Attribute and self_attr(node):
                        reached.add(node.attr)
                units.extend(_assignment_units(statement))

    visit(call.body, True)
    return reached, skipped, _cut_reads(units, skipped_names, skipped) if skipped_names else {}


def _tail_after(func, node) -> list:
    """The statements that follow `node` in its block when `node` is an `if` one of whose branches ends
    in `return`/`raise` (`if not self.use_bias: return res`): code a configuration may skip."""
    if type(node) is not ast.If or not any(branch and type(branch[-1]) in (ast.Return, ast.Raise)
                                           for branch in (node.body, node.orelse)):
        return []
    todo = [func.body]
    while todo:
        block = todo.pop()
        for index, statement in enumerate(block):
            if statement is node:
                return block[index + 1:]
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(statement, field, None)
                if type(inner) is list and inner and isinstance(inner[0], ast.stmt):
                    todo.append(inner)
            todo.extend(handler.body for handler in getattr(statement, "handlers", ()))
    return []


def _empty_range(configured, node) -> bool:
    """Is `node` a `range(...)` the configuration makes empty?"""
    positions = range_of(node, lambda bound: configured._eval(bound, {}))
    return positions is not None and not positions


def _assignment_units(statement):
    """[(target names, value)] for an assignment of locals whose value calls nothing on self (a sublayer, a
    method, add_loss: it may act another way), one per pair of `a, b = f(x), g(y)`; else [(None, statement)]."""
    if type(statement) is ast.Assign and all(type(n) in (ast.Name, ast.Tuple, ast.List) and
                                             (type(n) is not ast.Name or type(n.ctx) is ast.Store)
                                             for t in statement.targets for n in walk(t)):
        value = statement.value
        if not any(type(n) in (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr) or
                   type(n) is ast.Call and _rooted_at_self(n.func) for n in walk(value)):
            target = statement.targets[0]
            if len(statement.targets) == 1 and type(target) in (ast.Tuple, ast.List) and \
                    type(value) in (ast.Tuple, ast.List) and len(target.elts) == len(value.elts) and \
                    not any(type(e) is ast.Starred for e in target.elts + value.elts):
                return [({n.id for n in walk(t) if type(n) is ast.Name}, v) for t, v in zip(target.elts, value.elts)]
            return [({n.id for t in statement.targets for n in walk(t) if type(n) is ast.Name}, value)]
    return [(None, statement)]


def _rooted_at_self(func) -> bool:
    while type(func) in (ast.Attribute, ast.Subscript, ast.Call):
        func = func.func if type(func) is ast.Call else func.value
    return type(func) is ast.Name and func.id == "self"


def _cut_reads(units, skipped_names, skipped):
    """{attr: why} for the attributes of self that reached code reads only in assignments of locals that
    nothing reached reads and skipped code does (`shift = ops.tanh(x + self.shift)` before a loop the
    configuration makes empty), through chains of such locals (flow-insensitive: a local read anywhere in
    reached code keeps every assignment of it)."""
    why_of, dead = dict(skipped_names), set()
    while True:
        loads = {n.id for i, (_, node) in enumerate(units) if i not in dead
                 for n in walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Load}
        newly = [i for i, (names, _) in enumerate(units) if i not in dead and names and
                 not names & loads and names & why_of.keys()]
        if not newly:
            break
        for i in newly:
            names, value = units[i]
            why = why_of[min(names & why_of.keys())]
            dead.add(i)
            for n in walk(value):
                if type(n) is ast.Name and type(n.ctx) is ast.Load:
                    why_of.setdefault(n.id, why)
    live = {self_attr(n) for i, (_, node) in enumerate(units) if i not in dead for n in walk(node) if self_attr(n)}
    cut = {}
    for i in sorted(dead):
        names, value = units[i]
        for n in walk(value):
            attr = self_attr(n)
            if attr and attr not in live and type(n) is ast.Attribute:
                cut.setdefault(attr, why_of[min(names & why_of.keys())])
    cut.update((attr, why) for attr, why in skipped.items() if attr not in live and attr not in cut)
    return cut


def _pure_helper(ctx, method) -> bool:
    """A method of self that neither stores on self nor reads a sublayer or calls another method of
    self (`self.crop_shift_pad(images, mode)`): calling it cannot change which sublayers run."""
    for node in ctx.nodes(method):
        if type(node) is ast.Attribute and self_attr(node) and (
                type(node.ctx) is ast.Store or node.attr in ctx.methods or node.attr in ctx.cls.self_attr_counts
                and _is_sublayer_attr(ctx, node.attr)):
            return False
    return True


def _is_sublayer_attr(ctx, attr) -> bool:
    return any(a.attr == attr and ctx.value(a.value, ctx.env(ctx.methods[a.method])).kind == LAYER
               for a in ctx.self_assigns(("__init__", "build")))


def _built_in_build(ctx, attr):
    """True when build() builds self.<attr> (`self.<attr>.build(...)`, its weights exist), False when
    build() does not mention it, None when build() uses it otherwise."""
    if "build" not in ctx.methods:
        return False
    mentions = [n for n in ctx.nodes("build") if type(n) is ast.Attribute and self_attr(n) == attr]
    if not mentions:
        return False
    builds = [n for n in ctx.nodes("build") if type(n) is ast.Call and type(n.func) is ast.Attribute and
              n.func.attr == "build" and self_attr(n.func.value) == attr]
    return True if len(builds) == len(mentions) else None
