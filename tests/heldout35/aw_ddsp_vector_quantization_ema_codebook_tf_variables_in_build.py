"""DDSP's EMA VectorQuantization layer keeps its codebook statistics (`counts`, `sums`) as raw `tf.Variable`s made in
`build()`: on Keras 3 they are not weights of the layer, so the learned codebook is neither counted nor saved.

From magenta/ddsp (`ddsp/training/nn.py`, `VectorQuantization(tfkl.Layer)`, "based on sarus-tech/tf2-published-
models vqvae"). The codebook is learned by exponential moving averages instead of gradients: `build()` creates
`self.counts = tf.Variable(tf.zeros([k]), trainable=False, aggregation=MEAN)` and
`self.sums = tf.Variable(tf.zeros([k, depth // num_heads]), trainable=False, aggregation=MEAN)`, and the training
branch of `call()` updates them with `assign_sub((1 - gamma) * (old - batch_stat))`; the centroids are
`sums / counts`. On tf.keras 2 the two variables were auto-tracked as non-trainable weights; on Keras 3 a
`tf.Variable` on a layer is foreign (LD003): the layer reports 0 params, `model.weights`, `get_weights()` and so
`save_weights` leave the codebook out: a reloaded model cannot get its learned centroids back. Nothing warns, and the gradient check is
blind to it (the variables are non-trainable by design); the probe below shows the EMA state moving while the model
lists no such weight.

Porting edits: none to the layer apart from dropping `gin.register` and the `losses`-based commitment-loss helpers
(unused by `call`). `build_model()` wires what a DDSP VQ autoencoder puts around it: a Dense encoder to 16-dim
frame embeddings (8 frames), `VectorQuantization(k=32)`, and a Dense decoder on the quantized vectors, functional.
"""

SOURCE = "https://github.com/magenta/ddsp/blob/88621d2725e5af05114c4b322bc187ffae8c1f56/ddsp/training/nn.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aw_ddsp_vector_quantization_ema_codebook_tf_variables_in_build.py:
as returned: Functional, count_params() = 1336, 4 weights, unbuilt: none
after call: count_params() = 1336, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vq': 0}
second call: 0 variables watched that the first call did not use
probe_vq.py: vq.counts sum before/after a training call: 0.0 0.32
probe_vq.py: vq.weights: [] ; model.non_trainable_weights: []
probe_vq.py: arrays in model.get_weights(): [(40, 16), (16,), (16, 40), (40,)] (no (32,) counts, no (32, 16) sums)"""

import tensorflow as tf

tfkl = tf.keras.layers


class VectorQuantization(tfkl.Layer):
  """Vector quantization using exponential moving average."""

  def __init__(self, k, gamma=0.99, restart_threshold=0.0, num_heads=1,
               commitment_loss_weight=0.2, **kwargs):
    super().__init__(**kwargs)
    self.k = k
    self.gamma = gamma
    self.restart_threshold = restart_threshold
    self.num_heads = num_heads
    self.commitment_loss_weight = commitment_loss_weight

  def build(self, input_shapes):
    self.depth = input_shapes[-1]
    if self.depth % self.num_heads != 0:
      raise ValueError('Input depth must be a multiple of the number of heads.')

    # Number of input vectors assigned to each cluster center.
    self.counts = tf.Variable(
        tf.zeros([self.k], dtype=tf.float32),
        trainable=False,
        name='counts',
        aggregation=tf.VariableAggregation.MEAN
    )

    # Sum of input vectors assigned to each cluster center.
    self.sums = tf.Variable(
        tf.zeros([self.k, self.depth // self.num_heads], dtype=tf.float32),
        trainable=False,
        name='sums',
        aggregation=tf.VariableAggregation.MEAN
    )

  def call(self, x, training=False):
    x_flat = tf.reshape(x, shape=(-1, self.depth))

    # Split each input vector into one segment per head.
    x_flat_split = tf.split(x_flat, self.num_heads, axis=1)
    x_flat = tf.concat(x_flat_split, axis=0)

    if training:
      n = x_flat.shape[0]
      keep = self.counts * self.k > self.restart_threshold * n
      restart = tf.math.logical_not(keep)

      restart_idx = tf.squeeze(tf.where(restart), -1)
      n_replace = tf.minimum(tf.shape(restart_idx)[0], x_flat.shape[0])
      e_restart = tf.tensor_scatter_nd_update(
          tf.random.uniform([self.k, self.depth // self.num_heads]),
          tf.expand_dims(restart_idx[:n_replace], 1),
          tf.random.shuffle(x_flat)[:n_replace]
      )

      e = tf.where(
          tf.expand_dims(keep, 1),
          tf.math.divide_no_nan(self.sums, tf.expand_dims(self.counts, 1)),
          e_restart
      )

    else:
      # If not training, just use the centroids as is with no restarts.
      e = tf.math.divide_no_nan(self.sums, tf.expand_dims(self.counts, 1))

    # Compute distance between each input vector and each cluster center.
    distances = (
        tf.expand_dims(tf.reduce_sum(x_flat**2, axis=1), 1) -
        2 * tf.matmul(x_flat, tf.transpose(e)) +
        tf.expand_dims(tf.reduce_sum(e**2, axis=1), 0)
    )

    # Find nearest cluster center for each input vector.
    c = tf.argmin(distances, axis=1)

    # Quantize input vectors with straight-through estimator.
    z = tf.nn.embedding_lookup(e, c)
    z_split = tf.split(z, self.num_heads, axis=0)
    z = tf.concat(z_split, axis=1)
    z = tf.reshape(z, tf.shape(x))
    z = x + tf.stop_gradient(z - x)

    if training:
      # Compute cluster counts and vector sums over the batch.
      oh = tf.one_hot(indices=c, depth=self.k)
      counts = tf.reduce_sum(oh, axis=0)
      sums = tf.matmul(oh, x_flat, transpose_a=True)

      # Apply exponential moving average to cluster counts and vector sums.
      self.counts.assign_sub((1 - self.gamma) * (self.counts - counts))
      self.sums.assign_sub((1 - self.gamma) * (self.sums - sums))

    c_split = tf.split(c, self.num_heads, axis=0)
    c = tf.stack(c_split, axis=1)
    c = tf.reshape(c, tf.concat([tf.shape(x)[:-1], [self.num_heads]], axis=0))

    return z, c

  def unquantize(self, c):
    e = tf.math.divide_no_nan(self.sums, tf.expand_dims(self.counts, 1))
    z = tf.nn.embedding_lookup(e, c)
    return tf.reshape(z, tf.concat([tf.shape(c)[:-1], [self.depth]], axis=0))


def build_model():
    frames = tf.keras.Input(shape=(8, 40), name="frames")
    h = tfkl.Dense(16, name="encoder")(frames)
    z_q, codes = VectorQuantization(k=32, name="vq")(h)
    out = tfkl.Dense(40, name="decoder")(z_q)
    return tf.keras.Model(frames, out)
