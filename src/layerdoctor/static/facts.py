"""Facts about a layer class or a file's functional code that several rules read.

Rules read these instead of each other's private helpers: a fact computed here has one
definition (what counts as a free name, as a shared layer, ...).
"""

from __future__ import annotations

import ast
import weakref

from .context import FOREIGN, LAYER, TENSOR, WEIGHT, bindings
from .walk import children, self_attr, walk


def shared_layers(ctx):
    """Per scope: (name, constructor value expr, [call nodes]) for layers called 2+ times
    (a module-level layer called twice inside one function counts too). Computed once per
    context: LD007 and LD008 both read it."""
    found = getattr(ctx, "_shared_layers", None)
    if found is None:
        found = ctx._shared_layers = list(_shared_layers(ctx))
    return found


def _shared_layers(ctx):
    module_env = None
    for scope, nodes in ctx.scopes():
        env = ctx.bindings_of(nodes)
        if isinstance(scope, ast.Module):
            module_env = env
        elif module_env:
            env = {**module_env, **env}
        calls = {}
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in env:
                calls.setdefault(node.func.id, []).append(node)
        for name, sites in calls.items():
            if len(sites) < 2 or len(env[name]) != 1:
                continue
            value = ctx.value(env[name][0], env)
            if value.kind == LAYER:
                yield name, env[name][0], value, sites, env


def free_names(func):
    """Names a function or lambda reads but neither takes as a parameter nor assigns."""
    if isinstance(func, ast.Lambda):
        params = {a.arg for a in func.args.args}
        body = [func.body]
    else:
        params = {a.arg for a in func.args.args + func.args.kwonlyargs}
        body = func.body
    assigned = set()
    loads = []
    for stmt in body:
        for node in walk(stmt):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Store):
                    assigned.add(node.id)
                else:
                    loads.append(node.id)
    return [n for n in dict.fromkeys(loads) if n not in params and n not in assigned]


# ------------------------------------------------------------------ wiring-time values
# What an expression of functional (wiring) code holds, as far as weight tracking goes.
SYMBOLIC = "symbolic"  # a KerasTensor: keras.Input, or a layer/op applied to one
VARIABLE = "variable"  # a variable (keras.Variable, tf.Variable, add_weight)
STATE = "state"  # a tensor derived from a layer's weights (`ops.transpose(emb.embeddings)`)
BAKED = "baked"  # a layer called on a concrete tensor: its output is a constant
CONCRETE = "concrete"  # a concrete tensor or array (tf.range, np.arange, tf.constant)
LAYER_VALUE = "layer"

_STATE_ATTRS = frozenset({
    "kernel", "bias", "embeddings", "weights", "trainable_weights", "non_trainable_weights", "variables",
    "trainable_variables", "gamma", "beta", "moving_mean", "moving_variance", "depthwise_kernel",
    "pointwise_kernel", "recurrent_kernel", "embeddings_matrix",
})
_CONCRETE_FUNCS = frozenset({"range", "arange", "linspace", "constant", "convert_to_tensor", "array", "asarray",
                             "zeros", "ones", "eye", "full"})
_TENSOR_PREFIXES = ("keras.ops.", "tensorflow.", "numpy.", "keras.backend.", "jax.numpy.", "torch.")


