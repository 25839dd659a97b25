"""Blog on "tf.function-decorated function tried to create variables on non-first call": a block builds its Dense layers in call().

A 2025 blog post explains the TF2 error `ValueError: tf.function-decorated function tried to create
variables on non-first call` (from a Stack Overflow question of the same title) and walks through its
causes: variables, including those of Keras layers, created inside the traced function instead of once up
front. This case is that pattern as a user writes it: a reusable `DenseBlock(tf.keras.layers.Layer)` that
instantiates `tf.keras.layers.Dense(...)` objects inside `call()` (so the input size need not be known in
`__init__`), stacked in a Sequential classifier and trained with a hand-written `@tf.function` step. Eagerly
it "works": every call makes brand-new random Dense layers and nothing is tracked (0 params for the blocks);
the traced step fails with the variable-creation error. (The block and model are this reproduction's.)
"""

SOURCE = "https://www.codegenes.net/blog/running-the-tensorflow-2-0-code-gives-valueerror-tf-function-decorated-function-tried-to-create-variables-on-non-first-call-what-am-i-doing-wrong"
CODES = ("LD002",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_codegenes_dense_built_inside_call.py:
as returned: Sequential, count_params() = 99, 2 weights, unbuilt: none
after call: count_params() = 99, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 8 variables the model does not track: ['sequential/dense_block/dense_5/kernel:0', 'sequential/dense_block/dense_5/bias:0', 'sequential/dense_block/dense_6/kernel:0', 'sequential/dense_block/dense_6/bias:0', 'sequential/dense_block_1/dense_7/kernel:0', 'sequential/dense_block_1/dense_7/bias:0']
params of the case's own layers: {'dense_block': 0, 'dense_block_1': 0}
second call: 8 variables watched that the first call did not use
(running the file's __main__: model.summary() shows dense_block / dense_block_1 with 0 params, Total params: 99 (only the softmax head); the first train_step raises ValueError: Exception encountered when calling DenseBlock.call(): tf.function only supports singleton tf.Variables created on the first call.)"""

import numpy as np
import tensorflow as tf


class DenseBlock(tf.keras.layers.Layer):
    def __init__(self, units, dropout=0.2, **kwargs):
        super(DenseBlock, self).__init__(**kwargs)
        self.units = units
        self.dropout = dropout

    def call(self, inputs, training=False):
        # build the sub-layers here so we don't have to know the input size in __init__
        x = tf.keras.layers.Dense(self.units, activation="relu")(inputs)
        x = tf.keras.layers.Dropout(self.dropout)(x, training=training)
        x = tf.keras.layers.Dense(self.units, activation="relu")(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "dropout": self.dropout})
        return config


def get_classifier(n_features=20, n_classes=3):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(n_features,)),
        DenseBlock(64),
        DenseBlock(32),
        tf.keras.layers.Dense(n_classes, activation="softmax"),
    ])
    return model


loss_object = tf.keras.losses.SparseCategoricalCrossentropy()
optimizer = tf.keras.optimizers.Adam(1e-3)


@tf.function
def train_step(model, x, y):
    with tf.GradientTape() as tape:
        predictions = model(x, training=True)
        loss = loss_object(y, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def build_model():
    return get_classifier()


if __name__ == "__main__":
    model = build_model()
    model.summary()
    x = np.random.rand(32, 20).astype("float32")
    y = np.random.randint(0, 3, size=(32,))
    for step in range(3):
        print(step, float(train_step(model, x, y)))
