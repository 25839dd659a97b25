"""LD001 raw-tensor-state: a weight-like tensor stored on self in __init__/build."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..class_facts import (BASE_WEIGHT_NAMES, BASE_WEIGHTS, READ_ONLY_WEIGHTS, argument_for, construction_sites,
                           default_build, file_function, file_text, keras_base_layer, top_level_defs)
from ..context import FOREIGN, OTHER, TENSOR, WEIGHT, WEIGHT_NAME_RE, Value, bindings, self_attr, weight_named
from ..walk import callee_name, own_nodes, parent_map, walk
from . import Hit

RULE = Rule(
    code="LD001", name="raw-tensor-state", severity="error", tf_keras_severity="error",
    summary="A weight-like tensor or NumPy array is stored on `self` in `__init__`/`build` "
            "instead of a variable.",
    what="Static: finds `self.x = ...` in `__init__` or `build` whose value is made by a tensor or "
         "array factory (`tf.random.*`, `tf.zeros`, `tf.ones`, `tf.constant`, `np.*`, "
         "`keras.ops.*`, `keras.random.*`) or by calling a Keras initializer object "
         "(`self.gamma = self.gamma_init(shape)` with `initializers.get(...)`, "
         "`keras.initializers.GlorotUniform()(shape)`) or by a function of the file that draws at random and "
         "returns a tensor op's result (`self.projection = orthogonal_matrix(rows, cols)`) rather than by "
         "`add_weight`; constant-filled values count "
         "only under a weight-like name (`kernel`, `bias`, `scale`, ...), since masks and lookup "
         "tables are legitimately plain tensors, and not when `__init__` also sets the attribute to a "
         "constructor argument (a default for data the caller hands in, such as a graph's edge weights); values "
         "computed with sin/cos (a sinusoidal position table, also through locals and their slices) are not reported; values computed only from numbers typed in by hand (a blur or Sobel filter, "
         "also through locals and array ops: `tf.constant(a[:, None] * a[None, :])`) are a warning that "
         "says it is a heuristic. Also (a warning: it reads intent from use) a "
         "constructor argument stored on `self` and used in `call()` as an arithmetic or "
         "`matmul` operand, when the file passes it an array (`MyLayer(np.random.rand(4, 3))`) "
         "or `build()` turns it into a tensor (`tf.constant(self.init)`) and no weight is made "
         "from it; masks, indices and position tables are left alone. And a NumPy copy of the layer's "
         "own weight (`ops.convert_to_numpy(self.weights[0]).copy()`, `self.kernel.numpy()`, "
         "`self.get_weights()[0]`) kept on `self` in `__init__`/`build`: an error when `call()` or another "
         "method uses it, else a warning (a one-off snapshot may be meant). And a subclass of a built-in layer "
         "(`Embedding`, `Dense`, `ConvND`...) that stores values it is handed where the base keeps its weight "
         "(`self.embeddings = matrix`, `self.kernel = weights[0]`) and overrides `build()` without the base's: "
         "on Keras 3 the store raises for `kernel`/`embeddings` (a read-only property), elsewhere the layer "
         "computes with a constant. And (Keras 3) any TF or Keras "
         "tensor made in `build()` and read in `call()` when a Model or Layer of the same file without a "
         "`build()` of its own holds the layer: Keras builds that holder by tracing its `call()` in a scratch "
         "graph, the tensor belongs to it and the first real call raises (a warning when the holder has a "
         "`build()` that makes the layer without building it, in a file that wires models functionally: the "
         "holder's first, symbolic, call builds it in the trace; any TensorFlow op counts, `tf.sqrt(gain / n)` too). "
         "Runtime: walks the attributes of every "
         "user-written layer and reports tensors and arrays that are not tracked variables, with the "
         "static policy: an error under a weight-like name; otherwise a warning (a heuristic) only for "
         "non-integer values whose name is not a buffer's (mask, noise, index, table, position...), and for a "
         "random-valued tensor named noise/eps/epsilon that the source sets in `build()`/`__init__` and never in "
         "`call()` (a noise sample drawn once); when "
         "building raises \"property 'kernel' ... has no setter\" at a store of values that are not computed "
         "from the weight, it names that store.",
    why={
        KERAS3: "Keras 3 tracks only `keras.Variable`s, which `add_weight` creates. A tensor or "
                "NumPy array stored on the layer is a constant: it is not in `layer.weights`, the "
                "summary counts 0 parameters for it, `fit` never updates it and it is not saved "
                "with the model. A random initial value hides the bug well: the layer computes "
                "with a fixed random matrix that looks like a working kernel. Keras says nothing "
                "on any backend; `fit` on the TensorFlow and torch backends warns \"The model does "
                "not have any trainable weights.\" only when nothing at all in the model is "
                "trainable, and on JAX not even then.",
        TF_KERAS: "tf.keras 2 tracks only `tf.Variable`s (created by `add_weight` or assigned to "
                  "the layer). A tensor or NumPy array is a constant: not in `layer.weights`, "
                  "0 parameters in the summary, never trained, not saved. tf.keras 2 prints "
                  "nothing, even when the model has no trainable weight left.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras
        from keras import ops


        class ScaledDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = keras.random.normal((input_shape[-1], self.units), stddev=0.05)
                self.bias = ops.zeros((self.units,))

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    use_instead=snippet("""
        import keras
        from keras import ops


        class ScaledDense(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units

            def build(self, input_shape):
                self.kernel = self.add_weight(
                    shape=(input_shape[-1], self.units),
                    initializer=keras.initializers.RandomNormal(stddev=0.05),
                )
                self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

            def call(self, inputs):
                return ops.matmul(inputs, self.kernel) + self.bias
    """),
    fix_hint="self.{attr} = self.add_weight(shape={shape}, initializer={initializer}{dtype_arg})  "
             "# trainable=False for a fixed buffer",
    fixes={
        "base_weight": "super().build(input_shape)  # in build(): {base} makes its weight, then load the values:\n"
                       "self.{attr}.assign(...)  # (trainable=False in super().__init__() to keep them fixed)",
    },
    fix_safety="Unsafe: `add_weight` needs the shape and an initializer that reproduces the old "
               "value (a NumPy array needs `keras.initializers.Constant`), the new variable is "
               "trainable unless `trainable=False` is passed, and it adds entries to saved weights. "
               "Review the initializer and whether the value should be trained.",
)

CODE = RULE.code


def check_class(ctx):
    caller_data = None
    reported = set()
    in_build = []  # TF/Keras tensors made in build(): _traced_build_tensors
    stored_names = {assign.attr for assign in ctx.self_assigns(("__init__", "build"))}
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.in_phase(assign.method, "call"):
            continue  # created per call: LD002's business
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == OTHER and (helper := _random_helper_tensor(ctx, assign)) is not None:
            caller_data = _caller_data(ctx) if caller_data is None else caller_data
            if assign.attr in caller_data:
                continue  # a default drawn for data the caller may hand in (an initial vocabulary)
            value = helper  # a random tensor a function of the file returns: reported as if written here
        elif value.kind != TENSOR:
            if assign.method == "build" and _graph_op(ctx, assign.value):
                in_build.append(assign)  # `self.scale = tf.sqrt(gain / fan_in)`: a tensor, if not a weight
                continue
            value = _initializer_output(ctx, assign)
            if value is None:
                continue
            if not (value.random or weight_named(assign.attr, stored_names)):
                continue
            reported.add(id(assign.stmt))
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} is what calling the initializer {value.qualname} returns, stored in "
                f"{assign.method}(): an initializer returns a tensor, not a variable, so Keras does not track it: "
                f"not counted, trained or saved (hand the initializer to add_weight instead)",
                attribute=assign.attr,
            )
            continue
        if value.random and _last(value.qualname) in _INTEGER_DRAWS:
            continue  # `self.seed = np.random.randint(1, 10e6)`: integers (a seed, a permutation) never train
        if assign.method == "build" and (value.qualname or "").startswith(_GRAPH_TENSORS):
            in_build.append(assign)
        # A random tensor is a weight's initial value; a zeros/ones/array needs a weight's name,
        # since constant buffers (masks, position tables) are legitimately plain tensors.
        if not (value.random or weight_named(assign.attr, stored_names)):
            if _uniform_factor(ctx, assign):
                reported.add(id(assign.stmt))
                yield Hit(
                    assign.stmt,
                    f"{ctx.name}.{assign.attr} is one value everywhere ({value.qualname}) in a shape set by the "
                    f"layer's arguments or input, stored in {assign.method}() and applied elementwise in call(): "
                    f"Keras does not track it, so it is not counted or trained (a heuristic: a uniform tensor "
                    f"acts as one number, so the per-channel shape suggests a layer scale or offset meant to "
                    f"train; if it is a fixed constant by design, ignore this)",
                    attribute=assign.attr, severity="warning",
                )
            continue
        if not value.random:
            caller_data = _caller_data(ctx) if caller_data is None else caller_data
            if assign.attr in caller_data:
                continue  # a default for data the caller hands in (`edge_weights` of a graph when None)
            if _sinusoidal(ctx, assign):
                continue  # a sinusoidal position table (Hands-On ML's PositionalEncoding): fixed by design
        if _stands_in_for_a_weight(ctx, assign):
            continue
        reported.add(id(assign.stmt))
        if _written_by_hand(assign.value) or _from_hand_written(assign.value, ctx.env(ctx.methods[assign.method])):
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} is a raw tensor ({value.qualname}) stored in {assign.method}(): "
                f"Keras does not track it, so it is not counted, trained or saved (a heuristic: its values "
                f"are written out by hand, as in a fixed filter, which is fine as a tensor if it is not "
                f"meant to train)",
                attribute=assign.attr, severity="warning",
            )
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is a raw tensor ({value.qualname}) stored in {assign.method}(): "
            f"Keras does not track it, so it is not counted, trained or saved",
            attribute=assign.attr,
        )
    yield from _base_weight_replaced(ctx, reported)
    yield from _constructor_arrays(ctx)
    yield from _weight_snapshots(ctx, reported)
    if in_build and ctx.target == KERAS3:
        yield from _traced_build_tensors(ctx, [a for a in in_build if id(a.stmt) not in reported])


# ------------------------------------------------------------------ a uniform tensor as a per-channel factor
# `self.const = 1e-6 * tf.ones(dim)` then `inputs * self.const`, in a layer with no weight: ConvNeXt's
# layer scale written as a constant (tests/cases_static/ld001k: measured 0 weights).
_UNIFORM = {"ones", "zeros", "full", "fill"}
_ELEMENTWISE = {"multiply", "add", "subtract"}
_ARITHMETIC = (ast.Mult, ast.Add, ast.Sub, ast.Div)


def _uniform_factor(ctx, assign) -> bool:
    if not _uniform_tensor(ctx, assign.value) or _makes_weights(ctx):
        return False
    for _, func in ctx.methods_of("call"):
        nodes = walk(func)
        if not any(self_attr(n) == assign.attr for n in nodes):
            continue
        parents = parent_map(nodes)
        for node in nodes:
            if self_attr(node) == assign.attr and type(node.ctx) is ast.Load:
                parent = parents.get(id(node))
                if type(parent) is ast.BinOp and type(parent.op) in _ARITHMETIC or \
                        type(parent) is ast.Call and node in parent.args and callee_name(parent) in _ELEMENTWISE:
                    return True
    return False


def _uniform_tensor(ctx, expr) -> bool:
    """`ones(shape)`, `zeros(shape)`, `full(shape, c)`, `fill(dims, c)`, or one of them times (plus...) a
    number: one value everywhere, in a shape that is not literal (an argument's or the input's)."""
    if type(expr) is ast.BinOp and type(expr.op) in _ARITHMETIC:
        calls = [side for side in (expr.left, expr.right) if type(side) is ast.Call]
        other = expr.right if expr.left in calls else expr.left
        return len(calls) == 1 and type(other) in (ast.Constant, ast.Name, ast.Attribute) and \
            _uniform_tensor(ctx, calls[0])
    if type(expr) is not ast.Call or not expr.args:
        return False
    name = ctx.qualify(expr.func) or ""
    if name.rsplit(".", 1)[-1] not in _UNIFORM or not name.startswith(("keras.", "tensorflow.", "numpy.", "jax.")):
        return False
    return any(type(n) in (ast.Name, ast.Attribute) for n in walk(expr.args[0]))


def _makes_weights(ctx) -> bool:
    return any(type(n) is ast.Call and callee_name(n) in ("add_weight", "add_variable", "Variable")
               for method in ctx.methods for n in ctx.nodes(method))


# ------------------------------------------------------------------ an initializer called for a weight
# `self.gamma = self.gamma_init(shape)` with `self.gamma_init = initializers.get("one")`, or
# `keras.initializers.GlorotUniform()(shape)`: calling a Keras initializer returns a backend tensor (an
# EagerTensor on TF), measured on Keras 3.15.1 + TF 2.21 (ld001i): 0 weights, the "weight" is a constant.
_INITIALIZERS = ("keras.initializers.", "keras.src.initializers.")
_CONSTANT_INITIALIZERS = {"Zeros", "Ones", "Constant", "Identity", "zeros", "ones", "zero", "one",
                          "constant", "identity", "IdentityInitializer"}


def _initializer_output(ctx, assign):
    """A TENSOR Value when `assign` stores the result of calling a Keras initializer object, else None."""
    call = assign.value
    if type(call) is not ast.Call:
        return None
    func, maker = call.func, None
    if type(func) is ast.Call:  # keras.initializers.GlorotUniform()(shape)
        maker = func
    elif type(func) is ast.Name:  # init = keras.initializers.HeNormal(); init(shape)
        bound = ctx.env(ctx.methods[assign.method]).get(func.id, ())
        maker = bound[0] if len(bound) == 1 else None
    elif (attr := self_attr(func)) is not None:  # self.gamma_init = initializers.get(...) in __init__
        made = [a.value for a in ctx.self_assigns(("__init__",)) if a.attr == attr]
        maker = made[0] if len(made) == 1 else None
    if type(maker) is not ast.Call:
        return None
    name = ctx.qualify(maker.func) or ""
    if not name.startswith(_INITIALIZERS):
        return None
    last = name.rsplit(".", 1)[-1]
    if last == "get":  # initializers.get("glorot_uniform"): random unless a constant or not known here
        arg = maker.args[0] if maker.args else None
        random = type(arg) is ast.Constant and isinstance(arg.value, str) and arg.value not in _CONSTANT_INITIALIZERS
    elif last[:1].isupper():
        random = last not in _CONSTANT_INITIALIZERS
    else:
        return None
    return Value(TENSOR, name, random=random)


# ------------------------------------------------------------------ a random tensor from a file function
# `self.projection_matrix = orthogonal_matrix(rows, cols)` with orthogonal_matrix() a function of the file
# that draws at random and returns a tensor op's result (k3-node's Performer): measured on Keras 3.15.1
# (ld001m) as untracked as the draw written in place: 0 params, a new draw after reload. A helper that
# does not draw (a sinusoid table, a mask) returns a constant and is left alone.
_RESULT_MODULES = ("tensorflow.", "numpy.", "keras.ops.", "keras.random.", "jax.numpy.", "jax.random.", "torch.")
_NOT_TENSORS = {"shape", "size", "ndim", "rank", "prod", "sum", "item", "tolist", "dtype", "convert_to_numpy"}


def _random_helper_tensor(ctx, assign):
    """A random TENSOR Value when `assign` stores what a function of the file returns (directly or
    through a local), that function returns a tensor and draws at random (itself or through another
    function of the file), and the call hands it no seed; else None."""
    call = assign.value
    if type(call) is ast.Name:
        bound = ctx.env(ctx.methods[assign.method]).get(call.id, ())
        call = bound[0] if len(bound) == 1 else None
    if type(call) is not ast.Call or type(call.func) not in (ast.Name, ast.Attribute) or self_attr(call.func):
        return None
    if not ctx.file_mentions("rand") or type(call.func) is ast.Name and call.func.id not in top_level_defs(ctx.file):
        return None  # (most files draw nothing at random; most calls are of no function of the file)
    if any("seed" in ast.unparse(arg).lower() for arg in [*call.args, *call.keywords]):
        return None  # seeded from the layer's settings: the same draw again after a reload (TF Models' Performer)
    fn = file_function(ctx.file, call.func)
    if fn is None or not _returns_tensor(ctx, fn, 0):
        return None
    if _draws(ctx, fn, 0):
        return Value(TENSOR, f"{ast.unparse(call.func)}(), which draws at random", random=True)
    # `l2normalize(tf.random.normal(...))`: a tensor function of the file handed a random draw
    # (SN-GAN's power-iteration vector, held-out 21)
    env = ctx.env(ctx.methods[assign.method])
    if any(ctx.value(arg, env).random for arg in call.args):
        return Value(TENSOR, f"{ast.unparse(call.func)}() of a random draw", random=True)
    return None


def _returns_tensor(ctx, fn, depth) -> bool:
    body = own_nodes(fn.body)
    env = bindings(body)
    returns = [n.value for n in body if type(n) is ast.Return and n.value is not None]
    return bool(returns) and all(_tensor_result(ctx, r, env, depth) for r in returns)


def _tensor_result(ctx, expr, env, depth) -> bool:
    """Is `expr` (in a function whose bindings are `env`) a tensor or array made by a tensor op?"""
    if depth > 6:
        return False
    kind = type(expr)
    if kind is ast.Name:
        bound = env.get(expr.id)
        return bool(bound) and _tensor_result(ctx, max(bound, key=lambda v: v.lineno), env, depth + 1)
    if kind is ast.Subscript or kind is ast.Attribute and expr.attr == "T":
        return _tensor_result(ctx, expr.value, env, depth + 1)
    if kind is ast.BinOp:
        return _tensor_result(ctx, expr.left, env, depth + 1) or _tensor_result(ctx, expr.right, env, depth + 1)
    if kind is not ast.Call:
        return False
    func = expr.func
    if type(func) is ast.Attribute and func.attr == "astype":
        return _tensor_result(ctx, func.value, env, depth + 1)
    name = ctx.qualify(func) or ""
    if name.startswith(_RESULT_MODULES):  # (a variable, tf.Variable included, is LD003's or tracked)
        return name.rsplit(".", 1)[-1] not in _NOT_TENSORS and ctx.classify_in(expr).kind not in (WEIGHT, FOREIGN)
    other = file_function(ctx.file, func) if depth < 3 and type(func) in (ast.Name, ast.Attribute) else None
    return other is not None and _returns_tensor(ctx, other, depth + 3)


def _draws(ctx, fn, depth) -> bool:
    """Does `fn` draw at random (np.random.*, tf.random.*, keras.random.*), itself or through a function
    of the file it calls (two levels)?"""
    for node in own_nodes(fn.body):
        if type(node) is not ast.Call:
            continue
        value = ctx.classify_in(node)
        if value.kind == TENSOR and value.random:
            return True
        if depth < 2 and type(node.func) in (ast.Name, ast.Attribute) and not self_attr(node.func) and \
                (other := file_function(ctx.file, node.func)) is not None and other is not fn and \
                _draws(ctx, other, depth + 1):
            return True
    return False


# ------------------------------------------------------------------ build() run inside a trace
# Keras 3 builds a layer or model that has no build() of its own (Layer/Model's default) and holds
# sublayers by tracing its call() in a scratch FuncGraph (`compute_output_spec`), so the sublayers'
# build() runs in that graph: a TF tensor they store on self belongs to a dead graph and the first real
# call raises "... cannot be accessed from here, because it was defined in FuncGraph(name=scratch_graph)".
# Measured (Keras 3.15.1 + TF 2.21): tf.constant/ones/fill/convert_to_tensor, keras.ops and keras.random
# tensors break so when the holder is a build()-less Model (first eager call, self(dummy) in __init__,
# fit, predict) or a build()-less Layer (also inside a functional model); the same layer called directly,
# in a functional model or Sequential, or held by a model whose build() builds it works, and so do NumPy
# arrays, Python values, add_weight and any tensor made in __init__.
_GRAPH_TENSORS = ("tensorflow.", "keras.ops.", "keras.random.", "keras.backend.")


# Functions of those libraries that return no tensor (a shape, a dtype, a flag, a context).
_NOT_TENSORS = {"shape", "ndim", "dtype", "is_tensor", "name_scope", "executing_eagerly", "get_static_value",
                "as_dtype", "device", "init_scope", "control_dependencies", "function", "print", "convert_to_numpy",
                "get", "serialize", "deserialize", "int_shape", "standardize_dtype", "is_keras_tensor", "floatx",
                "image_data_format", "epsilon", "backend"}


def _graph_op(ctx, value) -> bool:
    """A call of a TensorFlow or keras.ops function that returns a tensor (`tf.sqrt(2 / fan_in)`)."""
    if type(value) is not ast.Call:
        return False
    name = ctx.qualify(value.func) or ""
    last = name.rsplit(".", 1)[-1]
    return name.startswith(("tensorflow.", "keras.ops.")) and last[:1].islower() and last not in _NOT_TENSORS


def _traced_build_tensors(ctx, assigns):
    read = {self_attr(n) for m, _ in ctx.methods_of("call") for n in ctx.nodes(m)
            if type(n) is ast.Attribute and type(n.ctx) is ast.Load}
    assigns = [a for a in assigns if a.attr in read]
    if not assigns:
        return
    holder = _buildless_holder(ctx)
    if holder is not None:
        for assign in assigns:
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{assign.attr} is a tensor made in build(), and {holder} (no build() of its own) holds "
                f"{ctx.name}: Keras 3 builds {holder} by tracing its call() in a scratch graph, so this tensor belongs "
                f"to that graph and the first real call raises (\"cannot be accessed from here ... scratch_graph\"); "
                f"make it in __init__, keep a NumPy array or Python value, or use add_weight(trainable=False)",
                attribute=assign.attr, fix=None,
            )
        return
    holder = _unbuilding_holder(ctx)
    if holder is None:
        return
    for assign in assigns:
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is a tensor made in build(), and {holder} makes {ctx.name} without building "
            f"it: {ctx.name} is built on {holder}'s first call, and in a functional model that call is traced in "
            f"a scratch graph, so this tensor belongs to that graph and the first real call raises (\"cannot be "
            f"accessed from here ... scratch_graph\"; heuristic: the file wires models functionally; a first "
            f"call on real values is fine); make it in __init__, keep a NumPy array or Python value, or use "
            f"add_weight(trainable=False)",
            attribute=assign.attr, severity="warning", fix=None,
        )


def _buildless_holder(ctx):
    """The name of a layer or model class of this file whose __init__ makes this class (directly, in a
    list, or through a local: `Block = NoisyDense if noisy else Dense`) and which has no build(): neither
    its own, nor a project base's, nor a Keras base's other than Layer/Model's default."""
    project, path = ctx.project, ctx.file.path
    for cls in ctx.file.classes:
        key = project.key_of(cls.qualname, path)
        if key == ctx.qualname or "__init__" not in cls.method_names or "build" in cls.method_names:
            continue
        if not default_build(project, key):
            continue
        init = cls.load_methods().get("__init__")
        if init is not None and any(type(n) is ast.Name and n.id == ctx.name or type(n) is ast.Attribute
                                    and n.attr == ctx.name for n in walk(init)):
            return cls.name
    return None


def _unbuilding_holder(ctx):
    """The name of a layer class of this file that has a build() and makes this class in its __init__ or
    build() (`self.dense = EqualizedDense(...)`) without building it there, where models are wired functionally
    (this file's text, or that of a file importing the holder, calls `Input(`): the sublayer is built inside
    the holder's first, symbolic, call."""
    project, path = ctx.project, ctx.file.path
    text = ctx.cls.file_text()
    wired_here = text is not None and "Input(" in text
    for cls in ctx.file.classes:
        key = project.key_of(cls.qualname, path)
        if key == ctx.qualname or "build" not in cls.method_names or not project.is_layer(key):
            continue
        if not wired_here and not _wired_by_importers(project, key):
            continue
        methods = cls.load_methods()
        build = methods.get("build")
        if build is None:
            continue
        made = {attr for name in ("__init__", "build") if name in methods for node in walk(methods[name])
                if type(node) is ast.Assign and type(node.value) is ast.Call
                and callee_name(node.value) == ctx.name
                for attr in (self_attr(t) for t in node.targets) if attr}
        built = {self_attr(node.func.value) for node in walk(build) if type(node) is ast.Call
                 and type(node.func) is ast.Attribute and node.func.attr == "build"}
        if made - built:
            return cls.name
    return None


def _wired_by_importers(project, key) -> bool:
    """Does a checked file that imports the class `key` call `Input(` (wire models functionally)?"""
    return any("Input(" in file_text(file) for file in project.importers(key))


# A weight's values taken out of Keras as a NumPy array (BinaryNet's full-precision copy of its kernel).
_TO_NUMPY = {"convert_to_numpy", "get_value", "array", "asarray", "copy", "numpy", "batch_get_value"}
_WEIGHT_READS = {"weights", "trainable_weights", "kernel", "bias", "embeddings", "get_weights", "depthwise_kernel",
                 "recurrent_kernel", "gamma", "beta", "trainable_variables", "variables"}


def _weight_snapshots(ctx, reported):
    """`self.full = ops.convert_to_numpy(self.weights[0]).copy()` in build(): a NumPy copy of the layer's
    own weight kept as state. Keras does not track it: not counted, not saved (after a reload it holds
    the fresh initial values). An error when call() or a method outside __init__/build reads or writes it
    (state the layer needs), else a warning (a one-off snapshot may be meant)."""
    if not any(ctx.mentions(attr) for attr in _WEIGHT_READS):
        return  # the class never reads its own weights
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.in_phase(assign.method, "call") or id(assign.stmt) in reported:
            continue
        env = ctx.env(ctx.methods[assign.method])
        if not _numpy_of_own_weight(assign.value, env, 0):
            continue
        evolves = _used_beyond_init_and_build(ctx, assign.attr)
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is a NumPy copy of the layer's own weight, stored in {assign.method}(): "
            f"Keras does not track it, so it is not counted or saved, and after loading it holds the initial "
            f"values again" + ("" if evolves else " (a heuristic: fine if it is only a one-off snapshot)"),
            attribute=assign.attr, severity=None if evolves else "warning",
        )