class Wiring:
    """Reads the values of a file's functional code: which names hold KerasTensors, layers,
    variables, tensors derived from weights. One per ModuleContext (see `wiring(ctx)`)."""

    def __init__(self, ctx):
        # A proxy: the context holds its Wiring, and a cycle would keep every parsed file of the
        # run alive until the cyclic GC, which lint turns off (freed at the end: +10% run time).
        self.ctx = weakref.proxy(ctx)
        self.module_env: dict = {}
        self.functions: dict[str, ast.AST] = {}
        self.class_of: dict[int, ast.ClassDef] = {}
        self._nodes: dict[int, list] = {}
        self.envs: dict[int, dict] = {}
        self._self_values: dict[int, dict[str, list]] | None = None  # class -> attr -> [(value, env)]
        self._methods: dict[str, list] | None = None
        self._calls: dict[str, list] | None = None
        for scope, nodes in ctx.scopes():
            kind = type(scope)
            if kind is ast.Module:
                self.module_env = ctx.bindings_of(nodes)
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.functions.setdefault(scope.name, scope)
                self._nodes[id(scope)] = nodes
            elif kind is ast.ClassDef:
                for item in scope.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        self.class_of[id(item)] = scope
        self._cache: dict[tuple[int, int], str | None] = {}
        self._alive: list = []
        self.symbolic_sources = None
        self._calls_input: dict[int, bool] = {}  # id(nodes of a scope) -> calls Input(...) there

    def env_of(self, scope) -> dict:
        key = id(scope)
        env = self.envs.get(key)
        if env is None:
            nodes = self._nodes.get(key)
            if nodes is None:
                return self.module_env
            env = self.envs[key] = {**self.module_env, **_with_unpacked(self.ctx.bindings_of(nodes), nodes)}
        return env

    def _returned(self, call, env):
        """(function, its env) for `helper(...)` or `obj.method(...)` on an instance of a class of
        the file, whose return values say what the call gives; else None."""
        func = call.func
        if type(func) is ast.Name and func.id in self.functions and func.id not in env:
            target = self.functions[func.id]
        elif type(func) is ast.Attribute and type(target := self.function_of(func)) is ast.FunctionDef:
            pass  # Builder.helper(...), self.helper(...)
        elif type(func) is ast.Attribute and type(func.value) is ast.Name and len(env.get(func.value.id, ())) == 1:
            made = env[func.value.id][0]
            if type(made) is not ast.Call or type(made.func) not in (ast.Name, ast.Attribute):
                return None
            cls = self._class_made_by(made.func)
            if cls is None or func.attr not in cls.method_names:
                return None
            target = cls.load_methods((func.attr,)).get(func.attr)  # class bodies are parsed on demand
            if target is None:
                return None
            key = id(target)
            if key not in self.envs:
                self.envs[key] = {**self.module_env, **_with_unpacked(bindings(list(walk(target))), walk(target))}
            return target, self.envs[key]
        else:
            return None
        return target, self.env_of(target)

    def function_of(self, ref, env=None, _depth=0):
        """The def or lambda of this file a reference names: `f`, `Builder.f` or `self.f` (a method of
        a plain class of the file), `functools.partial(f, ...)`, or a local bound to one of these.
        None for anything else (a callable object, a function of another module)."""
        kind = type(ref)
        if kind is ast.Lambda:
            return ref
        if kind is ast.Name:
            bound = env.get(ref.id) if env else None
            if bound:  # a local: follow it when it holds one reference
                return self.function_of(bound[0], env, _depth + 1) if len(bound) == 1 and _depth < 4 else None
            return self.functions.get(ref.id)
        if kind is ast.Attribute and type(ref.value) is ast.Name and ref.attr in self.functions:
            methods = self._methods_named(ref.attr)
            owner = ref.value.id
            if owner in ("self", "cls"):
                return methods[0][1] if len(methods) == 1 else None
            return next((method for cls, method in methods if cls.name == owner), None)
        if kind is ast.Call and ref.args and (self.ctx.qualify(ref.func) or "") == "functools.partial" \
                and _depth < 4:
            return self.function_of(ref.args[0], env, _depth + 1)
        return None

    def _methods_named(self, name) -> list:
        """[(class, method)] for the methods called `name` of the file's classes."""
        if self._methods is None:
            self._methods = {}
            for scope, _ in self.ctx.scopes():
                cls = self.class_of.get(id(scope))
                if cls is not None:
                    self._methods.setdefault(scope.name, []).append((cls, scope))
        return self._methods.get(name, [])

    def _class_made_by(self, constructor):
        """The summary of the class of the file, or of another checked file, that `constructor` names."""
        if type(constructor) is ast.Name:
            cls = next((c for c in self.ctx.file.classes if c.name == constructor.id), None)
            if cls is not None or constructor.id not in self.ctx.file.aliases:
                return cls
        qualname = self.ctx.qualify(constructor)
        if qualname is None or qualname not in self.ctx.project.classes:
            return None
        return self.ctx.project.class_summary(qualname)

    def nodes_of(self, function) -> list:
        """The nodes of a function's own scope (not those of its nested functions)."""
        return self._nodes.get(id(function), [])

    @property
    def self_values(self) -> dict[int, dict[str, list]]:
        if self._self_values is None:
            self._self_values = {}
            for scope, nodes in self.ctx.scopes():
                cls = self.class_of.get(id(scope))
                if cls is None:
                    continue
                attrs = self._self_values.setdefault(id(cls), {})
                for node in nodes:
                    if type(node) is ast.Assign:
                        for target in node.targets:
                            attr = self_attr(target)
                            if attr:
                                attrs.setdefault(attr, []).append((node.value, self.env_of(scope)))
        return self._self_values

    def may_wire(self, nodes) -> bool:
        """Can a KerasTensor appear among `nodes`: is `Input(...)` called there or at module level?"""
        if self.symbolic_sources is None:
            module = next((n for s, n in self.ctx.scopes() if type(s) is ast.Module), [])
            self.symbolic_sources = _calls_input(module)
        if self.symbolic_sources:
            return True
        found = self._calls_input.get(id(nodes))  # (LD011 and LD012 ask about the same scopes)
        if found is None:
            found = self._calls_input[id(nodes)] = _calls_input(nodes) or self._helper_of_wiring(nodes)
        return found

    def _helper_of_wiring(self, nodes, depth=0) -> bool:
        """Is `nodes` a function of the file called by name from a function that calls Input(...), or from
        such a helper (a helper that builds part of the model: its parameters may be KerasTensors, see
        _parameter_kind)?"""
        function = next((scope for scope, scope_nodes in self.ctx.scopes() if scope_nodes is nodes), None)
        key = self._call_key(function) if type(function) is ast.FunctionDef else None
        if key is None:
            return False
        for _, scope in self._callers(function, key):
            callers = self._nodes.get(id(scope))
            if callers is not None and callers is not nodes and (
                    _calls_input(callers) or depth < 3 and self._helper_of_wiring(callers, depth + 1)):
                return True
        return False

    def kind(self, expr, env, scope=None, _seen=None) -> str | None:
        key = (id(expr), id(env))
        if key in self._cache:
            return self._cache[key]
        seen = _seen if _seen is not None else set()
        if key in seen or len(seen) > 40:
            return None
        seen.add(key)
        result = self._kind(expr, env, scope, seen)
        self._cache[key] = result
        # The key is made of ids: keep the expression and the env alive, or a temporary env (or node)
        # freed later lends its id to another one, which then reads this answer (results varied from
        # run to run with the order files were checked in).
        self._alive.append((expr, env))
        return result

    def _kind(self, expr, env, scope, seen):
        ctx = self.ctx
        t = type(expr)
        if t is ast.Name:
            values = env.get(expr.id)
            if type(scope) is ast.FunctionDef:
                # the parameter is the name's first binding (`def block(x): x = Dense(4)(x)`): asked first, since
                # the later bindings read the name again
                given = self._parameter_kind(scope, expr.id, seen)
                if given == SYMBOLIC or not values:
                    return given
            if not values:
                return None
            kinds = [self.kind(v, env, scope, seen) for v in values]
            if SYMBOLIC in kinds:
                return SYMBOLIC
            return kinds[0] if len(set(kinds)) == 1 else None
        if t is ast.Attribute:
            attr = self_attr(expr)
            if attr is not None and scope is not None:
                cls = self.class_of.get(id(scope))
                found = self.self_values.get(id(cls), {}).get(attr) if cls is not None else None
                if found:
                    kinds = {self.kind(v, venv, scope, seen) for v, venv in found}
                    return kinds.pop() if len(kinds) == 1 else None
                return None
            if expr.attr in _STATE_ATTRS and self.kind(expr.value, env, scope, seen) == LAYER_VALUE:
                return STATE
            return None
        if t is ast.Subscript:
            if type(expr.value) is ast.Call and type(expr.slice) is ast.Constant and type(expr.slice.value) is int:
                # `table, n = helper(...)`: the item of the tuple the helper returns
                found = self._returned(expr.value, env)
                if found is not None:
                    target, fenv = found
                    kinds = {self.kind(r.value.elts[expr.slice.value], fenv, target, seen) for r in walk(target)
                             if type(r) is ast.Return and type(r.value) in (ast.Tuple, ast.List)
                             and len(r.value.elts) > expr.slice.value}
                    return kinds.pop() if len(kinds) == 1 else None
            if type(expr.value) is ast.Attribute and expr.value.attr == "layers" \
                    and self.kind(expr.value.value, env, scope, seen) == LAYER_VALUE:
                return LAYER_VALUE  # `model.layers[-1]`
            inner = self.kind(expr.value, env, scope, seen)
            return inner if inner in (SYMBOLIC, STATE, BAKED, VARIABLE) else None
        if t is ast.BinOp:
            kinds = {self.kind(expr.left, env, scope, seen), self.kind(expr.right, env, scope, seen)}
            for k in (SYMBOLIC, BAKED, STATE):
                if k in kinds:
                    return k
            return STATE if VARIABLE in kinds else None
        if t is not ast.Call:
            return None
        func = expr.func
        # a layer applied to something: `Dense(4)(x)`, `dense(x)`, `self.dense(x)` (a builder's or a
        # Functional subclass's own layer, wired in its __init__)
        if type(func) is ast.Call or type(func) is ast.Name and func.id in env \
                or type(func) is ast.Attribute and scope is not None and self_attr(func) is not None:
            if self.kind(func, env, scope, seen) == LAYER_VALUE:
                args = [self.kind(a, env, scope, seen) for a in _call_inputs(expr)]
                if SYMBOLIC in args:
                    return SYMBOLIC
                if VARIABLE in args or STATE in args:
                    return STATE
                if CONCRETE in args or BAKED in args:
                    return BAKED
                return None
        if type(func) is ast.Attribute and func.attr in ("get_weights", "get_layer") and \
                self.kind(func.value, env, scope, seen) == LAYER_VALUE:
            return STATE if func.attr == "get_weights" else LAYER_VALUE  # (`model.get_layer("dense")`)
        found = self._returned(expr, env) if type(func) in (ast.Name, ast.Attribute) else None
        if found is not None:
            target, fenv = found
            kinds = {self.kind(r.value, fenv, target, seen) for r in walk(target)
                     if type(r) is ast.Return and r.value is not None}
            return kinds.pop() if len(kinds) == 1 else None
        value = ctx.value(expr, env)
        if value.kind == LAYER:
            return LAYER_VALUE
        if value.kind in (WEIGHT, FOREIGN):
            return VARIABLE
        name = value.qualname or ""
        if name.startswith("keras.") and name.rsplit(".", 1)[-1] == "Input":
            return SYMBOLIC
        if name.startswith(_TENSOR_PREFIXES):
            args = {self.kind(a, env, scope, seen) for a in _call_inputs(expr)}
            for k in (SYMBOLIC, BAKED, STATE):
                if k in args:
                    return k
            if VARIABLE in args:
                return STATE
            if value.kind == TENSOR or name.rsplit(".", 1)[-1] in _CONCRETE_FUNCS or CONCRETE in args:
                return CONCRETE  # (an op on a concrete tensor gives one: `ops.expand_dims(ops.arange(n), 0)`)
        return None

    def _parameter_kind(self, function, name, seen) -> str | None:
        """SYMBOLIC for a parameter of a function of the file (not a method) that one of the file's calls of
        it by name passes a KerasTensor (`encode_patches(patches, n)` in the code that wires the model: the
        helper's layers run on the model's tensors); VARIABLE when every such call passes a variable
        (chemical_vae's `variational_layers(z_mean, enc, kl_loss_var, params)`, held-out 42); else None."""
        kinds = set()
        for given, scope in self.arguments_for(function, name):
            kind = self.kind(given, self.env_of(scope), scope, seen)
            if kind == SYMBOLIC:
                return SYMBOLIC
            kinds.add(kind)
        return VARIABLE if kinds == {VARIABLE} else None

    def arguments_for(self, function, name) -> list:
        """[(expression, the caller's scope)] that the file's calls of `function` by name (_call_key) pass for its
        parameter `name`, positionally or by keyword; [] for a function the file does not call by name."""
        args = function.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        key = self._call_key(function)
        if key is not None and key.startswith("self."):
            positional = positional[1:]  # `self.block(x, 64)`: self is not among the call's arguments
        if key is None or (name not in positional and all(a.arg != name for a in args.kwonlyargs)):
            return []
        index = positional.index(name) if name in positional else len(positional)
        out = []
        for call, scope in self._callers(function, key):
            if index < len(call.args) and not any(type(a) is ast.Starred for a in call.args[:index + 1]):
                given = call.args[index]
            else:
                given = next((k.value for k in call.keywords if k.arg == name), None)
            if given is not None:
                out.append((given, scope))
        return out

    def _call_key(self, function) -> str | None:
        """How the file calls `function` by name: `helper` for a function of the module, `Builder.helper` for a
        static method of a plain class of the file; None for anything else (a method called on an instance)."""
        cls = self.class_of.get(id(function))
        if cls is None:
            return function.name if self.functions.get(function.name) is function else None
        if any(type(d) is ast.Name and d.id == "staticmethod" for d in function.decorator_list):
            return f"{cls.name}.{function.name}"
        if not function.decorator_list and function.args.args:
            return f"self.{function.name}"  # called by the class's other methods (a builder class wiring a model)
        return None

    def _callers(self, function, key) -> list:
        """[(call, scope)] of the file's calls of `function` by `key` (_call_key): for `self.helper`, those in
        the methods of the helper's own class."""
        calls = self._calls_by_name().get(key, ())
        if key.startswith("self."):
            cls = self.class_of.get(id(function))
            calls = [(call, scope) for call, scope in calls if self.class_of.get(id(scope)) is cls]
        return calls

    def _calls_by_name(self) -> dict[str, list]:
        """name -> [(call, its scope)] for the file's calls of a plain name (`helper(...)`) or of a name's attribute
        (`Builder.helper(...)`), built on first use."""
        if self._calls is None:
            self._calls = {}
            for scope, nodes in self.ctx.scopes():
                for node in nodes:
                    if type(node) is ast.Call:
                        func = node.func
                        if type(func) is ast.Name:
                            self._calls.setdefault(func.id, []).append((node, scope))
                        elif type(func) is ast.Attribute and type(func.value) is ast.Name:
                            self._calls.setdefault(f"{func.value.id}.{func.attr}", []).append((node, scope))
        return self._calls

    def mixes(self, operands, env, scope) -> tuple[str | None, ast.AST | None]:
        """For operands of one op: (STATE|VARIABLE|BAKED|LAYER_VALUE, the operand) when a
        KerasTensor meets a weight-derived value, else (None, None)."""
        kinds = [(self.kind(o, env, scope), o) for o in operands]
        if not any(k == SYMBOLIC for k, _ in kinds):
            return None, None
        for k, o in kinds:
            if k in (STATE, VARIABLE, BAKED, LAYER_VALUE):
                return k, o
        return None, None


