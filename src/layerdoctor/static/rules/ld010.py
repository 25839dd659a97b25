"""LD010 variable-shadowed: a variable attribute overwritten by a tensor derived from it."""

import ast
import re

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import READ_ONLY_WEIGHTS, parsed_file
from ..context import FOREIGN, LAYER, WEIGHT, SelfAssign, bindings, self_attr
from ..options import may_turn_on, off_by_default
from ..project import is_framework_root, is_keras_layer_name
from ..walk import callee_name, methods_run, parent_map, walk
from . import Hit

RULE = Rule(
    code="LD010", name="variable-shadowed", severity="error", tf_keras_severity="error",
    summary="A variable attribute is overwritten by a tensor computed from it.",
    what="Static: finds `self.w = f(self.w)` (also through locals: `prev = self.w`, then `self.w = g(prev)`) after "
         "`self.w = self.add_weight(...)` (typically "
         "in `build()`) or, in `__init__`/`build()`, after `self.w = tf.Variable(...)` (lost on tf.keras 2 too), `self.w = self.add_weight(...) * k` or similar arithmetic on a fresh "
         "weight, and frozen copies under another name: a tensor computed in `build()`/`__init__` "
         "from a trainable weight (`self.masked = self.kernel * mask`, `ops.concatenate([row, "
         "self.embeddings])`, `ops.sigmoid(self.logit)`, a transpose or gather of it, also through "
         "local variables and a sublayer's `kernel`) stored on `self` and read by `call()` or a "
         "helper it calls; in a subclass of a built-in layer whose `build()` calls "
         "`super().build()`, the inherited weights (`kernel`, `embeddings`, ...) count too, also "
         "through aliases (`w = self.kernel`, `self.v = self.kernel` in `build()`), and a derived tensor written over the base's "
         "`_kernel` is reported because the inherited `call()` reads it. A copy stored on another "
         "layer counts too: `self.layer.normed_kernel = self.g * v / norm(v)` in a wrapper's "
         "`build()`, `self.head.tied_kernel = ops.transpose(self.embed.embeddings)` (an error when "
         "the attribute is a built-in weight such as `_kernel` or another class reads it; else a "
         "warning, as the reader is not in sight). Anywhere in a file, a built-in weight (`kernel`, `bias`, "
         "`embeddings`, ...) replaced by a tensor computed from it: `layer.kernel = f(layer.kernel)`, also read through a local "
         "or an attribute naming it (`self.w = self.layer.kernel` in build(), `self.layer.kernel = self.w / "
         "sigma` in a helper call() runs; for `bias` and the others not read-only on Keras 3 only when "
         "written in build()/__init__), and "
         "`setattr(layer, name, f(getattr(layer, name)))` with `name` the weight's name or a parameter a call "
         "in the file passes it to (a swap-the-kernel context manager). Any write to `kernel` or `embeddings` of an "
         "object made by Dense, EinsumDense, Conv1D/2D/3D or Embedding (a name or `self.<attr>` bound to the "
         "constructor call, in functions, module code or methods) is reported: those are read-only properties on "
         "Keras 3, whatever the value. On Keras 3, any tensor written (in functions or module code) over a built-in "
         "weight of a layer taken from a model (`model.layers[i].kernel = ...`, a loop variable over `model.layers`, "
         "`model.get_layer(...)`, a local bound to one): a MAML inner step, a tf.keras-era hypernetwork. Aliases of a held layer's weight are followed through locals "
         "(`kernel_layer = self.layer.cell if rnn else self.layer; self.v = kernel_layer.kernel`), and a held "
         "layer's `weights[i]` / `trainable_weights[i]` / `variables[i]` counts as its weight for frozen copies, "
         "also in a class with no weight of its own. `self.v += ...` on any weight, `trainable=False` state "
         "too (routing logits, a step counter: the attribute becomes a tensor, the variable keeps its first "
         "value). Runtime: reports layers whose output does not change when one of their "
         "variables is assigned a new value (the call reads a stale copy), and a weight that no pass "
         "reads and no loss trains while the class source stores a tensor computed from it (a frozen "
         "copy, or a list of slices of it: the link is read from the source, so the message says it is "
         "a heuristic), also when the source stores that tensor on a sublayer (`self.layer.<attr>`, or "
         "through a local alias, `inner = self.layer`) and leaves the weight unused; when outputs move call by "
         "call, an attribute named like an unheld variable that two calls rebind to different tensors while the "
         "variable stays unchanged (`self.bias += ...`); a `tf.SparseTensor` copy counts as a tensor; a float "
         "tensor a user layer stores where a Keras layer it holds keeps its weight (`self.mirror._kernel = ...`) "
         "that another call does not store again. Static, also: a shadowing only reached under an option that is "
         "off by default and that no instance made in the checked files turns on is a warning.",
    why={
        KERAS3: "After `self.kernel = ops.transpose(self.kernel)` the attribute holds a tensor "
                "computed once, in `build()`, from the variable's initial value. On TensorFlow and "
                "JAX the variable stays tracked (in `layer.weights` and counted) but `call()` reads "
                "the stale copy: the variable gets no gradient (`None` on TensorFlow, zeros on "
                "JAX), `fit` never changes the output, and the saved model stores a variable the "
                "layer does not use. TensorFlow's `fit` warns \"Gradients do not exist\"; JAX says "
                "nothing. torch differs: `ops.transpose` returns a view of the parameter, so that "
                "form happens to train; `self.w = self.add_weight(...) * 2.0` records a graph once "
                "in `build()`, and the second backward pass in `fit` raises \"Trying to backward "
                "through the graph a second time\". The same code thus trains on one backend and "
                "silently freezes on another. The same holds for a copy stored under another "
                "name (`self.masked_kernel = self.kernel * self.mask`, `self.table = "
                "ops.concatenate([pad_row, self.embeddings])`, `self.p = ops.sigmoid(self.p_logit)` "
                "in `build()`): the weight is counted and saved, `call()` reads the constant, and "
                "the weight gets no gradient. (TensorFlow 1 graph mode re-evaluated such tensors "
                "on every step, which is why this code once worked.)",
        TF_KERAS: "tf.keras 2 stops tracking a variable when its attribute is re-assigned: after "
                  "`self.kernel = tf.transpose(self.kernel)` the layer lists only its other weights, "
                  "and the kernel is not counted, not trained and not saved, silently. "
                  "`self.w = self.add_weight(...) * 2.0` keeps the variable counted but stale, and "
                  "`fit` logs \"Gradients do not exist for variables [...]\". A copy stored under "
                  "another name in `build()` is a constant computed once in eager mode: the "
                  "weight stays counted but gets no gradient.",
    },
    keras_says={
        KERAS3: msg.GRADS_K3.replace("linear/bias", "transposed_dense/kernel") + "\n"
                "RuntimeError: Trying to backward through the graph a second time (or directly "
                "access saved tensors after they have already been freed). Saved intermediate "
                "values of the graph are freed when you call .backward() or autograd.grad(). "
                "Specify retain_graph=True if you need to backward through the graph a second time "
                "or if you need to access saved tensors after calling backward.",
        TF_KERAS: msg.GRADS_TFK.replace("linear/bias", "scaled/scale"),
    },
    example=snippet("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.kernel = ops.transpose(self.kernel)  # now a constant tensor
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class TransposedDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(self.units, input_shape[-1]), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, ops.transpose(self.kernel)) + self.bias
    """),
    fix_hint="self.{attr} = self.add_weight(...)  # keep the variable as created\n"
             "# and apply the transformation where it is used, in call()",
    fixes={
        "frozen": "# compute it from the weight ({source}) in call(), on every call, not once in build():\n"
                  "{attr} = ...  # the same expression, as a local of call()",
    },
    fix_safety="Unsafe: the fix deletes the re-assignment and applies the expression in `call()`; "
               "the expression may refer to names that exist only in `build()`, and on torch (where "
               "a transpose view already trained) results can change.",
)

CODE = RULE.code


# `layer.kernel = f(layer.kernel)` on another object's weight (a wrapper or helper replacing the
# weight of the layer it holds): the regex is the trigger, the AST check decides.
_BUILTIN_WEIGHTS = ("kernel", "bias", "gamma", "beta", "embeddings", "depthwise_kernel", "pointwise_kernel",
                    "recurrent_kernel", "moving_mean", "moving_variance")
# Read-only properties on Keras 3 (Dense, EinsumDense, Conv*, Embedding): any tensor written there raises.
# `x.kernel = ...` (the literal `.` first lets the regex engine skip ahead). An owner other than a bare
# `self` may replace a held layer's weight: the value may read it through a local or an attribute naming
# it, so the name need not come back on the line; alone that gates the class check (CLASS_TRIGGER), and
# with a line naming the weight (`w = layer.kernel`) the module check (TRIGGER), as does the weight read
# again on its line (`layer.kernel = f(layer.kernel)`). One scan of the text answers both triggers.
_STORE_RE = re.compile(r"\.(" + "|".join(_BUILTIN_WEIGHTS) + r")[ \t]*=[^=]")
_READ_AGAIN = {name: re.compile(r"\." + name + r"\b") for name in _BUILTIN_WEIGHTS}
_NAMED_READ_RE = re.compile(r"\n[ \t]*[\w.]+[ \t]*=[ \t]*[\w.]+\.(?:" + "|".join(_BUILTIN_WEIGHTS) + r")[ \t]*\n")
_last_scan: list = [None, (False, False, False)]  # (text, (read again on its line, an owner other than self,
# such an owner's `kernel`/`embeddings` written))

# Built-in classes whose weight is a read-only property on Keras 3 (measured over keras.layers 3.15.1: no
# other built-in weight attribute lacks a setter). Writing anything there raises AttributeError.
_READ_ONLY_CTOR_RE = re.compile(r"\b(?:Dense|EinsumDense|Conv[123]D|Convolution[123]D|Embedding|ReversibleEmbedding)\(")


def _scan(text: str) -> tuple[bool, bool, bool]:
    if _last_scan[0] is text:
        return _last_scan[1]
    same_line = foreign = foreign_ro = False
    for m in _STORE_RE.finditer(text):
        at = m.start()
        if not foreign_ro and not (text.startswith("self", at - 4) and not (text[at - 5:at - 4].isalnum()
                                                                             or text[at - 5:at - 4] == "_")):
            foreign = True
            foreign_ro = m.group(1) in READ_ONLY_WEIGHTS
        if not same_line:
            eol = text.find("\n", m.end())
            same_line = _READ_AGAIN[m.group(1)].search(text, m.end(), eol if eol >= 0 else len(text)) is not None
        if same_line and foreign_ro:
            break
    _last_scan[0], _last_scan[1] = text, (same_line, foreign, foreign_ro)
    return same_line, foreign, foreign_ro


_NAMED_RE = re.compile(r"[\"'](" + "|".join(_BUILTIN_WEIGHTS) + r")[\"']")


def TRIGGER(text: str) -> bool:
    same_line, foreign, foreign_ro = _scan(text)
    return same_line or (foreign and (_NAMED_READ_RE.search(text) is not None or ".layers" in text
                                      or "get_layer(" in text)) or (
        "setattr(" in text and _NAMED_RE.search(text) is not None) or (
        foreign_ro and _READ_ONLY_CTOR_RE.search(text) is not None)  # `head.kernel = ...` on a `Dense(...)`


def CLASS_TRIGGER(text: str) -> bool:
    """May a layer class of this file write a held layer's weight (`self.layer.kernel = ...`)?"""
    return _scan(text)[1]


def check_module(ctx):
    """`x.layer.kernel = f(x.layer.kernel)` in functions and plain helper classes (layer classes: the
    class check, _held_weights_replaced): the built-in weight is replaced by a tensor computed from it.
    Keras 3 raises (`kernel` is a read-only property of Dense, Conv and Embedding) or, for attributes
    such as `bias`/`gamma`, the layer computes with a frozen copy and the variable gets no gradient."""
    nodes = walk(parsed_file(ctx.file.path))
    stores = [n for n in nodes if _replaces_a_weight(n)]
    if stores:
        layer_lines = {c.line for c in ctx.file.classes
                       if ctx.project.is_layer(ctx.project.key_of(c.qualname, ctx.file.path))}
        parents = parent_map(nodes)
    for node in stores:
        func, cls = _enclosing(node, parents)
        if cls is not None and cls.lineno in layer_lines:
            continue
        if node.targets[0].attr in READ_ONLY_WEIGHTS:
            hit = _read_only_write(ctx, node, _scopes_around(node, parents, parsed_file(ctx.file.path)),
                                   _class_scopes(cls) if cls is not None else [], None)
            if hit is not None:
                yield hit
                continue
        if ctx.target != TF_KERAS:
            hit = _layer_list_write(node, _scopes_around(node, parents, parsed_file(ctx.file.path)))
            if hit is not None:
                yield hit
                continue
        aliases = {}
        if cls is not None and (node.targets[0].attr in READ_ONLY_WEIGHTS or func.name in ("build", "__init__")):
            aliases = _weight_aliases(_class_scopes(cls))
        hit = _replaced_weight(node, walk(func) if func is not None else walk(node.value), aliases, None)
        if hit is not None:
            yield hit

    yield from _replaced_by_setattr(ctx)


def _replaces_a_weight(node):
    """`x.kernel = ...` (one target, a built-in weight's name, not `self.kernel`: the class checks')."""
    if type(node) is not ast.Assign or len(node.targets) != 1:
        return False
    target = node.targets[0]
    return type(target) is ast.Attribute and target.attr in _BUILTIN_WEIGHTS and not self_attr(target)


def _replaced_weight(node, scope, aliases, class_name):
    """A Hit if `owner.<w> = value` computes `value` from `owner.<w>`: read directly, through locals of
    `scope` (`w = layer.kernel`), or through `self.<alias>` (`aliases`: attribute -> the weight it names,
    `self.w = self.layer.kernel`). Putting the variable itself back is not a replacement."""
    target = node.targets[0]
    owners = {ast.dump(target.value)}
    if type(target.value) is ast.Name:
        # `inner = self.layer; inner.kernel = ...`: the local names the held layer
        bound = [n.value for n in scope if type(n) is ast.Assign and len(n.targets) == 1
                 and type(n.targets[0]) is ast.Name and n.targets[0].id == target.value.id]
        if len(bound) == 1 and self_attr(bound[0]):
            owners.add(ast.dump(bound[0]))
    mine = {a for a, pairs in aliases.items() if any(w == target.attr and o in owners for o, w in pairs)}
    reads = [n for n in scope if type(n) is ast.Attribute and type(n.ctx) is ast.Load and (
        (n.attr == target.attr and ast.dump(n.value) in owners) or self_attr(n) in mine)]
    if not reads or not _derived_from_reads(node.value, scope, reads):
        return None
    text = ast.unparse(target)
    via = [f"self.{a}" for a in sorted(mine) if any(self_attr(n) == a for n in reads)]
    return Hit(node, f"{text} is replaced by a tensor computed from it"
                     + (f" (read through {', '.join(via)}, which names it)" if via else "")
                     + f": on Keras 3 the built-in layers' `{target.attr}` is often a read-only property "
                       f"(AttributeError); where it is not, the layer computes with a frozen copy and the "
                       f"variable gets no gradient",
               attribute=text, class_name=class_name, fix=None)


def _enclosing(node, parents):
    """The innermost function around `node` and the class around that function (or None)."""
    func = cls = None
    current = parents.get(id(node))
    while current is not None:
        if func is None and type(current) in (ast.FunctionDef, ast.AsyncFunctionDef):
            func = current
        elif func is not None and type(current) is ast.ClassDef:
            cls = current
            break
        current = parents.get(id(current))
    return func, cls


def _class_scopes(cls):
    """The nodes of each method of a class (locals are per method)."""
    return [walk(f) for f in cls.body if type(f) in (ast.FunctionDef, ast.AsyncFunctionDef)]


def _weight_aliases(scopes):
    """attribute -> {(dump of the owner, weight)} for `self.w = self.layer.kernel` in each scope (a method's
    nodes), also through locals: `kernel_layer = self.layer.cell if rnn else self.layer; kernel =
    kernel_layer.kernel; self.v = kernel` (tfa's WeightNormalization) names both owners' `kernel`."""
    out = {}
    for nodes in scopes:
        env = None
        for n in nodes:
            if type(n) is not ast.Assign or len(n.targets) != 1 or not self_attr(n.targets[0]):
                continue
            values = [n.value]
            if type(n.value) is ast.Name:
                env = bindings(nodes) if env is None else env
                values = env.get(n.value.id, ())
            for value in values:
                if type(value) is ast.Attribute and value.attr in _BUILTIN_WEIGHTS:
                    if type(value.value) is ast.Name and env is None:
                        env = bindings(nodes)
                    for owner in _self_owners(value.value, env):
                        out.setdefault(n.targets[0].attr, set()).add((owner, value.attr))
    return out


def _self_owners(expr, env, depth=0):
    """Dumps of the `self.<a>[.<b>...]` expressions `expr` may name: itself, the branches of a conditional,
    the values of a local (one level)."""
    if type(expr) is ast.IfExp:
        return _self_owners(expr.body, env, depth) | _self_owners(expr.orelse, env, depth)
    if type(expr) is ast.Name and env and depth == 0:
        return set().union(*(_self_owners(v, env, 1) for v in env.get(expr.id, ())))
    root = expr
    while type(root) is ast.Attribute:
        root = root.value
    return {ast.dump(expr)} if root is not expr and type(root) is ast.Name and root.id == "self" else set()


def _scopes_around(node, parents, tree):
    """Node lists of the functions around `node`, innermost first, then the module's own statements."""
    out = []
    current = parents.get(id(node))
    while current is not None:
        if type(current) in (ast.FunctionDef, ast.AsyncFunctionDef):
            out.append(walk(current))
        current = parents.get(id(current))
    out.append(tree.body)
    return out


def _read_only_write(ctx, node, scopes, class_scopes, class_name):
    """A Hit for `owner.kernel = ...` / `owner.embeddings = ...` when `owner` is made by a built-in class whose
    weight is a read-only property (Dense, Conv*D, EinsumDense, Embedding): any value raises AttributeError.
    `owner` is a name bound in the innermost scope that binds it (`scopes`), or `self.<a>` bound in a method
    of the class (`class_scopes`), also through a local (`inner = self.dense`)."""
    target = node.targets[0]
    made = _made_by(target.value, scopes, class_scopes)
    if not made:
        return None
    names = {ctx.qualify(call.func) or "" for call in made}
    classes = {name.rpartition(".")[2] for name in names}
    if not all(n.startswith("keras.") for n in names) or not classes <= READ_ONLY_WEIGHTS[target.attr]:
        return None
    cls = sorted(classes)[0]
    text = ast.unparse(target)
    return Hit(node, f"{text} is written on a built-in {cls}: on Keras 3 `{target.attr}` is a read-only property "
                     f"there, so this raises AttributeError (\"property '{target.attr}' of '{cls}' object has no "
                     f"setter\"); assign into the variable ({text}.assign(...)) or share it in a custom layer",
               attribute=text, class_name=class_name, fix=None)


def _layer_list_write(node, scopes):
    """A Hit for `model.layers[i].kernel = <tensor>` (also `model.get_layer(...)`, a loop variable over
    `model.layers`, or a local bound to one of these): a tensor written over a weight of a layer taken from a
    model. On Keras 3 Dense/Conv/Embedding raise (read-only property); any other layer keeps its variable
    (counted, saved) and computes with the tensor: the variable gets no gradient. (tf.keras 2 code such as
    keras.io's old hypernetwork example does this on purpose: not checked there.)"""
    target, value = node.targets[0], node.value
    if type(value) is ast.Constant or type(value) is ast.Call and callee_name(value) in _MAKES_A_VARIABLE:
        return None  # `= None`; a new variable: another mistake (the layer is built: Keras refuses new state)
    how = _model_layer(target.value, scopes)
    if how is None:
        return None
    text = ast.unparse(target)
    effect = (f"on Keras 3 the built-in {_READ_ONLY_OWNERS[target.attr]} layers raise "
              f"AttributeError (`{target.attr}` is a read-only property there), and any other layer keeps its variable"
              if target.attr in READ_ONLY_WEIGHTS else "on Keras 3 the layer keeps its variable")
    return Hit(node, f"{text} = ... writes a tensor over the `{target.attr}` of a layer taken from {how}: {effect} "
                     f"(counted and saved) but computes with this tensor, so the variable gets no gradient; assign "
                     f"into the variable ({text}.assign(...)) or compute the layer's output from the tensors yourself",
               attribute=text, class_name=None, fix=None)


_MAKES_A_VARIABLE = {"Variable", "add_weight", "add_variable"}
_READ_ONLY_OWNERS = {"kernel": "Dense, EinsumDense and Conv", "embeddings": "Embedding"}  # (READ_ONLY_WEIGHTS, said short)


def _model_layer(owner, scopes, depth=0) -> str | None:
    """Where `owner` comes from when it is a layer taken from a model: "`model.layers`" for `model.layers[i]` or a
    loop variable over it (`for layer in model.layers`, `enumerate(...)`, `zip(...)` at its position),
    "`model.get_layer(...)`", also through a local bound once in the innermost scope that binds it; else None."""
    kind = type(owner)
    if kind is ast.Subscript and _layer_list(owner.value):
        return f"`{ast.unparse(owner.value)}`"
    if kind is ast.Call and type(owner.func) is ast.Attribute and owner.func.attr == "get_layer":
        return f"`{ast.unparse(owner.func)}(...)`"
    if kind is not ast.Name or depth > 2:
        return None
    for nodes in scopes:
        bound = []
        for n in nodes:
            if type(n) is ast.Assign and len(n.targets) == 1 and type(n.targets[0]) is ast.Name \
                    and n.targets[0].id == owner.id:
                bound.append(("value", n.value))
            elif type(n) in (ast.For, ast.comprehension) and any(type(t) is ast.Name and t.id == owner.id
                                                                  for t in walk(n.target)):
                bound.append(("loop", _iterated_for(n.target, n.iter, owner.id)))
        if bound:
            if len(bound) != 1 or bound[0][1] is None:
                return None
            how, value = bound[0]
            if how == "loop":
                return f"`{ast.unparse(value)}`" if _layer_list(value) else None
            return _model_layer(value, scopes, depth + 1)
    return None


def _layer_list(expr) -> bool:
    """`model.layers`, `self.model.layers`, `model.layers[1:]`."""
    if type(expr) is ast.Subscript and type(expr.slice) is ast.Slice:
        expr = expr.value
    return type(expr) is ast.Attribute and expr.attr == "layers"


def _iterated_for(target, iterable, name):
    """What the loop variable `name` runs over: `iterable` itself for `for name in ...`; the matching argument
    of `enumerate(...)` / `zip(...)` / `reversed(...)` for a tuple target; None when that cannot be told."""
    if type(target) is ast.Name:
        if type(iterable) is ast.Call and type(iterable.func) is ast.Name and iterable.func.id in ("reversed", "list") \
                and len(iterable.args) == 1:
            return iterable.args[0]
        return iterable
    if type(target) is not ast.Tuple or type(iterable) is not ast.Call or type(iterable.func) is not ast.Name:
        return None
    position = next((i for i, t in enumerate(target.elts) if type(t) is ast.Name and t.id == name), None)
    if position is None:
        return None
    if iterable.func.id == "enumerate" and position == 1 and iterable.args:
        return iterable.args[0]
    if iterable.func.id == "zip" and position < len(iterable.args):
        return iterable.args[position]
    return None


def _made_by(owner, scopes, class_scopes):
    """The calls that bind `owner` (a name, or `self.<a>` in a class), or [] when any binding is not a call."""
    if type(owner) is ast.Name:
        for nodes in scopes:
            values = [n.value for n in nodes if type(n) is ast.Assign and len(n.targets) == 1
                      and type(n.targets[0]) is ast.Name and n.targets[0].id == owner.id]
            if values:
                if class_scopes and len(values) == 1 and self_attr(values[0]):
                    return _made_by(values[0], (), class_scopes)  # `inner = self.dense`
                return values if all(type(v) is ast.Call for v in values) else []
        return []
    attr = self_attr(owner)
    if attr is None:
        return []
    values = [n.value for nodes in class_scopes for n in nodes if type(n) is ast.Assign and len(n.targets) == 1
              and self_attr(n.targets[0]) == attr]
    return values if values and all(type(v) is ast.Call for v in values) else []


def _replaced_by_setattr(ctx):
    """`setattr(layer, name, f(getattr(layer, name)))` where `name` is "kernel" (or a parameter a call in
    the file passes "kernel" to): larq's quantize() context swaps the kernel for its quantized copy while
    call() runs. Keras 3: AttributeError on Dense/Conv/Embedding; elsewhere a frozen copy, no gradient."""
    tree = parsed_file(ctx.file.path)
    literal_args = None
    for func in walk(tree):
        if type(func) not in (ast.FunctionDef, ast.AsyncFunctionDef):
            continue
        nodes = list(walk(func))
        setattrs = [n for n in nodes if type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "setattr"
                    and len(n.args) == 3]
        if not setattrs:
            continue
        if literal_args is None:
            literal_args = _weight_names_passed(tree)
        params = [a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs]
        for call in setattrs:
            owner, name, value = call.args
            weight = _weight_name(name, params, func.name, literal_args)
            if weight is None:
                continue
            reads = _getattr_reads(nodes, owner, name, weight)
            if reads and _derived_from_reads(value, nodes, reads):
                text = f"{ast.unparse(owner)}.{weight}"
                yield Hit(call, f"setattr({ast.unparse(owner)}, {ast.unparse(name)}, ...) replaces {text} with a "
                                f"tensor computed from it: on Keras 3 the built-in layers' `{weight}` is often a "
                                f"read-only property (AttributeError); where it is not, the layer computes with a "
                                f"frozen copy and the variable gets no gradient",
                          attribute=text, class_name=None, fix=None)
                break


def _weight_name(name, params, func_name, literal_args):
    if type(name) is ast.Constant and name.value in _BUILTIN_WEIGHTS:
        return name.value
    if type(name) is ast.Name and name.id in params:
        passed = literal_args.get((func_name, params.index(name.id)), set()) | literal_args.get((func_name, name.id), set())
        return next(iter(sorted(passed)), None)
    return None


def _weight_names_passed(tree):
    """(function, position or keyword) -> the built-in weight names passed there as string literals."""
    out = {}
    for node in walk(tree):
        if type(node) is not ast.Call:
            continue
        callee = node.func.id if type(node.func) is ast.Name else node.func.attr if type(node.func) is ast.Attribute else None
        if callee is None:
            continue
        offset = 1 if type(node.func) is ast.Attribute else 0  # a method: its first parameter is self
        for i, arg in enumerate(node.args):
            if type(arg) is ast.Constant and arg.value in _BUILTIN_WEIGHTS:
                out.setdefault((callee, i + offset), set()).add(arg.value)
                out.setdefault((callee, i), set()).add(arg.value)
        for kw in node.keywords:
            if type(kw.value) is ast.Constant and kw.value.value in _BUILTIN_WEIGHTS:
                out.setdefault((callee, kw.arg), set()).add(kw.value.value)
    return out


def _getattr_reads(nodes, owner, name, weight):
    """The reads of the weight in a function: `getattr(owner, name)` calls and `owner.<weight>`."""
    owner_dump = ast.dump(owner)
    key = (owner_dump, ast.dump(name))
    return [n for n in nodes if (type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "getattr"
                                 and len(n.args) >= 2 and (ast.dump(n.args[0]), ast.dump(n.args[1])) == key)
            or (type(n) is ast.Attribute and n.attr == weight and ast.dump(n.value) == owner_dump)]


def _derived_from_reads(value, nodes, reads):
    """Is `value` computed from one of `reads` (through locals), not the variable itself (a restore)?"""
    read_ids = {id(r) for r in reads}
    holders, derived = set(), set()  # locals holding the variable itself / computed from it
    for _ in range(3):  # locals assigned from locals: a few rounds settle it
        for node in nodes:
            if type(node) is not ast.Assign or len(node.targets) != 1 or type(node.targets[0]) is not ast.Name:
                continue
            target, expr = node.targets[0].id, node.value
            if id(expr) in read_ids or (type(expr) is ast.Name and expr.id in holders):
                holders.add(target)
            elif type(expr) is ast.Name and expr.id in derived or _computes_with(expr, read_ids, holders | derived):
                derived.add(target)
    if type(value) is ast.Name:
        return value.id in derived
    return _computes_with(value, read_ids, holders | derived)


def _computes_with(expr, read_ids, names):
    return type(expr) is not ast.Name and id(expr) not in read_ids and any(
        id(n) in read_ids or (type(n) is ast.Name and n.id in names) for n in walk(expr))


def check_class(ctx):
    yield from _shadowed(ctx)
    reported = set()
    for hit in _inherited_replaced_in_call(ctx):
        reported.add(hit.line)
        yield hit
    for hit in _read_only_weight_tied(ctx):
        if hit.line not in reported:
            reported.add(hit.line)
            yield hit
    yield from (hit for hit in _frozen_copies(ctx) if hit.line not in reported)  # (raising comes first)
    yield from _rebound_in_place_or_on_load(ctx)
    lines = set()
    for hit in _copies_on_other_layers(ctx):
        lines.add(hit.line)
        yield hit
    yield from (hit for hit in _held_weights_replaced(ctx) if hit.line not in lines)
    yield from _rebound_by_another_method(ctx)


# `self.w = tf.stop_gradient(self.w)` on one line of the class, in a method the rules do not read (one that
# __init__, build() and call() never run: illia's `freeze()`, a LoRA `merge()`). From the literal `self.`.
_REBOUND_FROM_ITSELF_RE = re.compile(r"self\.(\w+)[ \t]*=[^=\n][^\n]*?\bself\.\1\b(?![ \t]*\()")


def _rebound_by_another_method(ctx):
    """A weight made in __init__/build() that a method Keras never runs rebinds to a tensor derived from it
    (measured, held-out 42's illia `Linear.freeze()`: once it ran, call() used the tensor, the variable was
    left unchanged and saved, so a reloaded model predicted with other weights; after wiring a functional model
    it even held that trace's symbolic tensor and freeze() raised "out of scope")."""
    # (the weights first: _shadowed has classified these assignments already, and most classes make none)
    weights = {assign.attr for method, func in ctx.methods_of("__init__", "build") for assign in ctx.assigns_in(method)
               if ctx.value(assign.value, ctx.env(func)).kind == WEIGHT}
    text = ctx.cls.text() if weights else None
    if text is None:
        return
    weights &= {m.group(1) for m in _REBOUND_FROM_ITSELF_RE.finditer(text)}
    if not weights:
        return
    # (reached over the methods as written: a helper called once is inlined into its caller in ctx.methods)
    run = set().union(*(methods_run(ctx.cls.methods, entry) for entry in ("__init__", "build", "call")))
    for name in sorted(ctx.cls.method_names - run):
        if f"def {name}(" not in text:
            continue
        func = ctx.cls.method_alone(name)
        if func is None:
            continue
        for node in walk(func):
            if type(node) is not ast.Assign or len(node.targets) != 1:
                continue
            attr = self_attr(node.targets[0])
            if attr in weights and not _is_plain_self_attr(node.value) and _reads_attr(node.value, attr):
                yield Hit(
                    node,
                    f"{ctx.name}.{name}() overwrites the variable {ctx.name}.{attr} with a tensor derived from it: "
                    f"once {name}() runs, call() computes with that constant copy, the variable gets no gradient, "
                    f"and the copy is not what the model saves (update the variable in place: "
                    f"self.{attr}.assign(...), or keep the copy under another name)",
                    attribute=attr,
                )


def _held_weights_replaced(ctx):
    """`self.layer.kernel = self.w / sigma` in any method of a layer (a helper that call() runs too),
    `self.w` an alias of `self.layer.kernel`; or the weight read directly or through locals. Keras 3:
    AttributeError for `kernel`/`embeddings` (read-only properties); `bias` and the others are frozen
    copies when written in build()/__init__ (in call(), recomputed from the alias each call, they were
    measured to train, so an alias read counts there only for the read-only properties)."""
    if CODE not in ctx.file.text_rules:
        return  # the common case: no `x.kernel = ...` in the file's text
    aliases = None
    for method in ctx.methods:
        for node in ctx.nodes(method):
            if not _replaces_a_weight(node):
                continue
            if node.targets[0].attr in READ_ONLY_WEIGHTS:
                hit = _read_only_write(ctx, node, [ctx.nodes(method)], [ctx.nodes(m) for m in ctx.methods], ctx.name)
                if hit is not None:
                    yield hit
                    continue
            if aliases is None:
                aliases = _weight_aliases([ctx.nodes(m) for m in ctx.methods])
            usable = aliases if node.targets[0].attr in READ_ONLY_WEIGHTS or not ctx.in_phase(method, "call") else {}
            hit = _replaced_weight(node, ctx.nodes(method), usable, ctx.name)
            if hit is not None:
                yield hit


def _shadowed(ctx):
    weights, foreign, shadowed = set(), set(), {}
    for method, func in ctx.methods_of("__init__", "build", "call"):
        for assign in ctx.assigns_in(method):
            value = assign.value
            kind = ctx.value(value, ctx.env(func)).kind
            if kind == WEIGHT:
                weights.add(assign.attr)
                continue
            if kind == FOREIGN and type(value) is ast.Call and callee_name(value) in _VARIABLE_CONSTRUCTORS:
                # a tf.Variable (untracked on Keras 3) rebound in __init__/build() to a tensor made from it is lost
                # on tf.keras 2 too; rebound in call(), it is mostly state kept by hand (a recurrent memory)
                foreign.add(assign.attr)
                continue
            if (isinstance(value, ast.BinOp) or (type(value) is ast.Call and _names_a_weight_call(value)
                                                  and _is_tensor_call(ctx, value))) \
                    and _contains_variable_call(ctx, value, func):
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is computed from a variable created on the spot: the "
                    f"attribute holds a constant tensor, so call() never sees updates and the "
                    f"variable gets no gradient",
                    attribute=assign.attr,
                )
            elif (assign.attr in weights or assign.attr in foreign and not ctx.in_phase(method, "call")) \
                    and not _rebinds_the_copy(shadowed.get((method, assign.attr)), func, assign.stmt) \
                    and not _is_plain_self_attr(value) and (
                    _reads_attr(value, assign.attr) or _reads_through_locals(value, assign.attr, ctx.env(func))):
                shadowed.setdefault((method, assign.attr), assign.stmt)
                option = _dormant_option(ctx, assign.stmt, method)
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} overwrites the variable with a tensor derived from "
                    f"it in {method}(): call() uses a stale copy and the variable gets no gradient"
                    + (f" (only with {option}=True, which no instance made in the checked files turns on)"
                       if option else ""),
                    attribute=assign.attr, severity="warning" if option else None,
                )