def _used_beyond_init_and_build(ctx, attr) -> bool:
    """Does call() or a method outside the parsed ones (`on_batch_end`) read or write `self.<attr>`?"""
    loaded = 0
    for method in ctx.methods:
        uses = sum(1 for node in ctx.nodes(method) if type(node) is ast.Attribute and self_attr(node) == attr)
        if uses and ctx.in_phase(method, "call"):
            return True
        loaded += uses
    return ctx.mentions(attr) > loaded


def _numpy_of_own_weight(expr, env, depth) -> bool:
    """A NumPy conversion (`ops.convert_to_numpy`, `.numpy()`, `np.array`, `.copy()`...) of `self.<weight>`,
    `self.weights[i]` or `self.get_weights()[i]`, also through locals."""
    if depth > 4:
        return False
    if type(expr) is ast.Name:
        return any(_numpy_of_own_weight(v, env, depth + 1) for v in env.get(expr.id, ()))
    if type(expr) is not ast.Call:
        return False
    name = callee_name(expr)
    if name not in _TO_NUMPY:
        return False
    operands = list(expr.args)
    if type(expr.func) is ast.Attribute and name in ("copy", "numpy"):
        operands.append(expr.func.value)
    return any(_reads_own_weight(op) or _numpy_of_own_weight(op, env, depth + 1) for op in operands)


