"""A subclassed model builds its frozen `Embedding(trainable=False)` by hand in `build()` (then calls
`super().build(input_shape)`) and is triggered by calling it on a symbolic `keras.Input` of scalar ids.

The reporter (keras-team/keras#21201, "Embedding Layer trainable bug?") saw the embeddings listed in
`model.trainable_weights` despite `trainable=False` on the Keras they ran. The pattern itself looks
like two classic weight bugs at once - a sublayer built manually inside the parent's `build()`, and
a model "built" by calling it on an `Input` instead of data. On Keras 3.15.1 it is right: the
embedding is built by the explicit `build()`, tracked, counted (10 params) and reported as
non-trainable, exactly as the constructor argument says.

Porting edits: `tf.keras` -> `keras`; the `main()` printing loop replaced by `build_model()`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/21201"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okj_frozen_embedding_built_by_hand_in_model_build.py:
as returned: Test, count_params() = 10, 1 weights, unbuilt: none
after call: count_params() = 10, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 1 variables the model does not track: ['test/embedding/embeddings:0']
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14b/p4.py): after model(keras.Input(shape=(), dtype='int32')): trainable_weights [],
non_trainable_weights ['test/embedding/embeddings'], count_params() 10 - the frozen flag is honoured."""

import keras


class Test(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.embedding = keras.layers.Embedding(
            input_dim=10,
            output_dim=1,
            trainable=False
        )

    def build(self, input_shape):
        self.embedding.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.embedding(inputs)


def build_model():
    import numpy as np

    model = Test(dtype="float32")

    inputs = keras.Input(shape=(), dtype="int32", name="ids")
    model(inputs)  # trigger build
    return model, np.array([1, 7], dtype="int32")
