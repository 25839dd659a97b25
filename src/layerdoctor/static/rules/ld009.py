"""LD009 no-gradient: a trainable weight never read, or read only where no gradient flows."""

import ast
import builtins

from ... import keras_messages as msg
from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import (BASE_WEIGHT_NAMES, BASE_WEIGHTS, file_function, importing_files, keras_base_layer,
                           parsed_file)
from ..project import is_keras_layer_name
from ..context import LAYER, OTHER, STATELESS_LAYERS, WEIGHT, Value, bindings, classify, self_attr
from ..triggers import add_weight_from_outside, blocking_op_in_functional_code, mentions_lambda_layer
from ..inline import inline_helpers
from ..walk import callee_name, children, parent_map, walk
from . import Hit
from .ld002 import traced_call_unbuilt_sublayers
from .ld005 import configured_dead_sublayers, used_by_bases

RULE = Rule(
    code="LD009", name="no-gradient", severity="error", tf_keras_severity="error",
    summary="A trainable weight gets no gradient, so training never changes it.",
    what="Static: finds trainable weights created with `add_weight` that the class never reads "
         "(and the file never reads on an instance of it, as wiring code or a loss may), "
         "or reads only inside `stop_gradient(...)`, through NumPy or Python conversions "
         "(`.numpy()`, `np.asarray`, `float`), or through non-differentiable ops (`round`, "
         "`argmax`, casts to integers, `tf.numpy_function`, comparisons such as `x > self.t`, `greater_equal` or the "
         "condition of `where`), also inside a function of the file that passes the argument on only through "
         "such ops (`binarize(self.kernel)`); the same for the weights a Keras base layer makes (`Dense`'s "
         "and `ConvND`'s `kernel`/`bias`, `Embedding`'s `embeddings`...) when a subclass's `call()` never runs "
         "the base's `call()`; trainable weights whose every path to `call()`'s result (following its "
         "locals statement by statement) goes through `tf.numpy_function`/`tf.py_func` (`tf.py_function` "
         "records a gradient: not reported); a sublayer with trainable weights built explicitly "
         "(`self.x.build(shape)` in `__init__`, `build()` or a helper of theirs) that nothing in the class, "
         "its subclasses or its bases ever calls or reads; the weighted sublayers made in `__init__` of a Model or "
         "layer without `build()` whose `call()` is a `@tf.function` (Keras builds it by tracing `call()`, and the "
         "graph keeps their initial values); a sublayer `build()` builds but `call()` runs only under an "
         "`if` that the literal arguments an instance is made with in the file make False "
         "(`Block(..., use_gate=False)`); sublayers with weights and trainable weights whose every use in "
         "`call()` (and the methods it calls) is a result that is overwritten or never read before it returns "
         "(a dead store: `out = self.l1(x); out = self.l2(x)`; straight-line code read exactly, `if`/loops/`try` "
         "conservatively; not when the sublayer adds a loss (`activity_regularizer`, `self.add_loss`) or updates "
         "state (BatchNormalization), nor when other code of the file reads it); trainable weights created with "
         "an integer dtype; "
         "`layer.add_weight(...)` called from outside on a built-in "
         "layer (its `call()` never reads the new weight) unless the file reads it (a loss); and, "
         "as warnings since they read intent from use, the float output of trainable layers fed to a "
         "layer that reads integer ids (`Embedding`, `CategoryEncoding`, `IntegerLookup`, `Hashing`) "
         "in functional code, a sublayer with weights that `call()` uses "
         "only inside `stop_gradient(...)`, and a layer `call()` or a `Lambda` (an inline lambda or "
         "a function of the file, in functional code or a Sequential list) whose output is "
         "entirely the result of `round`/`argmax`/`floor`/`sign`/... and feeds further layers, or "
         "is the output of a model compiled with a loss, or is the only output of a model whose "
         "layers are made in the same code with no weights loaded into them (nothing before it "
         "trains; a Lambda made by a function of the file counts, and so does a function whose "
         "result ignores its input but for its shape), seen through "
         "`clip`/`one_hot`/`cast`/`reshape` (`one_hot(argmax(x))`), unless only the model's inputs come "
         "before it; and, in code that builds a functional model, such an op applied to a layer's or "
         "model's output and passed on to a further layer (`critic(ops.argmax(generator(z)))`); and "
         "a layer whose `call()` reads its input only through a NumPy conversion (a gradient "
         "barrier for every layer before it); while wiring a functional model, an error for a layer with "
         "weights (made there, not `trainable=False`) whose output is used only through "
         "`ops.stop_gradient(...)` (also after weightless layers and one-tensor ops). And a Model whose own "
         "`train_step` (and the methods it calls) hands the tape and the optimizer the variables of some sublayers "
         "only (`tape.gradient(loss, self.decoder.trainable_variables)`, lists joined with `+`, `extend`, `zip`), "
         "while a trainable sublayer with weights, or a weight, that the class makes itself is used on the way: `fit` "
         "never changes it (not for lists it cannot read, `self.trainable_variables`, frozen sublayers, or "
         "sublayers whose weights the class handles by hand, such as a moving-average teacher). "
         "Runtime: computes the gradient of the summed outputs "
         "with respect to every trainable weight and reports the weights that are "
         "disconnected: `None` on TensorFlow; on JAX, which returns zeros (a zero is not evidence), "
         "the objective is traced (`jax.make_jaxpr`) and linearized, and a weight counts when the "
         "derivative's computation depends on it; on torch, the autograd graph is walked and a weight "
         "counts when a path reaches it that crosses no zero-derivative operation (`round`, `sign`). A weight "
         "counts as trained when it gets a gradient from the inference outputs or from a training-mode "
         "pass with `model.losses` and the compiled loss; when nothing float can be differentiated "
         "(token ids in, ids out), the weights the forward pass never reads are reported. It also "
         "recognises the error a NumPy conversion raises while the model is built.",
    why={
        KERAS3: "The weight is listed as trainable and counted in the summary, but no gradient "
                "reaches it, so training never changes it: it keeps its initial value (zeros for a "
                "bias, random numbers for a kernel). How it shows depends on the backend. "
                "TensorFlow and torch return a `None` gradient, and `fit` warns \"Gradients do not "
                "exist for variables [...]\" with a misleading hint about a missing `loss` (when no "
                "weight of the model has a gradient, TensorFlow's `fit` raises \"No gradients "
                "provided for any variable.\"). JAX "
                "returns an all-zero gradient, never `None`, and `fit` prints nothing, so a zero "
                "gradient alone does not prove the bug; `round` on torch also gives zeros without a "
                "warning. Converting the weight to NumPy in `call()` fails instead of training: on "
                "TensorFlow when the model is built (\"numpy() is only available when eager "
                "execution is enabled.\"), on JAX at gradient time, while torch only warns in `fit`.",
        TF_KERAS: "As on Keras 3 with TensorFlow: counted as trainable, `None` gradient, never "
                  "trained; `fit` logs \"Gradients do not exist for variables [...]\" through the "
                  "TensorFlow logger, which is easy to miss. A NumPy conversion in `call()` raises "
                  "\"numpy() is only available when eager execution is enabled.\" when the model "
                  "is built.",
    },
    keras_says={
        KERAS3: msg.GRADS_K3 + "\n" + msg.NO_GRADIENTS + "\n"
                "NotImplementedError: numpy() is only available when eager execution is enabled.",
        TF_KERAS: msg.GRADS_TFK + "\n"
                  "NotImplementedError: numpy() is only available when eager execution is enabled.",
    },
    example=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel)  # self.bias is never used
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class Linear(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="# read it differentiably in call(), or make it a constant:\n"
             "self.{attr} = self.add_weight(..., trainable=False)",
    fixes={
        "train_step": "# hand the tape and the optimizer every trainable variable of the model:\n"
                      "grads = tape.gradient(loss, self.trainable_variables)",
        "dead_store": "# feed the result on (`x = self.{attr}(x)`) or read it where it was meant to go; "
                      "if it is not needed, remove self.{attr}",
        "unused_sublayer": "# call it in call(), delete it, or freeze it:\n"
                           "y = self.{attr}(x)",
    },
    fix_safety="No automatic fix: using the weight changes the model's output, and marking it "
               "`trainable=False` changes what the optimizer and the summary see; only the author "
               "knows which was meant.",
)

CODE = RULE.code

# Calls whose result carries no gradient back to their arguments.
_BLOCKING_CALLS = {"stop_gradient", "convert_to_numpy", "round", "argmax", "argmin", "sign", "floor",
                   "ceil", "asarray", "array", "float", "int", "argsort", "rint", "floor_divide",
                   "zeros_like", "ones_like"}  # (the last two read only the shape: no gradient either)
_BLOCKING_METHODS = {"numpy", "detach", "tolist", "item"}
# A comparison's result is a boolean: nothing flows back to what was compared.
_COMPARISONS = {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and",
                "logical_or", "logical_not", "logical_xor"}
_INT_DTYPES = ("int", "uint", "bool")
# Reading these means weights may be used by position, not by attribute.
_WEIGHT_LISTS = ("weights", "trainable_weights", "variables", "trainable_variables", "_trainable_weights",
                 "get_weights", "non_trainable_weights", "_weights")


def check_class(ctx):
    reported = set()
    for hit in _checks(ctx):
        reported.add(hit.attribute)
        yield hit
    yield from _dead_results(ctx, reported)


def _traced_before_built(ctx):
    """Measured (ld009zc, heldout16's Deep CFR network): a Model or layer without build() whose call() is a
    @tf.function: Keras builds it by tracing call(), the graph keeps the sublayers' initial weights, and every
    one gets a None gradient (fit: "No gradients provided"). With build() the first call may be eager: LD002's
    warning only."""
    for assign, value, no_build in traced_call_unbuilt_sublayers(ctx):
        if no_build:
            yield Hit(assign.stmt, f"{ctx.name}.call() is a @tf.function and the class has no build(): Keras builds it "
                                   f"by tracing call(), so the weights of self.{assign.attr} (a {value.layer_class}) are "
                                   f"constants of the traced graph and get no gradient; build the sublayers in build() "
                                   f"or drop the decorator", attribute=assign.attr, fix=None)


