"""A DeepFM `FM_layer` keeps its first-order weights `w` and field embeddings `V` as `tf.Variable`s made in `__init__`: Keras 3 does not track them.

From ocasoyy/RL (`DeepFM/layers.py`), a tf.keras 2 DeepFM. `FM_layer(tf.keras.layers.Layer)` takes `num_feature`,
`num_field`, `embedding_size` and a `field_index` map, and in `__init__` stores
`self.w = tf.Variable(tf.random.normal([num_feature]))` and `self.V = tf.Variable(tf.random.normal((num_field, k)))`.
`call()` looks up `V` by `field_index` (`tf.nn.embedding_lookup`), multiplies by the inputs and returns the FM
logits (linear + pairwise terms) and the embedded inputs for the deep part. On tf.keras 2 both variables were
tracked; on Keras 3 they are backend-native variables the layer does not see (LD003): 0 params, not in
`trainable_weights`, so `fit()` never updates them and they are not saved. A second doubt: the input size is also
passed by hand (`num_feature`), an LD004-like smell, but the primary defect is the foreign variable.

Porting edits: none to the class. `build_model()` builds `FM_layer(num_feature=6, num_field=3, embedding_size=4,
field_index=[0, 0, 1, 1, 2, 2])` and returns it with a (4, 6) float input.
"""

SOURCE = "https://github.com/ocasoyy/RL/blob/6e76d5839a8bbf7e5f016052a06b922a51f17044/DeepFM/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py be_ocasoyy_rl_deepfm_fm_layer_w_and_v_tf_variables_untracked.py:
as returned: FM_layer, count_params() raised ValueError (not built), 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['w:0', 'V:0']
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class FM_layer(tf.keras.layers.Layer):
    def __init__(self, num_feature, num_field, embedding_size, field_index):
        super(FM_layer, self).__init__()
        self.embedding_size = embedding_size    # k
        self.num_feature = num_feature          # f
        self.num_field = num_field              # m
        self.field_index = field_index

        # w: 1st order, V: 2nd order
        self.w = tf.Variable(tf.random.normal(shape=[num_feature],
                                              mean=0.0, stddev=1.0), name='w')
        self.V = tf.Variable(tf.random.normal(shape=(num_field, embedding_size),
                                              mean=0.0, stddev=0.01), name='V')

    def call(self, inputs):
        x_batch = tf.reshape(inputs, [-1, self.num_feature, 1])
        embeds = tf.nn.embedding_lookup(params=self.V, ids=self.field_index)

        new_inputs = tf.math.multiply(x_batch, embeds)    # (num_batch, num_feature, embedding_size)

        linear_terms = tf.reduce_sum(
            tf.math.multiply(self.w, inputs), axis=1, keepdims=False)

        interactions = 0.5 * tf.subtract(
            tf.square(tf.reduce_sum(new_inputs, [1, 2])),
            tf.reduce_sum(tf.square(new_inputs), [1, 2])
        )

        linear_terms = tf.reshape(linear_terms, [-1, 1])
        interactions = tf.reshape(interactions, [-1, 1])

        y_fm = tf.concat([linear_terms, interactions], 1)

        return y_fm, new_inputs


def build_model():
    layer = FM_layer(num_feature=6, num_field=3, embedding_size=4, field_index=[0, 0, 1, 1, 2, 2])
    x = np.random.default_rng(0).random((4, 6)).astype("float32")
    return layer, x