def _reads_own_weight(expr) -> bool:
    while type(expr) is ast.Subscript:
        expr = expr.value
    if type(expr) is ast.Call:
        expr = expr.func
    return type(expr) is ast.Attribute and expr.attr in _WEIGHT_READS and self_attr(expr) is not None


def _caller_data(ctx) -> set[str]:
    """Attributes __init__ also sets to a constructor argument or to a part of one
    (`node_features, edges, edge_weights = graph_info`; `self.edge_weights = edge_weights`)."""
    init = ctx.methods.get("__init__")
    if init is None:
        return set()
    args = init.args
    given = {a.arg for a in (args.posonlyargs + args.args)[1:] + args.kwonlyargs}
    for node in ctx.nodes("__init__"):  # names unpacked from an argument
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in given:
            for target in node.targets:
                if isinstance(target, (ast.Tuple, ast.List)):
                    given.update(e.id for e in target.elts if isinstance(e, ast.Name))
    return {a.attr for a in ctx.assigns_in("__init__") if isinstance(a.value, ast.Name) and a.value.id in given}


_FROM_VALUES = {"constant", "array", "asarray", "convert_to_tensor", "tensor", "Tensor"}
# calls whose list argument holds values, not a shape: `np.stack([a, a.T])`
_COMBINERS = {"stack", "concatenate", "concat", "hstack", "vstack", "dstack", "block"}


