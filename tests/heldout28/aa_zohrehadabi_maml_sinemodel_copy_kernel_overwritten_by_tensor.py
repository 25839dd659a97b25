"""A TF2 MAML for sine-wave regression: the inner-loop step builds `model_copy = copy_model(model, x)`
(a fresh `SineModel`, called once, then `set_weights(model.get_weights())`) and writes the adapted
parameters into it with `model_copy.layers[j].kernel = tf.subtract(model.layers[j].kernel, lr * g)`
(and the same for `.bias`), so that the outer tape can differentiate the query loss through the
inner step.

From ZohrehAdabi/MAML (`train_maml.py` with `copy_model.py` and `model.py`). The trick overwrites the
`kernel`/`bias` variable attributes of the copy's Dense layers with tensors derived from the original
model's variables. On Keras 3 `Dense.kernel` is a read-only property (the variable lives in
`_kernel`), so the very first assignment raises `AttributeError: property 'kernel' of 'Dense' object has
no setter`: the meta-update cannot run at all. (Under tf.keras 2 the assignment went through and was
the whole point of the trick.)

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); the float64 default dropped; hidden
width 40 -> 8; the dataset/epoch loop, timing and plotting removed: `build_model()` builds the
`SineModel`, takes one sine task batch of 10 points and runs the body of one inner step (train tape on
the first 5 points, `copy_model`, the kernel/bias overwrite) as the author's loop does, so it raises
where the author's training would.
"""

SOURCE = "https://github.com/ZohrehAdabi/MAML/blob/33fd3ee119b68be0d0adc8d6abb293c8a973157b/train_maml.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/aa_zohrehadabi_maml_sinemodel_copy_kernel_overwritten_by_tensor.py:
build_model() raised AttributeError: property 'kernel' of 'Dense' object has no setter
Own probe (/tmp/mine28/a/p1.py, the same loop with try/except around the overwrite): the copy keeps its
own Dense kernel variables (6 trainable variables, all keras Variables), so the query loss does not
depend on the original model at all: test_tape.gradient(test_loss, model.trainable_variables) is
[None, None, None, None, None, None]: no meta-gradient reaches any of the 6 weights."""

import numpy as np
import tensorflow as tf
import keras
import keras.backend as keras_backend


class SineModel(keras.Model):
    def __init__(self):
        super(SineModel, self).__init__()
        self.hidden1 = keras.layers.Dense(8)
        self.hidden2 = keras.layers.Dense(8)
        self.out = keras.layers.Dense(1)

    def call(self, x):
        x = keras.activations.relu(self.hidden1(x))
        x = keras.activations.relu(self.hidden2(x))
        x = self.out(x)
        return x


def loss_function(pred_y, y):
    return tf.reduce_mean(keras.losses.mean_squared_error(y, pred_y))


def compute_loss(model, x, y, loss_fn=loss_function):
    logits = model.call(x)
    mse = loss_fn(y, logits)
    return mse, logits


def copy_model(model, x):
    copied_model = SineModel()
    # If we don't run this step the weights are not "initialized"
    # and the gradients will not be computed.
    copied_model.call(tf.convert_to_tensor(x))
    copied_model.set_weights(model.get_weights())
    return copied_model


def inner_step(model, x, y, lr_inner=0.01):
    model.call(x)  # run forward pass to initialize weights
    with tf.GradientTape() as test_tape:
        with tf.GradientTape() as train_tape:
            train_loss, _ = compute_loss(model, x[0:5], y[0:5])
        gradients = train_tape.gradient(train_loss, model.trainable_variables)
        k = 0
        model_copy = copy_model(model, x)
        for j in range(len(model_copy.layers)):
            model_copy.layers[j].kernel = tf.subtract(model.layers[j].kernel,
                        tf.multiply(lr_inner, gradients[k]))
            model_copy.layers[j].bias = tf.subtract(model.layers[j].bias,
                        tf.multiply(lr_inner, gradients[k+1]))
            k += 2
        test_loss, logits = compute_loss(model_copy, x[5:], y[5:])
    return test_tape.gradient(test_loss, model.trainable_variables)


def build_model():
    model = SineModel()
    xs = np.linspace(-5, 5, 10, dtype="float32").reshape(10, 1)
    ys = (2.0 * np.sin(xs + 0.5)).astype("float32")
    x, y = tf.convert_to_tensor(xs), tf.convert_to_tensor(ys)
    inner_step(model, x, y)
    return model, xs
