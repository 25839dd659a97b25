"""LD011 untracked-container: layers reachable only through a plain object, a closure or a global."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import argument_for, construction_sites, file_function, file_text, importing_files, parsed_file
from ..context import FOREIGN, LAYER, WEIGHT, bindings, classify, self_attr
from ..facts import BAKED, SYMBOLIC, free_names, wiring
from ..project import is_keras_layer_name
from ..source import SourceError
from ..walk import own_nodes, walk
from . import Hit

RULE = Rule(
    code="LD011", name="untracked-container", severity="error", tf_keras_severity="error",
    summary="Layers or variables are held in a plain object, a closure, or a module-level global "
            "that `call()` uses.",
    what="Static: finds `self.x = C()` where `C` is a plain class or a `tf.Module` (not a Layer) "
         "whose instances hold layers or variables (as attributes or in lists and dicts), also "
         "when `__init__` stores a constructor argument that a call site of the file fills with such "
         "an instance (`Wrapper(EncoderModule())`, the hub.KerasLayer pattern), new layers handed to a "
         "plain record stored on the layer (`self.stages = [Stage(Dense(8), 2)]` with `Stage` a "
         "dataclass or a plain class that keeps its arguments; NamedTuples are tuples, and tracked), layers or variables "
         "kept in a container class Keras 3 does not wrap (`collections.deque`, `UserList`, `UserDict`, "
         "`ChainMap`, `frozenset`, TensorFlow's internal `data_structures.List` / `Mapping`), closures "
         "stored on `self` that capture layers, closures returned by a factory function of the "
         "file (`self.head = make_head(...)`, called in `call()`), module-level "
         "layers, variables or `keras.random.SeedGenerator`s read inside a layer's `call()` (also a global bound to the model or layer "
         "a function of the file returns: `encoder = make_encoder()`), and, in functional code, a layer called "
         "on a concrete tensor (`tf.range`, `np.arange`, `tf.constant`, an array) whose output then "
         "joins the model being wired (also in place, `x += pos_embed(positions)`; also through a helper of the file "
         "that adds it to the model's tensor, `add_embeddings(patches, positions)`; also inside a helper function whose "
         "parameter the wiring code passes a KerasTensor, `encode_patches(patches, n)`; also a layer returned by a helper or by a method of a class "
         "of the file, `pos_embed, n = tokenizer.positional_embedding(size)`); in `__init__`/`build()`, a local list "
         "or dict stored on `self` (as the attribute, inside a literal, or by append/insert/extend/`+=`/`[k] =`) "
         "and filled with layers afterwards, or `self.x.append([])` then `self.x[i].append(layer)`: Keras 3 "
         "tracked a copy, or only what the container held when it was stored; on Keras 3, a `tf.Module` subclass "
         "that keeps Keras layers on self (directly, in a list, or made by a local or a parameter default naming a "
         "layer class) in a file that reads `.trainable_variables`/`.variables` (`tf.Module` finds no Keras 3 "
         "variable; an error when the module reads its own list, else a warning). Runtime: walks the Python objects "
         "reachable from each layer (attributes, plain objects, closure cells) and the layers a "
         "forward pass calls, and reports layers and variables that Keras does not track, and layers "
         "called on concrete values while the target wired the model whose weights are not in it.",
    why={
        KERAS3: "Keras tracks the sublayers and variables stored directly on a layer: as "
                "attributes, or inside lists, dicts and tuples assigned to attributes. It does not "
                "look inside other Python objects. Layers held by a plain class instance, captured "
                "in a closure, or read from a module-level global inside `call()` still compute, "
                "but Keras does not see them: they are not in `layer.weights`, not counted, not "
                "trained by `fit`, not saved. A global is the subtlest case: the layer's own "
                "weights are counted and only the global's are missing. Keras says nothing on any "
                "backend (TensorFlow and torch warn \"The model does not have any trainable "
                "weights.\" only when nothing at all is tracked). A global layer wired into a "
                "functional model (called on a `keras.Input`) is tracked and fine; one called on a "
                "concrete tensor while wiring (position embeddings of `tf.range(n)`) computes its "
                "output once, eagerly: the output joins the graph as a constant and the layer, with "
                "its weights, never joins the model.",
        TF_KERAS: "Same as Keras 3: tf.keras 2 tracks only attributes, lists and dicts of the "
                  "layer, does not see layers inside plain objects, closures or globals, and says "
                  "nothing.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras
        from keras import ops


        class Heads:  # a plain class, not a Layer
            def __init__(self):
                self.classifier = keras.layers.Dense(3)
                self.regressor = keras.layers.Dense(1)


        class MultiHead(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.heads = Heads()

            def call(self, inputs):
                return ops.concatenate(
                    [self.heads.classifier(inputs), self.heads.regressor(inputs)], axis=-1
                )
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Heads(keras.layers.Layer):  # a Layer: its sublayers are tracked
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.classifier = keras.layers.Dense(3)
                self.regressor = keras.layers.Dense(1)

            def call(self, inputs):
                return ops.concatenate([self.classifier(inputs), self.regressor(inputs)], axis=-1)


        class MultiHead(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.heads = Heads()

            def call(self, inputs):
                return self.heads(inputs)
    """),
    fix_hint="# make the container a keras.layers.Layer, or store its layers on self:\n"
             "self.{attr} = ...",
    fixes={
        "holder": "# assign each layer to an attribute of {cls}, or make {holder} a keras.layers.Layer:\n"
                  "self.{held} = ...",
        "closure": "self.{captured} = {captured}  # then use self.{captured} in call()",
        "factory": "# make {factory} a keras.layers.Layer subclass: create its layers in __init__,\n"
                   "# run them in call(); then self.{attr} = {factory}(...) is tracked",
        "global": "self.{attr_lower} = ...  # create it in {cls}.__init__ and use it in call()",
        "indexed": "self.{attr}.append(...)  # or fill a local list, then assign it: self.{attr} = [...]",
        "container": "self.{attr} = [...]  # a plain list (or dict): Keras 3 tracks what it holds",
        "instance_dict": "setattr(self, {key}, ...)  # through Keras's __setattr__, which tracks it",
        "wiring": "# call the layer inside a Layer's call() on a tensor made there, e.g.\n"
                  "positions = keras.ops.arange(keras.ops.shape(x)[1]); x = x + self.pos_emb(positions)",
        "wired_variable": "# make the object's class a keras.layers.Layer whose build() makes the variable, read in call():\n"
                          "self.{attr} = self.add_weight(shape=..., initializer=\"zeros\")",
    },
    fix_safety="No automatic fix: the container has to become a Layer, or its layers attributes "
               "(or a list/dict attribute) of the layer; either changes the names of the saved "
               "weights.",
)

CODE = RULE.code


def FILE_TRIGGER(text: str) -> bool:  # noqa: N802 (the name the catalog reads)
    """tf.Module classes in a file that reads variable lists (_tf_modules_holding_layers): the whole text."""
    return "Module)" in text and "variables" in text