def _written_by_hand(expr) -> bool:
    """`tf.constant([[-1, 0, 1], ...])`: a call whose first argument is a nested list or tuple of number
    literals (a Sobel filter, a lookup table), not values an initializer or a computation makes."""
    if not isinstance(expr, ast.Call) or not expr.args or not isinstance(expr.args[0], (ast.List, ast.Tuple)) \
            or callee_name(expr) not in _FROM_VALUES:
        return False  # (`tf.zeros((3,))`: a shape, not values)
    leaves = [n for n in ast.walk(expr.args[0]) if not isinstance(n, (ast.List, ast.Tuple, ast.Load))]
    return bool(leaves) and all(
        isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) or
        isinstance(n, ast.UnaryOp) or isinstance(n, ast.USub) for n in leaves)


_WAVES = {"sin", "cos"}


def _sinusoidal(ctx, assign) -> bool:
    """Is the stored value computed with sin/cos, in its own expression or in the locals it is made from
    (through their slices too: `pe[:, 0::2] = np.sin(position * div)`)? The sinusoidal position encoding of
    "Attention Is All You Need", a fixed table by design."""
    nodes = ctx.nodes(assign.method)
    env = ctx.env(ctx.methods[assign.method])
    filled: dict[str, list] = {}  # local -> values stored into its slices
    for node in nodes:
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Subscript and type(target.value) is ast.Name:
                    filled.setdefault(target.value.id, []).append(node.value)
    todo, seen = [assign.value], set()
    while todo and len(seen) < 50:
        expr = todo.pop()
        for node in ast.walk(expr):
            if type(node) is ast.Call and callee_name(node) in _WAVES:
                return True
            if type(node) is ast.Name and node.id not in seen:
                seen.add(node.id)
                todo.extend(env.get(node.id, ()))
                todo.extend(filled.get(node.id, ()))
    return False


