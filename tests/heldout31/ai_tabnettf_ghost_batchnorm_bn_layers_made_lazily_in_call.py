"""A TabNet feature transformer whose `GhostBatchNormalization` creates its per-virtual-batch
`BatchNormalization` layers inside `call()`, on the fly: `_get_or_create_bn(i)` appends a new
`BatchNormalization` to the list `self.bn_layers` whenever the batch holds more virtual batches
than the list has layers.

From Melfos-md/tabnet_tf (`src/models/components/ghost_batchnormalization.py` at commit 922d5d8,
"reimplementation of GBN with layer creation of the fly to handle last batch size", used by
`src/models/feature_transformer.py`). The BN layers exist only after the first call, the count of
them depends on the batch size seen, and every later, larger batch adds new layers to an already
built model (on tf.keras 2 the parameter count changed from call to call, and the loop over
`range(tf.shape(inputs)[0] // self.virtual_batch_size)` only runs eagerly -- the author's tests set
`tf.config.run_functions_eagerly(True)`). On Keras 3 the very first call fails: Keras marks the
GBN built before running `call()`, and appending a new `BatchNormalization` to `self.bn_layers`
then raises "You cannot add new elements of state ... to a layer that is already built". The next
commit ("change design choice") moved the BN creation to `__init__` with a fixed batch size.

Porting edits: the two modules and the GLU component of the same commit put in one file;
`build_model()` calls a shared `FeatureTransformer(N_a=4, N_d=4, virtual_batch_size=4)` eagerly
with `training=True` on an 8-row batch of 6 features, as the repository's unit tests do (they use
1024 rows of 2048 features and `virtual_batch_size=32`).
"""

SOURCE = "https://github.com/Melfos-md/tabnet_tf/blob/922d5d86516a298151d6f21e54f3ec26d096038c/src/models/components/ghost_batchnormalization.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ai_tabnettf_ghost_batchnorm_bn_layers_made_lazily_in_call.py:
build_model() raised ValueError: Exception encountered when calling GhostBatchNormalization.call().
Full message (same call, run by hand): raised at `self.bn_layers.append(bn)` in `_get_or_create_bn`:
"You cannot add new elements of state (variables or sub-layers) to a layer that is already built.
All state must be created in the `__init__()` method or in the `build()` method." with
inputs=tf.Tensor(shape=(8, 8)), training=True -- the first GhostBatchNormalization (bn1) on the
first eager call of the FeatureTransformer."""

import numpy as np
import tensorflow as tf


class GLU(tf.keras.layers.Layer):
    def __init__(self):
        """Gated Linear Unit (GLU) layer."""
        super(GLU, self).__init__()
    
    def call(self, inputs):
        # Ensure the input is of the expected shape
        if len(inputs.shape) != 2:
            raise ValueError("Expected inputs to be a 2D tensor")
        
        # Compute the GLU activation
        gate = tf.sigmoid(inputs)
        return inputs * gate


class GhostBatchNormalization(tf.keras.layers.Layer):
    """
    A design choice made here is to create or fetch batch normalization layers on-the-fly. 
    The reason behind this is the need to adapt to the actual batch size during the `call` method, 
    which might vary during training. By dynamically ensuring that the right number of 
    batch normalization layers are present, we cater to different actual batch sizes that might 
    be encountered.
    """
    def __init__(self, virtual_batch_size=256, momentum=0.99, epsilon=1e-5):
        super(GhostBatchNormalization, self).__init__()
        self.virtual_batch_size = virtual_batch_size
        self.momentum = momentum
        self.epsilon = epsilon
        self.bn_layers = []

    def _get_or_create_bn(self, index):
        """
        Retrieves a batch normalization layer from cache based on the given index.
        If the layer doesn't exist, creates a new one, caches it, and returns it.
        """
        if index < len(self.bn_layers):
            return self.bn_layers[index]
        bn = tf.keras.layers.BatchNormalization(momentum=self.momentum, epsilon=self.epsilon)
        self.bn_layers.append(bn)
        return bn

    def call(self, inputs, training=None):
        outputs = []
        actual_batch_size = tf.shape(inputs)[0]
        num_ghost_batches = actual_batch_size // self.virtual_batch_size

        # Use cached or create new BN layers for each ghost batch
        for i in range(num_ghost_batches):
            bn = self._get_or_create_bn(i)
            start = i * self.virtual_batch_size
            end = (i+1) * self.virtual_batch_size
            outputs.append(bn(inputs[start:end], training=training))

        if actual_batch_size % self.virtual_batch_size != 0:
            bn = self._get_or_create_bn(i)
            outputs.append(bn(inputs[num_ghost_batches * self.virtual_batch_size:], training=training))

        # Concatenate the outputs to obtain the original batch size
        return tf.concat(outputs, axis=0)


class FeatureTransformer(tf.keras.layers.Layer):
    def __init__(self, N_a, N_d, shared, virtual_batch_size=256, momentum=0.99, epsilon=1e-5, seed=None):
        super(FeatureTransformer, self).__init__()
        self.N_a = N_a
        self.N_d = N_d
        self.N_fc = self.N_a + self.N_d
        self.virtual_batch_size = virtual_batch_size
        self.momentum = momentum
        self.epsilon = epsilon
        self.shared = shared
        self.seed = seed

        self.fc1 = tf.keras.layers.Dense(units=self.N_fc, activation=None, kernel_initializer=tf.keras.initializers.GlorotUniform(seed=self.seed))
        self.bn1 = GhostBatchNormalization(self.virtual_batch_size, self.momentum, self.epsilon)
        self.glu1 = GLU()

        self.fc2 = tf.keras.layers.Dense(units=self.N_fc, activation=None, kernel_initializer=tf.keras.initializers.GlorotUniform(seed=self.seed))
        self.bn2 = GhostBatchNormalization(self.virtual_batch_size, self.momentum, self.epsilon)
        self.glu2 = GLU()

    def call(self, inputs, training=None):
        x = self.fc1(inputs)
        x = self.bn1(x, training=training)
        res = self.glu1(x)

        if not self.shared:
            if res.shape != inputs.shape:
                raise ValueError(f"Expected input shape {res.shape} found {inputs.shape}")
            else:
                res = (res + inputs) * tf.math.sqrt(0.5)

        x = self.fc2(res)
        x = self.bn2(x, training=training)
        x = self.glu2(x)

        x = (x + res) * tf.math.sqrt(0.5)
        return x


def build_model():
    x = tf.constant(np.random.default_rng(42).random((8, 6)), dtype=tf.float32)
    layer = FeatureTransformer(4, 4, shared=True, virtual_batch_size=4, seed=42)
    layer(x, training=True)
    return layer, x