def TRIGGER(text: str) -> bool:
    """Functional code that may call a layer on a concrete tensor: `layer(tf.range(...))`, or
    `ids = np.arange(...)` then `...)(ids)` / `layer(ids)`."""
    if "Input(" not in text:
        return False
    if "Variable(" in text and "def __call__" in text:
        return True  # a plain object holding variables may be called on the model's tensors
    for m in _CONCRETE_CALL_RE.finditer(text):
        module = _CONCRETE_MODULE_RE.search(text, max(0, m.start() - 11), m.start())
        if module is None:
            continue
        at = module.start()
        before = at - 1
        while before > 0 and text[before] in " \t\n":
            before -= 1
        if at and text[before] in "(,":  # an argument: `layer(tf.range(n))`, `ops.expand_dims(\n    ops.arange(n), 0)`
            return True
        line = text[text.rfind("\n", 0, at) + 1:at]
        bound = _ASSIGNED_RE.match(line)
        if bound and f"({bound.group(1)})" in text:
            return True
    return False


# `tf.range(`, `np.arange(`...: the `.range(` part first (a literal start is what the regex engine
# scans for fast), then the module name that ends right before it.
_CONCRETE_FUNCS = r"(?:range|arange|constant|array|asarray|linspace|convert_to_tensor|ones|zeros|eye|full)"
_CONCRETE_MODULES = r"(?:tf|np|ops|numpy|tensorflow|jnp)"
_CONCRETE_CALL_RE = re.compile(rf"\.{_CONCRETE_FUNCS}\(")
_CONCRETE_MODULE_RE = re.compile(rf"\b{_CONCRETE_MODULES}$")
_CONCRETE_FUNC_RE = re.compile(rf"(?:keras\.)?{_CONCRETE_MODULES}\.{_CONCRETE_FUNCS}")  # a call's func, unparsed
_ASSIGNED_RE = re.compile(r"[ \t]*(\w+) ?= ?(?:[A-Za-z_][\w.]*\.)?$")  # `ids = ` or `ids = keras.`


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def check_module(ctx):
    wire = wiring(ctx)
    for scope, nodes in ctx.scopes():
        if not wire.may_wire(nodes):
            continue
        env = wire.env_of(scope)
        for node in nodes:
            if type(node) is ast.BinOp:
                operands = [node.left, node.right]
            elif type(node) is ast.AugAssign:  # `x += pos_embed(positions)`: the same op, in place
                operands = [node.target, node.value]
            elif type(node) is ast.Call and (ctx.qualify(node.func) or "").startswith(
                    ("keras.ops.", "tensorflow.", "keras.backend.")):
                operands = [a for a in node.args]
            elif type(node) is ast.Call and type(node.func) is ast.Call and \
                    (ctx.qualify(node.func.func) or "").startswith("keras.layers."):
                operands = [e for a in node.args for e in (a.elts if type(a) in (ast.List, ast.Tuple) else [a])]
            elif type(node) is ast.Call and len(node.args) > 1 and type(node.func) in (ast.Name, ast.Attribute) \
                    and type(helper := wire.function_of(node.func, env)) is ast.FunctionDef:
                # `add_embeddings(patches, positions)`, `Builder.add(...)`: a helper of the file that combines them
                operands = _combined_in_helper(wire, helper, node)
            else:
                continue
            kind, operand = wire.mixes(operands, env, scope)
            if kind == BAKED:
                text = _short(ast.unparse(operand))
                yield Hit(node, f"{text} is a layer's output on a concrete tensor, computed once while "
                                f"wiring the functional model: it joins the graph as a constant, and that "
                                f"layer and its weights are not part of the model (not trained, not saved)",
                          attribute=text, class_name=None, fix="wiring")

    yield from _holders_called_while_wiring(ctx, wire)
    yield from _tf_modules_holding_layers(ctx)


_VARIABLE_LISTS = {"trainable_variables", "variables", "trainable_weights", "weights"}


def _tf_modules_holding_layers(ctx):
    """Keras 3: a `tf.Module` subclass that keeps Keras layers on self (directly, in a list, or made by a parameter or
    local naming a layer class), in a file that reads some object's `.trainable_variables` / `.variables`. A Keras 3
    layer is no tf.Module and its variables are no tf.Variables: the module lists none of them (measured: 0 of 4 after a
    call), so an optimizer or checkpoint given them gets nothing (grl's DQN networks, held-out 40). A module that only
    wires layers into a functional model reads no such list: silent (grl's MLP demo)."""
    if ctx.target != KERAS3 or CODE not in ctx.file.file_rules:  # (FILE_TRIGGER's answer, kept while summarizing)
        return
    tree = parsed_file(ctx.file.path)  # (the module rules' tree leaves the classes out)
    classes = [c for c in tree.body if type(c) is ast.ClassDef]
    modules = set()
    for _ in range(3):  # bases in the file first, then their subclasses
        modules |= {c.name for c in classes if any(
            ctx.qualify(b) == "tensorflow.Module" or ast.unparse(b) in modules for b in c.bases)}
    reads = [n for n in walk(tree) if type(n) is ast.Attribute and n.attr in _VARIABLE_LISTS
             and type(n.ctx) is ast.Load and not (ctx.qualify(n.value) or "").startswith(("keras.", "tensorflow."))]
    if not modules or not reads:
        return
    # a module reading its own list (`self.variables` in a method of the family) is sure; any other read may be
    # of something else: a warning
    own = {id(n) for c in classes if c.name in modules for n in walk(c) if type(n) is ast.Attribute
           and n.attr in _VARIABLE_LISTS and type(n.value) is ast.Name and n.value.id == "self"}
    # also sure: the list of a module one of the family holds (`ac.pi.trainable_variables` for `self.pi = MLPActor(...)`)
    held = {self_attr(n.targets[0]): n.value.func.id for c in classes if c.name in modules for n in walk(c)
            if type(n) is ast.Assign and len(n.targets) == 1 and self_attr(n.targets[0]) and type(n.value) is ast.Call
            and type(n.value.func) is ast.Name and n.value.func.id in modules}
    of_held = {id(n): held[n.value.attr] for n in reads if type(n.value) is ast.Attribute and n.value.attr in held}
    own |= set(of_held)
    read = next((n for n in reads if id(n) in own), None) or reads[0]
    sure = id(read) in own
    for cls in classes:
        if cls.name not in modules:
            continue
        for method in (f for f in cls.body if type(f) is ast.FunctionDef):
            stored = _layer_stored_on_self(ctx, method)
            if stored is not None:
                attr, node = stored
                shown = next((n for n in reads if of_held.get(id(n)) == cls.name), read)
                yield Hit(node, f"{cls.name} is a tf.Module that keeps Keras layers (self.{attr}): on Keras 3 a "
                                f"layer is no tf.Module and its variables are no tf.Variables, so "
                                f"{cls.name}.trainable_variables finds none of them (`{_short(ast.unparse(shown))}` "
                                f"is read at line {shown.lineno}{'' if sure else ', perhaps of another object: a heuristic'}"
                                f"): an optimizer or checkpoint given that list trains or saves nothing; make "
                                f"{cls.name} a keras.layers.Layer or keras.Model",
                          attribute=attr, class_name=cls.name, fix=None, severity=None if sure else "warning")
                break