def _with_unpacked(env, nodes):
    """`env` plus `a, b = helper(...)`: `a` bound to `helper(...)[0]` and `b` to `helper(...)[1]`
    (what the helper returns is read through them, see Wiring._kind). `env` is left as it was (it
    may be shared by other rules)."""
    extra: dict[str, list[ast.expr]] = {}
    for node in nodes:
        if type(node) is ast.Assign and type(node.value) is ast.Call and len(node.targets) == 1 \
                and type(node.targets[0]) is ast.Tuple:
            for i, item in enumerate(node.targets[0].elts):
                if type(item) is ast.Name:
                    part = ast.copy_location(ast.Subscript(value=node.value, slice=ast.Constant(i), ctx=ast.Load()),
                                             node.value)
                    extra.setdefault(item.id, []).append(part)
    if not extra:
        return env
    return {**env, **{name: env.get(name, []) + parts for name, parts in extra.items()}}


def _call_inputs(call):
    out = []
    for a in list(call.args) + [k.value for k in call.keywords]:
        if type(a) in (ast.List, ast.Tuple):
            out.extend(a.elts)
        else:
            out.append(a)
    return out


def wiring(ctx) -> Wiring:
    found = getattr(ctx, "_wiring", None)
    if found is None:
        found = ctx._wiring = Wiring(ctx)
    return found