def _checks(ctx):
    yield from _left_out_of_train_step(ctx)
    yield from _configured_dead_sublayers(ctx)
    yield from _traced_before_built(ctx)
    yield from _built_never_called(ctx)
    yield from _blocked_output(ctx)
    yield from _blocked_sublayers(ctx)
    yield from _input_taken_to_numpy(ctx)
    if any(ctx.mentions(name) for name in _WEIGHT_LISTS):
        return
    weights = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        func = ctx.methods[assign.method]
        if ctx.value(assign.value, ctx.env(func)).kind == WEIGHT and _trainable(assign.value):
            weights.setdefault(assign.attr, assign)
    for attr, assign in weights.items():
        dtype = next((kw.value for kw in assign.value.keywords if kw.arg == "dtype"), None)
        if dtype is not None and _int_dtype(dtype):
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is a trainable weight of integer dtype ({ast.unparse(dtype)}): no "
                f"gradient is defined for integers, so it is counted but never trained",
                attribute=attr,
            )
            continue
        if ctx.is_unused(attr) and ctx.has_method("call") and not _read_on_instances(ctx, attr) \
                and not _read_by_bases(ctx, attr):
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is a trainable weight that nothing reads: it is counted but "
                f"gets no gradient and is never trained",
                attribute=attr,
            )
            continue
        copies = _read_only_for_copies(ctx, attr)
        if copies:
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is read only in {copies[0]}(), to compute self.{copies[1]}, which call() "
                f"reads: a tensor computed once from the weight's initial value, so the weight gets no "
                f"gradient and is never trained (compute it in call())",
                attribute=attr,
            )
            continue
        blocked = _only_blocked_reads(ctx, attr)
        if blocked is not None:
            node, why = blocked
            yield Hit(
                node,
                f"{ctx.name}.{attr} reaches the output only through {why}: it gets no gradient and "
                f"is never trained",
                attribute=attr,
            )
            continue
        bridge = _cut_by_numpy_function(ctx, attr)
        if bridge is not None:
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} reaches call()'s result only through {bridge}: a NumPy function has no "
                f"gradient, so the weight is counted as trainable but never trained (and neither is any "
                f"layer before it); write the function with tf/keras.ops, or use tf.py_function, which "
                f"records a gradient",
                attribute=attr,
            )
    for attr, base in _inherited_weights(ctx, weights):
        blocked = _only_blocked_reads(ctx, attr)
        if blocked is not None:
            node, why = blocked
            yield Hit(
                node,
                f"{ctx.name}.{attr} (the weight {base} makes) reaches the output only through {why}, and "
                f"call() never hands off to {base}.call(): it gets no gradient and is never trained (for "
                f"quantized weights, pass the gradient straight through: w + stop_gradient(q(w) - w))",
                attribute=attr,
            )


def _inherited_weights(ctx, own):
    """(attr, base) for the weights a Keras base layer makes that this class reads itself (not `own`)."""
    if "call" not in ctx.methods or not any(ctx.mentions(n) for n in BASE_WEIGHT_NAMES):
        return []  # the cheap gate: no `self.kernel`-like name in the class
    base, between = keras_base_layer(ctx)
    if base not in BASE_WEIGHTS:
        return []
    for method, _ in ctx.methods_of("call"):
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and node.attr in ("call", "__call__"):
                return []  # `super().call(inputs)`, `Dense.call(self, x)`: the base reads them too
    # a project base in between that mentions the weight may read it in a method call() uses: not here
    return [(attr, base) for attr in BASE_WEIGHTS[base] if attr not in own and ctx.mentions(attr)
            and not any(info.attr_counts.get(attr, 0) or info.dynamic_access for info in between)]


# Keras base layers whose public weight is a property over a private attribute (Dense.kernel returns
# self._kernel): a subclass storing `self._kernel = add_weight(...)` and reading `self.kernel` reads it.
_PROPERTY_WEIGHTS = {
    **dict.fromkeys(("Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D",
                     "Convolution3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                     "Convolution2DTranspose", "Convolution3DTranspose"), ("_kernel",)),
    "Embedding": ("_embeddings",),
}


def _read_by_bases(ctx, attr):
    """Is a weight stored in this class read elsewhere than its own body: by a project base or mixin
    (`class DenseMML(keras.Layer, Fallback)`, Fallback's helper reads self._kernel), or through a Keras
    base's property over it (`self._kernel = ...` in a Dense subclass, `self.kernel` read)?"""
    if used_by_bases(ctx, attr, strict=False):
        return True
    for ancestor in ctx.project.user_ancestors(ctx.qualname):
        if ancestor not in ctx.project.classes and "." not in ancestor:
            # a base named by a top-level alias of a class of the file (`Backend = Fallback`)
            for stmt in parsed_file(ctx.file.path).body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == ancestor
                                                        for t in stmt.targets):
                    target = ctx.project.qualify(stmt.value, ctx.file)
                    if target in ctx.project.classes and any(
                            (found := ctx.project.classes.get(name)) and found[0].attr_counts.get(attr, 0)
                            for name in [target, *ctx.project.user_ancestors(target)]):
                        return True
    if attr.startswith("_") and ctx.mentions(attr[1:]):
        for ancestor in ctx.project.ancestors(ctx.qualname):
            if attr in _PROPERTY_WEIGHTS.get(ancestor.rsplit(".", 1)[-1], ()):
                return True
    return False


def _read_only_for_copies(ctx, attr):
    """(method, copy) when every read of self.<attr> is in __init__/build() (not run by call()), inside
    the value of `self.<copy> = ...` for other attributes that call() reads (`self.beg = abs(self.b1) +
    m` in build()): call() sees a constant computed once, never the weight. LD010 reports the copy."""
    reads = ctx.mentions(attr) - ctx.stores_of(attr)
    if reads <= 0 or ctx.cls.dynamic_access:
        return None
    found, counted = None, 0
    for method, _ in ctx.methods_of("__init__", "build"):
        if ctx.in_phase(method, "call"):
            return None
        for assign in ctx.assigns_in(method):
            if self_attr(assign.value) == attr:
                return None  # `self.w_ref = self.w`: an alias of the variable, which call() may read
            n = sum(1 for node in walk(assign.value) if type(node) is ast.Attribute and self_attr(node) == attr)
            if n and assign.attr != attr:
                counted += n
                found = found or (method, assign.attr)
    if found is None or counted != reads or any(
            sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)):
        return None
    copies_read = set()
    for method, _ in ctx.methods_of("call"):
        copies_read |= {self_attr(node) for node in ctx.nodes(method)
                        if type(node) is ast.Attribute and type(node.ctx) is ast.Load}
    if found[1] not in copies_read or _read_by_bases(ctx, attr) or _read_on_instances(ctx, attr):
        return None
    return found


def _configured_dead_sublayers(ctx):
    """A sublayer build() builds, or a weight it always creates, that call() reads only under an `if` or in
    a `for ... in range(...)` that the arguments an instance is made with in this file make False or empty
    (`Block(..., use_gate=False)`, `Series(terms=2)`): trainable weights, no gradient."""
    for site, attr, cls, test, built, where in configured_dead_sublayers(ctx):
        if cls is None:  # a weight
            if _read_outside(ctx, attr):
                continue  # (`model.layers[1].bias` in a loss: it may get a gradient there)
            yield Hit(
                site if where is None else ctx.line,
                f"{where + ': ' if where else ''}{ast.unparse(site)[:80]}: with these arguments {ctx.name}.{attr}, a "
                f"trainable weight {ctx.name} always creates, reaches call()'s result only {test}: it is counted "
                f"as trainable and saved but gets no gradient and is never trained (create it under the same "
                f"condition call() reads it under)",
                attribute=attr,
            )
        elif built:
            yield Hit(
                site if where is None else ctx.line,
                f"{where + ': ' if where else ''}{ast.unparse(site)[:80]}: with these arguments {ctx.name}.{attr} ({cls}) is built by build() "
                f"but call() runs it only {test}: its weights are counted as "
                f"trainable and saved but get no gradient and are never trained (create it under the same "
                f"condition, or set {attr}.trainable = False)",
                attribute=attr,
            )


def _built_never_called(ctx):
    """A sublayer with trainable weights, created in __init__/build() (or a helper of theirs), whose only
    mentions in the class are its stores and `self.<attr>.build(...)`: built (its weights are counted,
    saved, handed to the optimizer) but never called, so none of them gets a gradient."""
    if not ctx.has_method("call") or ctx.cls.dynamic_access:
        return
    builds, seen = None, set()
    for assign in ctx.self_assigns(("__init__", "build")):
        attr = assign.attr
        if attr in seen:
            continue
        seen.add(attr)
        extra = ctx.mentions(attr) - ctx.stores_of(attr)
        if extra <= 0:
            continue  # (never mentioned again: LD005's unbuilt sublayer)
        if builds is None:
            builds = _self_builds(ctx)
        if builds.get(attr, 0) != extra:
            continue  # read somewhere besides its builds
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname) \
                or not _trainable(assign.value):
            continue
        if any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)) \
                or used_by_bases(ctx, attr, strict=True) or _read_on_instances(ctx, attr):
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{attr} ({value.layer_class}) is built with self.{attr}.build(...) but call() never runs "
            f"it and nothing else uses it: its weights are counted as trainable and saved, but get no gradient "
            f"and are never trained",
            attribute=attr, fix="unused_sublayer",
        )


def _self_builds(ctx):
    """attr -> how many `self.<attr>.build(...)` calls the __init__/build() methods (and their helpers) hold."""
    counts = {}
    for method, _ in ctx.methods_of("__init__", "build"):
        for node in ctx.nodes(method):
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build":
                attr = self_attr(node.func.value)
                if attr:
                    counts[attr] = counts.get(attr, 0) + 1
    return counts


def _read_on_instances(ctx, attr):
    """Does the file, or a checked file that imports the class, read `<instance>.<attr>` on an instance
    of this class (`h = Holder(); ops.matmul(x, h.w)`)? Then the weight is used outside call() (wired
    into a model, read by a loss); projects keep their layers and their model code in different files."""
    files = [ctx.file, *importing_files(ctx)]
    for file in files:
        tree = parsed_file(file.path)
        instances = set()
        for node in walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                    and _last_name(ctx.project.qualify(node.value.func, file)) == ctx.name:
                instances |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if instances and any(
                isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name) and node.value.id in instances for node in walk(tree)):
            return True
    return False


def _trainable(call):
    if not isinstance(call, ast.Call):
        return False
    for kw in call.keywords:
        if kw.arg == "trainable":
            return not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
    return True


def _only_blocked_reads(ctx, attr):
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
                if not _may_block(ctx, method):
                    return None
                parents = parents or _parents(ctx, method)
                why, stmt = _climb(node, parents, ctx)
                if why is None and type(stmt) is ast.Assign and _single_name_target(stmt):
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


_BLOCKING_NAMES = _BLOCKING_CALLS | _COMPARISONS | {"where", "cast"}


def _may_block(ctx, method) -> bool:
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
                if type(node.func) is ast.Attribute and self_attr(node.func) in ctx.methods \
                        and node.func.attr != method and _may_block(ctx, node.func.attr):
                    found = True  # `self._ternarize(self.kernel)`: a method of the class that holds a blocking op
                    break
        cache[method] = found
    return cache[method]


