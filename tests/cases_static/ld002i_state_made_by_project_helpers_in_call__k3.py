# LD002 state-created-in-call: call() runs a project function or a plain (non-Layer) project object that makes layers or variables
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow; each class wired as Input -> layer -> Dense(3), two
# eager calls, a GradientTape, then fit): every marked class has 0 weights of its own, and the Dense/Conv1D layers its
# helper makes are new on each call (two eager calls differ, the tape watches their kernels, the model does not list
# them); fit raises "tf.function only supports singleton tf.Variables created on the first call" (the dropout helper
# too: on Keras 3 a Dropout with a rate owns a seed-generator variable). The keras.Variable helper raises already when
# the functional model is built ("You are attempting to create a variable while in a stateless scope"). The same
# functions imported from another file of the project behave the same (measured on a two-file package: Conv1D made per
# call, fit raises the same; its lint test is in tests/test_lint_class_families.py).
# The twins fit and train (their weights listed by the layer): a helper making only weightless layers, helpers called
# from __init__ or build(), under a once-only guard, a helper or plain object that receives layers made in __init__,
# a factory that returns a layer the layer holds in a dict, Dropout(0.0) or a rate from a setting (0.0), an RNN over a
# cell without weights, and the functional wiring code at the end.
import keras
from keras import layers, ops

CASE, TITLE = "LD002i", "layers or variables made on every call by a project function or a plain object that call() runs"


def block(x, units):
    return layers.Dense(units)(x)


def stack(x, units):
    x = block(x, units)
    return block(x, units)


def residual(x, filters):
    y = keras.layers.Conv1D(filters, 1, padding="same")(x)
    y = layers.Activation("relu")(y)
    return layers.add([x, y]), y


def gated(x):
    scale = keras.Variable(1.0)
    return x * scale


def activate(x):
    x = layers.Activation("relu")(x)
    x = layers.Lambda(lambda t: t * 2.0)(x)
    return layers.Add()([x, x])


def apply(x, dense, act):
    return act(dense(x))


def pick(bank, key):
    return bank[key]


def make_dense(units):
    return layers.Dense(units)


def drop(x, rate):
    return layers.Dropout(rate)(x)


def attend(q, k, rate=0.0):
    weights = ops.softmax(ops.matmul(q, ops.transpose(k, (0, 2, 1))))
    if rate > 0.0:
        weights = layers.Dropout(rate)(weights)
    return ops.matmul(weights, k)


class SumCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.state_size = units
        self.output_size = units

    def call(self, inputs, states):
        total = states[0] + inputs
        return total, [total]


def running_sum(x):
    return layers.RNN(SumCell(4), return_sequences=True)(x)


class Helper:
    def __init__(self, units):
        self.units = units

    def __call__(self, x):
        return block(x, self.units)


class Builder:
    def __init__(self, filters):
        self.filters = filters

    def apply(self, x):
        x = keras.layers.Conv1D(self.filters, 1)(x)
        return self._post(x)

    def _post(self, x):
        return layers.Dense(self.filters)(x)


class Runner:
    """Receives layers and only calls them."""
    def __init__(self, fn):
        self.fn = fn

    def __call__(self, x):
        return self.fn(x)


# ----------------------------------------------------------------- bugs: new layers/variables on every call
class BlockInCall(layers.Layer):
    def call(self, x):
        return block(x, 3)  # LD002


class HeldHelperObject(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.helper = Helper(3)

    def call(self, x):
        return self.helper(x)  # LD002


class TwoLevelsOfHelpers(layers.Layer):
    def call(self, x):
        return stack(x, 3)  # LD002


class BuilderMethod(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.builder = Builder(4)

    def call(self, x):
        return self.builder.apply(x)  # LD002


class HelperObjectMadeInCall(layers.Layer):
    def call(self, x):
        return Helper(3)(x)  # LD002


class ResidualTuple(layers.Layer):
    def call(self, x):
        out, skip = residual(x, 4)  # LD002
        return out + skip


class VariableHelper(layers.Layer):
    def call(self, x):
        return gated(x)  # LD002


class ThroughOwnMethod(layers.Layer):
    def _project(self, x):
        return block(x, 3)  # LD002

    def call(self, x):
        return self._project(x)


class LocalHelperObject(layers.Layer):
    def call(self, x):
        helper = Helper(3)
        return helper(x)  # LD002


class FactoryInCall(layers.Layer):
    def call(self, x):
        return make_dense(3)(x)  # LD002


class DropoutHelper(layers.Layer):
    def call(self, x):
        return drop(x, 0.5)  # LD002


# ----------------------------------------------------------------- twins: fine on Keras 3
class WeightlessHelper(layers.Layer):
    def call(self, x):
        return activate(x)


class FactoryInInit(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.proj = make_dense(3)

    def call(self, x):
        return self.proj(x)


class FactoryInBuild(layers.Layer):
    def build(self, shape):
        self.proj = make_dense(3)
        self.proj.build(shape)

    def call(self, x):
        return self.proj(x)


class ReceivesItsLayers(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(3)
        self.act = layers.Activation("relu")

    def call(self, x):
        return apply(x, self.dense, self.act)


class PicksHeldLayer(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.heads = {"a": layers.Dense(3), "b": layers.Dense(3)}

    def call(self, x):
        return pick(self.heads, "a")(x)


class RunnerOfHeldLayer(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(3)
        self.runner = Runner(self.dense)

    def call(self, x):
        return self.runner(x)


class FactoryUnderGuard(layers.Layer):
    """once-only guard in call(): helper made under `if self.proj is None` with an unbuilt sublayer present."""
    def __init__(self, **kw):
        super().__init__(**kw)
        self.proj = None
        self.out = layers.Dense(3)

    def call(self, x):
        if self.proj is None:
            self.proj = make_dense(3)
        return self.out(self.proj(x))


class NoDropoutHelper(layers.Layer):
    def call(self, x):
        return drop(x, 0.0)


class AttentionWithRateSetting(layers.Layer):
    """The rate comes from a setting (0.0 here): the helper makes no Dropout unless it is above 0."""
    def __init__(self, rate=0.0, **kw):
        super().__init__(**kw)
        self.rate = rate

    def call(self, x):
        return attend(x, x, rate=self.rate)


class WeightlessRecurrence(layers.Layer):
    """An RNN over a cell that owns no weights: made per call, but it makes no variables."""
    def call(self, x):
        return running_sum(x)


def wiring():
    inp = keras.Input((6, 4))
    x = stack(inp, 3)
    x, _ = residual(x, 3)
    x = Helper(3)(x)
    return keras.Model(inp, x)
