"""A ViT class-token layer makes its "learnable" token as a fresh `tf.Variable` inside `call()`.

KerasCV's early `ClassToken` layer (for Vision Transformers) created
`learnable_class_token = tf.Variable(tf.random.normal([1, 1, dim]))` in `call()` and broadcast it
over the batch. The token is meant to be a trained weight, but a new random variable is made on
every call and none is ever tracked: the layer has no weights, the model's count leaves the token
out, and each call prepends a different random token. Written here with `keras` 3 imports around
the same TensorFlow ops, in a small functional ViT head.
"""

SOURCE = "https://github.com/keras-team/keras-cv/blob/17d428464153f5abee5e949bd292f61d808dacab/keras_cv/layers/vit_class_tokenizing.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld002_vit_class_token_variable_created_in_call.py:
as returned: Functional, count_params() = 1450, 6 weights, unbuilt: none
after call: count_params() = 1450, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['functional/class_token/Variable:0']
params of the case's own layers: {'class_token': 0}
second call: 1 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras import layers


@keras.saving.register_keras_serializable(package="keras_cv")
class ClassToken(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, inputs):
        input_shape = tf.shape(inputs)
        batch_size = input_shape[0]
        learnable_class_token = tf.Variable(initial_value=tf.random.normal([1, 1, input_shape[-1]]))

        class_token_broadcast = tf.cast(
            tf.broadcast_to(learnable_class_token, [batch_size, 1, input_shape[-1]]),
            dtype=inputs.dtype,
        )
        return tf.concat([class_token_broadcast, inputs], 1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1] + 1, input_shape[2])

    def get_config(self):
        base_config = super().get_config()
        return base_config


def build_model():
    patches = keras.Input((16, 32))
    tokens = ClassToken()(layers.Dense(32)(patches))
    tokens = layers.LayerNormalization()(tokens)
    cls = tokens[:, 0]
    return keras.Model(patches, layers.Dense(10)(cls))
