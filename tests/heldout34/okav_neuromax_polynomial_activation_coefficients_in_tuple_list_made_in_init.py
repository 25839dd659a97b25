"""bionicles/neuromax's learned `Polynomial` activation creates its coefficients with `add_weight` in
`__init__` (no `build()`), keeps each one in a plain list of `(coefficient, power)` tuples that `call()`
iterates, binds them to attributes named "0".."3" with `super().__setattr__`, marks itself built by hand
and decorates `call` with `tf.function`: all unusual, all fine on Keras 3 (the four scalar coefficients
are tracked, counted, regularized and trained).

From bionicles/neuromax (`nature/bricks/activations/polynomial.py`; `nature.Fn(AI, "polynomial")` and
`PolySwish` use it as an activation layer after a Dense). `__init__` loops `for p in range(power)`:
`coefficient = self.add_weight(initializer=init(), trainable=True, regularizer=L1L2())`, then
`super().__setattr__(f"{p}", coefficient)` and `self.powers.append((coefficient, p))`; `call` returns
`sum(coefficient * x ** power)`. What a checker could flag: weights held in a list of tuples (LD011),
`add_weight` in `__init__` (LD004, though no input dimension is involved: the coefficients are scalars),
and a `tf.function` call.

Porting edits: none to the class. `L1L2` is the repo's two-line helper from
`nature/bricks/helpers/regularize.py` (`tf.keras.regularizers.l1_l2(l1=1e-5, l2=1e-5)`), inlined.
`build_model()` wires Input(8) -> Dense(8) -> Polynomial() -> Dense(1) functionally, as the repo's
`Fn` puts an activation layer after a Dense.
"""

SOURCE = "https://github.com/bionicles/neuromax/blob/a53a17a1c033c11ac607a9e28f43b1f906e58aad/nature/bricks/activations/polynomial.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/okav_neuromax_polynomial_activation_coefficients_in_tuple_list_made_in_init.py:
as returned: Functional, count_params() = 85, 8 weights, unbuilt: none
after call: count_params() = 85, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'polynomial': 4}
second call: 0 variables watched that the first call did not use
Own probe (probe_poly.py): Polynomial's weights are polynomial/variable .. polynomial/variable_3, shape (); compile(adam, mse) + fit 3 epochs: all four coefficients changed; model.losses holds their 4 L1L2 terms."""

import tensorflow as tf

L1, L2 = 0.00001, 0.00001


def L1L2(l1=L1, l2=L2):  # from nature/bricks/helpers/regularize.py
    return tf.keras.regularizers.l1_l2(l1=l1, l2=l2)


init = tf.keras.initializers.TruncatedNormal


class Polynomial(tf.keras.layers.Layer):

    def __init__(self, power=4):
        super().__init__()
        self.powers = []
        for p in list(range(power)):
            coefficient = self.add_weight(
                initializer=init(), trainable=True, regularizer=L1L2())
            super().__setattr__(f"{p}", coefficient)
            self.powers.append((coefficient, p))
        self.built = True

    @tf.function
    def call(self, x):
        y = 0.
        for coefficient, power in self.powers:
            y = y + coefficient * tf.math.pow(x, power)
        return y


def build_model():
    inputs = tf.keras.Input((8,))
    x = tf.keras.layers.Dense(8)(inputs)
    x = Polynomial()(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
