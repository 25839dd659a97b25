"""A TF2 port of OpenAI's Reptile sine-wave demo: the whole network is a `keras.layers.Layer`
subclass named `Model` holding three Dense sublayers; it is called once on zeros "to create the
model's state", trained per task with a GradientTape + SGD (`tape.gradient` taken inside the `with`
block), and the meta-update is done by hand: `weights_before = mlp.get_weights()`, inner SGD,
`weights_after = mlp.get_weights()`, then `mlp.set_weights([before + (after - before) * outerstepsize
for i in range(len(mlp.weights))])`.

From eng-amrahmed/reptile-tf2 (`reptile-tf2.ipynb`). Looks like model surgery that loses weights (a
plain Layer used as a model, NumPy weight lists juggled through get/set_weights, the set indexed by
`len(mlp.weights)`), but on Keras 3 the Dense sublayers assigned in `__init__` are tracked by the
outer Layer, `get_weights()`/`set_weights()` cover all six variables in a stable order, every weight
gets a gradient, and the interpolation moves every weight.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); `num_hidden` 64 -> 8; the 60000-iteration loop
and the matplotlib cells dropped (`reptile_iteration()` is one iteration of the notebook's loop, not
run at import); `build_model()` returns `(mlp, x_all)` after the notebook's zero call.
"""

SOURCE = "https://github.com/eng-amrahmed/reptile-tf2/blob/01facfbee2a71ff162241609274dd022c1251c43/reptile-tf2.ipynb"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okaa_reptiletf2_sine_layer_as_model_get_set_weights_interpolation.py:
as returned: Model, count_params() = 97, 6 weights, unbuilt: none
after call: count_params() = 97, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine28/a/p8.py): get_weights() returns 6 arrays (= len(mlp.weights) = 6 trainable); one
reptile_iteration() (5 inner SGD steps, then the set_weights interpolation) changes 6 of 6 weights."""

import numpy as np
import tensorflow as tf
import keras

seed = 0
rng = np.random.RandomState(seed)
innerstepsize = 0.02  # stepsize in inner SGD
innerepochs = 1  # number of epochs of each inner SGD
outerstepsize0 = 0.1  # stepsize of outer optimization, i.e., meta-optimization
niterations = 60000
x_all = np.linspace(-5, 5, 50)[:, None]
ntrain = 10

num_hidden = 8
num_classes = 1
num_feature = 1


def gen_task():
    phase = rng.uniform(low=0, high=2 * np.pi)
    ampl = rng.uniform(0.1, 5)
    f_randomsine = lambda x: np.sin(x + phase) * ampl
    return f_randomsine


class Model(keras.layers.Layer):

    def __init__(self):
        super(Model, self).__init__()

        self.dense_1 = keras.layers.Dense(num_hidden, activation='tanh')
        self.dense_2 = keras.layers.Dense(num_hidden, activation='tanh')
        self.dense_3 = keras.layers.Dense(num_classes, activation='linear')

    def call(self, inputs):
        x = self.dense_1(inputs)
        x = self.dense_2(x)
        x = self.dense_3(x)
        return x


def to_tensor(x):
    return tf.convert_to_tensor(x, dtype=tf.float32)


def train_on_batch(mlp, optimizer, mse_loss_fn, x, y):
    x = to_tensor(x)
    y = to_tensor(y)

    with tf.GradientTape() as tape:
        YHat = mlp(x)
        loss = mse_loss_fn(y, YHat)
        grads = tape.gradient(loss, mlp.trainable_weights)
    optimizer.apply_gradients(zip(grads, mlp.trainable_weights))
    return loss


def reptile_iteration(mlp, optimizer, mse_loss_fn, iteration):
    weights_before = mlp.get_weights()

    f = gen_task()
    y_all = f(x_all)
    inds = rng.permutation(len(x_all))
    for k in range(innerepochs):
        for start in range(0, len(x_all), ntrain):
            mbinds = inds[start:start + ntrain]
            train_on_batch(mlp, optimizer, mse_loss_fn, x_all[mbinds], y_all[mbinds])

    weights_after = mlp.get_weights()
    outerstepsize = outerstepsize0 * (1 - iteration / niterations)  # linear schedule
    mlp.set_weights([weights_before[i] + (weights_after[i] - weights_before[i]) * outerstepsize
                     for i in range(len(mlp.weights))])


def build_model():
    mlp = Model()
    # Necessary to create the model's state.
    _ = mlp(tf.zeros((1, 1)))
    return mlp, x_all.astype("float32")