def _parents(ctx, method):
    """parent_map() of a method's nodes, once per method (several weights of a class ask)."""
    cache = ctx.__dict__.setdefault("_ld009_parents", {})
    if method not in cache:
        cache[method] = parent_map(ctx.nodes(method))
    return cache[method]


def _configured_outside_call(ctx, attr):
    """How many reads of self.<attr> outside the call phase only set an attribute of the weight
    (`self.kernel.constraint = clip` in build()): no gradient path. Never `.trainable` (then it is frozen)."""
    count = 0
    for method in ctx.methods:
        if ctx.in_phase(method, "call"):
            continue
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and type(node.ctx) is ast.Store and self_attr(node.value) == attr:
                if node.attr in ("trainable", "_trainable"):
                    return -1  # frozen by hand: keep the counts apart, no finding
                count += 1
    return count


def _blocker(node, parents, ctx):
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
            name = (ctx.qualify(parent.func) or "").rsplit(".", 1)[-1]
            if name in _BLOCKING_CALLS:
                return f"{name}()", None
            if name in _COMPARISONS:
                return f"a comparison ({name}())", None
            if name == "where" and parent.args and current is parent.args[0]:
                return "the condition of where()", None
            if name == "cast" and len(parent.args) > 1 and _int_dtype(parent.args[1]):
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
        if type(stmt) is ast.Assign and _single_name_target(stmt):
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
            elif kind in (ast.Assign, ast.AnnAssign) and _single_name_target(stmt):
                target = stmt.targets[0].id if kind is ast.Assign else stmt.target.id
                target = (target, _version(rebound, target, (stmt.end_lineno or stmt.lineno) + 1))
                assigned.setdefault(target, []).append(carried)
            elif kind is ast.Expr and type(stmt.value) is ast.Call and callee_name(stmt.value) in _LOGGING:
                continue  # printed or logged: no data goes on
            elif why is None and kind not in (ast.If, ast.While, ast.Assert):
                return None  # (a test is control flow: no data goes on)
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


def _single_name_target(stmt):
    if type(stmt) is ast.AnnAssign:
        return type(stmt.target) is ast.Name and stmt.value is not None
    return len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name


def _statement_of(node, parents):
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, ast.stmt):
            return node
    return None


# ------------------------------------------------------------------ NumPy functions inside call()
# `out = tf.numpy_function(f, [ops.matmul(x, self.kernel)], ...)`: no gradient flows back through it.

_NUMPY_BRIDGES = ("numpy_function", "py_func")  # (tf.py_function records a gradient: not here)


def _cut_by_numpy_function(ctx, attr):
    """`tf.numpy_function(...) (line N)` when the weight self.<attr>, read in call() only, flows into
    such a call and reaches neither call()'s result nor anything kept (self.x = ..., a method of self)
    by another path; None otherwise. Follows call()'s locals in order, branches merged."""
    call = ctx.methods.get("call")
    if call is None or call.decorator_list or ctx.cls.dynamic_access:
        return None
    nodes = ctx.nodes("call")
    bridges = [n for n in nodes if type(n) is ast.Call and callee_name(n) in _NUMPY_BRIDGES and _is_numpy_bridge(ctx, n)]
    if not bridges:
        return None
    reads = sum(1 for n in nodes if type(n) is ast.Attribute and type(n.ctx) is ast.Load and self_attr(n) == attr)
    if not reads or reads != ctx.mentions(attr) - ctx.stores_of(attr) or \
            any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)):
        return None
    flow = _Flow(ctx, attr, call)
    if not flow.run(call.body, {}) or flow.kept:
        return None
    for bridge in bridges:
        if any(flow.carries(arg, state) for arg, state in flow.bridge_inputs.get(id(bridge), ())):
            return f"{ast.unparse(bridge.func)}() (line {bridge.lineno})"
    return None


def _is_numpy_bridge(ctx, call) -> bool:
    qualified = ctx.qualify(call.func) or ""
    return qualified.startswith("tensorflow.") and qualified.rsplit(".", 1)[-1] in _NUMPY_BRIDGES


class _Flow:
    """Which locals of call() carry a gradient path from self.<attr>, statement by statement."""

    def __init__(self, ctx, attr, func):
        self.ctx, self.attr = ctx, attr
        arguments = func.args
        self.locals = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs} | \
            {n.id for n in walk(func) if type(n) is ast.Name and type(n.ctx) is ast.Store}
        self.kept = False  # reaches the result, self state, or a method of self
        self.bridge_inputs = {}  # id(bridge call) -> [(argument, state)]

    def carries(self, expr, state) -> bool:
        todo = [expr]
        while todo:
            node = todo.pop()
            if type(node) is ast.Call and _is_numpy_bridge(self.ctx, node):
                self.bridge_inputs.setdefault(id(node), []).extend((arg, dict(state)) for arg in node.args[1:])
                continue  # its result carries nothing back
            if type(node) is ast.Name and type(node.ctx) is ast.Load and state.get(node.id):
                return True
            if type(node) is ast.Attribute and self_attr(node) == self.attr:
                return True
            todo.extend(children(node))
        return False

    def _note_calls(self, statement, state):
        """`outputs.append(x)` taints `outputs`; `self.add_loss(x)`, `self.helper(x)` keep x."""
        for node in walk(statement):
            if type(node) is not ast.Call or type(node.func) is not ast.Attribute:
                continue
            root = node.func.value
            while type(root) in (ast.Attribute, ast.Subscript):
                root = root.value
            if type(root) is not ast.Name or _is_numpy_bridge(self.ctx, node):
                continue
            arguments = node.args + [kw.value for kw in node.keywords]
            if any(self.carries(arg, state) for arg in arguments):
                if root.id == "self":
                    self.kept = True
                elif root.id in self.locals:
                    state[root.id] = True

    def _store(self, target, tainted, state):
        if type(target) is ast.Name:
            state[target.id] = tainted
        elif type(target) in (ast.Tuple, ast.List):
            for element in target.elts:
                self._store(element, tainted, state)
        elif type(target) is ast.Starred:
            self._store(target.value, tainted, state)
        elif tainted:
            root = target
            while type(root) in (ast.Attribute, ast.Subscript):
                root = root.value
            if type(root) is ast.Name and root.id != "self":
                state[root.id] = True
            else:
                self.kept = True

    def run(self, body, state) -> bool:
        """Update `state` through the statements; False when the code is beyond this simple reading."""
        for statement in body:
            kind = type(statement)
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Global, ast.Nonlocal) or \
                    any(type(n) is ast.NamedExpr for n in walk(statement)):
                return False
            if kind in (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try):
                if not self._compound(statement, state):
                    return False
                continue
            if kind not in (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Return, ast.Pass, ast.Raise,
                            ast.Assert, ast.Delete, ast.Break, ast.Continue):
                return False
            self._note_calls(statement, state)
            if kind is ast.Assign:
                tainted = self.carries(statement.value, state)
                for target in statement.targets:
                    self._store(target, tainted, state)
            elif kind is ast.AnnAssign and statement.value is not None:
                self._store(statement.target, self.carries(statement.value, state), state)
            elif kind is ast.AugAssign:
                tainted = self.carries(statement.value, state) or self.carries(statement.target, state)
                self._store(statement.target, tainted, state)
            elif kind is ast.Return and statement.value is not None and self.carries(statement.value, state):
                self.kept = True
            elif kind is ast.Expr:
                self.carries(statement.value, state)  # (notes the bridges it holds)
        return True

    def _compound(self, statement, state) -> bool:
        kind = type(statement)
        if kind is ast.If:
            self.carries(statement.test, state)
            branches = [statement.body, statement.orelse]
        elif kind in (ast.For, ast.AsyncFor):
            self._store(statement.target, self.carries(statement.iter, state), state)
            branches = [statement.body + statement.body, statement.orelse]  # twice: what a pass carries over
        elif kind is ast.While:
            branches = [statement.body + statement.body, statement.orelse]
        elif kind in (ast.With, ast.AsyncWith):
            for item in statement.items:
                if item.optional_vars is not None:
                    self._store(item.optional_vars, self.carries(item.context_expr, state), state)
            return self.run(statement.body, state)
        else:  # Try
            if not self.run(statement.body, state):
                return False
            branches = [h.body for h in statement.handlers] + [statement.orelse]
        outcomes = []
        for branch in branches:
            copy = dict(state)
            if not self.run(branch, copy):
                return False
            outcomes.append(copy)
        for outcome in outcomes:  # merged: a name carries the path if any branch made it so
            for name, tainted in outcome.items():
                state[name] = state.get(name, False) or tainted
        return kind is not ast.Try or self.run(statement.finalbody, state)


def _int_dtype(node):
    text = ast.unparse(node).lower()
    return any(t in text for t in _INT_DTYPES) and "float" not in text


# ------------------------------------------------------------------ sublayers and outputs
# `tf.stop_gradient(self.teacher(x))`: the sublayer's trainable weights get no gradient.
# `return ops.round(...)` from call(): nothing before the layer gets a gradient through it.


def _blocked_sublayers(ctx):
    under_blocker = set()  # self attributes read inside a blocking call's arguments
    for m, _ in ctx.methods_of("call"):
        for n in ctx.nodes(m):
            if type(n) is ast.Call and callee_name(n) in _BLOCKING_CALLS:
                for arg in n.args:
                    for inner in walk(arg):
                        attr = self_attr(inner)
                        if attr:
                            under_blocker.add(attr)
    if not under_blocker:
        return
    sublayers = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in under_blocker:
            continue
        func = ctx.methods[assign.method]
        value = ctx.value(assign.value, ctx.env(func))
        if value.kind != LAYER and isinstance(assign.value, ast.Call):
            value = _factory_result(ctx, assign.value.func)
        if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS \
                and ctx.has_weights(value.qualname):
            sublayers.setdefault(assign.attr, assign)
    for attr, assign in sublayers.items():
        if attr not in under_blocker or ctx.mentions(attr) - ctx.stores_of(attr) == 0 or _frozen_by_hand(ctx, attr):
            continue
        blocked = _only_blocked_reads(ctx, attr)
        if blocked is None:
            continue
        node, why = blocked
        yield Hit(
            node,
            f"{ctx.name}.{attr} is a sublayer with trainable weights that call() uses only through "
            f"{why}: its weights are counted as trainable but get no gradient and are never "
            f"trained (if it is meant to be frozen, set {attr}.trainable = False)",
            attribute=attr, severity="warning",
        )


_TO_NUMPY = {"convert_to_numpy()", "asarray()", "array()", ".numpy()", ".detach()", ".tolist()"}