def _rebinds_the_copy(first, func, stmt) -> bool:
    """True when `stmt` always runs after `first`, the rebind already reported (`first` in the statement list holding
    `stmt` or one around it): it rewrites the copy, not the variable, and the fix is the same change. A rebind in an
    `if` next to an unconditional one (IndRNN's clipping) may still meet the variable: both are reported."""
    if first is None:
        return False
    return any(first in body for body in _bodies_around(func, stmt))


def _bodies_around(node, stmt):
    """The statement lists from `node` down to the one holding `stmt`, outermost first (empty if not inside)."""
    for field in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(node, field, None)
        if not isinstance(block, list):
            continue
        if stmt in block:
            return [block]
        for child in block:
            inner = _bodies_around(child, stmt)
            if inner:
                return [block, *inner]
    return []


def _dormant_option(ctx, stmt, method):
    """The constructor parameter that must be on for `stmt` to run (`if self.sparse:` around it, `self.sparse =
    sparse` in __init__, `sparse=False` by default) when no instance made in the checked files may turn it on
    (ESN cells, held-out 34: the sparse path shadows the reservoir, the dense one, used, is fine); else None."""
    func, init = ctx.methods.get(method), ctx.methods.get("__init__")
    if func is None or init is None:
        return None
    parents = parent_map(walk(func))
    node, parent, flag = stmt, parents.get(id(stmt)), None
    while parent is not None and flag is None:
        if type(parent) is ast.If and node in parent.body:
            flag = self_attr(parent.test)
        node, parent = parent, parents.get(id(parent))
    param = next((a.value.id for a in ctx.assigns_in("__init__") if flag and a.attr == flag
                  and type(a.value) is ast.Name), None)
    if param is None or not off_by_default(init, param):
        return None
    return None if may_turn_on(ctx.project, ctx.qualname, ctx.file, init, param) else param