def _number(expr) -> bool:
    """`3`, `0.25`, `-1`: a number literal."""
    if type(expr) is ast.UnaryOp and type(expr.op) in (ast.USub, ast.UAdd):
        expr = expr.operand
    return type(expr) is ast.Constant and type(expr.value) in (int, float)


def _from_hand_written(expr, env, depth=0, seen=frozenset()) -> bool:
    """Values computed only from number lists typed in by hand, through locals and array ops: a
    binomial blur `a = np.array([1., 3., 3., 1.])` then `tf.constant(a[:, None] * a[None, :])`, a Sobel
    filter stacked with its transpose. A fixed filter by design in every real case seen (TensorFlowASR's
    BlurPool: 0 params, measured correct), but only a heuristic: nothing forbids training such values."""
    if depth > 12:
        return False
    kind = type(expr)
    if kind is ast.Call:
        name = callee_name(expr) or ""
        if "random" in (ast.unparse(expr.func) if type(expr.func) is ast.Attribute else name) or not expr.args:
            return False
        if _written_by_hand(expr):
            return True
        if type(expr.args[0]) in (ast.List, ast.Tuple) and name not in _FROM_VALUES and name not in _COMBINERS:
            return False  # `tf.zeros([4, 3])`: a shape, not values
        head = expr.func.value if type(expr.func) is ast.Attribute else None
        return (head is not None and _from_hand_written(head, env, depth + 1, seen)) or \
            _from_hand_written(expr.args[0], env, depth + 1, seen)  # `np.stack([a, a.T])`, `tf.divide(k, ...)`
    if kind is ast.Name:
        if expr.id in seen:  # `k = k / np.sum(k)`: the name's other values decide
            return True
        bound = env.get(expr.id, ())
        return any(not any(type(n) is ast.Name and n.id == expr.id for n in ast.walk(value)) for value in bound) \
            and all(_from_hand_written(value, env, depth + 1, seen | {expr.id}) for value in bound)
    if kind is ast.BinOp:
        sides = [side for side in (expr.left, expr.right) if type(side) is not ast.Constant]
        return bool(sides) and all(_from_hand_written(side, env, depth + 1, seen) for side in sides)
    if kind in (ast.Subscript, ast.Attribute):  # `a[:, None]`, `sobel.T`
        return _from_hand_written(expr.value, env, depth + 1, seen)
    if kind in (ast.List, ast.Tuple):
        # a list typed in by hand (`k = [[1, 1], [1, 3]]`, later `tf.constant(k)`)
        return bool(expr.elts) and all(_number(e) or _from_hand_written(e, env, depth + 1, seen) for e in expr.elts)
    if kind is ast.UnaryOp:
        return _from_hand_written(expr.operand, env, depth + 1, seen)
    return False