def _layer_stored_on_self(ctx, method):
    """(attr, node) of the first `self.x = <Keras layer>(...)` (or a list of them, or `.append(...)` of one) in
    `method`, where the class is named directly, or by a local or a parameter default bound to a Keras layer class,
    or where a function of the file makes and returns the layer or model."""
    env = bindings(walk(method))
    defaults = dict(zip([a.arg for a in method.args.args][::-1], method.args.defaults[::-1]))
    defaults.update((a.arg, d) for a, d in zip(method.args.kwonlyargs, method.args.kw_defaults) if d is not None)

    def is_layer_class(func) -> bool:
        for _ in range(3):  # `dense = layer_type`, `layer_type=layers.Dense`
            if type(func) is ast.Name and func.id in defaults:
                func = defaults[func.id]
            elif type(func) is ast.Name and len(env.get(func.id, ())) == 1:
                func = env[func.id][0]
            else:
                break
        name = ctx.qualify(func)
        return bool(name) and is_keras_layer_name(name)

    def made_by_factory(func) -> bool:
        """`mlp(sizes)`: a function of the file that returns a Keras layer or model it makes (rl-lunarlander's
        DDPG holders, held-out 42), directly or through a local."""
        factory = file_function(ctx.file, func) if type(func) in (ast.Name, ast.Attribute) else None
        if factory is None:
            return False
        nodes = walk(factory)
        fenv = bindings(nodes)
        for node in nodes:
            if type(node) is ast.Return and node.value is not None:
                value = node.value
                if type(value) is ast.Name and len(fenv.get(value.id, ())) == 1:
                    value = fenv[value.id][0]
                if type(value) is ast.Call and is_keras_layer_name(ctx.qualify(value.func) or ""):
                    return True
        return False

    def makes_layer(value) -> bool:
        items = value.elts if type(value) in (ast.List, ast.Tuple) else [value.elt] if type(value) is ast.ListComp \
            else [value]
        return any(type(v) is ast.Call and (is_layer_class(v.func) or made_by_factory(v.func)) for v in items)

    for node in sorted(walk(method), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
        if type(node) is ast.Assign and len(node.targets) == 1 and (attr := self_attr(node.targets[0])) \
                and makes_layer(node.value):
            return attr, node
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "append" \
                and (attr := self_attr(node.func.value)) and node.args and makes_layer(node.args[0]):
            return attr, node
    return None


def _holders_called_while_wiring(ctx, wire):
    """`ia = ImplicitA(c)` then `x = ia(x)` on the model's tensors, with ImplicitA a plain class of the project
    whose __init__ makes variables (YOLOR's implicit knowledge in a functional head, held-out 32): its
    __call__ mixes them into the graph as constants."""
    for scope, nodes in ctx.scopes():
        if not wire.may_wire(nodes):
            continue
        env = wire.env_of(scope)
        reported = set()  # one finding per object: its first call on the model's tensors
        for node in nodes:
            if type(node) is not ast.Call or type(node.func) is not ast.Name or not node.args \
                    or node.func.id in reported:
                continue
            made = env.get(node.func.id, ())
            if len(made) != 1 or type(made[0]) is not ast.Call:
                continue
            held = _variables_held(ctx, ctx.qualify(made[0].func))
            if held and any(wire.kind(arg, env, scope) == SYMBOLIC for arg in node.args):
                reported.add(node.func.id)
                holder = ast.unparse(made[0].func)
                yield Hit(node, f"{node.func.id}, a plain {holder} object holding variables ({', '.join(held)}), is "
                                f"called on the model's tensors while wiring the functional model: the variables enter "
                                f"the graph as constants, not part of the model (not trained, not saved); make "
                                f"{holder} a Layer with add_weight()",
                          attribute=node.func.id, class_name=None, fix="wired_variable",
                          fix_values={"attr": held[0]})


def _variables_held(ctx, qualname) -> list[str]:
    """The attributes of the project's plain class `qualname` (one with a __call__, not a Layer) that
    its __init__ makes variables with."""
    found = ctx.project.classes.get(qualname) if qualname else None
    if found is None or not found[0].holds or ctx.project.is_layer(qualname):
        return []
    info, file = found
    summary = ctx.project.class_summary(qualname)
    if summary is None or "__call__" not in summary.method_names:
        return []
    return [attr for attr, callee in info.holds if _made_by(ctx, callee, file) in (WEIGHT, FOREIGN)]


def _combined_in_helper(wire, helper, call) -> list:
    """The positional arguments of `helper(a, b, ...)` that the helper puts into one arithmetic op
    or tensor function (`return a + b`, `ops.add(a, b)`): [] when no op of the helper reads two of
    them, so a value merely passed along (a shape, a flag) is not taken as mixed in."""
    params = [a.arg for a in helper.args.args]
    if params and params[0] in ("self", "cls") and type(call.func) is ast.Attribute and \
            type(call.func.value) is ast.Name and call.func.value.id in ("self", "cls"):
        params = params[1:]  # a method called on its own instance or class
    by_param = dict(zip(params, call.args))
    if len(by_param) < 2 or any(type(a) is ast.Starred for a in call.args):
        return []
    for node in wire.nodes_of(helper):
        if type(node) is ast.BinOp:
            read = [node.left, node.right]
        elif type(node) is ast.Call and (wire.ctx.qualify(node.func) or "").startswith(
                ("keras.ops.", "tensorflow.", "keras.backend.")):
            read = list(node.args)
        else:
            continue
        names = [by_param[r.id] for r in read if type(r) is ast.Name and r.id in by_param]
        if len(names) > 1:
            return names
    return []


_STATE = (LAYER, WEIGHT, FOREIGN)
_PLAIN_HOLDERS = {"types.SimpleNamespace", "argparse.Namespace"}
# Container classes Keras 3 does not wrap. Measured on Keras 3.15.1 + TF 2.21 (ld011o,
# /tmp/fix10a/containers.py): list, tuple, dict, set and their subclasses (OrderedDict, defaultdict,
# namedtuple, TF's ListWrapper / _DictWrapper) become tracked; these keep their layers out of sight
# (0 weights), TF's internal trackable List / Mapping included (they subclass neither list nor dict).
_UNWRAPPED = {"collections.deque", "collections.UserList", "collections.UserDict", "collections.ChainMap",
              "frozenset"}
_TF_TRACKABLE = (".data_structures.List", ".data_structures.Mapping")
_FILLERS = {"append", "appendleft", "extend", "extendleft", "insert", "update"}


def check_class(ctx):
    yield from _plain_objects(ctx)
    yield from _passed_holders(ctx)
    yield from _records(ctx)
    yield from _closures(ctx)
    yield from _factory_closures(ctx)
    yield from _globals(ctx)
    yield from _globals_in_functions(ctx)
    if ctx.target == KERAS3:
        yield from _indexed_stores(ctx)
        yield from _filled_after_stored(ctx)
    if ctx.cls.dynamic_access:  # its text writes through self.__dict__ or vars(self), maybe
        yield from _instance_dict_writes(ctx)
    if "__call__" in ctx.cls.method_names and not ctx.has_method("call"):
        yield from _concrete_calls_in_own_dunder_call(ctx)


def _concrete_calls_in_own_dunder_call(ctx):
    """A layer that overrides `__call__` (with no call()) is no layer of a functional model it is used in:
    Keras never sees it, only the ops its `__call__` runs on the model's tensors. A sublayer it runs there on
    a concrete tensor (`self.pos(tf.range(n))`) runs once, eagerly, while the model is wired: its output is a
    constant of the graph and its weights are not the model's (measured on Keras 3.15.1, held-out 39's
    MoveEmbedding: the position table is built but not in model.weights, and gets no gradient). Only when a
    file that defines or imports the class wires a model on `Input(...)`."""
    if not any("Input(" in file_text(file) for file in [ctx.file, *importing_files(ctx)]):
        return
    dunder = ctx.cls.load_methods(("__call__",)).get("__call__")
    if dunder is None:
        return
    sublayers = {}
    for assign in ctx.self_assigns(("__init__",)):
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == LAYER and ctx.has_weights(value.qualname):
            sublayers[assign.attr] = value.layer_class
    if not sublayers:
        return
    local = bindings(walk(dunder))
    for node in walk(dunder):
        if type(node) is not ast.Call or (attr := self_attr(node.func)) not in sublayers or not node.args:
            continue
        argument = node.args[0]
        if type(argument) is ast.Name and len(local.get(argument.id, ())) == 1:
            argument = local[argument.id][0]
        if type(argument) is ast.Call and _CONCRETE_FUNC_RE.fullmatch(ast.unparse(argument.func)):
            yield Hit(
                node,
                f"{ctx.name} overrides __call__ (it has no call()), so a functional model it is used in never sees "
                f"it as a layer: self.{attr} ({sublayers[attr]}) runs on {_short(ast.unparse(argument))}, a concrete "
                f"tensor, once, while the model is wired; its output joins the graph as a constant and its weights "
                f"are not the model's (not trained, not saved); rename __call__ to call()",
                attribute=attr, fix="wiring",
            )


def _plain_objects(ctx):
    for assign in ctx.self_assigns(("__init__", "build")):
        value = assign.value
        if not isinstance(value, ast.Call):
            continue
        name = ctx.qualify(value.func)
        held = None
        if name in _PLAIN_HOLDERS:
            func = ctx.methods[assign.method]
            held = [kw.arg for kw in value.keywords if ctx.value(kw.value, ctx.env(func)).kind in _STATE]
        else:
            held = _held_state(ctx, name)
        if held:
            yield _holder_hit(ctx, assign, name, held, f"{ctx.name}.{assign.attr} is")
    yield from _unwrapped_containers(ctx)


def _unwrapped_kind(name) -> str | None:
    if name in _UNWRAPPED:
        return name.rsplit(".", 1)[-1]
    if name and name.startswith("tensorflow.") and name.endswith(_TF_TRACKABLE):
        return "TensorFlow " + name.rsplit(".", 1)[-1]
    return None


def _unwrapped_containers(ctx):
    """`self.blocks = collections.deque([Dense(4), ...])`, a UserList / UserDict / ChainMap / frozenset,
    or TF's internal `data_structures.List(...)` / `.Mapping(...)`, made with layers or variables or
    filled afterwards (`self.q.append(Dense(4))`): Keras 3 wraps only list, tuple, dict and set."""
    made = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        if type(assign.value) is ast.Call and (kind := _unwrapped_kind(ctx.qualify(assign.value.func))):
            made[assign.attr] = (assign, kind)
    if not made:
        return  # most classes: no such container
    for attr, (assign, kind) in made.items():
        func = ctx.methods[assign.method]
        env = ctx.env(func)
        value = assign.value
        node = assign.stmt if any(_holds_state(ctx, arg, env, in_container=True) for arg in
                                  [*value.args, *(kw.value for kw in value.keywords)]) else None
        if node is None:  # made empty, maybe filled afterwards: the first fill with a layer
            fills = [call for method, other in ctx.methods_of("__init__", "build") for call in ctx.nodes(method)
                     if type(call) is ast.Call and type(call.func) is ast.Attribute and
                     call.func.attr in _FILLERS and self_attr(call.func.value) == attr and
                     any(_holds_state(ctx, arg, ctx.env(other), in_container=True) for arg in call.args)]
            node = min(fills, key=lambda call: call.lineno, default=None)
        if node is not None:
            yield Hit(node, f"{ctx.name}.{attr} is a {kind} holding layers or variables: Keras 3 tracks "
                            f"lists, tuples, dicts and sets (and their subclasses) but does not look inside "
                            f"a {kind}, so they are not counted, trained or saved",
                      attribute=attr, fix="container")


def _holder_hit(ctx, assign, name, held, subject):
    """The finding for `self.<attr>` holding an instance of the plain class `name` that keeps `held`."""
    holder = name.rsplit(".", 1)[-1]
    return Hit(
        assign.stmt,
        f"{subject} a plain {holder} object holding layers or variables ({', '.join(held)}): Keras does "
        f"not look inside it, so they are not counted, trained or saved",
        attribute=assign.attr,
        fix="holder", fix_values={"cls": ctx.name, "held": held[0], "holder": holder},
    )


def _held_state(ctx, name) -> list[str]:
    """The attributes of the project's plain class or tf.Module `name` that make layers or variables."""
    found = ctx.plain_class(name) if name else None
    if found is None:
        return []
    holder, file = found
    return list(dict.fromkeys(attr for attr, callee in holder.holds if _creates_state(ctx, callee, file)))


_HOLDER_NAMES: dict[int, tuple] = {}  # id(project) -> (project, the names its state holders go by, {path: its
# text holds one}: every class importing from a module asks of the same importers, read from disk otherwise)


def _holder_names(project, ctx) -> set[str]:
    """The last names a call of a plain class holding layers or variables (_held_state not empty) can
    be written with: the class's own, or an import alias of any checked file that resolves to it
    (a re-export under another name). Once per project; _held_state does not depend on the target
    (tf.Variable is state on both)."""
    held = _HOLDER_NAMES.get(id(project))
    if held is None or held[0] is not project:
        _HOLDER_NAMES.clear()
        holders = {name for name, (info, _) in project.classes.items() if info.holds and _held_state(ctx, name)}
        names = {name.rsplit(".", 1)[-1] for name in holders}
        if holders:
            names |= {alias for alias, target in _aliases_ending_in(project, names)
                      if project.resolve(target) in holders}
        held = _HOLDER_NAMES[id(project)] = (project, names, {})
    return held[1]


def _aliases_ending_in(project, names: set[str]) -> list[tuple[str, str]]:
    """The (alias, target) of the checked files whose chain of re-exports may end in one of `names`:
    the target's last name is one of them, or another such alias (`from .a import Holder as H`, then
    `from pkg import H`). A superset of those that resolve there, found without resolving each alias of
    every file."""
    by_last: dict[str, list[tuple[str, str]]] = {}
    for file in project.files:
        for alias, target in file.aliases.items():
            by_last.setdefault(target.rpartition(".")[2], []).append((alias, target))
    found, todo, seen = [], list(names), set(names)
    while todo:
        for alias, target in by_last.get(todo.pop(), ()):
            found.append((alias, target))
            if alias not in seen:
                seen.add(alias)
                todo.append(alias)
    return found


def _may_call_a_holder(ctx) -> bool:
    """Does the text of the class's file, or of a checked file that imports the class, hold a name a
    state-holding plain class goes by? (A call's qualified name ends in that name, or in an alias
    that resolves to it.)"""
    names = _holder_names(ctx.project, ctx)
    if not names:
        return False
    said = _HOLDER_NAMES[id(ctx.project)][2]
    for file in [ctx.file, *importing_files(ctx)]:
        if file.path not in said:
            text = file_text(file)
            said[file.path] = any(name in text for name in names)
        if said[file.path]:
            return True
    return False


def _holder_classes_in_reach(ctx) -> bool:
    """Does the file define or import a plain class (or tf.Module) of the project that holds something?"""
    project = ctx.project
    names = [c.qualname for c in ctx.file.classes] + list(ctx.file.aliases.values())
    return any(name in project.classes and project.classes[name][0].holds and not project.is_layer(name)
               for name in names)


def _passed_holders(ctx):
    """`self.module = module` in __init__, where a call site of the file passes a new instance of a
    plain class or tf.Module that holds layers or variables: `Wrapper(EncoderModule())` (the
    hub.KerasLayer pattern). Keras tracks the object no better than if __init__ had made it."""
    init = ctx.methods.get("__init__")
    if init is None or not _holder_classes_in_reach(ctx):
        return  # (the call sites are read only when the file can make a holder: reading them parses the file)
    args = init.args
    params = {a.arg for a in (args.posonlyargs + args.args)[1:] + args.kwonlyargs}
    stored = [a for a in ctx.assigns_in("__init__") if type(a.value) is ast.Name and a.value.id in params]
    # A finding needs `Holder(...)` in a file with call sites, Holder under one of its names: else
    # reading the sites (parsing the file) cannot find one.
    if not stored or not _may_call_a_holder(ctx):
        return
    sites = list(construction_sites(ctx))
    for assign in stored:
        for call, env, where in sites:
            arg = argument_for(call, init, assign.value.id)
            if type(arg) is ast.Name and len(env.get(arg.id, ())) == 1:
                arg = env[arg.id][0]  # `heads = Heads()` then `Wrapper(heads)`
            if type(arg) is not ast.Call:
                continue
            name = ctx.qualify(arg.func)
            held = _held_state(ctx, name)
            if held:
                yield _holder_hit(ctx, assign, name, held,
                                  f"{ctx.name}.{assign.attr} stores the constructor argument {assign.value.id!r}, "
                                  f"and {where} passes")
                break


def _records(ctx):
    """`self.stages = [Stage(Dense(8), 2)]`: a new layer handed to a plain record (a dataclass, or a
    plain class whose __init__ keeps the argument). Keras tracks lists, dicts and tuples (NamedTuples
    too) but not the attributes of other objects, so the layer is not the model's. Also through a
    method of the class that returns the records (`self.stages = self.make_stages()`), overridden in a
    subclass or not."""
    reported = set()  # one finding per attribute, at its first record
    for assign in ctx.self_assigns(("__init__", "build")):
        for hit in _record_hits(ctx, assign.attr, assign.value, ctx.env(ctx.methods[assign.method])):
            if assign.attr not in reported:
                reported.add(assign.attr)
                yield hit
    for attr, method in _inherited_builders(ctx):
        func = ctx.methods[method]
        for node in ctx.nodes(method):
            if type(node) is ast.Return and node.value is not None:
                for hit in _record_hits(ctx, attr, node.value, ctx.env(func)):
                    if attr not in reported:
                        reported.add(attr)
                        yield hit


def _record_hits(ctx, attr, expr, env):
    returns = []
    if type(expr) is ast.Call and (method := self_attr(expr.func)) in ctx.methods:
        returns = [n.value for n in ctx.nodes(method) if type(n) is ast.Return and n.value is not None]
        env = ctx.env(ctx.methods[method])
    for top in returns or [expr]:
        for node in walk(top):
            if type(node) is not ast.Call:
                continue
            name = ctx.qualify(node.func)
            if not name or ctx.plain_class(name) is None:
                continue
            kept = ctx.project.kept_arguments(name)
            if not kept:
                continue
            made = [_argument_name(node, arg, kept) for arg in [*node.args, *(kw.value for kw in node.keywords)]
                    if _fresh_state(ctx, arg, env, top)]
            made = [m for m in made if m]
            if made:
                holder = name.rsplit(".", 1)[-1]
                yield Hit(node, f"{ctx.name}.{attr} holds a plain {holder} record made with new layers or "
                                f"variables ({', '.join(made)}): Keras tracks lists, dicts and tuples but not "
                                f"the attributes of other objects, so they are not counted, trained or saved",
                          attribute=attr, fix=None)


def _argument_name(call, arg, kept) -> str | None:
    """The parameter name `arg` fills, if the record keeps it (every argument for a dataclass)."""
    for kw in call.keywords:
        if kw.value is arg:
            return kw.arg if "*" in kept or kw.arg in kept else None
    if "*" in kept:
        return f"argument {call.args.index(arg) + 1}"
    return ", ".join(sorted(kept)) or None  # positional: which parameter is not known without the signature


def _fresh_state(ctx, arg, env, scope) -> bool:
    """Is `arg` a layer or variable made right there (or a local bound to one and used nowhere else
    in `scope`'s method), so that nothing else can be tracking it? A dict, list or tuple made right there
    counts when one of its items is (`DynamicDict(dict(wte=Embedding(...), ...))`)."""
    items = _container_items(arg)
    if items is not None:
        return any(_fresh_state(ctx, item, env, scope) for item in items)
    if type(arg) is ast.Name:
        bound = env.get(arg.id, ())
        if len(bound) != 1 or type(bound[0]) is not ast.Call:
            return False
        uses = sum(1 for method in ctx.methods for n in ctx.nodes(method)
                   if type(n) is ast.Name and n.id == arg.id and type(n.ctx) is ast.Load)
        if uses != 1:
            return False  # also stored or used elsewhere: maybe tracked there
        arg = bound[0]
    return type(arg) is ast.Call and ctx.value(arg, env).kind in _STATE


def _container_items(arg) -> list | None:
    """The items of a container written out in place (`dict(a=...)`, `{...}`, `[...]`, `(...)`, a list
    comprehension's element), None for anything else."""
    if type(arg) is ast.Call and type(arg.func) is ast.Name and arg.func.id == "dict" and not arg.args:
        return [kw.value for kw in arg.keywords]
    if type(arg) is ast.Dict:
        return [v for v in arg.values if v is not None]
    if type(arg) in (ast.List, ast.Tuple):
        return list(arg.elts)
    if type(arg) is ast.ListComp:
        return [arg.elt]
    return None


def _inherited_builders(ctx):
    """(attr, method) for `self.attr = self.method()` in a project ancestor's __init__ where this
    class defines `method` (the template-method pattern: the base wires, the subclass supplies).
    Only methods whose returns make plain project objects are looked at, and only then is the
    ancestor's file read (it may be in the cache only)."""
    own = [name for name in ctx.cls.method_names if name not in ("__init__", "build", "call") and not name.startswith("__")]
    for ancestor in ctx.project.user_ancestors(ctx.qualname) if own else ():
        info = ctx.project.classes.get(ancestor)
        named = [name for name in own if info and info[0].attr_counts.get(name)]
        if not named:
            continue
        # The ancestor's __init__ stores the hook's result before the hook is parsed: the base's
        # __init__ is an entry method (usually parsed already), the subclass's hook seldom is.
        cls = ctx.project.class_summary(ancestor)
        try:
            init = cls.load_methods(("__init__",)).get("__init__") if cls is not None else None
        except SourceError:  # the base's __init__ does not parse: an error only if a hook is read
            if any(_returns_plain(ctx, name) for name in named):
                raise
            continue
        stored = _stores_of_self_calls(init) if init is not None else []
        hooks = [name for name in named if any(method == name for _, method in stored) and _returns_plain(ctx, name)]
        for attr, method in stored:
            if method in hooks:
                yield attr, method


_SELF_CALL_STORES: dict[int, tuple] = {}  # id(__init__) -> (the tree, its stores), per base class


def _stores_of_self_calls(init) -> list[tuple[str, str]]:
    """(attr, method) for each `self.attr = self.method(...)` in `init`, in walk order."""
    held = _SELF_CALL_STORES.get(id(init))
    if held is None or held[0] is not init:  # (held with its tree: a freed tree's id is reused)
        if len(_SELF_CALL_STORES) > 256:
            _SELF_CALL_STORES.clear()
        stores = []
        for node in walk(init):
            if type(node) is ast.Assign and type(node.value) is ast.Call and (method := self_attr(node.value.func)):
                stores += [(attr, method) for target in node.targets if (attr := self_attr(target))]
        held = _SELF_CALL_STORES[id(init)] = (init, stores)
    return held[1]


def _returns_plain(ctx, method) -> bool:
    """Does `method` return something that calls a plain class of the project?"""
    ctx.cls.load_methods((method,))  # a hook only a base class calls is not loaded with the entries
    if method not in ctx.methods:
        return False
    return any(type(node) is ast.Return and node.value is not None and any(
        type(sub) is ast.Call and (name := ctx.qualify(sub.func)) and ctx.plain_class(name) is not None
        for sub in walk(node.value)) for node in ctx.nodes(method))


# ------------------------------------------------------------------ stores Keras 3's tracked containers miss
# A list or dict assigned to a layer attribute becomes a TrackedList / TrackedDict. Measured on Keras
# 3.15.1 + TF 2.21 (ld011m, /tmp/fix9b/containers.py): append, insert, extend, `+=`, dict item
# assignment and dict.update track a new layer; list item assignment (`self.xs[i] = Dense(2)`, the
# `[None] * n` then fill-by-index pattern), slice assignment, item assignment into an inner list
# (`self.grid[r][c] = ...`) and dict.setdefault do not: 0 weights. (tf.keras 2 is not measured here.)

def _container_kinds(ctx) -> dict[str, str]:
    """attr -> "list" / "dict" / "nested" (a list of lists) for containers built in __init__/build."""
    kinds = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        kind = _display_kind(assign.value)
        if kind == "list":
            value = assign.value
            inner = value.elt if type(value) is ast.ListComp else value.elts[0] if type(value) is ast.List and value.elts else None
            if inner is not None and _display_kind(inner) == "list":
                kind = "nested"
        if kind:
            kinds[assign.attr] = kind
    return kinds


def _display_kind(expr) -> str | None:
    kind = type(expr)
    if kind in (ast.List, ast.ListComp) or kind is ast.BinOp and type(expr.op) is ast.Mult and \
            ast.List in (type(expr.left), type(expr.right)):
        return "list"
    if kind in (ast.Dict, ast.DictComp):
        return "dict"
    if kind is ast.Call and type(expr.func) is ast.Name and expr.func.id in ("list", "dict"):
        return expr.func.id
    return None


def _indexed_stores(ctx):
    kinds = _container_kinds(ctx)
    if not kinds:
        return  # no list or dict attribute: most classes
    reported = set()
    for method, func in ctx.methods_of("__init__", "build"):
        for node in ctx.nodes(method):
            store = _untracked_store(node, kinds)
            if store is None or store[0] in reported:
                continue
            attr, how, value = store
            env = ctx.env(func)
            items = value.elts if type(value) in (ast.List, ast.Tuple) else [value]
            if not any(ctx.value(item, env).kind == LAYER for item in items):
                continue
            if any(a.attr == attr and a.stmt.lineno > node.lineno for a in ctx.assigns_in(method)):
                continue  # assigned again afterwards (`self.xs = list(self.xs)`): that assignment tracks
            reported.add(attr)
            yield Hit(
                node,
                f"{ctx.name}.{method}() puts layers into self.{attr} by {how}: Keras 3 tracks the list or "
                f"dict a layer attribute holds on append, insert, extend, `+=` and dict item assignment, but "
                f"not on {how}, so these layers are not counted, trained or saved",
                attribute=attr, fix="indexed",
            )


def _untracked_store(node, kinds):
    """(attr, how, stored value) for a store Keras 3's tracked containers do not see."""
    if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Subscript:
        target = node.targets[0]
        attr = self_attr(target.value)
        if attr and kinds.get(attr) in ("list", "nested"):
            return attr, "slice assignment" if type(target.slice) is ast.Slice else "item assignment", node.value
        inner = target.value
        if type(inner) is ast.Subscript and (attr := self_attr(inner.value)) and kinds.get(attr) == "nested":
            return attr, "item assignment into an inner list", node.value
    elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "setdefault" \
            and len(node.args) == 2 and (attr := self_attr(node.func.value)) and kinds.get(attr) == "dict":
        return attr, "dict.setdefault", node.args[1]
    return None


# ------------------------------------------------------------------ a local container stored, then filled
# Measured on Keras 3.15.1 + TF 2.21 (ld011r, /tmp/fix12b/m1.py; keras/src/utils/tracking.py): storing a
# plain list or dict on a layer (`self.x = row`, `self.x = [row]`, `{"a": row}`, `self.x.extend([row])`,
# `self.x += [row]`) stores a tracked COPY; TrackedList.append / insert and TrackedDict item assignment
# keep the original, plain, and track only what it holds at that moment. Layers added to the local
# afterwards (`row.append(Dense(...))`, keras#20598) are never tracked: 0 weights. Likewise
# `self.grid.append([])` then `self.grid[i].append(Dense(...))` (the inner list stays plain), while
# `self.grid = [[], []]` wraps its inner lists and tracks them.

_ADDS = ("append", "extend", "insert", "update")


def _filled_after_stored(ctx):
    for method, func in ctx.methods_of("__init__", "build"):
        nodes = ctx.nodes(method)
        locals_ = {}  # local name -> lines that bind it (only names ever bound to a list/dict display)
        for node in ctx.nodes_of(method, ast.Assign):
            if len(node.targets) == 1 and type(node.targets[0]) is ast.Name \
                    and _display_kind(node.value) in ("list", "dict"):
                locals_.setdefault(node.targets[0].id, [])
        plain_inner = {}  # attr -> line of `self.attr.append([])` / `self.attr[k] = {}`
        if not locals_ and not any(type(n.func) is ast.Attribute and n.func.attr in _ADDS
                                   and n.args and _display_kind(n.args[-1]) for n in ctx.nodes_of(method, ast.Call)):
            continue  # nothing of the pattern: most methods
        stores = []  # (local name, line, attr)
        fills = []  # (node, the container written into, added value)
        for node in nodes:
            kind = type(node)
            if kind is ast.Assign:
                for target in node.targets:
                    if type(target) is ast.Name and target.id in locals_:
                        locals_[target.id].append(node.lineno)
                    elif attr := self_attr(target):
                        stores += [(name, node.lineno, attr) for name in _names_in(node.value, locals_)]
                    elif type(target) is ast.Subscript:
                        if attr := self_attr(target.value):  # `self.d[k] = row`: the original kept
                            stores += [(name, node.lineno, attr) for name in _names_in(node.value, locals_)]
                            if _display_kind(node.value) in ("list", "dict"):
                                plain_inner.setdefault(attr, node.lineno)
                        else:
                            fills.append((node, target.value, node.value))
            elif kind is ast.AugAssign and type(node.op) is ast.Add:
                if attr := self_attr(node.target):
                    stores += [(name, node.lineno, attr) for name in _names_in(node.value, locals_)]
                elif type(node.target) is ast.Name and node.target.id in locals_:
                    fills.append((node, node.target, node.value))
            elif kind is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _ADDS and node.args:
                owner = node.func.value
                if attr := self_attr(owner):
                    stores += [(name, node.lineno, attr) for arg in node.args for name in _names_in(arg, locals_)]
                    if node.func.attr in ("append", "insert") and _display_kind(node.args[-1]) in ("list", "dict"):
                        plain_inner.setdefault(attr, node.lineno)
                else:
                    fills.append((node, owner, node.args[-1]))
        if not stores and not plain_inner:
            continue
        env = ctx.env(func)
        reported = set()
        for node, owner, value in sorted(fills, key=lambda fill: (fill[0].lineno, fill[0].col_offset)):
            receiver = _receiver(owner, locals_, plain_inner)  # (the walk is not in line order)
            if receiver is None or not _holds_state(ctx, value, env):
                continue
            where, name = receiver
            if where == "self":
                attr, stored = name, plain_inner[name]
                if stored >= node.lineno or attr in reported:
                    continue
                how = f"self.{attr}[...] is a plain list or dict put into self.{attr} on line {stored}"
            else:
                found = [(line, attr) for n, line, attr in stores if n == name and line < node.lineno
                         and not any(line < bound < node.lineno for bound in locals_[name])]
                if not found or found[-1][1] in reported:
                    continue
                stored, attr = found[-1]
                if any(n == name and line > node.lineno for n, line, _ in stores) or \
                        any(a.attr == attr and a.stmt.lineno > node.lineno for a in ctx.assigns_in(method)):
                    continue  # stored again once filled: that store tracks what it holds
                how = f"the local {name} was stored in self.{attr} on line {stored}"
            reported.add(attr)
            yield Hit(
                node,
                f"{ctx.name}.{method}() adds layers after {how}: Keras 3 tracked a copy of it, or only "
                f"what it held then, so these layers are not tracked (not counted, trained or saved); fill "
                f"the list or dict before storing it, or assign self.{attr} again afterwards",
                attribute=attr, fix=None,
            )


def _names_in(expr, locals_):
    """Local container names `expr` stores: `row`, or the items of `[row, ...]` / `{k: row}`."""
    kind = type(expr)
    if kind is ast.Name:
        return [expr.id] if expr.id in locals_ else []
    items = expr.elts if kind in (ast.List, ast.Tuple) else expr.values if kind is ast.Dict else ()
    return [e.id for e in items if type(e) is ast.Name and e.id in locals_]


def _receiver(owner, locals_, plain_inner):
    """What a fill writes into: a local container, or an inner container of self.attr[...] kept plain."""
    if type(owner) is ast.Name and owner.id in locals_:
        return "local", owner.id
    if type(owner) is ast.Subscript and (attr := self_attr(owner.value)) and attr in plain_inner:
        return "self", attr
    return None


def _is_instance_dict(node) -> bool:
    """`self.__dict__` or `vars(self)`: the instance's own dict, which Keras's __setattr__ never sees."""
    if isinstance(node, ast.Attribute):
        return node.attr == "__dict__" and isinstance(node.value, ast.Name) and node.value.id == "self"
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id == "self")