def _builtin_bases(project, qualname) -> list[str]:
    """The built-in Keras layers (Dense, Conv2D...; not Layer/Model) among the bases of a class."""
    return [b for b in project.ancestors(qualname) if is_keras_layer_name(b) and not is_framework_root(b)]


def _read_only_weight_tied(ctx):
    """`self.kernel = ops.transpose(self.tied_to.kernel)` in any method of a Dense/Conv/Embedding subclass
    (tied weights: held-out 27's autoencoders): the value reads another layer's weight, and on Keras 3
    `kernel`/`embeddings` are read-only properties of the base, so the store raises AttributeError
    ("property 'kernel' ... has no setter"; measured when the model is wired (build()) or first called
    (call())). Values handed in are LD001's (a built-in layer's weight replaced by given values)."""
    if ctx.target != KERAS3 or not any(ctx.mentions(attr) for attr in READ_ONLY_WEIGHTS):
        return  # (the cheap gate)
    bases = [b.rpartition(".")[2] for b in _builtin_bases(ctx.project, ctx.qualname)]
    if not bases:
        return
    own_properties = set(ctx.cls.method_names).union(
        *(summary.method_names for a in ctx.project.user_ancestors(ctx.qualname)
          if (summary := ctx.project.class_summary(a)) is not None))
    for method in ctx.methods:
        for assign in ctx.assigns_in(method):
            attr = assign.attr
            read_only = [b for b in bases if b in READ_ONLY_WEIGHTS.get(attr, ())]
            if not read_only or attr in own_properties:
                continue  # (a class defining its own `kernel` property may give it a setter)
            tied = next((n for n in walk(assign.value) if type(n) is ast.Attribute and n.attr in _BUILTIN_WEIGHTS
                         and self_attr(n) is None), None)
            if tied is None:
                continue  # not computed from another layer's weight
            yield Hit(assign.stmt, f"{ctx.name}.{method}() stores self.{attr} = {ast.unparse(assign.value)[:50]}: on "
                                   f"Keras 3 `{attr}` is a read-only property of {read_only[0]}, so this raises "
                                   f"AttributeError (\"property '{attr}' ... has no setter\"); for tied weights, read "
                                   f"{ast.unparse(tied)[:40]} in call() (transposed there) instead of storing it",
                      attribute=attr)