# ------------------------------------------------------------------ constructor arrays
# `MyLayer(np.random.rand(4, 3))` with `self.w = w` in __init__ and `x @ self.w` in call():
# the array is the layer's weight, but nothing made it a variable.

_ARRAY_MODULES = ("numpy.", "tensorflow.", "keras.ops.", "keras.random.", "torch.", "jax.numpy.", "jax.random.")
_ARRAY_MAKERS = {
    "zeros", "ones", "full", "eye", "identity", "constant", "convert_to_tensor", "array", "asarray",
    "empty", "normal", "uniform", "truncated_normal", "randn", "rand", "random", "random_sample",
    "standard_normal", "random_normal", "random_uniform", "linspace", "arange", "load", "loadtxt",
    "genfromtxt", "stack", "concatenate", "concat", "tile", "repeat", "diag", "reshape", "transpose",
    "tensor", "from_numpy", "Variable", "randint",
}
_CONVERTERS = {"array", "asarray", "constant", "convert_to_tensor", "cast", "float32", "Variable",
               "tensor", "from_numpy", "expand_dims", "reshape", "transpose", "astype"}
# Names of legitimate constant buffers: masks, index and position tables, shapes and sizes.
_BUFFER_NAME_RE = re.compile(r"mask|ind(ex|ices)|idx|ids\b|_ids|^ids|pos(ition)?|perm|order|table|"
                             r"shape|size|dim|axis|axes|units|rate|eps|epsilon|temperature|seed|"
                             r"vocab|lookup", re.I)
