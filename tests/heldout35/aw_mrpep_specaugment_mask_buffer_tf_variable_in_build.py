"""mrpep's SpecAugment Keras layer keeps its time/frequency mask as a raw `tf.Variable` made in `build()` (trainable by
default) and rewrites it in `call()`: on Keras 3 that state is foreign to the layer, so it is not tracked or listed.

From mrpep/SpecAugment (`spec_augment.py`, "a minimalistic Tensorflow 2.x Keras layer which applies SpecAugment").
`build()` stores `self.mask = tf.Variable(initial_value=Ones()(shape=input_shape[1:]), dtype=tf.float32)`; in
training, `call()` maps `make_gap` over the batch, which resets the mask with `self.mask.assign(tf.ones(...))`,
draws random gap counts/lengths/starts and zeroes the chosen time and frequency bands with
`self.mask.scatter_nd_update(...)`, then returns `x_i * self.mask`. A `tf.Variable` on a Keras 3 layer is LD003:
Keras 3 does not track it (0 params, absent from `layer.weights`); the gradient tape still watches it on every
training call because it was created with the default `trainable=True`. Doubt kept: the mask is scratch state,
not a parameter, so on Keras 3 losing it from the weight lists costs nothing at training time; the defect is the
raw variable itself (on tf.keras 2 the same line made a trainable (T, F) "weight" that showed up in the model's
param count and never received a gradient). The right code is a non-trainable `add_weight` or, better, a mask
tensor built inside `call()`.

Porting edits: Keras 3 passes `input_shape` to `build()` as a tuple, so `input_shape.as_list()` becomes
`list(input_shape)` (the one change needed to reach the bug). `build_model()` wires the README's use: log-mel
frames (100 time bins x 64 mel bins) -> SpecAugment() -> a small Conv/Dense classifier, functional.
"""

SOURCE = "https://github.com/mrpep/SpecAugment/blob/06ba50661246b3a9927b802885cf0d00f30bdcab/spec_augment.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aw_mrpep_specaugment_mask_buffer_tf_variable_in_build.py:
as returned: Functional, count_params() = 6506, 4 weights, unbuilt: none
after call: count_params() = 6506, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['spec_augment/Variable:0']
params of the case's own layers: {'spec_augment': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class SpecAugment(tf.keras.layers.Layer):
  def __init__(self,f_gaps = [0,4],t_gaps = [0,4],f_gap_size=[5,15],t_gap_size=[5,15],name=None):
    super(SpecAugment, self).__init__(name=name)
    self.f_gaps = f_gaps
    self.t_gaps = t_gaps
    self.f_gap_size = f_gap_size
    self.t_gap_size = t_gap_size
    self.batch_size = 16

  def build(self,input_shape):
    self.input_shape_list = list(input_shape)  # was: input_shape.as_list()
    self.mask = tf.Variable(initial_value=tf.keras.initializers.Ones()(shape=self.input_shape_list[1:]),dtype=tf.float32)
    self.f_max = self.input_shape_list[-1]
    self.t_max = self.input_shape_list[-2]

  def call(self,x,training=None):
    def make_gap(x_i):
      self.mask.assign(tf.ones(self.input_shape_list[1:]))
      n_fgaps = tf.random.uniform(minval=self.f_gaps[0],maxval=self.f_gaps[1],shape=[1,],dtype=tf.int32)
      n_tgaps = tf.random.uniform(minval=self.t_gaps[0],maxval=self.t_gaps[1],shape=[1,],dtype=tf.int32)
      f_lens = tf.random.uniform(minval=self.f_gap_size[0],maxval=self.f_gap_size[1],dtype=tf.int32,shape=n_fgaps)
      t_lens = tf.random.uniform(minval=self.t_gap_size[0],maxval=self.t_gap_size[1],dtype=tf.int32,shape=n_tgaps)
      f_starts = tf.random.uniform(minval=0,maxval=self.f_max-tf.reduce_max(f_lens),dtype=tf.int32,shape=n_fgaps)
      t_starts = tf.random.uniform(minval=0,maxval=self.t_max-tf.reduce_max(t_lens),dtype=tf.int32,shape=n_tgaps)

      def apply_f_gaps():
        #Frequency gaps
        indexs_f_gaps_fdim = tf.ragged.range(f_starts,f_starts+f_lens)
        indexs_f_gaps_fdim = indexs_f_gaps_fdim.merge_dims(0,1)
        indexs_f_gaps_fdim = tf.repeat(indexs_f_gaps_fdim,self.t_max)
        indexs_f_gaps_tdim = tf.tile(tf.range(self.t_max),[tf.reduce_sum(f_lens)])
        indexs_f = tf.transpose(tf.stack([indexs_f_gaps_tdim,indexs_f_gaps_fdim]))
        self.mask.scatter_nd_update(indices = indexs_f,updates=tf.zeros(tf.shape(indexs_f)[0],dtype=tf.float32))

      def apply_t_gaps():
        #Time gaps
        indexs_t_gaps_tdim = tf.ragged.range(t_starts,t_starts+t_lens)
        indexs_t_gaps_tdim = indexs_t_gaps_tdim.merge_dims(0,1)
        indexs_t_gaps_tdim = tf.repeat(indexs_t_gaps_tdim,self.f_max)
        indexs_t_gaps_fdim = tf.tile(tf.range(self.f_max),[tf.reduce_sum(t_lens)])
        indexs_t = tf.transpose(tf.stack([indexs_t_gaps_tdim,indexs_t_gaps_fdim]))
        self.mask.scatter_nd_update(indices = indexs_t,updates=tf.zeros(tf.shape(indexs_t)[0],dtype=tf.float32))

      def return_unchanged_mask():
          pass

      tf.cond(n_fgaps>0,apply_f_gaps,return_unchanged_mask)
      tf.cond(n_tgaps>0,apply_t_gaps,return_unchanged_mask)

      return x_i*self.mask

    if training:
      return tf.map_fn(elems = x,fn = make_gap)
    else:
      return x


def build_model():
    logmel = tf.keras.Input(shape=(100, 64), name="logmel")
    x = SpecAugment(name="spec_augment")(logmel)
    x = tf.keras.layers.Conv1D(32, 3, activation="relu")(x)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    out = tf.keras.layers.Dense(10, activation="softmax")(x)
    return tf.keras.Model(logmel, out)
