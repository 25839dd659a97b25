"""LD009 no-gradient: a trainable weight never read, or read only where no gradient flows.

This module holds the rule's catalog text and the class check that runs every family; each other
family has a module of its own here (reads: what a read of a weight passes through)."""

import ast

from .... import keras_messages as msg
from ....rule import Rule, snippet
from ....vocab import KERAS3, TF_KERAS
from ...class_facts import BASE_WEIGHT_NAMES, BASE_WEIGHTS, keras_base_layer, parsed_file
from ...context import LAYER, STATELESS_LAYERS, WEIGHT, self_attr
from ...walk import walk
from .. import Hit
from ..ld002 import traced_call_unbuilt_sublayers
from ..ld005 import configured_dead_sublayers, used_by_bases
from .dead_stores import dead_results, dead_self_reads, read_outside
from .numpy_bridge import cut_by_numpy_function
from .outputs import blocked_output, blocked_sublayers, input_taken_to_numpy
from .reads import WEIGHT_LISTS, int_dtype, only_blocked_reads, read_on_instances, trainable
from .train_step import left_out_of_train_step
from .unread_bias import bias_never_added
from .loop_overwrites import layers_overwritten_in_loop
from .unrun_wrapped_layer import wrapped_layer_never_run
from .wrapped_in_variable import wrapped_in_variable
from .compiled import compiled_without_gradient
from .compiled import trigger as compile_trigger
from .wiring import TRIGGER as WIRING_TRIGGER
from .wiring import check_module as check_wiring

