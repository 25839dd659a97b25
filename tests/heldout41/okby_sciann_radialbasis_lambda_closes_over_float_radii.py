"""SciANN's `RadialBasis` functional builds `Lambda(lambda x: K.exp(-(x[1] - x[0])**2/radii**2))`, a function that closes over `radii` from the enclosing `__init__`: a plain Python float, not a layer or a variable, so the Lambda loses nothing.

From sciann/sciann, `sciann/functionals/radialbasis.py` (HEAD e3615412, 2023). `RadialBasis(vars, rb_vars, radii)`
checks `radii > 0`, then for each input variable and its radial-basis centre variable creates the Lambda above and
applies it to `vars[i].outputs + rb_vars[i].outputs`; the centres arrive as a second model input (`RadialBasisBase`
wraps an `InputLayer`), the width is the captured float. The resulting features feed the trainable Dense layers of a
physics-informed network, which the model tracks and trains.

Porting edits: SciANN's `Variable`/`RadialBasisBase`/`MLPFunctional` wrappers replaced by the Keras layers they
generate (two `Input`s of width 1, the Lambda, a tanh Dense(8) and a linear Dense(1)); `K.exp` written as
`keras.ops.exp` (Keras 3's `keras.backend` has no `exp`); `graph_unique_name` names dropped. The Lambda body and the
closure over `radii` are the repository's. build_model() returns the model.
"""

SOURCE = "https://github.com/sciann/sciann/blob/e3615412c149dbf3152433c09cdd741be2b04f62/sciann/functionals/radialbasis.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/okby_sciann_radialbasis_lambda_closes_over_float_radii.py:
as returned: Functional, count_params() = 25, 4 weights, unbuilt: none
after call: count_params() = 25, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(25 = Dense(1->8) 16 + Dense(8->1) 9: every weight is tracked and gets a gradient; the Lambda owns none.)"""

import keras
from keras import ops
from keras.layers import Dense, Input, Lambda


def radial_basis_outputs(vars_outputs, rb_outputs, radii):
    if radii <= 0.0:
        raise ValueError('Expecting a positive value for `radii`. ')
    layers, outputs = [], []
    for i in range(len(vars_outputs)):
        l = Lambda(
            lambda x: ops.exp(-(x[1] - x[0])**2/radii**2),
        )
        layers.append(l)
        outputs.append(l([vars_outputs[i], rb_outputs[i]]))
    return layers, outputs


def build_model():
    x = Input(shape=(1,), name="x")
    c = Input(shape=(1,), name="x_rb")
    _, (phi,) = radial_basis_outputs([x], [c], radii=0.5)
    h = Dense(8, activation="tanh")(phi)
    u = Dense(1)(h)
    return keras.Model([x, c], u)