def _instance_dict_writes(ctx):
    """Layers or variables made and stored with `self.__dict__[key] = ...`, `vars(self)[key] = ...`
    or `self.__dict__.update(...)`: the write bypasses Keras's __setattr__, so nothing is tracked
    (measured on Keras 3: 0 weights; `setattr(self, key, ...)` tracks them)."""
    for method, func in ctx.methods_of("__init__", "build"):
        env = ctx.env(func)
        for node in ctx.nodes(method):
            if isinstance(node, ast.Assign):
                targets = [t for t in node.targets if isinstance(t, ast.Subscript) and _is_instance_dict(t.value)]
                if not targets or not _holds_state(ctx, node.value, env):
                    continue
                key = ast.unparse(targets[0].slice)
                where = ast.unparse(targets[0])
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "update" and _is_instance_dict(node.func.value):
                if not any(_holds_state(ctx, value, env) for value in
                           [*node.args, *(keyword.value for keyword in node.keywords)]):
                    continue
                key, where = "name", f"{ast.unparse(node.func)}(...)"
            else:
                continue
            yield Hit(
                node,
                f"{ctx.name}.{method}() stores layers or variables through the instance dict "
                f"({where}): that bypasses Keras's __setattr__, so they are not "
                f"tracked, counted, trained or saved",
                attribute=key if key.isidentifier() else None,
                fix="instance_dict", fix_values={"key": key},
            )