_WEIGHT_OPS = {"matmul", "multiply", "add", "subtract", "divide", "dot", "tensordot", "einsum",
               "true_divide", "mul", "mm", "bmm", "conv", "conv1d", "conv2d", "conv3d", "convolution",
               "depthwise_conv2d", "conv_transpose", "conv2d_transpose"}


def _last(name):
    return name.rsplit(".", 1)[-1] if name else ""


def _is_array(ctx, expr, env, depth=0):
    """Does `expr` (at a call site) make an array or tensor? `np.random.rand(...)`, a local bound to one."""
    if depth > 4:
        return False
    if isinstance(expr, ast.Name):
        values = env.get(expr.id, ())
        return len(values) == 1 and _is_array(ctx, values[0], env, depth + 1)
    if isinstance(expr, ast.BinOp):
        return _is_array(ctx, expr.left, env, depth + 1) or _is_array(ctx, expr.right, env, depth + 1)
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute) and func.attr in ("astype", "reshape", "T", "copy"):
            return _is_array(ctx, func.value, env, depth + 1)
        name = ctx.qualify(func)
        if name and name.startswith(_ARRAY_MODULES) and _last(name) in _ARRAY_MAKERS:
            return True
        if isinstance(func, ast.Attribute) and func.attr in _ARRAY_MAKERS and func.attr not in ("load", "Variable"):
            # `rng.normal(size=(4, 3))` or `np.random.default_rng(0).normal(...)`: a generator's method
            made_by = func.value
            if isinstance(made_by, ast.Name):
                values = env.get(made_by.id, ())
                made_by = values[0] if len(values) == 1 else None
            return isinstance(made_by, ast.Call) and (ctx.qualify(made_by.func) or "").startswith(_ARRAY_MODULES)
    return False


_INTEGER_DRAWS = {"randint", "random_integers", "integers", "choice", "permutation"}
_MATMUL_OPS = {"matmul", "dot", "tensordot", "einsum", "mm", "bmm", "conv", "conv1d", "conv2d", "conv3d",
               "convolution", "depthwise_conv2d", "conv_transpose", "conv2d_transpose"}


def _operand_attrs(ctx):
    """attr -> True if `self.<attr>` is read in call() (or its helpers) as a matmul-like operand,
    False if only as an arithmetic operand."""
    used: dict[str, bool] = {}
    for method, _ in ctx.methods_of("call"):
        for node in ctx.nodes(method):
            kind = type(node)
            if kind is ast.BinOp:
                if not isinstance(node.op, (ast.Mod, ast.FloorDiv, ast.Pow, ast.LShift, ast.RShift)):
                    for side in (node.left, node.right):
                        attr = self_attr(side)
                        if attr:
                            used[attr] = used.get(attr, False) or isinstance(node.op, ast.MatMult)
            elif kind is ast.Call and node.args:
                last = callee_name(node)
                if last in _WEIGHT_OPS:
                    for arg in node.args:
                        attr = self_attr(arg)
                        if attr:
                            used[attr] = used.get(attr, False) or last in _MATMUL_OPS
    return used


def _stored_in_call(ctx):
    return {self_attr(n) for m, _ in ctx.methods_of("call") for n in ctx.nodes(m)
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}


def _converted_in_build(ctx, attr):
    """`self.<attr> = tf.constant(self.<attr>)` or `np.array(self.<attr>)` in build()/__init__."""
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr != attr:
            continue
        for node in ast.walk(assign.value):
            if isinstance(node, ast.Call) and any(self_attr(a) == attr for a in node.args):
                name = ctx.qualify(node.func) or ""
                if name.startswith(_ARRAY_MODULES + ("keras.",)) and _last(name) in _CONVERTERS:
                    return True
    return False


def _array_params(init):
    """Parameters of __init__ that may carry an array: no default, or a `None` default (a number,
    string or bool default marks a setting)."""
    args = init.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults))[1:] + list(zip(args.kwonlyargs, args.kw_defaults))
    return {a.arg for a, d in pairs
            if d is None or (isinstance(d, ast.Constant) and d.value is None)}


