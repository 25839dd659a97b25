"""deep_recommenders' Keras `FM` (factorization machine) layer creates its linear part, `self._linear = Dense(1, kernel_initializer="zeros")`, inside `build()` and then sets `self.built = True` without building the Dense; `call()` applies `self._linear` in two places, once in the early return for `embedding_inputs is None` and once in the full FM output. It looks like an unbuilt sublayer (LD005: created in `build()`, never built there, `built` forced to True) and like one layer applied twice (LD007/LD008), but the two applications are mutually exclusive branches on the same `sparse_inputs`, and the Dense is built by its first call: after wiring or one call every weight exists and trains. Correct look-alike.

From LongmaoTeamTf/deep_recommenders, `deep_recommenders/keras/models/ranking/fm.py`, class `FM`; the model is
`get_model()` from the repository's `tests/keras/test_fm.py::test_fm_layer_train` (two Inputs, (10,) sparse and
(5, 5) embeddings, `FM()(sparse_inputs, embedding_inputs)`, then `Dense(1)`). The file's `FactorizationMachine`
model (built on `tf.keras.layers.DenseFeatures` feature columns, which Keras 3 no longer has) is left out.

Porting edits: none in `FM` (the `register_keras_serializable` decorator is kept). build_model() returns the test's
functional model, not called; the measurement feeds it its own Input shapes.
"""

SOURCE = "https://github.com/LongmaoTeamTf/deep_recommenders/blob/168dabe4ef3a38cc582d019766cf3de576bc8af1/deep_recommenders/keras/models/ranking/fm.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcg_deeprec_fm_linear_dense_created_in_build_two_exclusive_calls.py:
as returned: Functional, count_params() = 13, 4 weights, unbuilt: none
after call: count_params() = 13, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fm': 11}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


@tf.keras.utils.register_keras_serializable()
class FM(tf.keras.layers.Layer):
    """ Factorization Machine """

    def __init__(self, **kwargs):
        super(FM, self).__init__(**kwargs)

    def build(self, input_shape):

        self._linear = tf.keras.layers.Dense(
            units=1,
            kernel_initializer="zeros",
            name="linear"
        )
        self.built = True

    def call(self, sparse_inputs, embedding_inputs=None, **kwargs):

        if embedding_inputs is None:
            return self._linear(sparse_inputs)

        x_sum = tf.reduce_sum(embedding_inputs, axis=1)
        x_square_sum = tf.reduce_sum(tf.pow(embedding_inputs, 2), axis=1)

        interaction = 0.5 * tf.reduce_sum(
            tf.subtract(
                tf.pow(x_sum, 2),
                x_square_sum
            ), axis=1, keepdims=True)

        return self._linear(sparse_inputs) + interaction


def build_model():

    def get_model():
        sparse_inputs = tf.keras.layers.Input(shape=(10,))
        embedding_inputs = tf.keras.layers.Input(shape=(5, 5,))
        x = FM()(sparse_inputs, embedding_inputs)
        logits = tf.keras.layers.Dense(1)(x)
        return tf.keras.Model([sparse_inputs, embedding_inputs], logits)

    return get_model()