RULE = Rule(
    code="LD009", name="no-gradient", severity="error", tf_keras_severity="error",
    summary="A trainable weight gets no gradient, so training never changes it.",
    what="Static: finds trainable weights created with `add_weight` that the class never reads "
         "(and the file never reads on an instance of it, as wiring code or a loss may), "
         "or reads only inside `stop_gradient(...)`, through NumPy or Python conversions "
         "(`.numpy()`, `np.asarray`, `float`), into another variable (`layer.set_weights([...])`, `v.assign(...)` in "
         "`call()`), or through non-differentiable ops (`round`, "
         "`argmax`, casts to integers, `tf.numpy_function`, comparisons such as `x > self.t`, `greater_equal` or the "
         "condition of `where`), also inside a function of the file that passes the argument on only through "
         "such ops (`binarize(self.kernel)`); the same for the weights a Keras base layer makes (`Dense`'s "
         "and `ConvND`'s `kernel`/`bias`, `Embedding`'s `embeddings`...) when a subclass's `call()` never runs "
         "the base's `call()`, and the bias such a base makes when a subclass's `call()` redoes the product with "
         "the kernel and never mentions the bias while `use_bias` is on (Keras's default, or passed True where an "
         "instance is made); trainable weights whose every path to `call()`'s result (following its "
         "locals statement by statement) goes through `tf.numpy_function`/`tf.py_func` (`tf.py_function` "
         "records a gradient: not reported); the layers of a list that a loop in `call()` runs on the same input, keeping "
         "only the last result (`for d in self.stack: x = d(inputs)`; a warning when the list's length is handed in); "
         "the layer a `keras.layers.Wrapper` subclass wraps when building builds it and `call()` never runs or reads it "
         "(a warning when no instance in the file shows what it wraps); "
         "a sublayer with trainable weights built explicitly "
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
         "an integer dtype; a training loop (a function, or a method of a plain class) whose loss, handed to "
         "`tape.gradient(loss, model.trainable_variables)`, reaches the model's output only through NumPy or Python "
         "values (`.numpy()`, `float(...)`, `np.mean(...)`, `model.predict(...)`; followed through locals, lists and "
         "the file's functions the model is handed to; not when a tensor path remains); "
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
         "`ops.stop_gradient(...)` (also after weightless layers and one-tensor ops), or handed "
         "only to a custom layer of the file whose `call()` (and the methods it passes it to) reads that input "
         "only through comparisons, `argmax` or its shape (a mask: GATConv reading a learned adjacency as "
         "`a == 0`). And a Model whose own "
         "`train_step` (and the methods it calls) hands the tape and the optimizer the variables of some sublayers "
         "only (`tape.gradient(loss, self.decoder.trainable_variables)`, lists joined with `+`, `extend`, `zip`), "
         "while a trainable sublayer with weights, or a weight, that the class makes itself is used on the way: `fit` "
         "never changes it (not for lists it cannot read, `self.trainable_variables`, frozen sublayers, or "
         "sublayers whose weights the class handles by hand, such as a moving-average teacher). The same for a "
         "training loop outside a Model (the methods of a plain trainer class, or a function and the functions "
         "nested in it): a trainable layer with weights that this code makes (an attribute, a local, or an "
         "argument one of its methods hands to another) and calls under a `GradientTape`, while every variable "
         "list given to a tape or an optimizer there names other layers' variables (`self.model.trainable_"
         "variables`): FaceNet's ArcFace head (not for lists it cannot read, models, layers used in any other "
         "way than called, or listed by another step, such as a GAN's discriminator). "
         "What `compile()` is given: a `keras.metrics` object as the loss (alone, in a list or a dict per output, "
         "or called by a loss function of the file), a loss function of the file (or one a factory of the file "
         "returns) whose every returned value reads `y_pred` only through the ops above (`argsort`, `argmax`, "
         "`round`, integer casts, comparisons); and, on Keras 3 only, a model compiled, then frozen "
         "(`d.trainable = False`, the Keras 2 GAN recipe) and then trained itself (`d.train_on_batch`, `d.fit`) "
         "with no `d.trainable = True` in the file: Keras 3 reads the flag when it trains (tf.keras 2's compile() "
         "kept a snapshot); and a tensor `call()` computed with a sublayer or a weight wrapped in a new "
         "`tf.Variable`/`keras.Variable` and returned (`payoffs = tf.Variable(payoffs)` to edit it with "
         "`.assign()`): a variable made from a value is a leaf (a warning when the value comes from the input "
         "alone). "
         "Runtime: computes the gradient of the summed outputs "
         "with respect to every trainable weight and reports the weights that are "
         "disconnected: `None` on TensorFlow; on JAX, which returns zeros (a zero is not evidence), "
         "the objective is traced (`jax.make_jaxpr`) and linearized, and a weight counts when the "
         "derivative's computation depends on it; on torch, the autograd graph is walked and a weight "
         "counts when a path reaches it that crosses no zero-derivative operation (`round`, `sign`). A weight "
         "counts as trained when it gets a gradient from the inference outputs or from a training-mode "
         "pass with `model.losses` and the compiled loss; when nothing float can be differentiated "
         "(token ids in, ids out), the weights the forward pass never reads are reported. A compiled model's loss is "
         "also differentiated alone: when no weight gets a gradient from it while the outputs give them one, "
         "it is reported; and on Keras 3, as a warning, a model compiled with an optimizer whose trainable flag "
         "is off. It also "
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
        "training_loop": "# list the loss layer's variables with the model's, for the tape and the optimizer:\n"
                         "variables = {listed}.trainable_variables + {attr}.trainable_variables",
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


def TRIGGER(text: str) -> bool:  # noqa: N802 (the name the catalog reads)
    return WIRING_TRIGGER(text) or compile_trigger(text)


def check_module(ctx):
    yield from check_wiring(ctx)
    yield from compiled_without_gradient(ctx)


def check_class(ctx):
    reported = set()
    for hit in _checks(ctx):
        reported.add(hit.attribute)
        yield hit
    yield from dead_results(ctx, reported)


def _traced_before_built(ctx):
    """Measured (ld009zc, heldout16's Deep CFR network): a Model or layer without build() whose call() is a
    @tf.function: Keras builds it by tracing call(), the graph keeps the sublayers' initial weights, and every
    one gets a None gradient (fit: "No gradients provided"). With build() the first call may be eager: LD002's
    warning only."""
    for assign, value, no_build, what in traced_call_unbuilt_sublayers(ctx):
        if no_build:
            yield Hit(assign.stmt, f"{ctx.name}.{what} and the class has no build(): Keras builds it "
                                   f"by tracing call(), so the weights of self.{assign.attr} (a {value.layer_class}) are "
                                   f"constants of the traced graph and get no gradient; build the sublayers in build() "
                                   f"or drop the decorator", attribute=assign.attr, fix=None)


def _checks(ctx):
    yield from left_out_of_train_step(ctx)
    yield from _configured_dead_sublayers(ctx)
    yield from _traced_before_built(ctx)
    yield from _built_never_called(ctx)
    yield from blocked_output(ctx)
    yield from blocked_sublayers(ctx)
    yield from input_taken_to_numpy(ctx)
    yield from wrapped_in_variable(ctx)
    yield from bias_never_added(ctx)
    yield from layers_overwritten_in_loop(ctx)
    yield from wrapped_layer_never_run(ctx)
    if any(ctx.mentions(name) for name in WEIGHT_LISTS):
        return
    weights = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        func = ctx.methods[assign.method]
        if ctx.value(assign.value, ctx.env(func)).kind == WEIGHT and trainable(assign.value):
            weights.setdefault(assign.attr, assign)
    for attr, assign in weights.items():
        dtype = next((kw.value for kw in assign.value.keywords if kw.arg == "dtype"), None)
        if dtype is not None and int_dtype(dtype):
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} is a trainable weight of integer dtype ({ast.unparse(dtype)}): no "
                f"gradient is defined for integers, so it is counted but never trained",
                attribute=attr,
            )
            continue
        if ctx.is_unused(attr) and ctx.has_method("call") and not read_on_instances(ctx, attr) \
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
            method, copy, reader, thrown_away = copies
            how = (f"reaches call()'s result only through self.{copy}, computed from it in {method}() ({reader}; "
                   f"what call() computes from the weight itself is thrown away)" if thrown_away else
                   f"is read only in {method}(), to compute self.{copy}, {reader}")
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} {how}: a tensor computed once from the weight's initial value, so the weight "
                f"gets no gradient and is never trained (compute it in call())",
                attribute=attr,
            )
            continue
        blocked = only_blocked_reads(ctx, attr)
        if blocked is not None:
            node, why = blocked
            yield Hit(
                node,
                f"{ctx.name}.{attr} reaches the output only through {why}: it gets no gradient and "
                f"is never trained",
                attribute=attr,
            )
            continue
        bridge = cut_by_numpy_function(ctx, attr)
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
        blocked = only_blocked_reads(ctx, attr)
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
    """(method, copy, who reads it) when every read of self.<attr> is in __init__/build() (not run by
    call()), inside the value of `self.<copy> = ...` for other attributes that call() reads (`self.beg =
    abs(self.b1) + m` in build()), or that code outside the class reads on an instance: they see a
    constant computed once, never the weight. LD010 reports the copy."""
    reads = ctx.mentions(attr) - ctx.stores_of(attr)
    if reads <= 0 or ctx.cls.dynamic_access:
        return None
    found, counted = None, 0
    for method, _ in ctx.methods_of("__init__", "build"):
        if ctx.in_phase(method, "call"):
            return None
        stores = [(assign.attr, assign.value) for assign in ctx.assigns_in(method)] + _container_fills(ctx, method)
        for copy, value in stores:
            if self_attr(value) == attr:
                return None  # `self.w_ref = self.w`: an alias of the variable, which call() may read
            n = sum(1 for node in walk(value) if type(node) is ast.Attribute and self_attr(node) == attr)
            if n and copy != attr:
                counted += n
                found = found or (method, copy)
    thrown_away = 0  # reads in call() whose result call() throws away (`beg = abs(self.b1)`, `beg` never read)
    if found is not None and counted < reads and ctx.has_method("call"):
        dead = dead_self_reads(ctx)
        thrown_away = sum(1 for method, _ in ctx.methods_of("call") for node in ctx.nodes(method)
                          if id(node) in dead and self_attr(node) == attr)
    if found is None or counted + thrown_away != reads or any(
            sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)):
        return None
    copies_read = set()
    for method, _ in ctx.methods_of("call"):
        copies_read |= {self_attr(node) for node in ctx.nodes(method)
                        if type(node) is ast.Attribute and type(node.ctx) is ast.Load}
    if _read_by_bases(ctx, attr) or read_on_instances(ctx, attr):
        return None
    if found[1] in copies_read:
        return found[0], found[1], "which call() reads", thrown_away
    if read_on_instances(ctx, found[1]):
        # `nb = NB(disp.theta_exp)`: a loss built on the copy (held-out 22, DCA's dispersion)
        return found[0], found[1], "which code outside the class reads (a loss built on it)", thrown_away
    return None


