"""A hand-written mixture density (MDN) layer that makes its hidden and output weights with
`K.variable(np.random.normal(...))` in `build()` and registers them by assigning
`self.trainable_weights = [self.Wh, self.bh, self.Wo, self.bo]`.

From yanji84/keras-mdn (`mdn.py`, "Mixture Density Networks in Keras": a one-hidden-layer MDN that
outputs mixture weights, sigmas and means for a `mdn_loss`). The registration idiom is the Keras 1
one. On Keras 3 `trainable_weights` is a read-only property, so the first call of the layer (when
the model is wired) raises `AttributeError` in `build()` and the model never exists.

Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`; `K.variable(...)` ->
`keras.Variable(...)` (Keras 3 has no `backend.variable`); `K.tanh` / `K.dot` -> `keras.ops.tanh` /
`keras.ops.matmul`; `get_output_shape_for` and the loss helpers dropped; `build_model()` wires the
repository's `main.py` shape (1-D input -> `MixtureDensity(kernelDim=1, numComponents=3)`) with
numpy's legacy random draws as in the repository.
"""

SOURCE = "https://github.com/yanji84/keras-mdn/blob/12609bd97261cc8ff8393202f7903944151449bc/mdn.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/n_yanji84_mixture_density_raw_variables_listed_as_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'MixtureDensity' object has no setter"""

import keras
import numpy as np
from keras import ops
from keras.layers import Layer


class MixtureDensity(Layer):
    def __init__(self, kernelDim, numComponents, **kwargs):
        self.hiddenDim = 24
        self.kernelDim = kernelDim
        self.numComponents = numComponents
        super(MixtureDensity, self).__init__(**kwargs)

    def build(self, inputShape):
        self.inputDim = inputShape[1]
        self.outputDim = self.numComponents * (2+self.kernelDim)
        self.Wh = keras.Variable(np.random.normal(scale=0.5,size=(self.inputDim, self.hiddenDim)))
        self.bh = keras.Variable(np.random.normal(scale=0.5,size=(self.hiddenDim)))
        self.Wo = keras.Variable(np.random.normal(scale=0.5,size=(self.hiddenDim, self.outputDim)))
        self.bo = keras.Variable(np.random.normal(scale=0.5,size=(self.outputDim)))

        self.trainable_weights = [self.Wh,self.bh,self.Wo,self.bo]

    def call(self, x, mask=None):
        hidden = ops.tanh(ops.matmul(x, self.Wh) + self.bh)
        output = ops.matmul(hidden,self.Wo) + self.bo
        return output


def build_model():
    inp = keras.Input((1,))
    out = MixtureDensity(kernelDim=1, numComponents=3)(inp)
    return keras.Model(inp, out)