def _inherited_replaced_in_call(ctx):
    """`self.kernel = sign(self.kernel)` in call() of a Dense/Conv/Embedding subclass: the weight is the
    base's, so _shadowed does not know it. Measured on Keras 3: `kernel`/`embeddings` are read-only
    properties there (AttributeError, put back or not); a plain attribute (`bias`, `gamma`) swapped and put
    back in the same call trains, one left replaced gets no gradient from the second call on."""
    # call() and the helpers it runs (`def call(self, x): return self._forward(x)`)
    run = [m for m, _ in ctx.methods_of("call")] if "call" in ctx.methods else []
    stores = [a for m in run for a in ctx.assigns_in(m) if a.attr in _SUBLAYER_WEIGHTS]
    if not stores:
        return
    bases = _builtin_bases(ctx.project, ctx.qualname)
    if not bases:
        # a mixin on Layer whose subclasses add the built-in (`class QuantDense(QuantizerBase, Dense)`,
        # larq's early QuantizerBase, held-out 22): the weight it replaces is that built-in's
        bases = [b for sub in ctx.project.subclasses(ctx.qualname) for b in _builtin_bases(ctx.project, sub.qualname)]
    if not bases:
        return
    own, held = set(), {}  # held: attribute -> the weight it names (`self.v = self.kernel` in build(), NeurST)
    for method, _ in ctx.methods_of("__init__", "build"):
        for a in ctx.assigns_in(method):
            own.add(a.attr)
            if type(a.value) is ast.Attribute and self_attr(a.value):
                held[a.attr] = self_attr(a.value)
    aliases = {}  # local -> the weight it names (`w = self.kernel`)
    for node in (n for m in run for n in ctx.nodes(m)):
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            aliases[node.targets[0].id] = self_attr(node.value) if type(node.value) is ast.Attribute else None
    for assign in stores:
        attr = assign.attr
        if attr in own or type(assign.value) in (ast.Attribute, ast.Name) or not any(
                (self_attr(n) == attr or held.get(self_attr(n)) == attr) if type(n) is ast.Attribute
                else type(n) is ast.Name and aliases.get(n.id) == attr
                for n in walk(assign.value)):
            continue
        read_only = [b.rpartition(".")[2] for b in bases if b.rpartition(".")[2] in READ_ONLY_WEIGHTS.get(attr, ())]
        if read_only:
            yield Hit(assign.stmt, f"{ctx.name}.{attr} is replaced in call() by a tensor computed from it: on Keras 3 "
                                   f"`{attr}` is a read-only property of {read_only[0]}, so this raises AttributeError "
                                   f"(\"property '{attr}' ... has no setter\"); compute with a local instead",
                      attribute=attr)
        elif not any(later.attr == attr and later.stmt.lineno > assign.stmt.lineno and type(later.value) is ast.Name
                     for later in stores):  # `self.bias = saved` puts the variable back: trains
            yield Hit(assign.stmt, f"{ctx.name}.{attr} (the variable its built-in base made) is replaced in call() by "
                                   f"a tensor computed from it and never put back: from the next call on the layer "
                                   f"computes with that tensor and the variable gets no gradient", attribute=attr)