def lambda_functions(ctx, call, wire, env):
    """The function bodies a `Lambda(...)` call runs: its lambda or def, and the project
    functions that one calls by name (one level). [] for a callable object."""
    fn = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "function"), None)
    fn = wire.function_of(fn, env) if fn is not None and type(fn) is not ast.Lambda else fn
    if not isinstance(fn, (ast.Lambda, ast.FunctionDef)):
        return []
    out = [fn]
    for node in walk(fn):
        if type(node) is ast.Call and type(node.func) in (ast.Name, ast.Attribute):
            target = wire.function_of(node.func)
            if target is not None and target not in out:
                out.append(target)
    return out


def is_lambda_call(ctx, node) -> bool:
    if type(node) is not ast.Call:
        return False
    f = node.func
    if not ((type(f) is ast.Name and f.id == "Lambda") or (type(f) is ast.Attribute and f.attr == "Lambda")):
        return False  # (the cheap test first: qualify() on every call is what costs)
    return (ctx.qualify(f) or "").endswith("keras.layers.Lambda")


def created_state(ctx, fn, env, nodes=None):
    """(call node, what) for each layer with weights or variable a function creates when it runs
    (`nodes`: the function's nodes, when the caller has walked it already)."""
    from .context import STATELESS_LAYERS
    out = []
    for node in walk(fn) if nodes is None else nodes:
        if type(node) is not ast.Call:
            continue
        value = ctx.value(node, env)
        if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS and \
                ctx.project.has_weights(value.qualname):
            out.append((node, value.layer_class))
        elif value.kind in (WEIGHT, FOREIGN) and not (value.qualname or "").startswith("self."):
            out.append((node, (value.qualname or "a variable").rsplit(".", 1)[-1]))
    return out


