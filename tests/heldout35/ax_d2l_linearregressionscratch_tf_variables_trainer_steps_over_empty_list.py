"""d2l.ai's TensorFlow linear regression from scratch: `LinearRegressionScratch(d2l.Module)` (a
`tf.keras.Model`) keeps `w` and `b` as `tf.Variable`s; on Keras 3 `model.trainable_variables` is empty and
the book's Trainer updates nothing.

From d2l-ai/d2l-en, `chapter_linear-regression/linear-regression-scratch.md` (TensorFlow tab) with the
`Module` base of `oo-design.md`: `d2l.Module` subclasses `tf.keras.Model` (and `d2l.HyperParameters`), sets
`self.training = None` and routes `call()` to `forward()`. The scratch model draws
`w = tf.random.normal((num_inputs, 1), mean=0, stddev=0.01)`, `b = tf.zeros(1)` and stores
`self.w = tf.Variable(w, trainable=True)`, `self.b = tf.Variable(b, trainable=True)`; `forward` is
`matmul(X, self.w) + self.b`. The book's TensorFlow `Trainer.fit_epoch` computes
`grads = tape.gradient(loss, self.model.trainable_variables)` and `self.optim.apply_gradients(zip(grads,
self.model.trainable_variables))`, its from-scratch SGD doing `param.assign_sub(lr * grad)`. On Keras 3 the
tf.Variables are not tracked (LD003): the list is empty, the zip is empty and the loop runs without error and
without learning.

Porting edits: `save_hyperparameters` reduced to storing the arguments (the book's version inspects the
caller's frame), `ProgressBoard`/plotting dropped, `add_to_class` methods written inline, and one edit
to get past a Keras 3 incompatibility that hides the bug: `training_step` calls the class's `loss` method
(`type(self).loss(self, ...)`) because on Keras 3 `Model.__init__` sets an instance attribute `self.loss =
None` that shadows the book's `loss` method, so the book's `self.loss(...)` first raises `TypeError:
'NoneType' object is not callable` (measured). `build_model()`
makes `LinearRegressionScratch(2, lr=0.03)` as the chapter does and returns it with a (4, 2) input.
"""

SOURCE = "https://github.com/d2l-ai/d2l-en/blob/09d0288f5bd63cce2c879032192c621610621e09/chapter_linear-regression/linear-regression-scratch.md"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/ax_d2l_linearregressionscratch_tf_variables_trainer_steps_over_empty_list.py:
as returned: LinearRegressionScratch, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
second call: 0 variables watched that the first call did not use
probe (probe_ax.py):
trainable_variables: 0 count_params: 0
after 3 epochs of the book's fit_epoch: w changed: False b changed: False w = [0.00565846 0.00985715] b = [0.]"""

import numpy as np
import tensorflow as tf


class HyperParameters:
    def save_hyperparameters(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)


class Module(tf.keras.Model, HyperParameters):
    """The base class of models."""
    def __init__(self, plot_train_per_epoch=2, plot_valid_per_epoch=1):
        super().__init__()
        self.save_hyperparameters(plot_train_per_epoch=plot_train_per_epoch,
                                  plot_valid_per_epoch=plot_valid_per_epoch)
        self.training = None

    def loss(self, y_hat, y):
        raise NotImplementedError

    def forward(self, X):
        assert hasattr(self, 'net'), 'Neural network is defined'
        return self.net(X)

    def call(self, X, *args, **kwargs):
        if kwargs and "training" in kwargs:
            self.training = kwargs['training']
        return self.forward(X, *args)

    def training_step(self, batch):
        # porting edit: the book writes `self.loss(...)`; on Keras 3 `Model.__init__` sets an instance
        # attribute `loss = None` that shadows the method (TypeError: 'NoneType' object is not callable)
        return type(self).loss(self, self(*batch[:-1]), batch[-1])


class LinearRegressionScratch(Module):
    """The linear regression model implemented from scratch."""
    def __init__(self, num_inputs, lr, sigma=0.01):
        super().__init__()
        self.save_hyperparameters(num_inputs=num_inputs, lr=lr, sigma=sigma)
        w = tf.random.normal((num_inputs, 1), mean=0, stddev=0.01)
        b = tf.zeros(1)
        self.w = tf.Variable(w, trainable=True)
        self.b = tf.Variable(b, trainable=True)

    def forward(self, X):
        return tf.matmul(X, self.w) + self.b

    def loss(self, y_hat, y):
        l = (y_hat - y) ** 2 / 2
        return tf.reduce_mean(l)

    def configure_optimizers(self):
        return SGD(self.lr)


class SGD(HyperParameters):
    """Minibatch stochastic gradient descent."""
    def __init__(self, lr):
        self.save_hyperparameters(lr=lr)

    def apply_gradients(self, grads_and_vars):
        for grad, param in grads_and_vars:
            param.assign_sub(self.lr * grad)


def fit_epoch(model, optim, batches):
    """The book's TensorFlow `Trainer.fit_epoch`, without the clipping and validation branches."""
    model.training = True
    for batch in batches:
        with tf.GradientTape() as tape:
            loss = model.training_step(batch)
        grads = tape.gradient(loss, model.trainable_variables)
        optim.apply_gradients(zip(grads, model.trainable_variables))


def build_model():
    model = LinearRegressionScratch(2, lr=0.03)
    x = np.random.default_rng(0).normal(size=(4, 2)).astype("float32")
    model(x)
    return model, x