_WEIGHT_CALL_NAMES = {"add_weight", "add_variable", "Variable", "variable"}


def _names_a_weight_call(expr):
    """A cheap look before classifying: does a call inside `expr` name add_weight or a Variable?"""
    for node in walk(expr):
        if type(node) is ast.Call:
            func = node.func
            name = func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else None
            if name in _WEIGHT_CALL_NAMES:
                return True
    return False


def _is_tensor_call(ctx, expr):
    """`ops.expand_dims(...)`, `tf.transpose(...)`: a call of a tensor library (its result is a tensor)."""
    if not isinstance(expr, ast.Call):
        return False
    name = ctx.qualify(expr.func) or ""
    return name.startswith(("tensorflow.", "keras.ops.", "keras.backend.", "numpy.", "torch.", "jax.numpy."))


def _contains_variable_call(ctx, expr, func):
    """Does `expr` make a variable inside it (not `expr` itself: that is the variable, kept)? A backend variable
    is lost the same way on Keras 3 (it is not tracked either: `self.tau = tf.maximum(tf.Variable(0.01), 0.01)`
    stores a constant), when a variable constructor makes it (tf.Variable, torch's Parameter), not a JAX array."""
    for n in walk(expr):
        if n is expr or type(n) is not ast.Call:
            continue
        kind = ctx.value(n, ctx.env(func)).kind
        if kind == WEIGHT or kind == FOREIGN and callee_name(n) in _VARIABLE_CONSTRUCTORS:
            return True
    return False


