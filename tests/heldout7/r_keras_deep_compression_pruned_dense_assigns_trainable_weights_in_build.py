"""keras-deep-compression's `pruned_Dense` assigns `self.trainable_weights = [self.weight, self.bias]` in `build()` to keep the pruning mask out of training: Keras 3 refuses the assignment.

tarujg/keras-deep-compression (Deep Compression reproduction: pruning, quantisation, tensor
decomposition; Keras 2) converts a trained Sequential CNN into a "masked" Sequential model with
`convert_to_masked_model`, replacing every Dense by `pruned_Dense` and every Conv2D by
`pruned_Conv2D`. `pruned_Dense.build()` creates `weight` and `bias` with `add_weight`, overwrites
the layer's `trainable_weights` list by hand, then adds the 0/1 `mask` (already
`trainable=False`) and multiplies `weight * mask` in `call()`. On Keras 3 `trainable_weights` is a
read-only property, so building the masked model fails inside `build()`. (The author's
`self.dtype = 'float32'` line before `super().__init__()` is left out here; it is a separate
Keras 3 incompatibility.)
"""

SOURCE = "https://github.com/tarujg/keras-deep-compression/blob/8abf638e969f72d979879b7477c9bb651cf7c702/parameter-pruning/utils/pruned_layers.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_keras_deep_compression_pruned_dense_assigns_trainable_weights_in_build.py:
build_model() raised AttributeError: property 'trainable_weights' of 'pruned_Dense' object has no setter"""

from keras import ops
from keras.layers import Activation, Dense, Flatten, Input, Layer
from keras.models import Sequential


class pruned_Dense(Layer):
    def __init__(self, output_neurons, **kwargs):
        self.num_output = output_neurons
        super(pruned_Dense, self).__init__(**kwargs)

    def build(self, input_shape):
        num_input = input_shape[1]
        shape = (num_input, self.num_output)

        # initialize the weight matrix and bias, i.e., trainable variables
        self.weight = self.add_weight(shape=shape, initializer="glorot_normal", name="weight", trainable=True)
        self.bias = self.add_weight(shape=(self.num_output,), initializer="zeros", name="bias", trainable=True)

        self.trainable_weights = [self.weight, self.bias]

        # non-trainable weight for pruning (only 0 or 1, where 0 is for pruning)
        self.mask = self.add_weight(shape=shape, initializer="ones", name="mask", trainable=False)

        super(pruned_Dense, self).build(input_shape)

    def call(self, x):
        pruned_weight = self.weight * self.mask
        out = ops.matmul(x, pruned_weight) + self.bias  # K.dot(x, pruned_weight) + self.bias
        return out

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.num_output


def convert_to_masked_model(model):
    """Rebuild a Sequential model with every Dense replaced by a pruned_Dense."""
    masked_model = Sequential()
    masked_model.add(Input(shape=model.input_shape[1:]))
    for layer in model.layers:
        if isinstance(layer, Dense):
            conf = layer.__class__.get_config(layer)
            masked_model.add(pruned_Dense(conf["units"]))
        else:
            masked_model.add(layer.__class__.from_config(layer.get_config()))
    return masked_model


def build_model():
    model = Sequential([Input(shape=(8, 8)), Flatten(), Dense(32), Activation("relu"), Dense(10), Activation("softmax")])
    return convert_to_masked_model(model)
