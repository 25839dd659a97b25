"""The TensorFlow "Uncertainty-aware Deep Learning with SNGP" tutorial's baseline `DeepResNet(tf.keras.Model)` creates
a new `tf.keras.layers.Dropout(self.dropout_rate)` inside `call()` for every residual block, on every call (LD002).
The dense layers are made in `__init__` (through `make_dense_layer`), but the dropout is rebuilt on each pass instead
of being a sublayer. It has no weights, so the summary and the gradients look clean, but on Keras 3 each new
`Dropout` brings its own `SeedGenerator` state variable that the model never tracks: in a training-mode pass the
model creates new variables each time, and the tutorial's own `resnet_model.fit(...)` (a `tf.function`) fails
because variables are created inside the traced step.

From tensorflow/docs, `site/en/tutorials/understanding/sngp.ipynb` at 0b5a2b2 (section "The deterministic model").
The tutorial builds `DeepResNet(num_classes=2, num_layers=6, num_hidden=128)`, calls `resnet_model.build((None, 2))`
and `summary()`, then compiles with `SparseCategoricalCrossentropy(from_logits=True)` / Adam(1e-4) and fits on the
two-moons data for 100 epochs with batch size 128.

Porting edits: none in the class (copied from the notebook cell). build_model() follows the notebook: the model with
`resnet_config`, `build((None, 2))`, returned with a small two-moons-like batch (ours, NumPy instead of sklearn).
The training step is kept as `train_like_the_tutorial()` (not run by build_model()).

Second finding (LD005): the tutorial's `resnet_model.build((None, 2))` on this subclassed Model (no `build()` method)
leaves every Dense sublayer unbuilt on Keras 3 - Keras warns "looks like it has unbuilt state" and the summary the
tutorial prints right after shows 0 params; the weights only appear after the first call on data.
"""

SOURCE = "https://github.com/tensorflow/docs/blob/0b5a2b246bea0d86bda35a83b91399fa96a6ff49/site/en/tutorials/understanding/sngp.ipynb"
CODES = ("LD002", "LD005")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/cf_tfdocs_sngp_deepresnet_dropout_created_in_call.py:
warning: `build()` was called on layer 'deep_res_net', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. ...
as returned: DeepResNet, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3', 'Dense:dense_4', 'Dense:dense_5', 'Dense:dense_6', 'Dense:dense_7']
after call: count_params() = 99714, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 2 variables the model does not track: ['deep_res_net/dense/kernel:0', 'deep_res_net/dense/bias:0']
second call: 0 variables watched that the first call did not use
(The 2 "untracked" are the frozen input projection, Dense(trainable=False): in model.weights, not trainable; the Dropouts hold no trainable weights, so counts and gradients look clean.) probe_sngp.py: under tf.variable_creator_scope a second training-mode call creates 6 new variables, deep_res_net/seed_generator_N/seed_generator_state (one per residual block), with new N every call; none of them is in model.variables (16); the tutorial's compile + fit(batch_size=128, epochs=1) raises ValueError 'tf.function only supports singleton tf.Variables created on the first call...' from DeepResNet.call()."""

import numpy as np
import tensorflow as tf


#@title
class DeepResNet(tf.keras.Model):
  """Defines a multi-layer residual network."""
  def __init__(self, num_classes, num_layers=3, num_hidden=128,
               dropout_rate=0.1, **classifier_kwargs):
    super().__init__()
    # Defines class meta data.
    self.num_hidden = num_hidden
    self.num_layers = num_layers
    self.dropout_rate = dropout_rate
    self.classifier_kwargs = classifier_kwargs

    # Defines the hidden layers.
    self.input_layer = tf.keras.layers.Dense(self.num_hidden, trainable=False)
    self.dense_layers = [self.make_dense_layer() for _ in range(num_layers)]

    # Defines the output layer.
    self.classifier = self.make_output_layer(num_classes)

  def call(self, inputs):
    # Projects the 2d input data to high dimension.
    hidden = self.input_layer(inputs)

    # Computes the resnet hidden representations.
    for i in range(self.num_layers):
      resid = self.dense_layers[i](hidden)
      resid = tf.keras.layers.Dropout(self.dropout_rate)(resid)
      hidden += resid

    return self.classifier(hidden)

  def make_dense_layer(self):
    """Uses the Dense layer as the hidden layer."""
    return tf.keras.layers.Dense(self.num_hidden, activation="relu")

  def make_output_layer(self, num_classes):
    """Uses the Dense layer as the output layer."""
    return tf.keras.layers.Dense(
        num_classes, **self.classifier_kwargs)


def make_training_data(sample_size=64, seed=0):
  """Two interleaved half-moons (stands in for sklearn.datasets.make_moons)."""
  rng = np.random.default_rng(seed)
  t = rng.uniform(0, np.pi, sample_size)
  a = np.stack([np.cos(t), np.sin(t)], -1) + [-0.1, 0.2]
  b = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], -1) + [0.1, -0.2]
  x = np.concatenate([a, b]).astype('float32') + rng.normal(0, 0.1, (2 * sample_size, 2)).astype('float32')
  y = np.concatenate([np.zeros(sample_size), np.ones(sample_size)]).astype('int64')
  return x, y


def train_like_the_tutorial(resnet_model, train_examples, train_labels, epochs=100):
  loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
  metrics = tf.keras.metrics.SparseCategoricalAccuracy(),
  optimizer = tf.keras.optimizers.Adam(learning_rate=1e-4)
  train_config = dict(loss=loss, metrics=metrics, optimizer=optimizer)
  fit_config = dict(batch_size=128, epochs=epochs)
  resnet_model.compile(**train_config)
  return resnet_model.fit(train_examples, train_labels, **fit_config)


def build_model():
  resnet_config = dict(num_classes=2, num_layers=6, num_hidden=128)
  resnet_model = DeepResNet(**resnet_config)
  resnet_model.build((None, 2))
  train_examples, _ = make_training_data()
  return resnet_model, train_examples