_VARIABLE_CONSTRUCTORS = {"Variable", "variable", "Parameter"}


def _reads_attr(expr, attr):
    return any(self_attr(n) == attr for n in walk(expr) if isinstance(n, ast.Attribute))


def _reads_through_locals(expr, attr, env) -> bool:
    """Does `expr` read `self.<attr>` through the locals it names, transitively (`prev = self.level`, then
    `level = a * y + (1 - a) * prev` in a loop, then `self.level = level`: an ES-RNN layer, held-out 35)?"""
    todo, seen = [n.id for n in walk(expr) if type(n) is ast.Name], set()
    while todo and len(seen) < 100:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for value in env.get(name, ()):
            if _reads_attr(value, attr):
                return True
            todo.extend(n.id for n in walk(value) if type(n) is ast.Name)
    return False


def _is_plain_self_attr(expr):
    return isinstance(expr, ast.Attribute)


# ------------------------------------------------------------------ frozen copies
# `self.masked = self.kernel * self.mask` in build(), read in call(): a tensor computed once from
# the weight's initial value. The weight stays tracked and counted but call() never reads it.

# Attributes of a variable that are not its value: reading them copies nothing.
_META_ATTRS = {"shape", "dtype", "name", "path", "ndim", "trainable", "constraint", "regularizer",
               "initializer", "aggregation", "synchronization", "device", "op", "graph", "assign",
               "assign_add", "assign_sub", "get_shape"}
# Calls whose result is not a tensor holding the weight's values.
_META_CALLS = {"shape", "int_shape", "len", "isinstance", "hasattr", "getattr", "id", "str", "repr",
               "print", "type", "count_params", "get_shape", "as_list", "size", "rank", "ndim",
               "dtype", "standardize_dtype", "zeros_like", "ones_like", "add_loss", "add_metric",
               "add_update", "assign", "assign_add", "assign_sub", "is_keras_tensor", "is_tensor"}
# Weights of a built-in sublayer read through it (`self.dense.kernel`).
_SUBLAYER_WEIGHTS = {"kernel", "bias", "embeddings", "gamma", "beta", "depthwise_kernel",
                     "pointwise_kernel", "recurrent_kernel", "moving_mean", "moving_variance"}


def _trainable_weights(ctx, trainable_only=True):
    """Attributes set to a trainable weight in __init__/build (add_weight, keras.Variable), the
    weights a built-in base layer made in `super().build()`, and plain aliases (`self.v = self.kernel`).
    With trainable_only=False, the `trainable=False` ones too."""
    weights = set(_inherited_weights(ctx))
    aliases = []
    for method, func in ctx.methods_of("__init__", "build"):
        for assign in ctx.assigns_in(method):
            value = assign.value
            if isinstance(value, ast.Attribute) and self_attr(value) is not None:
                aliases.append((assign.attr, self_attr(value)))
            if ctx.value(value, ctx.env(func)).kind != WEIGHT:
                continue
            if trainable_only and _not_trainable(value):
                continue
            weights.add(assign.attr)
    weights |= {alias for alias, source in aliases if source in weights}
    return weights


def _not_trainable(value) -> bool:
    return isinstance(value, ast.Call) and any(
        kw.arg == "trainable" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in value.keywords)


# What a built-in layer's build() creates: a subclass that calls super().build() owns these, and the
# inherited call() reads them (`_kernel` is where Keras 3 keeps the variable behind `kernel`).
_BUILT_IN_WEIGHTS = _SUBLAYER_WEIGHTS | {"_kernel", "_bias"}


def _inherited_weights(ctx):
    """The built-in weights of a subclass of Dense, Conv2D, ... whose build() calls super().build()."""
    if "build" not in ctx.methods or not any(
            is_keras_layer_name(base) and not is_framework_root(base) for base in ctx.project.ancestors(ctx.qualname)):
        return set()
    for node in ctx.nodes("build"):
        if type(node) is ast.Call and isinstance(node.func, ast.Attribute) and node.func.attr == "build" \
                and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name) \
                and node.func.value.func.id == "super":
            return _BUILT_IN_WEIGHTS
    return set()


def _sublayers(ctx):
    layers = set()
    for method, func in ctx.methods_of("__init__", "build"):
        for assign in ctx.assigns_in(method):
            if ctx.value(assign.value, ctx.env(func)).kind == LAYER:
                layers.add(assign.attr)
    return layers


def _passed_in(ctx):
    """Attributes __init__ sets straight from one of its parameters (`self.tied_to = tied_to`)."""
    init = ctx.methods.get("__init__")
    if init is None:
        return set()
    params = {a.arg for a in init.args.args[1:] + init.args.kwonlyargs}
    return {assign.attr for assign in ctx.assigns_in("__init__")
            if isinstance(assign.value, ast.Name) and assign.value.id in params}


# A held layer's variable lists: `self.tied_to.weights[0]` is the variable itself, as `.kernel` is.
_WEIGHT_LISTS = {"weights", "trainable_weights", "variables", "trainable_variables"}


def _weight_read(node, weights, sublayers):
    """The weight `node` reads (`self.w`, `self.dense.kernel`, `self.tied_to.weights[0]`), or None."""
    if type(node) is ast.Subscript:
        listed = node.value
        if type(listed) is ast.Attribute and listed.attr in _WEIGHT_LISTS and type(node.slice) is ast.Constant:
            inner = self_attr(listed.value)
            if inner is None and type(listed.value) is ast.Name:
                inner = listed.value.id  # a local or an argument naming a layer
            if inner in sublayers:
                return f"{inner}.{listed.attr}[{node.slice.value!r}]"
        return None
    if not isinstance(node, ast.Attribute):
        return None
    attr = self_attr(node)
    if attr is not None:
        return attr if attr in weights else None
    inner = self_attr(node.value)
    if inner is None and type(node.value) is ast.Name:
        inner = node.value.id  # a local naming a sublayer (`inner = self.layer`)
    if inner in sublayers and node.attr in _SUBLAYER_WEIGHTS:
        return f"{inner}.{node.attr}"
    return None