def self_layer_calls(ctx):
    """Sublayers called at 2+ places of call() (and the helpers only call() uses):
    [(attr, constructor expr, Value, [call nodes], call()'s method env)]. Weightless layers
    (Dropout, Activation...) are left out: sharing one loses nothing. Computed once per class:
    LD007 and LD008 both read it."""
    found = getattr(ctx, "_self_layer_calls", None)
    if found is None:
        found = ctx._self_layer_calls = _self_layer_calls(ctx)
    return found


def _self_layer_calls(ctx):
    from .context import STATELESS_LAYERS
    ctors = ctx.assigns_by_attr("__init__")
    out = []
    for method, func in ctx.only_phase("call"):
        sites: dict[str, list] = {}
        for node in ctx.nodes_of(method, ast.Call):
            attr = self_attr(node.func)
            if attr is not None and attr in ctors:
                sites.setdefault(attr, []).append(node)
        parents = None
        for attr, calls in sites.items():
            if len(calls) < 2 or len(ctors[attr]) != 1:
                continue
            if parents is None:
                parents = {id(child): node for node in ctx.nodes(method) for child in children(node)}
            calls = _same_run(calls, parents)
            env = ctx.env(func)
            if len(calls) < 2 or len({_input_key(c, env) for c in calls}) < 2:
                continue  # exclusive branches (if/else), or the same input twice
            assign = ctors[attr][0]
            value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
            if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
                continue
            out.append((attr, assign, value, sorted(calls, key=lambda n: (n.lineno, n.col_offset)), env))
    return out


