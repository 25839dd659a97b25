"""GenoCAE (a convolutional autoencoder for genotype data; this fork adds distributed training and phenotype heads) has an `AttentionPoolLayer` that makes a Conv1D and an AveragePooling1D in `__init__` from the layer's JSON arguments, builds both by hand in `build()`, and then registers the convolution's kernels with `self._trainable_weights += self.conv1._trainable_weights` (and the same for the pooling layer). Neither the outer layer nor the Keras 3 Conv1D has a `_trainable_weights` list, so building the layer, here while a model using it is wired, raises AttributeError (LD006). The sibling `AttentionEluPoolLayer` in the same file has the same two lines. Keras 3 would have tracked `self.conv1` and `self.avepool` on its own: they are attributes of the layer.

From filtho/GenoCAE, `utils/layers.py`, class `AttentionPoolLayer` (`__init__`, `build`, `call`,
`compute_output_shape` as written). In GenoCAE the layers of a model are listed in a JSON file by `"class"` and
`"module"` (e.g. `{"class": "ResidualBlock4", "module": "utils.layers", "args": {...}}` in `models/M3j10U.json`) and
instantiated with `getattr(eval(module), class)(**args)` by `run_gcae_distributed.py`.

Porting edits: the other classes of utils/layers.py are left out; the JSON-driven autoencoder is replaced by a small
Sequential in that style: a (100 markers x 2) genotype input, `Conv1D(16, 5, padding="same")` (the convolutions of
the shipped models), then `AttentionPoolLayer(filters=8, kernel_size=5, padding="same", strides=1)` (args in the style of the
shipped JSON layer entries; it pools the 16 channels as 8
value/weight pairs), Flatten and a 2-unit Dense. build_model() builds that model, which is where the error is raised.
"""

SOURCE = "https://github.com/filtho/GenoCAE/blob/175bc96822a8ff301c233ca87f5f7b8454c22cd2/utils/layers.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cj_genocae_attentionpoollayer_extends_private_trainable_weights_with_conv1d_weights.py:
build_model() raised AttributeError: 'AttentionPoolLayer' object has no attribute '_trainable_weights'
probes/probe_genocae.py (same file): the error is raised from AttentionPoolLayer.build() while the Sequential is built; a built Keras 3 Conv1D has no _trainable_weights attribute either. With the two 'self._trainable_weights += ...' lines deleted the same model builds, the layer tracks its Conv1D by itself (attention_pool_layer/conv1d/kernel and /bias), the model has 2106 params and maps a (2, 100, 2) batch to (2, 2)."""

import tensorflow as tf
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer
import tensorflow.keras.activations
import tensorflow.keras.layers as layers


class AttentionPoolLayer(Layer):

    def __init__(self, **kwargs):
        super(AttentionPoolLayer, self).__init__()
        self.conv1 = layers.Conv1D(**kwargs)        
        poolargs = kwargs.copy()
        del poolargs["kernel_size"]
        del poolargs["filters"]
        poolargs["pool_size"] = kwargs["kernel_size"]
        self.avepool = layers.AveragePooling1D(**poolargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        shape=self.compute_output_shape(input_shape)
        self.conv1.build(shape)
        self.avepool.build(shape)
        self._trainable_weights += self.conv1._trainable_weights
        self._trainable_weights += self.avepool._trainable_weights
        super(AttentionPoolLayer, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):
        weight = tf.math.abs(x[:,:,1::2])
        return self.conv1(x[:,:,::2] * weight) / self.avepool(weight)

    def compute_output_shape(self, input_shape):
        return input_shape[0:-1] + (input_shape[-1] // 2,)


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(100, 2)),
        layers.Conv1D(filters=16, kernel_size=5, padding="same"),
        AttentionPoolLayer(filters=8, kernel_size=5, padding="same", strides=1),
        layers.Flatten(),
        layers.Dense(units=2, name="encoded"),
    ])
    return model