def _derived_from(expr, weights, sublayers, tainted, aliases=None):
    """The weight whose value `expr` computes with (not only aliases or describes), or None.
    `tainted`: locals holding a computation on a weight; `aliases`: locals naming one (`w = self.kernel`)."""
    aliases = aliases or {}
    nodes = walk(expr)
    if not any((type(n) is ast.Name and (n.id in tainted or n.id in aliases)) or _weight_read(n, weights, sublayers)
               for n in nodes):
        return None  # the common case: no weight in sight, no parent map to build
    parents = parent_map(nodes)
    for node in nodes:
        if isinstance(node, ast.Name) and node.id in tainted:
            source = tainted[node.id]
        elif isinstance(node, ast.Name) and node.id in aliases:
            source = aliases[node.id]
        else:
            source = _weight_read(node, weights, sublayers)
        if source is None:
            continue
        if _computes_on(node, expr, parents, bare_ok=isinstance(node, ast.Name) and node.id in tainted):
            return source
    return None


def _computes_on(node, root, parents, bare_ok=False):
    """Is `node` an operand of a computation inside `root` (not a bare alias, list item or metadata)?
    `bare_ok`: `node` is a local already holding a computation, so an alias of it counts too."""
    computed = bare_ok
    current = node
    while current is not root:
        parent = parents.get(id(current))
        if parent is None:
            return False
        if isinstance(parent, (ast.Lambda, ast.FunctionDef)):
            return False  # evaluated later, when called
        if isinstance(parent, ast.Attribute) and parent.attr in _META_ATTRS:
            return False
        if type(parent) is ast.keyword and _is_constructor(parents.get(id(parent))):
            return False  # `Block(use_bias=config.bias)`: a setting handed to a class, not a tensor operand
        if isinstance(parent, ast.Call):
            if current is parent.func:
                if not isinstance(current, ast.Attribute):
                    return False
                # `self.kernel.numpy()`, `self.w.read_value()`: the method's owner is the operand
                if current.attr in _META_ATTRS or current.attr in _META_CALLS:
                    return False
            elif callee_name(parent) in _META_CALLS:
                return False
            computed = True
        elif isinstance(parent, (ast.BinOp, ast.UnaryOp)):
            computed = True
        elif isinstance(parent, ast.Subscript) and current is parent.value:
            computed = True
        elif isinstance(parent, (ast.Compare, ast.BoolOp, ast.IfExp)) and current is not getattr(parent, "body", None) \
                and current is not getattr(parent, "orelse", None):
            return False
        current = parent
    return computed


def _is_constructor(call) -> bool:
    name = callee_name(call) if type(call) is ast.Call else None
    return bool(name) and name[0].isupper()


def _reads_a_held_weight(ctx):
    """Cheap look for a class with no weight of its own: does build()/__init__ read `x.y.kernel` or
    `x.y.weights[i]` (a held layer's weight), or __init__ `arg.kernel` (a passed layer's)?"""
    params = _init_params(ctx)
    for method in ("build", "__init__"):
        if method in ctx.methods:
            for node in ctx.nodes_of(method, ast.Attribute):
                if (node.attr in _SUBLAYER_WEIGHTS or node.attr in _WEIGHT_LISTS) \
                        and (type(node.value) is ast.Attribute
                             or method == "__init__" and type(node.value) is ast.Name and node.value.id in params):
                    return True
    return False


def _init_params(ctx) -> set[str]:
    init = ctx.methods.get("__init__")
    if init is None:
        return set()
    return {a.arg for a in init.args.args[1:] + init.args.kwonlyargs}


# Methods Keras runs to put saved values back into a built layer: they should `.assign()` the values.
_LOAD_HOOKS = ("load_own_variables", "set_weights", "load_weights", "_load_own_variables")


def _rebound_in_place_or_on_load(ctx):
    """`self.kernel *= self.mask` (anywhere: a Keras variable has no in-place operators, so Python
    rebinds the attribute to the product, a tensor), and `self._bias = bias` in load_own_variables()/
    set_weights() (the attribute that held the variable now holds the loaded array). Either way the
    variable stays listed and counted while call() reads a constant: no gradient, never trained."""
    hooks = [name for name in _LOAD_HOOKS if name in ctx.cls.method_names]
    weights = _cached_weights(ctx)
    stored_twice = ctx.stored_twice()
    if not (hooks or stored_twice):
        return  # (the cheap gate: no loading hook, no attribute stored twice)
    augmented = [w for w in _trainable_weights(ctx, trainable_only=False) if w in stored_twice] if stored_twice else []
    for method in ctx.methods if augmented else ():
        for node in ctx.nodes(method):
            if type(node) is ast.AugAssign and self_attr(node.target) in augmented:
                attr = self_attr(node.target)
                if attr in weights:
                    effect = "the variable stays counted, call() reads a constant copy and the variable gets no gradient"
                else:  # a non-trainable state: routing logits, a step counter, running statistics
                    effect = ("the variable stays listed but keeps its initial value (and is saved so), while "
                              "each call starts from the tensor the previous call left")
                yield Hit(
                    node,
                    f"{ctx.name}.{attr} {_OPS.get(type(node.op), '?')}= ... in {method}() rebinds the attribute "
                    f"to a tensor computed from the variable (a Keras variable has no in-place operators): "
                    f"{effect} (compute into a local, or use "
                    f"self.{attr}.assign(...))",
                    attribute=attr,
                )
    if hooks and weights:
        ctx.cls.load_methods(tuple(hooks))  # (parsed on demand: not an entry method)
    for method in hooks if weights else ():
        func = ctx.cls.methods.get(method)
        if func is None:
            continue
        nodes = walk(func)
        env = bindings(nodes)
        for stmt in nodes:
            if type(stmt) is not ast.Assign or len(stmt.targets) != 1:
                continue
            attr, value = self_attr(stmt.targets[0]), stmt.value
            if attr not in weights or (type(value) is ast.Constant and value.value is None) \
                    or ctx.value(value, env).kind in (WEIGHT, LAYER):
                continue
            yield Hit(
                stmt,
                f"{ctx.name}.{attr} = ... in {method}() replaces the variable with the loaded value: the "
                f"variable stays counted as trainable, but call() then reads a constant and the variable gets "
                f"no gradient after loading (write self.{attr}.assign(value))",
                attribute=attr,
            )


_OPS = {ast.Mult: "*", ast.Add: "+", ast.Sub: "-", ast.Div: "/", ast.MatMult: "@", ast.Pow: "**",
        ast.FloorDiv: "//", ast.Mod: "%"}


def _cached_weights(ctx):
    """_trainable_weights(ctx), once per class (two checks ask)."""
    if "_ld010_weights" not in ctx.__dict__:
        ctx.__dict__["_ld010_weights"] = _trainable_weights(ctx)
    return ctx.__dict__["_ld010_weights"]