def _creates_state(ctx, callee, file):
    """Whether calling `callee` (as written in `file`) makes a layer or a variable."""
    return _made_by(ctx, callee, file) in _STATE


def _made_by(ctx, callee, file) -> str:
    """The kind of value calling `callee` (a dotted name as written in `file`) makes, read as module code there
    (a class or a module context alike)."""
    return classify(ast.parse(f"{callee}()", mode="eval").body, ctx.project, file, ctx.target).kind


def _closures(ctx):
    for method, func in ctx.methods_of("__init__", "build"):
        assigns = ctx.assigns_in(method)
        if not any(type(a.value) in (ast.Name, ast.Lambda) for a in assigns):
            continue  # most methods store no function on self: skip the walks below
        env = ctx.env(func)
        local_defs = {n.name: n for kind in (ast.FunctionDef, ast.AsyncFunctionDef) for n in ctx.nodes_of(method, kind)
                      if n is not func}
        on_self = {v.id for a in assigns for v in walk(a.value) if isinstance(v, ast.Name)}
        for assign in assigns:
            value = assign.value
            if isinstance(value, ast.Name) and value.id in local_defs:
                body = local_defs[value.id]
            elif isinstance(value, ast.Lambda):
                body = value
            else:
                continue
            captured = []
            for name in free_names(body):
                if name in env and name not in on_self - {getattr(value, "id", None)}:
                    if any(ctx.value(v, ctx.env(func)).kind in _STATE for v in env[name]):
                        captured.append(name)
            if captured:
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is a function that closes over {', '.join(captured)}: "
                    f"layers and variables reachable only through a closure are not counted, "
                    f"trained or saved",
                    attribute=assign.attr,
                    fix="closure", fix_values={"captured": captured[0]},
                )


