"""Field-aware factorization machine block whose w and v are tf.Variables made in a Model's __init__.

easyrec's FFM block (a `tf.keras.models.Model` used as a layer inside the FFM model) sizes its
linear weights `w` and field-aware factors `v` from the feature columns and creates them with
`tf.Variable(tf.random.normal(...))` in `__init__`. Under tf.keras 2 these were tracked. On Keras 3
a backend-native tf.Variable is not a Keras weight: the block and the outer FFM model report
0 parameters, `trainable_weights` is empty, `fit` warns that there is nothing to train, and the
factors are not saved. (get_feature_column_shape(...) is replaced by the per-field one-hot sizes.)
"""

SOURCE = "https://github.com/xu-zhiwei/easyrec/blob/13af902a33d78eeb9cfa76e76895bfbc2b1067fe/pyrec/blocks/interaction.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_easyrec_ffm_field_variables.py:
as returned: FFMModel, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['w:0', 'v:0']
params of the case's own layers: {'ffm': 0}
second call: 0 variables watched that the first call did not use
w (18x1) and v (3x18x4) = 234 values read in call, none counted."""

import tensorflow as tf
from tensorflow.keras.activations import sigmoid


def get_feature_column_shape(feature_column):
    # pyrec.utils: number of one-hot slots of a categorical column
    return feature_column["num_buckets"]


class FM(tf.keras.models.Model):
    """
    Factorization machine layer using vector w and matrix v.
    """

    def __init__(self, field_dims, k=16):
        super(FM, self).__init__()
        self.num_one_hot_feature_columns = len(field_dims)
        self.w = [tf.keras.layers.Dense(1, use_bias=False) for _ in field_dims]
        self.v = [tf.keras.layers.Dense(k, use_bias=False) for _ in field_dims]

    def call(self, inputs, *args, **kwargs):
        ws = [self.w[i](inputs) for i in range(self.num_one_hot_feature_columns)]
        ws = tf.transpose(tf.convert_to_tensor(ws), [1, 0, 2])
        logits = tf.reduce_sum(tf.squeeze(ws), axis=1)
        vs = [self.v[i](inputs) for i in range(self.num_one_hot_feature_columns)]
        vs = tf.transpose(tf.convert_to_tensor(vs), [1, 0, 2])
        square_of_sum = tf.square(tf.reduce_sum(vs, axis=1))
        sum_of_square = tf.reduce_sum(tf.square(vs), axis=1)
        logits += 0.5 * tf.reduce_sum(square_of_sum - sum_of_square, axis=1)
        return logits


class FFM(tf.keras.models.Model):
    """
    Field-aware factorization machine layer.
    """

    def __init__(self, one_hot_feature_columns, k=4):
        super(FFM, self).__init__()
        one_hot_shape = sum([get_feature_column_shape(feature_column) for feature_column in one_hot_feature_columns])
        self.field_dims = [get_feature_column_shape(feature_column) for feature_column in one_hot_feature_columns]
        self.num_fields = len(self.field_dims)

        self.k = k
        self.w = tf.Variable(tf.random.normal(shape=(one_hot_shape, 1)), name='w')
        self.v = tf.Variable(tf.random.normal(shape=(self.num_fields, one_hot_shape, self.k)), name='v')

    def call(self, inputs, *args, **kwargs):
        logits = tf.matmul(inputs, self.w)
        for i in range(self.num_fields - 1):
            for j in range(1, self.num_fields):
                logits += self.v[j, i, :] * self.v[i, j, :]  # still have bugs
        return logits


class blocks:  # stands in for `from pyrec import blocks`
    FM = FM
    FFM = FFM


# --- pyrec/models/ffm.py ------------------------------------------------------------------
class FFMModel(tf.keras.models.Model):
    def __init__(self,
                 one_hot_feature_columns,
                 k=4,
                 ):
        super(FFMModel, self).__init__()
        if not one_hot_feature_columns:
            raise ValueError('len(one_hot_feature_columns) should greater than 0')
        self.ffm = blocks.FFM(one_hot_feature_columns, k)

    def call(self, inputs, training=None, mask=None):
        logits = self.ffm(inputs)
        return sigmoid(logits)


def build_model():
    columns = [{"key": "user_id", "num_buckets": 6},
               {"key": "movie_id", "num_buckets": 8},
               {"key": "genre", "num_buckets": 4}]
    model = FFMModel(columns, k=4)
    x = tf.one_hot([[1], [3]], 18)[:, 0, :]
    model(x)
    return model, x