def _stands_in_for_a_weight(ctx, assign) -> bool:
    """`if self.add_bias: self.b = self.add_weight(...)` / `else: self.b = tf.constant(0.0)`: the tensor is the
    value the weight takes when a setting switches it off, not state meant to train (HYPER's PINN layers,
    held-out 43: measured, the constant is 0.0 and the weight trains when switched on)."""
    env = None
    for node in ctx.nodes_of(assign.method, ast.If):
        for here, there in ((node.body, node.orelse), (node.orelse, node.body)):
            if not any(stmt is assign.stmt for stmt in here):
                continue
            for stmt in there:
                if type(stmt) is ast.Assign and any(self_attr(t) == assign.attr for t in stmt.targets):
                    env = ctx.env(ctx.methods[assign.method]) if env is None else env
                    if ctx.value(stmt.value, env).kind == WEIGHT:
                        return True
    return False


def _constructor_arrays(ctx):
    init = ctx.methods.get("__init__")
    if init is None or not ctx.has_method("call"):
        return
    params = _array_params(init)
    if not params:
        return
    candidates = {}
    for assign in ctx.assigns_in("__init__"):
        value = assign.value
        if isinstance(value, ast.Call) and value.args and type(value.args[0]) is ast.Name \
                and value.args[0].id in params and _last(ctx.qualify(value.func)) in _CONVERTERS:
            value = value.args[0]  # (the test below wants a parameter: qualify() only then)
        if isinstance(value, ast.Name) and value.id in params and assign.attr not in candidates \
                and not _BUFFER_NAME_RE.search(assign.attr) and not _BUFFER_NAME_RE.search(value.id):
            candidates[assign.attr] = (assign, value.id)
    if not candidates:
        return
    used = _operand_attrs(ctx)
    candidates = {attr: c for attr, c in candidates.items() if attr in used}
    if not candidates:
        return
    weights_made = set()
    for assign in ctx.self_assigns(("__init__", "build")):
        if ctx.value(assign.value, ctx.env(ctx.methods[assign.method])).kind == WEIGHT:
            weights_made.add(assign.attr)
    for attr, (assign, param) in candidates.items():
        if attr in weights_made or attr in _stored_in_call(ctx):
            continue
        if _converted_in_build(ctx, attr):
            how = "build() makes a tensor of it"
        elif not (used[attr] or WEIGHT_NAME_RE.match(attr)):
            continue  # `x * self.factor`: a setting far more often than a weight
        else:
            how = None
            for call, env, where in construction_sites(ctx):
                arg = argument_for(call, init, param)
                if arg is not None and _is_array(ctx, arg, env):
                    how = f"{where} passes an array ({ast.unparse(arg)[:40]})"
                    break
            if how is None:
                continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{attr} stores the constructor argument {param!r} ({how}), and call() "
            f"computes with it like a weight: a plain array or tensor is not tracked, so it is not "
            f"counted, trained or saved (a heuristic: if it is a fixed constant by design, ignore this)",
            attribute=attr, severity="warning",
        )


# ------------------------------------------------------------------ a built-in layer's weight replaced by given values
# `class Fixed(Embedding)`: `self.embeddings = matrix` (an argument) and a build() that skips the base's, so no
# weight is made (tests/cases_static/ld001l). Keras 3 keeps these behind a read-only property: the store raises.

def _base_weight_replaced(ctx, reported):
    if "build" not in ctx.methods or not any(ctx.mentions(name) for name in BASE_WEIGHT_NAMES):
        return  # (the cheap gate: no store on a base weight's name)
    base, _ = keras_base_layer(ctx)
    names = BASE_WEIGHTS.get(base, ())
    if not names or _runs_base_build(ctx):
        return
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in names or id(assign.stmt) in reported:
            continue
        func = ctx.methods[assign.method]
        if not _given(ctx, assign.value, func, ctx.env(func)):
            continue
        reported.add(id(assign.stmt))
        keeps = (f"{ctx.name}.{assign.attr} is set to {ast.unparse(assign.value)[:40]}, values handed in, where "
                 f"{base} keeps its weight, and build() skips {base}'s build()")
        if ctx.target == KERAS3 and base in READ_ONLY_WEIGHTS.get(assign.attr, ()):
            outcome = (f": on Keras 3 {base}.{assign.attr} is a read-only property, so this line raises "
                       f"AttributeError (\"property '{assign.attr}' ... has no setter\"); where it went through "
                       f"(tf.keras 2) the layer computed with a constant that is not counted, trained or saved")
        else:
            outcome = (f": no {assign.attr} weight is made, the layer computes with a constant that is not counted, "
                       f"trained or saved")
        yield Hit(assign.stmt, keeps + outcome, attribute=assign.attr, fix="base_weight", fix_values={"base": base})


def _runs_base_build(ctx) -> bool:
    """Does build() call a base's build() (`super().build(shape)`, `Dense.build(self, shape)`)?"""
    for method, _ in ctx.methods_of("build"):
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and node.attr == "build" and type(node.value) in (ast.Call, ast.Name):
                return True
    return False


def _given(ctx, expr, func, env, depth=0) -> bool:
    """Is `expr` made from what the method is handed (`matrix`, `weights[0]`, `glove.astype("float32")`,
    `np.asarray(table)`, a local bound so), not from a weight or a computation of its own?"""
    if depth > 4:
        return False
    kind = type(expr)
    if kind is ast.Name:
        if expr.id in env:
            return all(_given(ctx, value, func, env, depth + 1) for value in env[expr.id])
        return expr.id in {a.arg for a in func.args.args[1:] + func.args.kwonlyargs}
    if kind is ast.Subscript:
        return _given(ctx, expr.value, func, env, depth + 1)
    if kind is ast.Call:
        name = _last(ctx.qualify(expr.func)) if type(expr.func) is not ast.Attribute or expr.func.attr != "astype" \
            else "astype"
        if name == "astype":
            return _given(ctx, expr.func.value, func, env, depth + 1)
        return name in _CONVERTERS - {"Variable"} and bool(expr.args) \
            and _given(ctx, expr.args[0], func, env, depth + 1)
    return False
