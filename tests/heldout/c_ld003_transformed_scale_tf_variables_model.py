"""A model whose location and (softplus-transformed) scale parameters are `tf.Variable`s set in `__init__`.

The TFP report kept `loc = tf.Variable(...)` and a `tfp.util.TransformedVariable` scale on a
`tf.keras.Model`; only `loc` appeared in `trainable_weights` and received updates. On Keras 3, a
`tf.Variable` on a Keras model is not tracked at all (the softplus transform is written out here).
"""

SOURCE = "https://github.com/tensorflow/probability/issues/946"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld003_transformed_scale_tf_variables_model.py:
as returned: GroupMeans, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['loc:0', 'raw_scale:0']
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


class GroupMeans(keras.Model):
    def __init__(self, n_groups=5):
        super().__init__()
        self.loc = tf.Variable(tf.ones([n_groups]), name="loc")
        self.raw_scale = tf.Variable(tf.zeros([n_groups]), name="raw_scale")

    def call(self, group_ids):
        means = tf.gather(self.loc, group_ids)
        scales = tf.gather(tf.nn.softplus(self.raw_scale), group_ids)
        return tf.stack([means, scales], axis=-1)


def build_model():
    model = GroupMeans()
    group_ids = tf.constant([0, 1, 2, 3, 4, 0])
    model(group_ids)
    return model, group_ids
