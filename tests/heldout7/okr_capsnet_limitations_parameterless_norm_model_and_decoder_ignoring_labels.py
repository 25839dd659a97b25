"""capsnet-limitations' reconstruction path: a `Norm` `tf.keras.Model` with no `__init__` and no weights, and a `ReconstructionNetwork` model whose `call(x, y)` ignores `y`: everything with weights is built and trained.

peerdavid/capsnet-limitations wraps even parameter-free steps as subclassed models: `Norm(tf.keras.
Model)` only defines `call()` (capsule lengths), and `ReconstructionNetwork(tf.keras.Model)` keeps
Flatten + three Dense layers and an unused `self.y = None`, taking the labels `y` in `call(x, y)`
without reading them. `CapsNet` stores it under `self.reconstruction_network` when
`use_reconstruction` is set and returns `(norm(x), reconstruction)`. None of this loses state:
`Norm` has nothing to track, and the decoder's Dense layers are called, counted and get
gradients. The capsule layers are replaced here by a Dense projection (their `tf.Variable`s are a
separate case).
"""

SOURCE = "https://github.com/peerdavid/capsnet-limitations/blob/9b6ee64d382712f0e5491f9426af9303c00b9716/capsule/reconstruction_network.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_capsnet_limitations_parameterless_norm_model_and_decoder_ignoring_labels.py:
as returned: CapsNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Flatten:flatten', 'Dense:dense', 'ReconstructionNetwork:ReconstructionNetwork', 'Dense:fc3', 'Dense:fc2', 'Dense:fc1', 'Flatten:flatten_1', 'Norm:norm']
after call: count_params() = 33648, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ReconstructionNetwork': 29008, 'norm': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf

layers = tf.keras.layers


class Norm(tf.keras.Model):
    def call(self, inputs):
        return tf.norm(inputs, name="norm", axis=-1)


class ReconstructionNetwork(tf.keras.Model):
    def __init__(self, in_capsules, in_dim, name="", out_dim=28, img_dim=1):
        super(ReconstructionNetwork, self).__init__(name=name)
        self.in_capsules = in_capsules
        self.in_dim = in_dim
        self.out_dim = out_dim
        self.y = None
        self.flatten = layers.Flatten()
        self.fc1 = layers.Dense(64, name="fc1", activation=tf.nn.relu)
        self.fc2 = layers.Dense(128, name="fc2", activation=tf.nn.relu)
        self.fc3 = layers.Dense(out_dim * out_dim * img_dim, name="fc3", activation=tf.sigmoid)

    def call(self, x, y):
        x = self.flatten(x)
        x = self.fc1(x)
        x = self.fc2(x)
        return self.fc3(x)


class CapsNet(tf.keras.Model):
    def __init__(self, num_classes=4, dim=8, img=12, use_reconstruction=True):
        super(CapsNet, self).__init__()
        self.use_reconstruction = use_reconstruction
        self.flatten = layers.Flatten()
        self.capsules = layers.Dense(num_classes * dim)
        self.to_caps = layers.Reshape((num_classes, dim))
        if self.use_reconstruction:
            self.reconstruction_network = ReconstructionNetwork(
                name="ReconstructionNetwork", in_capsules=num_classes, in_dim=dim, out_dim=img, img_dim=1)
        self.norm = Norm()

    def call(self, x, y=None):
        x = self.to_caps(self.capsules(self.flatten(x)))
        r = self.reconstruction_network(x, y) if self.use_reconstruction else None
        out = self.norm(x)
        return out, r


def build_model():
    model = CapsNet()
    x = np.random.default_rng(0).random((2, 12, 12)).astype("float32")
    return model, x