_FILLS = {"append", "extend", "insert"}


def _container_fills(ctx, method) -> list[tuple[str, ast.expr]]:
    """(container, value) of `self.<container>[k] = value` and `self.<container>.append(value)` in `method`
    (TT-RNN's `self.cores[k] = self.kernel[a:b]` in build(): slices of a weight kept in a list)."""
    found = []
    for node in ctx.nodes(method):
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is not ast.Subscript:
                    continue
                while type(target) is ast.Subscript:
                    target = target.value
                if (container := self_attr(target)) is not None:
                    found.append((container, node.value))
        elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _FILLS \
                and node.args and (container := self_attr(node.func.value)) is not None:
            found.append((container, node.args[-1]))
    return found


def _configured_dead_sublayers(ctx):
    """A sublayer build() builds, or a weight it always creates, that call() reads only under an `if` or in
    a `for ... in range(...)` that the arguments an instance is made with in this file make False or empty
    (`Block(..., use_gate=False)`, `Series(terms=2)`): trainable weights, no gradient."""
    for site, attr, cls, test, built, where in configured_dead_sublayers(ctx):
        if cls is None:  # a weight
            if read_outside(ctx, attr):
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
                or not trainable(assign.value):
            continue
        if any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname)) \
                or used_by_bases(ctx, attr, strict=True) or read_on_instances(ctx, attr):
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
        for node in ctx.nodes_of(method, ast.Call):
            if type(node.func) is ast.Attribute and node.func.attr == "build":
                attr = self_attr(node.func.value)
                if attr:
                    counts[attr] = counts.get(attr, 0) + 1
    return counts