def _frozen_copies(ctx):
    weights = _cached_weights(ctx)
    text = ctx.cls.text() or ""
    # weights kept only in locals of build() (`k = self.add_weight(...)`, then `self.kernels.append(concat([k,
    # r]))`: Nested-LSTM's cell, held-out 41) are read below, in classes whose text makes one
    local_made = "= self.add_weight(" in text or "=self.add_weight(" in text
    if not weights and not local_made and not _reads_a_held_weight(ctx):
        return
    # a layer passed to the constructor counts too (`DenseTied(16, tied_to=encoder)`): its `.kernel`
    # read in build() is another layer's weight, and so is `embedding_layer.embeddings` read in __init__
    # straight from the argument
    sublayers = _sublayers(ctx) | _passed_in(ctx)
    arguments = _init_params(ctx) - sublayers
    call_methods = ctx.methods_of("call")
    inherited = _inherited_weights(ctx)
    if not call_methods and not inherited:
        return
    read_in_call, set_in_call = set(), set()
    for method, _ in call_methods:
        for node in ctx.nodes(method):
            attr = self_attr(node)
            if attr is None:
                continue
            (set_in_call if isinstance(node.ctx, ast.Store) else read_in_call).add(attr)
    seen = set()
    for method, func in ctx.only_phase("build") + ctx.only_phase("__init__"):
        if ctx.in_phase(method, "call"):
            continue
        held = sublayers | arguments if method == "__init__" else sublayers
        env = ctx.env(func)
        local_weights = _local_weights(ctx, env) if local_made else {}
        locals_ = None  # (tainted, aliases), worked out for the first assignment that needs them
        for assign in [*ctx.assigns_in(method), *(_appends(ctx, method) if local_weights else ())]:
            attr = assign.attr
            if attr in inherited and ctx.value(assign.value, env).kind not in (WEIGHT, LAYER) \
                    and attr not in set_in_call:
                # `self._kernel = self.g * self.v / norm` after super().build(): the inherited call()
                # reads the overwritten attribute
                locals_ = locals_ or _tainted_locals(env, weights, held, local_weights)
                source = _derived_from(assign.value, weights, held, *locals_)
                if source is not None and attr not in seen:
                    seen.add(attr)
                    yield Hit(
                        assign.stmt,
                        f"{ctx.name}.{attr} replaces the variable {attr} the base layer's build() made with "
                        f"a tensor computed from self.{source} in {method}(): the inherited call() uses a "
                        f"constant copy, and the weights get no gradient",
                        attribute=attr,
                        fix="frozen", fix_values={"source": source},
                    )
                continue
            if attr in seen or attr not in read_in_call or attr in set_in_call:
                continue
            if ctx.value(assign.value, env).kind in (WEIGHT, LAYER):
                continue
            locals_ = locals_ or _tainted_locals(env, weights, held, local_weights)
            source = _derived_from(assign.value, weights, held, *locals_)
            # (an attribute that is a weight in another branch counts when this branch copies another
            # layer's weight: `self.kernel = ops.transpose(self.tied_to.kernel)` else add_weight)
            if source is None or (attr in weights and "." not in source):
                continue
            seen.add(attr)
            if source in local_weights:
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{attr} {'gets' if type(assign.stmt) is ast.Call else 'is'} a tensor computed in {method}() from "
                    f"the weight `{source}` add_weight() made there, and call() reads it: a constant copy of the "
                    f"initial value, so the weight is counted but gets no gradient and never trains; keep the "
                    f"weights on self and compute with them in call()",
                    attribute=attr, fix="frozen", fix_values={"source": source},
                )
                continue
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is computed from the weight {_shown(source, arguments)} in {method}() and read "
                f"in call(): it is a constant copy of the initial value, so call() never sees "
                f"updates and {_shown(source, arguments)} gets no gradient"
                + (" through this layer (tied weights that are not tied)" if "." in source else ""),
                attribute=attr,
                fix="frozen", fix_values={"source": source},
            )


def _shown(source, arguments) -> str:
    """`self.dense.kernel`, or `embedding_layer.embeddings` for a weight read from an argument of __init__."""
    return source if source.split(".")[0] in arguments else f"self.{source}"


def _local_weights(ctx, env) -> dict[str, str]:
    """Locals bound once to a trainable weight the method makes (`k = self.add_weight(...)`): name -> name."""
    return {name: name for name, values in env.items() if len(values) == 1 and type(values[0]) is ast.Call
            and callee_name(values[0]) == "add_weight" and not _not_trainable(values[0])
            and ctx.value(values[0], env).kind == WEIGHT}


def _appends(ctx, method):
    """`self.kernels.append(value)` read as a store of `value` into self.kernels (its `stmt` is the call)."""
    for node in ctx.nodes_of(method, ast.Call):
        func = node.func
        if type(func) is ast.Attribute and func.attr in ("append", "insert") and node.args \
                and (attr := self_attr(func.value)) is not None:
            yield SelfAssign(attr, node.args[-1], node, method)


def _tainted_locals(env, weights, sublayers, local_weights=None):
    """(tainted, aliases): local names bound to a computation on a weight (`k = self.kernel * mask`), to a
    fixpoint, and names bound only to a weight itself (`w = self.kernel`, or a weight the method made and
    keeps only in a local: `local_weights`)."""
    aliases = {name: source for name, values in env.items() if len(values) == 1
               for source in [_weight_read(values[0], weights, sublayers)] if source is not None}
    aliases.update(local_weights or {})
    tainted: dict[str, str] = {}
    for _ in range(3):
        changed = False
        for name, values in env.items():
            if name in tainted or name in aliases:
                continue
            for value in values:
                source = _derived_from(value, weights, sublayers, tainted, aliases)
                if source is None and isinstance(value, ast.Name) and value.id in tainted:
                    source = tainted[value.id]
                if source is not None:
                    tainted[name] = source
                    changed = True
                    break
        if not changed:
            break
    return tainted, aliases


# ------------------------------------------------------------------ copies stored on another layer
# `self.layer.normed_kernel = self.g * v / norm(v)` in a wrapper's build(): the wrapped layer's call()
# reads a tensor computed once, so neither `g` nor the wrapped kernel gets a gradient.

_WRAPPERS = {"Wrapper", "Bidirectional", "TimeDistributed"}


def _foreign_stores(ctx, method):
    """(statement, owner, attr) for `self.<owner>.<attr> = ...` and `<local>.<attr> = ...` in `method`."""
    for node in ctx.nodes_of(method, ast.Assign):
        for target in node.targets:
            if type(target) is not ast.Attribute:
                continue
            owner = self_attr(target.value) if type(target.value) is ast.Attribute else \
                target.value.id if type(target.value) is ast.Name and target.value.id != "self" else None
            if owner is not None:
                yield node, owner, target.attr


def _layer_holders(ctx):
    """Attributes holding a layer: made in __init__/build, a wrapper's `layer`, built in build()
    (`self.embed.build(shape)`), or whose `.call()` call() runs."""
    layers = _sublayers(ctx)
    if any(base.rpartition(".")[2] in _WRAPPERS for base in ctx.project.ancestors(ctx.qualname)):
        layers.add("layer")
    for node in ctx.nodes("build") if "build" in ctx.methods else ():
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build":
            owner = self_attr(node.func.value) if type(node.func.value) is ast.Attribute else None
            if owner is not None:
                layers.add(owner)
    # and what call() runs as a layer: `self.revcomp.call(x)` on a copy made by `from_config` (janggu, held-out 34)
    for method, _ in ctx.methods_of("call"):
        for node in ctx.nodes(method):
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "call":
                owner = self_attr(node.func.value) if type(node.func.value) is ast.Attribute else None
                if owner is not None:
                    layers.add(owner)
    return layers


def _read_by_another_class(ctx, attr):
    """Does another class of the project mention `self.<attr>` (the layer whose call() reads it)?"""
    return any(attr in info.attr_counts for key, (info, _) in ctx.project.classes.items() if key != ctx.qualname)


def _copies_on_other_layers(ctx):
    phases = [(m, f) for m, f in ctx.only_phase("build") + ctx.only_phase("__init__") if not ctx.in_phase(m, "call")]
    stores = [(m, f, found) for m, f in phases for found in _foreign_stores(ctx, m)]
    if not stores:
        return  # the common case: build() writes only its own attributes
    layers = _layer_holders(ctx)
    weights = _trainable_weights(ctx)
    for method, func in phases:
        env = ctx.env(func)
        # locals naming a sublayer (`inner = self.layer`) count as the sublayer
        local_layers = {name for name, values in env.items() if len(values) == 1
                        and self_attr(values[0]) in layers and type(values[0]) is ast.Attribute}
        holders = layers | local_layers
        tainted, aliases = _tainted_locals(env, weights, holders)
        for stmt_method, _, (stmt, owner, attr) in stores:
            if stmt_method != method or owner not in holders:
                continue
            if ctx.value(stmt.value, env).kind in (WEIGHT, LAYER):
                continue  # the variable itself, shared by reference: the other layer reads it live
            source = _derived_from(stmt.value, weights, holders, tainted, aliases)
            if source is None:
                continue
            where = f"self.{owner}" if owner in layers else owner
            certain = attr in _BUILT_IN_WEIGHTS or _read_by_another_class(ctx, attr)
            yield Hit(
                stmt,
                f"{ctx.name} stores on {where}.{attr} a tensor computed from the weight self.{source} in "
                f"{method}(): the layer that reads {attr} in its call() uses a constant copy of the initial "
                f"values, so the weights get no gradient through it"
                + ("" if certain else f" (heuristic: no class here reads self.{attr}; it is assumed to be read "
                                      f"by the other layer's call())"),
                attribute=f"{owner}.{attr}",
                severity=None if certain else "warning",
                fix="frozen", fix_values={"source": source},
            )
