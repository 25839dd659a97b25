"""`nfp`'s radial-basis distance expansion (a GNN edge featuriser) makes its trainable centers and gap with `tf.Variable` in `build()`: on Keras 3 they are neither counted nor trained.

`RBFExpansion(trainable=True)` turns interatomic distances into gaussian "soft one-hot" features
whose bin centers and width can be learned. Under tf.keras 2 the two `tf.Variable`s assigned in
`build()` were tracked like weights. The `nfp` layers are used unchanged with TensorFlow 2.16+
(Keras 3, as in polyID): Keras 3 does not track backend-native variables, so the layer reports 0
parameters, the optimizer of `fit()` never sees the centers or the gap, and they are not saved.
"""

SOURCE = "https://github.com/NREL/nfp/blob/0fd16c424313bb586d0970a623e395919f2638c0/nfp/layers/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_nfp_rbf_expansion_trainable_centers_as_tf_variables.py:
as returned: Functional, count_params() = 545, 4 weights, unbuilt: none
after call: count_params() = 545, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 2 variables the model does not track: ['rbf_expansion/centers:0', 'rbf_expansion/gap:0']
params of the case's own layers: {'rbf_expansion': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers as tf_layers


class RBFExpansion(tf_layers.Layer):
    def __init__(self, dimension=128, init_gap=10, init_max_distance=7, trainable=False):
        """Layer to calculate radial basis function 'embeddings' for a continuous input variable. The width and
        location of each bin can be optionally trained. Essentially equivalent to a 1-hot embedding for a continuous
        variable.
        """
        super(RBFExpansion, self).__init__()
        self.init_gap = init_gap
        self.init_max_distance = init_max_distance
        self.dimension = dimension
        self.trainable = trainable

    def build(self, input_shape):
        self.centers = tf.Variable(
            name="centers",
            initial_value=tf.range(0, self.init_max_distance, delta=self.init_max_distance / self.dimension),
            trainable=self.trainable,
            dtype=tf.float32,
        )
        self.gap = tf.Variable(
            name="gap",
            initial_value=tf.constant(self.init_gap, dtype=tf.float32),
            trainable=self.trainable,
            dtype=tf.float32,
        )

    def call(self, inputs, **kwargs):
        distances = tf.where(tf.math.is_nan(inputs), tf.zeros_like(inputs, dtype=inputs.dtype), inputs)
        offset = tf.expand_dims(distances, -1) - tf.cast(self.centers, inputs.dtype)
        logits = -self.gap * offset ** 2
        return tf.exp(logits)

    def get_config(self):
        return {
            "init_gap": self.init_gap,
            "init_max_distance": self.init_max_distance,
            "dimension": self.dimension,
            "trainable": self.trainable,
        }


def build_model():
    distance = tf_layers.Input(shape=(24,), name="distance")
    bond_state = RBFExpansion(dimension=32, init_max_distance=8.0, trainable=True)(distance)
    bond_state = tf_layers.Dense(16, activation="relu")(bond_state)
    pooled = tf_layers.GlobalAveragePooling1D()(bond_state)
    return tf.keras.Model(distance, tf_layers.Dense(1)(pooled))
