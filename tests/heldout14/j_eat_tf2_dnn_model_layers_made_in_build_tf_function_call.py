""""Eat TensorFlow2 in 30 days" (3-3, high-level API demo) creates the three Dense layers of a
subclassed `DNNModel` inside `build()`, decorates `call()` with `@tf.function(input_signature=...)`,
and prepares the model with `model.build(input_shape=(None, 2))` before `model.summary()`.

The book shows a summary with dense1/dense2/dense3 and "Total params: 61" on TF 2.1, then trains
with a hand-written `@tf.function` loop over `model.trainable_variables`. On Keras 3
`Model.build()` runs the overridden `build()` (the layers are created and the model is marked built)
but never runs `call()`, so none of the Dense layers gets a variable: the summary the book prints
shows three `0 (unbuilt)` rows and "Total params: 0", and `model.trainable_variables` is empty until
a first real call. (The later custom loop does train once `model(features)` has run, because the
variables are then created on that call.)

Porting edits: data generation and the training loop left out (only the model as the book builds it);
`models`/`layers` from `tensorflow.keras`.
"""

SOURCE = "https://github.com/lyhue1991/eat_tensorflow2_in_30_days/blob/master/3-3,高阶API示范.md"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_eat_tf2_dnn_model_layers_made_in_build_tf_function_call.py:
as returned: DNNModel, count_params() = 0, 0 weights, unbuilt: ['Dense:dense1', 'Dense:dense2', 'Dense:dense3']
no inputs known: not called
Own script (/tmp/mine14b/p3.py): after model.build((None, 2)): count_params() 0, 0 trainable variables,
layers built [False, False, False]; the summary rows read '0 (unbuilt)', 'Total params: 0'. After one
@tf.function train step the count is 61 and all 6 variables change on the second step."""

import tensorflow as tf
from tensorflow.keras import models, layers


class DNNModel(models.Model):
    def __init__(self):
        super(DNNModel, self).__init__()

    def build(self, input_shape):
        self.dense1 = layers.Dense(4, activation="relu", name="dense1")
        self.dense2 = layers.Dense(8, activation="relu", name="dense2")
        self.dense3 = layers.Dense(1, activation="sigmoid", name="dense3")
        super(DNNModel, self).build(input_shape)

    # 正向传播
    @tf.function(input_signature=[tf.TensorSpec(shape=[None, 2], dtype=tf.float32)])
    def call(self, x):
        x = self.dense1(x)
        x = self.dense2(x)
        y = self.dense3(x)
        return y


def build_model():
    model = DNNModel()
    model.build(input_shape=(None, 2))
    return model