def _globals(ctx):
    globals_ = ctx.module_assigns
    if not globals_:
        return
    reported = set()
    for method, func in ctx.methods_of("call"):
        local = set(ctx.env(func)) | {a.arg for a in func.args.args + func.args.kwonlyargs}
        for node in ctx.nodes(method):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in globals_ \
                    and node.id not in local and node.id not in reported:
                stmt = globals_[node.id]
                kind = _global_state(ctx, stmt.value)
                factory = None
                if kind is None:
                    factory = _layer_factory(ctx, stmt.value)
                    if factory is None:
                        continue
                reported.add(node.id)
                made = f", the model or layer {factory}() returns" if factory else ""
                yield _global_hit(ctx, stmt, node, f"{ctx.name}.{method}() uses", made, kind)


_SEED_GENERATORS = {"keras.random.SeedGenerator", "keras.src.random.SeedGenerator",
                    "keras.random.seed_generator.SeedGenerator", "keras.src.random.seed_generator.SeedGenerator"}


def _global_state(ctx, expr) -> str | None:
    """What a module-level value is, when a layer would have to track it: LAYER, WEIGHT, or "seed" for
    a keras SeedGenerator (its state is a variable: measured on Keras 3.15.1, ld011s, a global one read
    in call() is in no layer's variables, is not saved, and fit advances it outside the model)."""
    value = ctx.classify_in(expr)
    if value.kind in (LAYER, WEIGHT):
        return value.kind
    return "seed" if value.qualname in _SEED_GENERATORS else None


