"""A Keras 3 Forward-Forward network calls `self.build((None, dims[0]))` in its `__init__` "to allow weight saving",
but the subclassed Model has no build() of its own: Keras only marks it built, every FFDense sublayer stays
unbuilt and the model has 0 weights until it is first called.

From Samir-atra/Barbados_Traffic_Analysis_Challenge_dev `src/forward-forward/ff_restructured.py` (a port of
keras.io's Forward-Forward example to Keras 3 `keras.ops`, for a traffic-congestion competition that forbids
backpropagation). `FFNetwork.__init__` creates `self.ff_layers = [FFDense(d, ...) for d in dims[1:]]`, each FFDense
holding a Dense, a LayerNormalization, a LeakyReLU and its own Adam, and ends with
`# Explicitly build the model to allow weight saving` / `self.build((None, dims[0]))`. On Keras 3 `Model.build`
with a shape does not trace `call()` for a subclassed model without build(): it warns that the model "does not
have a build() method implemented and it looks like it has unbuilt state" and sets `built = True`, so a
`summary()`, `save_weights()` or `load_weights()` right after construction sees no weights at all.

Doubt kept as decided: `forward_forward()` applies gradients only to `self.dense.trainable_weights`, so each
FFDense's LayerNormalization gamma/beta are trainable, counted and never updated by this training loop (probe
below); that is a second, separate defect of the training loop (every variable is tracked), not labelled.

Porting edits: none to the two classes (SEED = 42 as in the file; `xla` is TensorFlow's tf2xla module the file
imports); the data pipeline, plotting and main() are cut. build_model() builds `FFNetwork(dims=[24, 16, 8],
layer_epochs=2)` the way main() does (smaller dims and epochs) and returns it with a (4, 24) batch.
"""

SOURCE = "https://github.com/Samir-atra/Barbados_Traffic_Analysis_Challenge_dev/blob/107687fe20b51a428be06f7496ebb0e4cfd06f8c/src/forward-forward/ff_restructured.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/bg_samiratra_forwardforward_ffnetwork_build_in_init_leaves_ffdense_unbuilt.py:
warning: `build()` was called on layer 'ff_network', however the layer does not have a `build()` method implemented and it
looks like it has unbuilt state. This will cause the layer to be marked as built, desp[ite not being actually built]
as returned: FFNetwork, count_params() = 2, 2 weights, unbuilt: ['FFDense:ff_dense', 'LayerNormalization:layer_normalization',
'Dense:dense', 'FFDense:ff_dense_1', 'LayerNormalization:layer_normalization_1', 'Dense:dense_1']
after call: count_params() = 586, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ff_dense': 432, 'ff_dense_1': 152}
second call: 0 variables watched that the first call did not use
probe (probe_bg_ff.py): a fresh FFNetwork has built == True and only the two loss counters as weights; a trained
model's save_weights() file loaded into a freshly constructed FFNetwork raises nothing (only "Skipping variable
loading for optimizer 'adam_N'" warnings), leaves it with 2 weights, and its first call then differs from the
trained model by up to 0.106: the layer weights were silently not restored. Also: after fit(epochs=1) the first
FFDense's Dense kernel changed but its LayerNormalization gamma did not (it is in trainable_weights)."""

import os

import numpy as np
import keras
import tensorflow as tf
from keras import ops
from tensorflow.compiler.tf2xla.python import xla

SEED = 42


class FFDense(keras.layers.Layer):
    """A single Forward-Forward Dense layer with local learning."""

    def __init__(self, units, num_epochs=54, kernel_regularizer=None, gamma=1.0337,
                 threshold=1.143, learning_rate=0.001, use_ema=True, ema_overwrite_frequency=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(
            units=units,
            kernel_regularizer=kernel_regularizer,
            kernel_initializer=keras.initializers.GlorotUniform(seed=SEED)
        )
        self.ln = keras.layers.LayerNormalization()
        self.activation = keras.layers.LeakyReLU(negative_slope=0.2)
        # Apply EMA and Clipping directly to the layer-wise optimizer
        self.optimizer = keras.optimizers.Adam(
            learning_rate=learning_rate,
            global_clipnorm=1.0,
            use_ema=use_ema,
            ema_overwrite_frequency=ema_overwrite_frequency
        )
        self.loss_metric = keras.metrics.Mean()
        self.threshold = threshold
        self.num_epochs = num_epochs
        self.gamma = gamma

    def call(self, x):
        x_norm = ops.norm(x, ord=2, axis=1, keepdims=True) + 1e-4
        h = self.dense(x / x_norm)
        return self.activation(self.ln(h))

    def forward_forward(self, x_pos, x_neg, weights=None):
        for i in range(self.num_epochs):
            with tf.GradientTape() as tape:
                g_pos = ops.mean(ops.power(self.call(x_pos), 2), 1)
                g_neg = ops.mean(ops.power(self.call(x_neg), 2), 1)

                log_pos = ops.log(1 + ops.exp(-g_pos + self.threshold))
                log_neg = ops.log(1 + ops.exp(g_neg - self.threshold))

                pt_pos = ops.sigmoid(-g_pos + self.threshold)
                pt_neg = ops.sigmoid(g_neg - self.threshold)

                loss_pos = ops.power(pt_pos, self.gamma) * log_pos
                loss_neg = ops.power(pt_neg, self.gamma) * log_neg

                if weights is not None:
                    loss_pos = loss_pos * weights
                    loss_neg = loss_neg * weights

                loss = ops.concatenate([loss_pos, loss_neg], 0)
                mean_loss = ops.cast(ops.mean(loss), dtype="float32")
                # Add regularization losses
                if self.dense.losses:
                    mean_loss += ops.sum(self.dense.losses)
                self.loss_metric.update_state([mean_loss])
            grads = tape.gradient(mean_loss, self.dense.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, self.dense.trainable_weights))
        return ops.stop_gradient(self.call(x_pos)), ops.stop_gradient(self.call(x_neg)), self.loss_metric.result()