def _input_taken_to_numpy(ctx):
    """call() that reads its input only through a NumPy conversion: a gradient barrier."""
    call = ctx.methods.get("call")
    if call is None or len(call.args.args) < 2:
        return
    name = call.args.args[1].arg
    nodes = ctx.nodes("call")
    reads = [n for n in nodes if type(n) is ast.Name and n.id == name and isinstance(n.ctx, ast.Load)]
    if not reads or not _may_block(ctx, "call"):
        return
    parents = _parents(ctx, "call")
    reasons = [_blocker(read, parents, ctx) for read in reads]
    if any(why not in _TO_NUMPY for why in reasons):
        return
    yield Hit(
        reads[0],
        f"{ctx.name}.call() takes its input `{name}` to NumPy ({reasons[0]}): no gradient flows back "
        f"through the layer, so the trainable layers before it are never trained (and a symbolic "
        f"tensor, in a functional model or a compiled fit(), has no NumPy value); compute it with "
        f"keras.ops instead (a heuristic: harmless where nothing trainable comes before the layer)",
        severity="warning", fix=None,
    )


def _factory_result(ctx, func):
    """What a function of this file returns (`def mlp(): return keras.Sequential(...)`)."""
    factory = file_function(ctx.file, func)
    if factory is None:
        return Value(OTHER)
    env = bindings(walk(factory))
    for node in walk(factory):
        if isinstance(node, ast.Return) and node.value is not None:
            value = ctx.classify_in(node.value) if not isinstance(node.value, ast.Name) \
                else classify(node.value, ctx.project, ctx.file, ctx.target, env)
            if value.kind == LAYER:
                return value
    return Value(OTHER)


def _frozen_by_hand(ctx, attr):
    """`self.<attr>.trainable = False` anywhere, or the class reads its weights by position."""
    for method in ctx.methods:
        for node in ctx.nodes(method):
            if isinstance(node, ast.Attribute) and node.attr == "trainable" and self_attr(node.value) == attr:
                return True
    return False


_OUTPUT_BLOCKERS = {"round", "argmax", "argmin", "sign", "floor", "ceil", "rint", "stop_gradient", "argsort",
                    "numpy_function", "py_func"}  # (tf.py_function records a gradient: not here)


def _blocked_output(ctx):
    """call() whose every return value is a blocking op's result (through locals too)."""
    call = ctx.methods.get("call")
    if call is None:
        return
    env = ctx.env(call)
    returns = [n for n in ctx.nodes("call") if isinstance(n, ast.Return) and n.value is not None]
    if not returns:
        return
    first = None
    for ret in returns:
        why = _blocking_result(ctx, ret.value, env)
        if why is None:
            return
        first = first or (ret, why)
    ret, why = first
    yield Hit(
        ret,
        f"{ctx.name}.call() returns the result of {why}: no gradient flows back through the layer, "
        f"so the trainable weights before it are never trained (a heuristic: fine for an "
        f"inference-only output; for training, pass the gradient straight through with "
        f"x + stop_gradient(f(x) - x))",
        severity="warning", fix=None,
    )


# Ops whose result is no more differentiable than their first argument (the others are bounds,
# shapes or dtypes): `clip(cast(x, "int32"), 0, n)`, `one_hot(argmax(x), n)`, a float cast of an argmax.
_PASS_THROUGH = {"clip", "clip_by_value", "one_hot", "reshape", "squeeze", "expand_dims", "cast", "transpose",
                 "flatten"}
_TENSOR_LIBRARIES = ("tensorflow.", "keras.", "numpy.", "torch.", "jax.")