def _global_hit(ctx, stmt, read, who, made="", kind=None):
    """The finding at a module-level layer or variable `stmt` that `read` (a Name in call()'s code) uses."""
    if kind == "seed":
        what = (f"a global SeedGenerator is not tracked by {ctx.name}: its state variable is in no layer's "
                f"variables, is not saved, and fit advances it outside the model (on JAX, Keras expects "
                f"the SeedGenerator attached to the layer)")
    else:
        what = (f"a global layer or variable is not tracked by {ctx.name}, so its weights are not counted, "
                f"trained or saved with it")
    return Hit(
        stmt,
        f"{who} the module-level {read.id} (line {read.lineno}){made}: {what}",
        attribute=read.id,
        fix="global", fix_values={"cls": ctx.name, "attr_lower": read.id.lower()},
    )


def _globals_in_functions(ctx):
    """A module-level layer or variable read by a function of the file that call() runs
    (`v = keras.Variable(...)` at the top, `def sinc(...): return concat([..., v, ...])`, `sinc(...)` in
    call()): as untracked as a global read in call() itself. One level of functions."""
    globals_ = ctx.module_assigns
    if not globals_:
        return
    reported, seen = set(), set()
    for method, func in ctx.methods_of("call"):
        local = set(ctx.env(func))
        for node in ctx.nodes(method):
            if type(node) is not ast.Call or type(node.func) is not ast.Name or node.func.id in local \
                    or node.func.id in seen:
                continue
            seen.add(node.func.id)
            fn = file_function(ctx.file, node.func)
            if fn is None:
                continue
            names = walk(fn)
            bound = set(bindings(names)) | {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
            for name in names:
                if type(name) is ast.Name and type(name.ctx) is ast.Load and name.id in globals_ \
                        and name.id not in bound and name.id not in reported:
                    stmt = globals_[name.id]
                    kind = _global_state(ctx, stmt.value)
                    if kind is None:
                        continue
                    reported.add(name.id)
                    yield _global_hit(ctx, stmt, name, f"{ctx.name}.{method}() runs {fn.name}(), which uses",
                                      kind=kind)


def _layer_factory(ctx, expr):
    """`encoder = make_encoder(...)` at module level: the name of the file's function called, when one of
    its returns makes a layer or model (`return Model(inputs, outputs)`, or a local bound to a layer:
    `net = Sequential([...]); return net`). Measured on Keras 3.15.1 (ld011n): such a global run in
    call() is as untracked as `encoder = Model(...)` written at module level."""
    if type(expr) is not ast.Call:
        return None
    func = file_function(ctx.file, expr.func)
    if func is None:
        return None
    body = own_nodes(func.body)
    env = bindings(body)
    for node in body:
        if type(node) is ast.Return and node.value is not None and \
                classify(node.value, ctx.project, ctx.file, ctx.target, env).kind == LAYER:
            return func.name
    return None


# ------------------------------------------------------------------ closures from a factory
# `self.head = make_head(...)` where make_head (a function of this file) builds layers and returns
# an inner function that calls them: call() runs layers Keras never sees.

def _called_on_self(ctx, phase):
    out = set()
    for method, _ in ctx.methods_of(phase):
        for node in ctx.nodes_of(method, ast.Call):
            attr = self_attr(node.func)
            if attr:
                out.add(attr)
    return out


def _holds_state(ctx, expr, env, *, in_container=False, _names=0):
    """Does `expr` make a layer or variable, or a list/tuple/comprehension of them? `in_container`
    (what is put into a container Keras 3 does not wrap): also through a local bound to one (`towers =
    [Dense(4)]`), and not for self.add_weight(...) or another method of self, whose weights the layer
    tracks itself (measured: 2 weights from a deque of them)."""
    def inner(e, names=_names):
        return _holds_state(ctx, e, env, in_container=in_container, _names=names)

    if in_container:
        if type(expr) is ast.Name:  # (a bounded number of names: `towers = [towers, ...]` refers to itself)
            return _names < 8 and any(inner(bound, _names + 1) for bound in env.get(expr.id, ()))
        if type(expr) is ast.Call and self_attr(expr.func):
            return False
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return any(inner(e) for e in expr.elts)
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return inner(expr.elt)
    if isinstance(expr, ast.DictComp):
        return inner(expr.value)
    if isinstance(expr, ast.Dict):
        return any(inner(v) for v in expr.values)
    return ctx.value(expr, env).kind in _STATE


def _returned_closure_state(ctx, factory):
    """Names of layers/variables the closure `factory` returns captures (empty if none)."""
    env = bindings(walk(factory))
    inner_defs = {n.name: n for n in walk(factory)
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not factory}
    captured = []
    for node in walk(factory):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, ast.Name) and value.id in inner_defs:
            body = inner_defs[value.id]
        elif isinstance(value, ast.Lambda):
            body = value
        else:
            continue
        for name in free_names(body):
            if name in env and any(_holds_state(ctx, v, env) for v in env[name]):
                captured.append(name)
    return list(dict.fromkeys(captured))


def _factory_closures(ctx):
    candidates = []
    for assign in ctx.self_assigns(("__init__", "build")):
        value = assign.value
        if isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute)):
            candidates.append((assign, value.func))
    if not candidates:
        return
    called = _called_on_self(ctx, "call")
    candidates = [(a, name) for a, name in candidates if a.attr in called]
    if not candidates:
        return
    for assign, func in candidates:
        factory = file_function(ctx.file, func)
        if factory is None:
            continue
        captured = _returned_closure_state(ctx, factory)
        if captured:
            name = ast.unparse(func)  # `make_head` or `Builder.make_head`
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} is the function {name}() returns, a closure over "
                f"{', '.join(captured)}: layers and variables reachable only through a closure are "
                f"not counted, trained or saved",
                attribute=assign.attr,
                fix="factory", fix_values={"factory": name},
            )
