"""keras-team/keras#4596 ("Can't load model after write my new layer"): an `Attention` layer whose
`build()` makes its three parameters as plain backend tensors (`self.W = self.init(shape)`,
`self.b = K.zeros(...)`, `self.u = K.zeros(...)`) and then registers them by assigning
`self.trainable_weights = [self.W, self.b, self.u]`, followed by `self.built = True`.

In Keras 1 that was the documented way; the report is that the trained model cannot be loaded back.
On Keras 3 `trainable_weights` is a read-only property, so the assignment raises AttributeError the
first time the layer is built; and even without it the three parameters are raw tensors that Keras
never tracks (0 params, no gradient, not saved).

Porting edits: Keras 1 -> Keras 3 names (`initializations.get` -> `keras.initializers.get`, the
initializer called as `init(shape)` without the old `name=`; `K.zeros` -> `keras.ops.zeros`;
`K.tanh/K.dot/K.softmax` -> `keras.ops`; `K.batch_dot(weight, x, axes=(1, 1))` -> an equivalent
`ops.einsum`; `get_output_shape_for` -> `compute_output_shape`; `input_spec` lists -> one InputSpec).
`build_model()` is the report's kind of model: an Embedding + LSTM(return_sequences) sequence encoder
followed by this layer; building it raises the error as the user would now see it.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4596"
CODES = ("LD006", "LD001")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_keras4596_attention_assigns_trainable_weights_list.py:
build_model() raised AttributeError: property 'trainable_weights' of 'Attention' object has no setter
Own script (/tmp/mine18a/probe8.py) with the `self.trainable_weights = ...` line removed: the layer builds, Attention has 0 weights, model.count_params() = 962 (Embedding 400 + LSTM 544 + Dense 18, nothing from W/b/u), type(self.W) is EagerTensor, W is not in model.trainable_weights (a gradient exists only if W is watched by hand)."""

import keras
from keras import initializers, ops
from keras.layers import InputSpec, Layer


class Attention(Layer):
    def __init__(self, output_dim, udim, init='glorot_uniform', input_dim=None, **kwargs):
        self.init = initializers.get(init)
        self.output_dim = output_dim
        self.input_dim = input_dim
        self.udim = udim
        if self.input_dim:
            kwargs['input_shape'] = (self.input_dim,)
        super(Attention, self).__init__(**kwargs)
        self.input_spec = InputSpec(ndim=3)

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.input_spec = InputSpec(shape=(None, input_shape[1], input_shape[2]))

        self.W = self.init((input_shape[2], self.udim))
        self.b = ops.zeros((self.udim,))
        self.u = ops.zeros((self.udim,))
        self.trainable_weights = [self.W, self.b, self.u]
        self.built = True

    def call(self, x, mask=None):
        U = ops.tanh(ops.matmul(x, self.W) + ops.transpose(self.b))
        weight = ops.softmax(ops.matmul(U, self.u))
        ret = ops.einsum('bt,btd->bd', weight, x)
        return ret

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) == 3
        return (input_shape[0], input_shape[-1])


def build_model():
    inputs = keras.Input(shape=(6,), dtype="int32")
    x = keras.layers.Embedding(50, 8)(inputs)
    x = keras.layers.LSTM(8, return_sequences=True)(x)
    x = Attention(output_dim=8, udim=4)(x)
    outputs = keras.layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs, outputs)
