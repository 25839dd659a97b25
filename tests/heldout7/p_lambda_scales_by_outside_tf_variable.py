"""A `Lambda` layer multiplies its input by a `tf.Variable` created outside it: the variable is not a weight of the layer or the model and is never trained.

The Q&A page answers "How to use tf.Lambda and tf.Variable at TensorFlow 2.0": the asker combined
a `tf.keras.layers.Lambda` with a `tf.Variable` they wanted to learn, and the answer says not to put
trainable state in a Lambda but to write a custom layer with `add_weight`. The page's code blocks
were not visible in the stored copy; this case follows the question as the page states it: a
scalar `tf.Variable` made next to the model and captured by the Lambda's function.
"""

SOURCE = "https://codemia.io/knowledge-hub/path/how_to_use_tflambda_and_tfvariable_at_tensorflow_20"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_lambda_scales_by_outside_tf_variable.py:
as returned: Functional, count_params() = 16, 4 weights, unbuilt: none
after call: count_params() = 16, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['scale:0']
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

scale = tf.Variable(1.0, trainable=True, name="scale")


def build_model():
    inputs = tf.keras.Input(shape=(3,))
    x = tf.keras.layers.Dense(3)(inputs)
    x = tf.keras.layers.Lambda(lambda t: t * scale)(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