def _blocking_result(ctx, expr, env, depth=0, arithmetic=False):
    """Why `expr` carries no gradient (a blocking op, seen through reshapes and casts; with `arithmetic`,
    also through arithmetic and ops with literal constants, for a Lambda whose input comes from
    trainable layers), or None."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        values = env.get(expr.id, ())
        if len(values) != 1:
            return None
        return _blocking_result(ctx, values[0], env, depth + 1, arithmetic)
    if isinstance(expr, ast.BinOp) and arithmetic:  # `ops.cast(ids, "float32") / 100.0`
        return _blocked_with_constants(ctx, [expr.left, expr.right], env, depth)
    if not isinstance(expr, ast.Call):
        return None
    qualified = ctx.qualify(expr.func) or ""
    name = qualified.rsplit(".", 1)[-1]
    if name in _OUTPUT_BLOCKERS and qualified.startswith(_TENSOR_LIBRARIES):
        return f"{name}()"
    if name == "cast" and len(expr.args) > 1 and _int_dtype(expr.args[1]):
        inner = expr.args[0]
        return _blocking_result(ctx, inner, env, depth + 1, arithmetic) or "a cast to an integer type"
    if name in _PASS_THROUGH and expr.args and qualified.startswith(_TENSOR_LIBRARIES):
        return _blocking_result(ctx, expr.args[0], env, depth + 1, arithmetic)
    if arithmetic and qualified.startswith(_TENSOR_LIBRARIES) and expr.args and not expr.keywords:
        # `ops.bitwise_xor(ids, 5)`: an op of a blocked value and constants is blocked too
        return _blocked_with_constants(ctx, expr.args, env, depth)
    return None


def _blocked_with_constants(ctx, operands, env, depth):
    """Why operands carry no gradient: one is blocked, every other one is a literal constant."""
    reasons = [_blocking_result(ctx, o, env, depth + 1, True) for o in operands]
    blocked = [r for r in reasons if r is not None]
    if blocked and all(r is not None or isinstance(o, ast.Constant) or
                       (isinstance(o, ast.UnaryOp) and isinstance(o.operand, ast.Constant))
                       for o, r in zip(operands, reasons)):
        return blocked[0]
    return None


# ------------------------------------------------------------------ weights added from outside
# `dense.add_weight(...)` on a built-in layer: Dense.call() does not know the new weight exists.

def _trigger(text: str) -> bool:
    return add_weight_from_outside(text) or mentions_lambda_layer(text) or blocking_op_in_functional_code(text) \
        or "stop_gradient" in text


TRIGGER = _trigger


def check_module(ctx):
    yield from _outside_add_weight(ctx)
    yield from _blocking_lambdas(ctx)
    yield from _functional_blocking_ops(ctx)
    yield from _cut_by_stop_gradient(ctx)


def _blocking_lambdas(ctx):
    """`Lambda(lambda t: ops.argmax(t))` (or a function of the file) whose output feeds more layers, or is the
    output of a model compiled with a loss: nothing before it trains."""
    for scope, nodes in ctx.scopes():
        trained = None  # looked for only when a Lambda's output is the model's
        uses = [(use, why) for use in _lambda_uses(ctx, nodes) if (why := _lambda_blocks(ctx, use[0].args[0]))]
        cut = {id(arg) for use, _ in uses for arg in use[4] or ()}  # the tensors handed to a blocking Lambda
        for (maker, feeds, upstream, applied, inputs), why in uses:
            if upstream is False:
                continue  # applied to the model's inputs (token ids): no weights sit before it
            if feeds and why == _CONSTANT:
                continue  # a side value (a batch size, a mask of ones): the layers before reach on elsewhere
            if feeds and upstream and _trained_elsewhere(ctx, inputs, nodes, cut):
                continue  # the layer before is shared, or its output feeds another layer: trained that way
            where = "its output feeds further layers"
            if not feeds:
                trained = _compiles_with_loss(nodes) if trained is None else trained
                where = "the model is compiled with a loss on its output"
                if not trained:
                    # The model's output, never trained through: an inference-only decoding step, unless
                    # the layers before it are made here and nothing gives them weights.
                    if upstream is not True or not _sole_output(ctx, applied, nodes) or _loads_weights(nodes) \
                            or _models_made(ctx, nodes) > 1:  # (a training model may share the layers)
                        continue
                    where = ("it is the model's only output, after layers made here that nothing loads weights "
                             "into")
            yield Hit(
                maker,
                f"the Lambda layer returns the result of {why}, and {where}: no gradient flows back "
                f"through it, so the trainable layers before it are never trained (a heuristic; for "
                f"training, pass the gradient straight through with x + stop_gradient(f(x) - x))",
                class_name="Lambda", severity="warning", fix=None,
            )


def _lambda_uses(ctx, nodes):
    """(Lambda(...) call, does its output feed a further layer?, do weights sit before it? (True, False or
    None: cannot tell), the name or call that holds its output) for `y = Lambda(f)(x)`, `y = make_lambda()(x)`
    (a function of the file that returns a Lambda), `Model(x, Lambda(f)(h))` and Sequential lists."""
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Call):
            maker = _lambda_made_by(ctx, node.value.func)
            if maker is None:
                continue
            name = node.targets[0].id
            yield maker, any(
                isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
                and n.lineno > node.lineno and _is_call_argument(ctx, n, nodes) for n in nodes), \
                _any_weights([_made_by_weights(ctx, arg, nodes) for arg in node.value.args]), name, node.value.args
        elif isinstance(node, ast.Call) and _last_name(ctx.qualify(node.func)) in _MODEL_MAKERS:
            outputs = _outputs_argument(node)
            if isinstance(outputs, ast.Call) and isinstance(outputs.func, ast.Call):
                maker = _lambda_made_by(ctx, outputs.func)
                if maker is not None:
                    yield maker, False, _any_weights([_made_by_weights(ctx, arg, nodes) for arg in outputs.args]), \
                        outputs, outputs.args
            if _last_name(ctx.qualify(node.func)) == "Sequential" and node.args \
                    and isinstance(node.args[0], (ast.List, ast.Tuple)):
                items = node.args[0].elts
                for i, item in enumerate(items):
                    if isinstance(item, ast.Call) and _is_lambda(ctx, item):
                        before = [_layer_weights(ctx, ctx.value(earlier, {})) for earlier in items[:i]]
                        yield item, i < len(items) - 1, _any_weights(before) if before else False, None, None


def _trained_elsewhere(ctx, inputs, nodes, cut) -> bool:
    """Does the layer right before the Lambda get a gradient by another path: its output tensor also feeds
    another layer, or the layer is shared and another call's output feeds on uncut (`e1 = emb(t); e2 =
    emb(t); e2 = Lambda(stop_gradient)(e2)`: the keras#8259 shared embedding, measured ld009w)? `cut`: ids
    of the names handed to blocking Lambdas (not a path). Straight-line wiring of names only."""
    if not inputs or not all(type(arg) is ast.Name for arg in inputs):
        return False
    for arg in inputs:
        bound = _latest_binding(arg.id, arg.lineno, nodes)
        if bound is None:
            return False
        if _feeds_on(ctx, arg.id, bound, nodes, cut):
            return True
        if type(bound) is not ast.Call or type(bound.func) is not ast.Name:
            return False
        layer = bound.func.id
        made = _latest_binding(layer, bound.lineno, nodes)
        if made is None:
            return False
        for node in nodes:  # the other calls of the same layer object
            if type(node) is ast.Call and node is not bound and type(node.func) is ast.Name and \
                    node.func.id == layer and _latest_binding(layer, node.lineno, nodes) is made:
                target = next((s.targets[0].id for s in nodes if type(s) is ast.Assign and s.value is node
                               and _single_name_target(s)), None)
                if target is None or _feeds_on(ctx, target, node, nodes, cut):
                    return True  # (used inline, `net(shared(x))`, or its name feeds a layer)
    return False


def _feeds_on(ctx, name, bound, nodes, cut) -> bool:
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load and id(n) not in cut
               and _latest_binding(name, n.lineno, nodes) is bound and _is_call_argument(ctx, n, nodes)
               for n in nodes)


def _lambda_made_by(ctx, call):
    """The `Lambda(f)` call that makes the layer `call` returns: `Lambda(f)` itself, or the Lambda a
    function of the file returns (`def arg_max(): return Lambda(...)`)."""
    if _is_lambda(ctx, call):
        return call
    if isinstance(call.func, (ast.Name, ast.Attribute)) and not call.args:
        factory = file_function(ctx.file, call.func)
        if factory is not None:
            returns = [n.value for n in walk(factory) if isinstance(n, ast.Return) and n.value is not None]
            if len(returns) == 1 and isinstance(returns[0], ast.Call) and _is_lambda(ctx, returns[0]):
                return returns[0]
    return None


def _outputs_argument(model_call):
    """The `outputs` of `keras.Model(inputs, outputs)` (positional or keyword), or None."""
    if len(model_call.args) > 1:
        return model_call.args[1]
    return next((kw.value for kw in model_call.keywords if kw.arg == "outputs"), None)


def _sole_output(ctx, applied, nodes):
    """Is `applied` (a name or the call that applies the Lambda) the only output of a Model made here?"""
    if applied is None:
        return False
    for node in nodes:
        if type(node) is ast.Call and _last_name(ctx.qualify(node.func)) in ("Model", "Functional"):
            outputs = _outputs_argument(node)
            if isinstance(outputs, (ast.List, ast.Tuple)) and len(outputs.elts) == 1:
                outputs = outputs.elts[0]
            if outputs is applied or (isinstance(outputs, ast.Name) and outputs.id == applied):
                return True
    return False


def _models_made(ctx, nodes):
    return sum(type(n) is ast.Call and _last_name(ctx.qualify(n.func)) in _MODEL_MAKERS for n in nodes)


_WEIGHT_LOADERS = {"load_weights", "set_weights", "load_model", "load_own_variables", "assign"}


def _loads_weights(nodes):
    """Does this code put trained values into the weights (`load_weights`, `weights="imagenet"`, ...)?"""
    for node in nodes:
        if type(node) is ast.Call:
            if callee_name(node) in _WEIGHT_LOADERS:
                return True
            if any(kw.arg == "weights" and not (isinstance(kw.value, ast.Constant) and kw.value.value is None)
                   for kw in node.keywords):
                return True
    return False


def _is_lambda(ctx, call):
    return _last_name(ctx.qualify(call.func)) == "Lambda" and bool(call.args)


def _lambda_blocks(ctx, function):
    """Why the Lambda's function blocks the gradient (every return a blocking op, or a value that does
    not depend on the function's input), or None."""
    if isinstance(function, ast.Lambda):
        return _blocking_result(ctx, function.body, {}, arithmetic=True) or \
            _ignores_input(function.args, [function.body], {})
    if isinstance(function, (ast.Name, ast.Attribute)):
        defined = file_function(ctx.file, function)
        if defined is not None:
            body = walk(defined)
            returns = [n.value for n in body if isinstance(n, ast.Return) and n.value is not None]
            env = bindings(body)
            reasons = [_blocking_result(ctx, value, env, arithmetic=True) for value in returns]
            if reasons and None not in reasons:
                return reasons[0]
            return _ignores_input(defined.args, returns, env)
    return None


_CONSTANT = "a value that does not depend on its input"
# Reading these of a tensor gives its shape or a constant of its shape, never its values.
_SHAPE_ONLY = {"shape", "ones_like", "zeros_like", "full_like", "len", "size", "rank", "ndim", "dtype",
               "int_shape"}


def _ignores_input(arguments, returns, env):
    """'a value that does not depend on its input' when no return value reads the function's first
    parameter except for its shape (`ops.ones((ops.shape(x)[0], 1))`), else None."""
    if not returns or not arguments.args or arguments.vararg or arguments.kwarg:
        return None
    param = arguments.args[0].arg
    seen, todo = set(), list(returns)
    while todo:
        expr = todo.pop()
        for node, shape_only in _names_in(expr):
            if node.id == param and not shape_only:
                return None
            if node.id in env and node.id not in seen:  # a local: what it was bound to counts
                if len(env[node.id]) != 1:
                    return None
                seen.add(node.id)
                todo.append(env[node.id][0])
    return _CONSTANT


def _names_in(expr, shape_only=False):
    """(Name node, read only for its shape?) for every name the expression reads."""
    if isinstance(expr, ast.Name):
        yield expr, shape_only
        return
    if isinstance(expr, ast.Attribute) and expr.attr in _SHAPE_ONLY:
        shape_only = True
    elif isinstance(expr, ast.Call) and callee_name(expr) in _SHAPE_ONLY:
        shape_only = True
    elif isinstance(expr, (ast.Lambda, ast.FunctionDef)):
        return
    for child in children(expr):
        yield from _names_in(child, shape_only)


# ---------------------------------------------- integer points between layers in functional wiring
# `ids = ops.argmax(generator(noise)); critic(ids)`: the generator gets no gradient through the critic.


def _functional_blocking_ops(ctx):
    """A blocking op (argmax, an integer cast, ...) applied to a tensor that trainable layers made, whose
    result is passed to a further layer or model, in code that builds a functional model."""
    for scope, nodes in ctx.scopes():
        if not any(type(n) is ast.Call and _last_name(ctx.qualify(n.func)) in ("Input", "Model") for n in nodes):
            continue  # not model-building code (an evaluation loop may decode outputs on purpose)
        env = None
        reported = set()
        for node in nodes:
            if type(node) is not ast.Call or not node.args or _called_layer(ctx, node.func, nodes) is None:
                continue
            if _takes_ids(ctx, node.func, nodes) and _float_from_weights(ctx, node.args[0], nodes):
                yield Hit(
                    node,
                    f"{ast.unparse(node.args[0])[:40]} comes out of trainable layers and goes into a layer that "
                    f"reads integer ids ({_called_layer(ctx, node.func, nodes).layer_class}): it casts the values "
                    f"to integers, so no gradient flows back and the layers before it are never trained "
                    f"(a heuristic: feed it ids, or a soft lookup such as a matmul with its embeddings)",
                    severity="warning", fix=None,
                )
                continue
            for arg in node.args:
                blocked = _latest_binding(arg.id, arg.lineno, nodes) if isinstance(arg, ast.Name) else arg
                if not isinstance(blocked, ast.Call) or id(blocked) in reported:
                    continue
                env = env if env is not None else bindings(nodes)
                why = _blocking_result(ctx, blocked, env)
                if why == "stop_gradient()":
                    continue  # (decided by _cut_by_stop_gradient: the layers before may train through another path)
                if why is None or _made_by_weights(ctx, blocked, nodes) is not True:
                    continue
                reported.add(id(blocked))
                yield Hit(
                    blocked,
                    f"a tensor made by trainable layers goes through {why} and on into a further layer: no "
                    f"gradient flows back through it, so the layers before it are never trained (a heuristic; "
                    f"for training, pass the gradient straight through with x + stop_gradient(f(x) - x))",
                    severity="warning", fix=None,
                )


# ------------------------------------------------------------------ outputs cut by stop_gradient
# `side = Dense(4)(h); side = ops.stop_gradient(side)` while wiring: when every use of a layer's output
# goes through stop_gradient (through locals, weightless layers, one-input ops), its weights get no
# gradient and never train. A frozen layer, a straight-through `x + stop_gradient(q - x)` or an output
# that also reaches the model another way is fine: those are the uses this counts.

def _cut_by_stop_gradient(ctx):
    names = {"stop_gradient"} | {local for local, path in ctx.file.aliases.items() if path.endswith(".stop_gradient")}
    for scope, nodes in ctx.scopes():
        for node in nodes:
            if type(node) is not ast.Call or len(node.args) != 1 or node.keywords:
                continue
            func = node.func
            if (func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else None) not in names \
                    or not (ctx.qualify(func) or "").startswith(_TENSOR_LIBRARIES):
                continue
            layer = _only_feeds(ctx, node.args[0], node, nodes, 0)
            if layer is not None:
                yield Hit(
                    node,
                    f"the output of {layer} is used only through stop_gradient(): no gradient reaches the layer, "
                    f"so its weights never train (stop the gradient before the layer, on its input, or freeze "
                    f"it with trainable=False if that is the intent)",
                    fix=None,
                )


def _only_feeds(ctx, expr, user, nodes, depth):
    """The layer with weights whose output `expr` is, when that output is used by `user` alone (through
    locals, weightless layers and one-tensor ops); else None."""
    if depth > 8:
        return None
    if type(expr) is ast.Name:
        bound = _latest_binding(expr.id, user.lineno, nodes)
        if bound is None or _uses_of(expr.id, bound, nodes) != 1:
            return None  # a parameter, or the value is read elsewhere too
        return _only_feeds(ctx, bound, bound, nodes, depth + 1)
    if type(expr) is not ast.Call or not expr.args:
        return None
    func = expr.func
    qualified = ctx.qualify(func) or ""
    if qualified.startswith(_TENSOR_LIBRARIES) and qualified.rsplit(".", 1)[-1] not in _MODEL_MAKERS:
        if all(type(a) is ast.Constant for a in expr.args[1:]) and type(expr.args[0]) is not ast.Starred:
            return _only_feeds(ctx, expr.args[0], user, nodes, depth + 1)  # `ops.tanh(p)`, `ops.reshape(p, 2)`
        return None
    layer = _layer_made_here(ctx, func, nodes)
    if layer is None:
        return None
    value, constructor = layer
    if value.layer_class in STATELESS_LAYERS:
        if value.layer_class == "Lambda" or len(expr.args) != 1 or type(expr.args[0]) in (ast.List, ast.Tuple):
            return None
        return _only_feeds(ctx, expr.args[0], user, nodes, depth + 1)  # `Dropout(0.1)(p)`
    if not _layer_weights(ctx, value) or value.layer_class in _MODEL_MAKERS or \
            any(kw.arg == "trainable" for kw in constructor.keywords):
        return None
    return f"{value.layer_class}({', '.join(ast.unparse(a) for a in constructor.args)[:30]})" \
        if type(func) is ast.Call else func.id


def _layer_made_here(ctx, func, nodes):
    """(layer value, constructor call) for `Dense(4)(x)`, or `d(x)` with `d = Dense(4)` in this scope that is
    called here only and read nowhere else (not shared, stored, returned or frozen later); else None."""
    if type(func) is ast.Call:
        constructor = func
    elif type(func) is ast.Name:
        constructor = _latest_binding(func.id, func.lineno, nodes)
        if type(constructor) is not ast.Call or _uses_of(func.id, constructor, nodes) != 1:
            return None
    else:
        return None
    if type(constructor.func) not in (ast.Name, ast.Attribute):
        return None
    value = ctx.value(constructor, {})
    return (value, constructor) if value.kind == LAYER else None


def _uses_of(name, bound, nodes) -> int:
    """How many loads of `name` in the scope read the binding whose value is `bound` (2: any rebinding in a
    loop, where a later value may flow back, counts as unknown)."""
    count = 0
    for node in nodes:
        if type(node) is ast.Name and node.id == name:
            if type(node.ctx) is not ast.Load:
                if type(node.ctx) is ast.Del:
                    return 2
                continue
            if _latest_binding(name, node.lineno, nodes) is bound:
                count += 1
        elif type(node) in (ast.For, ast.While, ast.AsyncFor, ast.Global, ast.Nonlocal):
            return 2  # (a loop may read the value again; keep to straight-line wiring)
    return count


# Layers whose call casts its input to integer ids (an index, a category, a bucket).
_ID_LAYERS = {"Embedding", "CategoryEncoding", "IntegerLookup", "Hashing", "HashedCrossing"}


def _takes_ids(ctx, func, nodes) -> bool:
    layer = _called_layer(ctx, func, nodes)
    return layer is not None and layer.layer_class in _ID_LAYERS and (layer.qualname or "").startswith("keras.")


def _float_from_weights(ctx, expr, nodes, depth=0) -> bool:
    """Is `expr` the float output of a layer with weights (`Dense(13, activation="relu")(h)`), seen through
    weightless layers that keep values float (Dropout, Activation, Flatten...; not a Lambda, which may cast)?"""
    if isinstance(expr, ast.Name):
        expr = _latest_binding(expr.id, expr.lineno, nodes)
    if depth > 6 or not isinstance(expr, ast.Call) or not expr.args:
        return False
    layer = _called_layer(ctx, expr.func, nodes)
    if layer is None or layer.layer_class in ("Lambda", "InputLayer") or layer.layer_class in _ID_LAYERS:
        return False
    if _layer_weights(ctx, layer):
        return True
    return layer.layer_class in STATELESS_LAYERS and _float_from_weights(ctx, expr.args[0], nodes, depth + 1)


def _latest_binding(name, line, nodes):
    """The value last bound to `name` by a statement that ends before `line` (`x = f(x)` chains), or None."""
    found = None
    for node in nodes:
        if type(node) is not ast.Assign or node.end_lineno >= line:
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id == name:
                found = node.value
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                    and len(target.elts) == len(node.value.elts):
                for item, value in zip(target.elts, node.value.elts):
                    if isinstance(item, ast.Name) and item.id == name:
                        found = value
    return found


def _called_layer(ctx, func, nodes):
    """The layer or model `func(...)` calls (`Dense(4)(x)`, `critic(x)` with `critic = make_critic()`), or None."""
    if isinstance(func, ast.Call):
        value = ctx.value(func, {})
        return value if value.kind == LAYER else None
    if isinstance(func, ast.Name):
        bound = _latest_binding(func.id, func.lineno, nodes)
        if isinstance(bound, ast.Call):
            if isinstance(bound.func, (ast.Name, ast.Attribute)):
                made = _module_factory_result(ctx, bound.func)
                if made is not None:
                    return made
            value = ctx.value(bound, {})
            return value if value.kind == LAYER else None
    return None


def _module_factory_result(ctx, func):
    """The layer or model a function of this file returns (`def make_critic(): ... return keras.Model(...)`)."""
    factory = file_function(ctx.file, func)
    if factory is None:
        return None
    body = walk(factory)
    env = bindings(body)
    for node in body:
        if isinstance(node, ast.Return) and node.value is not None:
            value = ctx.value(node.value, env)
            if value.kind == LAYER:
                return value
    return None


def _layer_weights(ctx, value):
    """Does this layer value own weights? (None: not a layer.)"""
    if value.kind != LAYER:
        return None
    return value.layer_class not in STATELESS_LAYERS and value.layer_class != "InputLayer" \
        and ctx.project.has_weights(value.qualname)


def _any_weights(answers):
    """True if any path has weights, False if none can, None when some path is unknown."""
    if True in answers:
        return True
    return False if answers and all(a is False for a in answers) else None


def _made_by_weights(ctx, expr, nodes, depth=0):
    """Does the tensor `expr` come out of a layer or model with weights (True), only out of the model's
    inputs, constants and weightless layers (False), or cannot we tell (None, e.g. a function parameter)?"""
    if depth > 12:
        return None
    if isinstance(expr, ast.Constant):
        return False
    if isinstance(expr, ast.Name):
        bound = _latest_binding(expr.id, expr.lineno, nodes)
        return None if bound is None else _made_by_weights(ctx, bound, nodes, depth + 1)
    if isinstance(expr, (ast.List, ast.Tuple)):
        return _any_weights([_made_by_weights(ctx, item, nodes, depth + 1) for item in expr.elts])
    outputs = expr.value if isinstance(expr, ast.Subscript) else expr
    if isinstance(outputs, ast.Attribute) and outputs.attr in ("output", "outputs") and \
            isinstance(outputs.value, ast.Name):  # `base.outputs[0]`: what a model made here computes
        layer = _called_layer(ctx, outputs.value, nodes)
        if layer is None:  # `keras.applications.VGG16(...)`: a model with weights
            bound = _latest_binding(outputs.value.id, outputs.value.lineno, nodes)
            made_by = ctx.qualify(bound.func) if isinstance(bound, ast.Call) else None
            return True if (made_by or "").startswith("keras.applications.") else None
        return True if _layer_weights(ctx, layer) else None
    if isinstance(expr, ast.BinOp):
        return _any_weights([_made_by_weights(ctx, side, nodes, depth + 1) for side in (expr.left, expr.right)])
    if not isinstance(expr, ast.Call):
        return None
    if _last_name(ctx.qualify(expr.func)) == "Input":
        return False
    layer = _called_layer(ctx, expr.func, nodes)
    if layer is not None and _layer_weights(ctx, layer):
        return True
    if layer is None and not (ctx.qualify(expr.func) or "").startswith(_TENSOR_LIBRARIES):
        return None  # a helper of the file or an unknown callable
    tensors = [arg for arg in expr.args if not isinstance(arg, ast.Constant)]
    return _any_weights([_made_by_weights(ctx, arg, nodes, depth + 1) for arg in tensors]) if tensors else False


def _compiles_with_loss(nodes):
    """`model.compile(optimizer, loss)` or `compile(..., loss=...)` in this scope: the outputs are trained."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "compile"
               and (len(n.args) >= 2 or any(kw.arg == "loss" for kw in n.keywords)) for n in nodes)


def _last_name(name):
    return name.rsplit(".", 1)[-1] if name else None


_MODEL_MAKERS = {"Model", "Sequential", "Functional"}


def _is_call_argument(ctx, name_node, nodes):
    """Is the name passed on to a further call (a layer), not only to `keras.Model(inputs, outputs)`? (Also
    in a list: `Concatenate()([a, b])`.)"""
    for n in nodes:
        if isinstance(n, ast.Call) and any(a is name_node or type(a) in (ast.List, ast.Tuple) and name_node in a.elts
                                           for a in n.args) \
                and _last_name(ctx.qualify(n.func)) not in _MODEL_MAKERS:
            return True
    return False


def _outside_add_weight(ctx):
    tree = None
    for scope, nodes in ctx.scopes():
        env = None
        for node in nodes:
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("add_weight", "add_variable")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id != "self"):
                continue
            if not _trainable(node):
                continue
            env = env if env is not None else ctx.bindings_of(nodes)
            owner = node.func.value.id
            if len(env.get(owner, ())) != 1:
                continue
            value = ctx.value(env[owner][0], env)
            if value.kind != LAYER or ctx.is_project_class(value.qualname):
                continue  # a project layer's call() may read the new attribute
            handle = _stored_as(node, nodes)
            if handle is None:
                continue
            tree = tree or parsed_file(ctx.file.path)
            if _is_read(handle, tree):
                continue
            shown = handle if isinstance(handle, str) else f"{owner}.{handle[1]}"
            yield Hit(
                node,
                f"{owner}.add_weight() adds a trainable weight ({shown}) to a built-in "
                f"{value.layer_class} from outside: its call() never reads it, so the weight is "
                f"counted but gets no gradient and is never trained",
                attribute=shown, class_name=value.layer_class, fix=None,
            )


def _stored_as(call, nodes):
    """`owner.attr = owner.add_weight(...)` -> ("attr", attr); `w = ...` -> "w"; a bare call -> "" ."""
    for node in nodes:
        if isinstance(node, ast.Expr) and node.value is call:
            return ""
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is call:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Attribute):
                return ("attr", target.attr)
            if isinstance(target, ast.Name):
                return target.id
            return None
    return None


def _is_read(handle, tree):
    if handle == "":
        return False
    for node in walk(tree):
        if isinstance(handle, tuple):
            if isinstance(node, ast.Attribute) and node.attr == handle[1] and isinstance(node.ctx, ast.Load):
                return True
        elif isinstance(node, ast.Name) and node.id == handle and isinstance(node.ctx, ast.Load):
            return True
    return False


# ------------------------------------------------------------------ dead stores in call()
# `output = self.linear1(x); output = self.linear2(x)`: linear1 is built and counted, its result thrown away.

_DYNAMIC_NAMES = {"locals", "vars", "eval", "exec", "globals"}
# Reading these on self may run the sublayers some other way (by position, not by attribute).
_LAYER_LISTS = ("layers", "_layers", "submodules", "_flatten_layers", "_self_tracked_trackables")
_LOOPS_AND_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)
_NAME_TARGETS = (ast.Name, ast.Tuple, ast.List, ast.Starred)
_PURE, _TRAINED = "pure", "trained"


def _dead_results(ctx, reported):
    """Sublayers with weights and trainable weights whose every read in call() (and the helpers it
    reaches) is in a result call() overwrites or never reads. A cheap scan first: some local stored
    twice, or stored and never read; the liveness analysis runs only then."""
    if ctx.cls.dynamic_access or ctx.defines_setattr:
        return
    methods = ctx.methods_of("call")
    states = {}
    if not any(_may_have_dead_store(ctx, ctx.nodes(m), states) for m, _ in methods):
        return
    dead = {}  # id(self.<attr> read node) -> (node, why)
    for method, func in methods:
        for part, why in _Liveness(ctx, func, ctx.nodes(method), states).dead_parts():
            for node in walk(part):
                if type(node) is ast.Attribute and type(node.ctx) is ast.Load and self_attr(node):
                    dead[id(node)] = (node, why)
    if not dead or any(ctx.mentions(name) for name in _WEIGHT_LISTS + _LAYER_LISTS):
        return
    candidates = {}
    for node, why in sorted(dead.values(), key=lambda item: (item[0].lineno, item[0].col_offset)):
        candidates.setdefault(self_attr(node), (node, why))
    for attr, (node, why) in candidates.items():
        kind = _state_of(ctx, attr, states)
        if attr in reported or kind is None or kind[0] != _TRAINED or not _only_dead_reads(ctx, attr, methods, dead) \
                or _read_outside(ctx, attr):
            continue
        what = "a sublayer with trainable weights" if kind[1] == LAYER else "a trainable weight"
        yield Hit(
            node,
            f"{ctx.name}.{attr} is {what} whose only use in call() is thrown away: {why}; it is built and "
            f"counted as trainable but gets no gradient and is never trained (a typo in a name read later?)",
            attribute=attr, fix="dead_store" if kind[1] == LAYER else "default",
        )


def _may_have_dead_store(ctx, nodes, states) -> bool:
    """A cheap look at line numbers only: an assignment stores a local that is not read on a later line up
    to the end of its next store (`x = f(x)` chains read it in the statement that stores it again), or
    after its last store (`a, b = layer(x)` counts only when neither is read), and its value comes from a
    sublayer or trainable weight of self, directly or through locals assigned before it."""
    stores, loads, self_lines, assigns, branches = {}, {}, {}, [], []
    for node in nodes:
        kind = type(node)
        if kind is ast.If and node.orelse:
            branches.append((node.body[0].lineno, node.body[-1].end_lineno, node.orelse[0].lineno,
                             node.orelse[-1].end_lineno))
        elif kind is ast.Name:
            (stores if type(node.ctx) is ast.Store else loads).setdefault(node.id, []).append(node.lineno)
        elif kind is ast.Attribute:
            if type(node.value) is ast.Name and node.value.id == "self" and type(node.ctx) is ast.Load:
                self_lines.setdefault(node.lineno, set()).add(node.attr)
        elif kind is ast.Assign or kind is ast.AnnAssign:
            targets = node.targets if kind is ast.Assign else [node.target]
            unpacked = any(type(target) in (ast.Tuple, ast.List) for target in targets) and \
                type(node.value) not in (ast.Tuple, ast.List)
            assigns.append((node.lineno, node.end_lineno or node.lineno, unpacked))
    if not assigns or not self_lines:
        return False
    dead = {}  # line -> names stored there that nothing reads before the next store (or at all)
    live_lines = set()
    ends = {first: last for first, last, _ in assigns}  # a statement's value may go on after its first line
    for name, lines in stores.items():
        if name == "_":
            continue
        read = loads.get(name)
        lines.sort()
        for first, second in zip(lines, lines[1:] + [None]):
            if second is None:
                is_dead = not read or max(read) <= first
            elif any(start <= first <= end and other <= second <= last for start, end, other, last in branches):
                is_dead = False  # `if c: x = a(h) else: x = b(h)`: one or the other runs (if the else store is dead, so is this one)
            else:
                upto = ends.get(second, second)
                is_dead = first < second and not any(first < line <= upto for line in read or ())
            if is_dead:
                dead.setdefault(first, set()).add(name)
            else:
                live_lines.add(first)
    candidates = [(first, last) for first, last, unpacked in assigns
                  if first in dead and not (unpacked and first in live_lines)]
    if not candidates:
        return False
    # names whose value comes from self's attributes, through locals: by line, in two passes; whether
    # such an attribute is a trained sublayer or weight is asked last (_state_of is the costly part)
    loads_on = {}
    for name, lines in loads.items():
        for line in lines:
            loads_on.setdefault(line, set()).add(name)
    stored_on = {}
    for name, lines in stores.items():
        for line in lines:
            stored_on.setdefault(line, set()).add(name)
    sources = {}  # tainted name -> lines of self reads it may come from
    for _ in range(2):
        for first, last, _ in sorted(assigns):
            origin = set()
            for line in range(first, last + 1):
                if line in self_lines:
                    origin.add(line)
                for name in loads_on.get(line, ()):
                    origin |= sources.get(name, set())
            if origin:
                for name in stored_on.get(first, ()):
                    sources.setdefault(name, set()).update(origin)
    origin_lines = set()
    for first, _ in candidates:
        for name in dead[first]:
            origin_lines |= sources.get(name, set())
    return any((_state_of(ctx, attr, states) or ("",))[0] == _TRAINED
               for attr in {attr for line in origin_lines for attr in self_lines[line]})


def _state_of(ctx, attr, cache):
    """What self.<attr> is, from its assignment in __init__/build: (_TRAINED, LAYER) a sublayer with
    weights, (_TRAINED, WEIGHT) a trainable weight, (_PURE, ...) a weightless layer or a frozen weight
    (calling or reading it has no side effect), None: anything else, a layer with side effects when its
    output is dropped, or unknown."""
    if attr in cache:
        return cache[attr]
    firsts = cache.get(None)
    if firsts is None:
        firsts = cache[None] = {}
        for assign in ctx.self_assigns(("__init__", "build")):
            firsts.setdefault(assign.attr, assign)
    assign = firsts.get(attr)
    state = None
    if assign is not None:
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == WEIGHT:
            state = (_TRAINED if _trainable(assign.value) else _PURE, WEIGHT)
        else:
            if value.kind != LAYER and isinstance(assign.value, ast.Call):
                value = _factory_result(ctx, assign.value.func)
            if value.kind == LAYER and not _side_effects(ctx, assign.value, value):
                weighted = value.layer_class not in STATELESS_LAYERS and ctx.has_weights(value.qualname)
                state = (_TRAINED if weighted else _PURE, LAYER)
    cache[attr] = state
    return state


def _side_effects(ctx, made, value) -> bool:
    """Does calling the layer do more than return its output: add a loss (an `activity_regularizer`,
    a project layer that calls `self.add_loss`), update state (BatchNormalization's moving statistics,
    a stateful RNN), or is it a layer we cannot read (outside Keras and the project)?"""
    if isinstance(made, ast.Call) and any(
            kw.arg is None or kw.arg.endswith("_regularizer") or kw.arg == "stateful" for kw in made.keywords):
        return True
    if "BatchNorm" in (value.layer_class or ""):
        return True
    qualname = value.qualname or ""
    if ctx.is_project_class(qualname):
        for name in [qualname] + ctx.project.user_ancestors(qualname):
            info = ctx.project.classes.get(name)
            if info is None:
                return not is_keras_layer_name(name)  # an outside base: cannot read it
            if info[0].attr_counts.get("add_loss") or info[0].attr_counts.get("add_metric") \
                    or info[0].dynamic_access or "BatchNorm" in name:
                return True
        return False
    return not qualname.startswith("keras.")


def _only_dead_reads(ctx, attr, methods, dead) -> bool:
    """Every read of self.<attr> in the class is one of the dead ones, and no subclass names it."""
    reads = 0
    for method, _ in methods:
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and self_attr(node) == attr and type(node.ctx) is ast.Load:
                if id(node) not in dead:
                    return False
                reads += 1
    if reads != ctx.mentions(attr) - ctx.stores_of(attr):
        return False  # read in another method
    return not any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname))


def _read_outside(ctx, attr) -> bool:
    """Does code of the file outside `self` read `<something>.<attr>` (`model.encoder(x)` in a loss)?"""
    for node in walk(parsed_file(ctx.file.path)):
        if type(node) is ast.Attribute and node.attr == attr and not (
                type(node.value) is ast.Name and node.value.id == "self"):
            return True
    return False


class _Liveness:
    """Backward liveness of one method's locals: straight-line statements exactly, compound statements
    conservatively (every name they read is live, they kill nothing; their bodies are read the same way,
    a loop's with every name it reads live at its end; a `try` is not looked into). A dead part is an assignment (or
    one element of a tuple assignment) whose names are all dead after it and whose value calls nothing
    that could keep the result alive another way."""

    def __init__(self, ctx, func, nodes, states):
        self.ctx, self.func, self.nodes, self.states = ctx, func, nodes, states
        self.found = []  # (dead value, its statement, what comes next for its names)

    def dead_parts(self):
        self.always = set()  # names a nested function or lambda reads: read at any time
        for node in self.nodes:
            kind = type(node)
            if kind in (ast.Global, ast.Nonlocal) or (kind is ast.Name and node.id in _DYNAMIC_NAMES):
                return []
            if kind in (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and node is not self.func:
                self.always |= {n.id for n in walk(node) if type(n) is ast.Name}
        self._body(self.func.body, set(), {})
        return [(part, self._why(part, event)) for part, _, event in self.found]

    def _body(self, body, live, events):
        """Walk `body` backwards from `live` (the names live after it); `events` maps a name that is not
        live to what comes next for it: ("store", stmt) or ("dead", value, stmt), a read by a dead part."""
        live = set(live)
        for stmt in reversed(body):
            pairs = self._assignment(stmt)
            if pairs is not None:
                stored, uses, dead_reads = [], set(), {}
                augmented = type(stmt) is ast.AugAssign
                for target, value in pairs:
                    names = _target_names(target)
                    stored += names
                    if not augmented and not any(n in live or n in self.always or n == "_" for n in names) \
                            and not self._effects(value):
                        self.found.append((value, stmt, next((events[n] for n in names if n in events), None)))
                        dead_reads.update((name, ("dead", value, stmt)) for name in _reads(value))
                    else:
                        uses |= _reads(value) | (set(names) if augmented else set())
                live -= set(stored)
                live |= uses
                events.update((name, ("store", stmt)) for name in stored)
                events.update(dead_reads)
                for name in uses:
                    events.pop(name, None)
                continue
            reads = _reads(stmt)
            if type(stmt) in _LOOPS_AND_BLOCKS:  # a loop's body runs again: what it reads is live at its end
                inner = live | reads if type(stmt) in (ast.For, ast.AsyncFor, ast.While) else live
                for block in (stmt.body, getattr(stmt, "orelse", [])):
                    self._body(block, inner, dict(events))
            live |= reads
            for name in reads:
                events.pop(name, None)
        return live

    @staticmethod
    def _assignment(stmt):
        """[(target, value)] for `a = v`, `a, b = v, w` (pairwise), `a += v`; None for anything else."""
        kind = type(stmt)
        if kind is ast.Assign:
            targets, value = stmt.targets, stmt.value
        elif (kind is ast.AnnAssign or kind is ast.AugAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            return None
        if not all(type(n) in _NAME_TARGETS for t in targets for n in walk(t)) \
                or any(type(n) is ast.NamedExpr for n in walk(value)):
            return None
        if len(targets) == 1 and type(targets[0]) in (ast.Tuple, ast.List) and type(value) in (ast.Tuple, ast.List) \
                and len(targets[0].elts) == len(value.elts) \
                and not any(type(e) is ast.Starred for e in targets[0].elts + value.elts):
            return list(zip(targets[0].elts, value.elts))
        return [(ast.Tuple(elts=list(targets), ctx=ast.Store()), value)] if len(targets) > 1 else [(targets[0], value)]

    def _effects(self, value) -> bool:
        """Could evaluating `value` keep its result alive another way: a call of a method of self (it may
        call add_loss), of a sublayer with side effects or of something on self we do not know, self
        passed on, await/yield?"""
        for node in walk(value):
            kind = type(node)
            if kind in (ast.Await, ast.Yield, ast.YieldFrom):
                return True
            if kind is not ast.Call:
                continue
            if any(type(arg) is ast.Name and arg.id == "self" for arg in node.args + [kw.value for kw in node.keywords]):
                return True
            func = node.func
            root = func
            while type(root) in (ast.Attribute, ast.Subscript, ast.Call):
                root = root.func if type(root) is ast.Call else root.value
            if type(root) is not ast.Name or root.id != "self":
                continue
            attr = self_attr(func)
            if attr is None or attr in self.ctx.cls.method_names or _state_of(self.ctx, attr, self.states) is None:
                return True
        return False

    def _why(self, part, event) -> str:
        shown = ast.unparse(part)
        shown = shown if len(shown) <= 50 else shown[:47] + "..."
        via = []
        while event is not None and event[0] == "dead" and len(via) < 20:
            via.append(event[2].lineno)
            event = next((e for p, _, e in self.found if p is event[1]), None)
        if event is None:
            end = "is never read"
        else:
            end = f"is overwritten at line {event[1].lineno} (`{ast.unparse(event[1])[:60]}`) before anything reads it"
        if via:
            return f"the result of `{shown}` (line {part.lineno}) only feeds line {via[0]}, and what that " \
                   f"chain computes {end}"
        return f"the result of `{shown}` (line {part.lineno}) {end}"


def _target_names(target) -> list[str]:
    return [n.id for n in walk(target) if type(n) is ast.Name]


def _reads(node) -> set[str]:
    return {n.id for n in walk(node) if type(n) is ast.Name and type(n.ctx) is not ast.Store}


# ---------------------------------------------------------------- a custom train_step that trains only some sublayers

_ALL = "*"  # the model's own variable lists: everything
# Calls whose result lists the variables of their arguments (`list(a) + list(b)`, `sum([...], [])`).
_LIST_MAKERS = {"zip", "list", "tuple", "sum", "chain", "from_iterable", "sorted", "reversed", "flatten"}
# Calls that train in a way this check does not read: it stays silent.
_OTHER_TRAINING = {"stateless_apply", "value_and_grad", "grad", "train_step", "train_on_batch", "fit"}


def _left_out_of_train_step(ctx):
    """A Model whose own `train_step` (and the methods it calls) hands the tape and the optimizer the
    variables of some of its sublayers only (`tape.gradient(loss, self.decoder.trainable_variables)`),
    while a trainable sublayer with weights (or a weight) that the class makes itself is used on the way:
    `fit` runs this train_step, so it never changes that sublayer's weights."""
    if not ctx.is_model or "train_step" not in ctx.cls.method_names or ctx.cls.dynamic_access \
            or ctx.project.subclasses(ctx.qualname):
        return
    ctx.cls.load_methods(tuple(ctx.cls.method_names))  # (all of them: _reached_into reads every method)
    methods = inline_helpers(ctx.cls.methods, ctx.cls.self_attr_counts, entries=("train_step",))
    reach, todo = set(), ["train_step"]
    while todo:
        name = todo.pop()
        if name in reach or name not in methods:
            continue
        reach.add(name)
        for node in walk(methods[name]):
            if type(node) is ast.Call:
                called = self_attr(node.func)
                if called:
                    todo.append(called)
                elif type(node.func) is ast.Name and node.func.id == "self":
                    todo.append("call")  # self(x)
    covered, listed, used = set(), [], set()
    for name in methods:  # (every method: another may train a sublayer with an optimizer of its own)
        nodes = walk(methods[name])
        scope = None
        for node in nodes:
            kind = type(node)
            if kind is ast.Attribute and name in reach and type(node.ctx) is ast.Load:
                attr = self_attr(node)
                if attr:
                    used.add(attr)
            if kind is not ast.Call or type(node.func) is not ast.Attribute:
                continue
            method = node.func.attr
            if method in _OTHER_TRAINING:
                return
            arg = _var_list_argument(node, method)
            if arg is None:
                continue
            if scope is None:
                scope = _scope(nodes)
            roots = _roots(arg, scope, pairs=method == "apply_gradients")
            if roots is None or _ALL in roots:
                return  # (a list this cannot read, or all of the model's variables)
            covered |= roots
            listed.append(arg)
    if not listed:
        return
    # a sublayer handed to a covered one when it is made is trained through it
    nested = {self_attr(n) for a in ctx.self_assigns(("__init__", "build")) if a.attr in covered
              for n in walk(a.value)} - {None}
    names = ", ".join(sorted(f"self.{c}" for c in covered))
    seen = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        attr = assign.attr
        if attr in seen or attr in covered or attr in nested or attr not in used:
            continue
        seen.add(attr)
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == LAYER:
            if value.layer_class in STATELESS_LAYERS or not ctx.has_weights(value.qualname):
                continue
            what = f"{ctx.name}.{attr} ({value.layer_class})"
        elif value.kind == WEIGHT:
            what = f"{ctx.name}.{attr}, a weight of the model,"
        else:
            continue
        if not _trainable(assign.value) or _reached_into(ctx, attr) or _read_on_instances(ctx, attr):
            continue  # (frozen; or its weights are set, assigned or frozen by hand: an EMA teacher)
        yield Hit(
            assign.stmt,
            f"{what} is used by train_step(), but train_step() hands the tape and the optimizer only the "
            f"variables of {names}: it counts as trainable, yet fit never changes it",
            attribute=attr, fix="train_step",
        )


def _var_list_argument(call, method):
    """The variables argument of `tape.gradient(loss, vars)`, `optimizer.apply_gradients(pairs)`,
    `optimizer.apply(grads, vars)`, `optimizer.minimize(loss, var_list)`, else None."""
    if method == "gradient":
        position, keyword = 1, "sources"
    elif method == "apply_gradients":
        position, keyword = 0, "grads_and_vars"
    elif method == "minimize":
        position, keyword = 1, "var_list"
    elif method == "apply" and "optim" in ast.unparse(call.func.value).lower():
        position, keyword = 1, "trainable_variables"
    else:
        return None
    if len(call.args) > position:
        return call.args[position]
    return next((kw.value for kw in call.keywords if kw.arg == keyword), None)


def _scope(nodes):
    """name -> the values a method gives it: assignments, `+=`, `.append`/`.extend`/`.insert`, and the
    iterables of the loops and comprehensions that bind it."""
    scope = bindings(nodes)
    for node in nodes:
        kind = type(node)
        if kind is ast.AugAssign and type(node.target) is ast.Name:
            scope.setdefault(node.target.id, []).append(node.value)
        elif kind is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.attr in ("append", "extend", "insert") and node.args:
            scope.setdefault(node.func.value.id, []).append(node.args[-1])
        elif kind is ast.For or kind is ast.comprehension:
            for target in walk(node.target):
                if type(target) is ast.Name:
                    scope.setdefault(target.id, []).append(node.iter)
    return scope


def _roots(expr, scope, pairs=False, depth=0):
    """The `self.<attr>` whose variables `expr` lists (`_ALL` for the model's own lists), or None when the
    list cannot be read here (a parameter, a call of another function). `pairs`: (gradient, variable)
    pairs, of which only the variables count."""
    kind = type(expr)
    if kind is ast.Attribute:
        attr = self_attr(expr)
        if attr is not None:
            return {_ALL} if attr in _WEIGHT_LISTS else {attr}
        inner = expr.value
        if type(inner) is ast.Call and type(inner.func) is ast.Name and inner.func.id == "super":
            return {_ALL}
        return _roots(inner, scope, False, depth)  # self.decoder.trainable_variables, block.weights
    if kind is ast.Subscript or kind is ast.Starred:
        return _roots(expr.value, scope, pairs, depth)
    if kind is ast.Constant:
        return set()
    if kind is ast.Name:
        values = scope.get(expr.id)
        if not values or depth > 6:
            return None  # a parameter, a global
        parts = values
    elif kind in (ast.List, ast.Tuple, ast.Set):
        parts = expr.elts[-1:] if pairs and kind is ast.Tuple and len(expr.elts) == 2 else expr.elts
    elif kind is ast.BinOp:
        parts = [expr.left, expr.right]
    elif kind is ast.IfExp:
        parts = [expr.body, expr.orelse]
    elif kind in (ast.ListComp, ast.GeneratorExp):
        parts = [expr.elt]  # (its loop names are in scope, bound to the iterables)
    elif kind is ast.Call:
        name = callee_name(expr)
        if name == "gradient":
            return set()  # gradients, not variables
        if name not in _LIST_MAKERS:
            return None
        parts = expr.args[-1:] if pairs and name == "zip" else expr.args
        pairs = pairs and name != "zip"
    else:
        return None
    found = set()
    for part in parts:
        roots = _roots(part, scope, pairs, depth + 1)
        if roots is None:
            return None
        found |= roots
    return found


def _reached_into(ctx, attr):
    """Is `self.<attr>.<anything>` read or set anywhere in the class (`.trainable = False`, `.weights` for a
    moving average, `.set_weights`, `.assign`)? Then its weights are handled by hand."""
    for name in ctx.cls.methods:
        for node in walk(ctx.cls.methods[name]):
            if type(node) is ast.Attribute and self_attr(node.value) == attr:
                return True
    return False