class FFNetwork(keras.Model):
    """The full Forward-Forward network model."""

    def __init__(self, dims, kernel_regularizer=None, learning_rate=0.001,
                 use_ema=True, ema_overwrite_frequency=None,
                 layer_epochs=54, threshold=1.143, gamma=1.0337, **kwargs):
        super().__init__(**kwargs)
        self.loss_var = keras.Variable(0.0, trainable=False)
        self.loss_count = keras.Variable(0.0, trainable=False)
        self.ff_layers = [
            FFDense(d, kernel_regularizer=kernel_regularizer,
                    learning_rate=learning_rate, use_ema=use_ema,
                    ema_overwrite_frequency=ema_overwrite_frequency,
                    num_epochs=layer_epochs, threshold=threshold, gamma=gamma)
            for d in dims[1:]
        ]
        self.acc_tracker = keras.metrics.SparseCategoricalAccuracy(name="acc")
        self.f1_tracker = keras.metrics.F1Score(name="f1", average="macro")
        self.precision_tracker = keras.metrics.Precision(name="precision")
        self.recall_tracker = keras.metrics.Recall(name="recall")
        # Explicitly build the model to allow weight saving
        self.build((None, dims[0]))

    @property
    def metrics(self):
        return [self.acc_tracker, self.f1_tracker, self.precision_tracker, self.recall_tracker]

    def call(self, x):
        h = x
        for layer in self.ff_layers:
            h = layer(h)
        return h

    def overlay_y_on_x(self, data):
        x, y = data
        x_zeros = ops.zeros([4], dtype=x.dtype)
        y_idx = ops.reshape(ops.cast(y, "int32"), [])
        update = xla.dynamic_update_slice(x_zeros, [ops.cast(1.0, x.dtype)], [y_idx])
        return xla.dynamic_update_slice(x, update, [0]), y

    @tf.function
    def predict_batch(self, x):
        return ops.vectorized_map(self.predict_one, x)

    def train_step(self, data):
        if len(data) == 3:
            x, y, weights = data
            weights = ops.cast(weights, "float32")
        else:
            x, y = data
            weights = None

        x_pos, _ = ops.vectorized_map(self.overlay_y_on_x, (x, y))

        indices = tf.range(start=0, limit=tf.shape(y)[0], dtype=tf.int32)
        shuffled_indices = tf.random.experimental.stateless_shuffle(indices, seed=[SEED, SEED])
        x_neg, _ = ops.vectorized_map(self.overlay_y_on_x, (x, tf.gather(y, shuffled_indices)))

        self.loss_var.assign(0.0)
        self.loss_count.assign(0.0)

        h_pos, h_neg = x_pos, x_neg
        for layer in self.ff_layers:
            h_pos, h_neg, loss = layer.forward_forward(h_pos, h_neg, weights=weights)
            self.loss_var.assign_add(loss)
            self.loss_count.assign_add(1.0)

        y_pred = self.predict_batch(x)
        y_pred_1hot = ops.one_hot(y_pred, 4)
        self.acc_tracker.update_state(y, y_pred_1hot)
        self.f1_tracker.update_state(ops.one_hot(y, 4), y_pred_1hot)
        self.precision_tracker.update_state(ops.one_hot(y, 4), y_pred_1hot)
        self.recall_tracker.update_state(ops.one_hot(y, 4), y_pred_1hot)

        return {
            "loss": self.loss_var / self.loss_count,
            "acc": self.acc_tracker.result(),
            "f1": self.f1_tracker.result(),
            "precision": self.precision_tracker.result(),
            "recall": self.recall_tracker.result()
        }

    def predict_one(self, x):
        h_all = []
        for label in range(4):
            h, _ = self.overlay_y_on_x((x, label))
            h_all.append(h)
        h_all = ops.stack(h_all)

        goodness = []
        h = h_all
        for layer in self.ff_layers:
            h = layer(h)
            goodness.append(ops.mean(ops.power(h, 2), 1))

        total_goodness = ops.sum(ops.stack(goodness), 0)
        return ops.cast(ops.argmax(total_goodness), "int32")


def build_model():
    model = FFNetwork(dims=[24, 16, 8], layer_epochs=2)
    return model, np.random.RandomState(0).rand(4, 24).astype("float32")