def _branches(node, parents):
    """{id(If/Try): which branch} on the way from `node` up to its function."""
    out = {}
    child = node
    parent = parents.get(id(node))
    while parent is not None:
        if type(parent) in (ast.If, ast.Try, ast.IfExp):
            for field in ("body", "orelse", "handlers", "test"):
                value = getattr(parent, field, None)
                if value is child or (type(value) is list and any(v is child for v in value)):
                    out[id(parent)] = field
                    break
        child, parent = parent, parents.get(id(parent))
    return out


def _same_run(calls, parents):
    """The calls that can run together with the first one (not in another branch of an if/else)."""
    first = _branches(calls[0], parents)
    out = [calls[0]]
    for call in calls[1:]:
        other = _branches(call, parents)
        if all(first[k] == v for k, v in other.items() if k in first):
            out.append(call)
    return out


def _input_key(call, env):
    """What a call's first argument is, telling apart one name bound to different values."""
    if not call.args:
        return ""
    arg = call.args[0]
    if type(arg) is ast.Name and len(env.get(arg.id, ())) > 1:
        earlier = [v for v in env[arg.id] if getattr(v, "lineno", 0) < arg.lineno]
        return f"{arg.id}@{max((v.lineno for v in earlier), default=0)}"
    return ast.dump(arg)


def _calls_input(nodes) -> bool:
    for node in nodes:
        if type(node) is ast.Call:
            f = node.func
            if (type(f) is ast.Name and f.id == "Input") or (type(f) is ast.Attribute and f.attr == "Input"):
                return True
    return False
