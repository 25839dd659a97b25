"""A custom loss built on the TF 2 "custom training walkthrough" turns every per-sample loss into a Python `float`
and scores their histogram against a normal distribution in NumPy; the returned loss is a fresh constant, so
`tape.gradient` is None for every weight of the Iris classifier and nothing trains (LD009).

From tensorflow/tensorflow issue #30190 ("TF 2.0: tf.GradientTape().gradient() returns None"): the reporter followed
the Iris custom-training walkthrough (a Sequential of Dense(10, relu) x2 and Dense(3) logits, trained with a
GradientTape loop) but replaced the loss with a research loss: `losses.append(float(loss))` per sample, then
`dis = get_distance_between_samples_and_distribution(losses)` and `return tf.convert_to_tensor(dis)`; their `grad()`
even adds `tape.watch(model.trainable_variables)`, and the gradients are still `[None, ...]`.

Porting edits: the reporter's distance function is not shown in the issue; `get_distance_between_samples_and_distribution`
here is a stand-in doing what its name and the issue say (a NumPy histogram of the losses compared with a normal pdf,
plotting left out); `loss_object` is the walkthrough's `SparseCategoricalCrossentropy(from_logits=True)`; the model is
the walkthrough's, with `input_shape=(4,)` spelled as an `Input`. The reporter's `tape.watch(model.trainable_variables)`
(an attempted fix) is dropped: on Keras 3 it raises ValueError ("Passed in object <KerasVariable ...> of type
'Variable', not tf.Tensor or tf.Variable"), and the trainable variables are watched automatically anyway. build_model() returns the model and a batch of
eight Iris-shaped feature rows (the model itself is differentiable: the standard measurement passes); the probe runs
the reporter's `grad(model, features, labels)`.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/30190"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/br_tfissue30190_iris_walkthrough_loss_rebuilt_from_python_floats_no_gradient.py:
as returned: Sequential, count_params() = 193, 6 weights, unbuilt: none
after call: count_params() = 193, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(the model alone is differentiable.) probe_iris30190.py, the reporter's grad(model, features, labels):
loss_value: 0.2580508589744568 ; grads: [None, None, None, None, None, None]
(with the reporter's `tape.watch(model.trainable_variables)` kept, grad() raises ValueError on Keras 3: a KerasVariable is
"of type 'Variable', not tf.Tensor or tf.Variable")"""

import numpy as np
import tensorflow as tf

loss_object = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def get_distance_between_samples_and_distribution(losses, if_plot=0):
    # stand-in: L1 distance between the normalised histogram of the losses and a fitted normal pdf
    losses = np.asarray(losses)
    hist, edges = np.histogram(losses, bins=5, density=True)
    centres = (edges[:-1] + edges[1:]) / 2
    mu, sigma = losses.mean(), losses.std() + 1e-6
    pdf = np.exp(-0.5 * ((centres - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    return np.abs(hist - pdf).sum()


def loss(model, x, y):
    y_ = model(x)  # y_.shape is (batch_size, 3)
    losses = []
    for i in range(y.shape[0]):
        loss = loss_object(y_true=y[i], y_pred=y_[i])
        losses.append(float(loss))
    dis = get_distance_between_samples_and_distribution(losses, if_plot=0)
    return tf.convert_to_tensor(dis, dtype=np.float32)


def grad(model, inputs, targets):
    with tf.GradientTape() as tape:
        loss_value = loss(model, inputs, targets)
    return loss_value, tape.gradient(loss_value, model.trainable_variables)


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input((4,)),
        tf.keras.layers.Dense(10, activation=tf.nn.relu),  # input shape required
        tf.keras.layers.Dense(10, activation=tf.nn.relu),
        tf.keras.layers.Dense(3)
    ])
    features = np.random.default_rng(0).uniform(0.1, 7.9, (8, 4)).astype("float32")
    return model, features
