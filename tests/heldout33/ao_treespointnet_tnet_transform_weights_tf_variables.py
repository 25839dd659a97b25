"""A PointNet T-Net layer for LiDAR tree detection keeps its transform weights `w` and identity-initialised
bias `b` as raw `tf.Variable`s made in `__init__`: Keras 3 does not track them, so the learned part of
the input transform is not counted, not trained by `fit` and not saved; the T-Net always outputs the
identity-plus-initial-zero matrix the variables started with.

From JRice15/trees-pointnet (`models.py`), a PointNet for locating trees in aerial LiDAR patches,
written against standalone `keras` (`import keras`, `from keras import layers`). `TNet(in_channels,
out_channels, kind)` maps the 256-wide global feature of the T-Net MLP to a K x K matrix:
`x @ self.w + self.b`, reshaped by a `layers.Reshape` sublayer (which is tracked); for
`kind == "feature"` it adds an orthogonality loss. `w` starts at zeros and `b` at `np.eye(K).flatten()`,
the classic PointNet initialisation, both as `tf.Variable(..., trainable=True)`. On tf.keras 2 the
layer's attribute tracking picks them up; on Keras 3 they are foreign variables.

Porting edits: the author calls `super().__init__(self, **kwargs)` (the layer passes itself as an extra
positional argument, which Keras 2 took as `trainable`); Keras 3's `Layer.__init__` is keyword-only and
raises `TypeError: Layer.__init__() takes 1 positional argument but 2 were given`, so the case writes
`super().__init__(**kwargs)` to reach the weights. Nothing else changed in the class. `build_model()`
wires the input-kind T-Net on the 256-wide feature as `pointnet_transform` does (`TNet(256, nattributes,
kind="input", name="input_transform_tnet")`), with 3 point attributes; the repo's conv/dense stack in
front and the Lambda matmul after it are left out.
"""

SOURCE = "https://github.com/JRice15/trees-pointnet/blob/0ab416bceae20b79993d00796dc68e66d367c889/models.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/ao_treespointnet_tnet_transform_weights_tf_variables.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'input_transform_tnet': 0}
second call: 0 variables watched that the first call did not use
Own probe (probe_tnet.py): TNet.w and TNet.b are tf ResourceVariables and model.weights is []; compile + fit(SGD, 2 epochs) warns 'The model does not have any trainable weights.', w and b unchanged, predictions still exactly the 3x3 identity. The author's super().__init__(self, **kwargs) alone raises TypeError: Layer.__init__() takes 1 positional argument but 2 were given."""

import keras
import numpy as np
import tensorflow as tf
from keras import Model
from keras import layers


class TNet(keras.layers.Layer):
    """
    Tranformation Network, from B*InChannels to B*K*K
    """

    def __init__(self, in_channels, out_channels, kind, reg_weight=0.001, **kwargs):
        super().__init__(**kwargs)
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kind = kind
        self.reg_weight = reg_weight
        w_init = tf.constant_initializer(0.0)
        self.w = tf.Variable(
            initial_value=w_init((in_channels, out_channels*out_channels)),
            trainable=True
        )
        self.b = tf.Variable(
            initial_value=np.eye(out_channels, out_channels, dtype=np.float32).flatten(),
            trainable=True
        )
        self.reshape = layers.Reshape((out_channels, out_channels))

    def call(self, x):
        x = tf.matmul(x, self.w)
        x += self.b
        transformation_matrix = self.reshape(x)
        if self.kind == "feature":
            orthog_diff = tf.matmul(transformation_matrix,
                            tf.transpose(transformation_matrix, perm=[0,2,1]))
            orthog_diff -= tf.constant(np.eye(self.out_channels), dtype=tf.float32)
            orthog_loss = self.reg_weight * tf.norm(orthog_diff, ord='euclidean')
            self.add_loss(orthog_loss)
            self.add_metric(orthog_loss, name="orthog_loss", aggregation='mean')
        return transformation_matrix

    def get_config(self):
        config = super().get_config()
        config = config.update({
            "in_channels": self.in_channels,
            "out_channels": self.out_channels,
            "kind": self.kind,
            "reg_weight": self.reg_weight
        })
        return config


def build_model():
    feat = layers.Input((256,))
    trans_matrix = TNet(256, 3, kind="input", name="input_transform_tnet")(feat)
    return Model(feat, trans_matrix)
