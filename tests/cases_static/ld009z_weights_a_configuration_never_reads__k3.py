# LD009 no-gradient: build() always creates a trainable weight that call() reads only in a loop or an `if` that the instance's literal arguments make run zero times (and LD005: a sublayer run only in such a loop)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix14c/measure_ld009z.py: each make_* below called on data, gradient of
# the summed output w.r.t. every trainable weight): the weights marked below are counted as trainable and their
# gradient is None; every weight of the correct twins gets a gradient.
import keras
from keras import layers, ops

CASE, TITLE = "LD009z", "a weight its configuration never reads: read only in a loop or branch the arguments make empty"
FEATURES = 6
ONE_STEP = 1


class PowerSeries(layers.Layer):
    """c0 + c1*x + sum over k >= 2 of c_k * (x + shift)^k: the shift feeds only the higher terms."""

    def __init__(self, terms, **kwargs):
        super().__init__(**kwargs)
        self.terms = terms

    def build(self, input_shape):
        self.coef = self.add_weight(shape=(max(self.terms, 2),), initializer="ones", name="coef")
        self.shift = self.add_weight(shape=(1,), initializer="zeros", name="shift")

    def call(self, inputs):
        out = self.coef[0] + self.coef[1] * inputs
        shifted = ops.tanh(inputs + self.shift)
        for k in range(2, self.terms):
            out = out + self.coef[k] * ops.power(shifted, k)
        return out


class Refiner(layers.Layer):
    """A projection followed by `num_refinements` shared refinement steps."""

    def __init__(self, units, num_refinements=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.num_refinements = num_refinements

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.refine_kernel = self.add_weight(shape=(self.units, self.units), name="refine_kernel")
        self.refine_bias = self.add_weight(shape=(self.units,), initializer="zeros", name="refine_bias")

    def call(self, inputs):
        h = ops.matmul(inputs, self.kernel)
        for _ in range(self.num_refinements):
            h = ops.tanh(ops.matmul(h, self.refine_kernel) + self.refine_bias)
        return h


class Projection(layers.Layer):
    """Makes its bias whatever `use_bias` says; adds it only when `use_bias` is set."""

    def __init__(self, units, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        outputs = ops.matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = outputs + self.bias
        return outputs


class Unrolled(layers.Layer):
    """A recurrence unrolled over `steps`; the recurrent matrix is read before the loop, used inside it."""

    def __init__(self, steps=3, **kwargs):
        super().__init__(**kwargs)
        self.steps = steps

    def build(self, input_shape):
        width = input_shape[-1]
        self.w_in = self.add_weight(shape=(width, width), name="w_in")
        self.w_rec = self.add_weight(shape=(width, width), name="w_rec")

    def call(self, inputs):
        state = ops.tanh(ops.matmul(inputs, self.w_in))
        recurrent = ops.transpose(self.w_rec)
        for _ in range(1, self.steps):
            state = ops.tanh(ops.matmul(inputs, self.w_in) + ops.matmul(state, recurrent))
        return state


class ExtraBlocks(layers.Layer):
    """A sublayer run `extra` times after the main projection."""

    def __init__(self, extra=1, **kwargs):
        super().__init__(**kwargs)
        self.extra = extra
        self.main = layers.Dense(FEATURES)
        self.refine = layers.Dense(FEATURES, activation="relu")

    def call(self, inputs):
        h = self.main(inputs)
        for _ in range(self.extra):
            h = h + self.refine(h)
        return h


class BiasUnderItsFlag(layers.Layer):
    """Correct: the bias is created under the same flag call() reads it under."""

    def __init__(self, units, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        outputs = ops.matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = outputs + self.bias
        return outputs


class ShiftAlsoOutside(layers.Layer):
    """Correct: the shifted input feeds the loop and the output."""

    def __init__(self, terms, **kwargs):
        super().__init__(**kwargs)
        self.terms = terms

    def build(self, input_shape):
        self.coef = self.add_weight(shape=(max(self.terms, 2),), initializer="ones", name="coef")
        self.shift = self.add_weight(shape=(1,), initializer="zeros", name="shift")

    def call(self, inputs):
        shifted = ops.tanh(inputs + self.shift)
        out = self.coef[0] + self.coef[1] * shifted
        for k in range(2, self.terms):
            out = out + self.coef[k] * ops.power(shifted, k)
        return out


class StepsFromTheInput(layers.Layer):
    """Correct: the loop runs over the input's own length, which no argument fixes."""

    def build(self, input_shape):
        self.w_rec = self.add_weight(shape=(input_shape[-1], input_shape[-1]), name="w_rec")

    def call(self, inputs):
        state = inputs[:, 0]
        for t in range(1, inputs.shape[1]):
            state = ops.tanh(inputs[:, t] + ops.matmul(state, self.w_rec))
        return state


def _stacked(layer, shape=(FEATURES,)):
    return keras.Sequential([keras.Input(shape), layer])


def make_linear_series():
    # MEASURED: params 3; gradient None for `shift`
    return _stacked(PowerSeries(2))  # LD009


def make_refiner_without_refinements():
    # MEASURED: params 78; gradient None for `refine_kernel` and `refine_bias`
    return _stacked(Refiner(FEATURES, num_refinements=0))  # LD009


def make_projection_without_bias():
    # MEASURED: params 42; gradient None for `bias`
    return _stacked(Projection(FEATURES, use_bias=False))  # LD009


def make_one_step():
    # MEASURED: params 72; gradient None for `w_rec`
    return _stacked(Unrolled(steps=ONE_STEP))  # LD009


def make_no_extra_blocks():
    # MEASURED: params 42; the refine Dense stays unbuilt after the call
    return _stacked(ExtraBlocks(extra=0))  # LD005


def make_extra_blocks():
    """Correct. MEASURED: params 84; nothing unbuilt, every weight has a gradient."""
    return _stacked(ExtraBlocks(extra=2))


def make_cubic_series():
    """Correct. MEASURED: params 5; every weight has a gradient."""
    return _stacked(PowerSeries(4))


def make_refiner():
    """Correct. MEASURED: params 78; every weight has a gradient."""
    return _stacked(Refiner(FEATURES, num_refinements=1))


def make_projection_with_bias():
    """Correct. MEASURED: params 42; every weight has a gradient."""
    return _stacked(Projection(FEATURES))


def make_bias_under_its_flag():
    """Correct. MEASURED: params 36 (no bias made); every weight has a gradient."""
    return _stacked(BiasUnderItsFlag(FEATURES, use_bias=False))


def make_shift_also_outside():
    """Correct. MEASURED: params 3; every weight has a gradient."""
    return _stacked(ShiftAlsoOutside(2))


def make_steps_from_the_input():
    """Correct. MEASURED: params 36; every weight has a gradient (sequence length 3)."""
    return _stacked(StepsFromTheInput(), shape=(3, FEATURES))
