"""A Jigsaw multilingual-toxicity model meant to average five "multi-dropout experts" builds its expert heads as `[keras.layers.Dense(32, activation='relu')] * self.num_experts` and `[keras.layers.Dense(odim, activation='sigmoid')] * self.num_experts`: list multiplication repeats ONE Dense object, so the loop `for i in range(self.num_experts)` calls the same Dense(32) and the same Dense(1) five times (each on a differently dropped-out copy of the pooled features). The widths fit (every expert sees the same pooled vector), so nothing fails: the model silently has one expert head instead of five, counted once (LD007 sharing the author did not intend; the torch twin of the file has the same `[nn.Sequential(...)] * self.num_experts`). The XLM-R encoder applied to both `input_word_ids` and `input_word_ids2` is a second, intended sharing (a pair model over one encoder).

From chenghuige/pikachu2, `projects/ai/bert/src/model.py`, class `XlmModel(keras.Model)` (`__init__` and `call`); the
flag `--use_multi_dropout=1` (with `--use_word_ids2=1`) is set by the repository's training scripts, e.g.
`projects/ai/bert/src/train/xlm-pair/cv-toxic-mix-pair.sh`.

Porting edits: `absl` FLAGS are a SimpleNamespace with the defaults of `projects/ai/bert/src/config.py` plus the two
flags of that script; `TFAutoModel.from_pretrained(FLAGS.pretrained)` (XLM-RoBERTa) is a small stand-in Keras model
(Embedding(1000, 64) + Dense(64)) that returns a tuple like the HF model, so `[0]` is the sequence output; `gezi.Timer`
and logging are dropped; `melt.layers.Pooling('first')` is a stand-in that keeps only the repository's `FirstPooling`
(`outputs[:, 0, :]`); `toxic_types` is copied from config.py. build_model() makes `XlmModel()` and returns it with a dict
batch of two (2, 16) int32 token-id arrays.
"""

SOURCE = "https://github.com/chenghuige/pikachu2/blob/c08416cfdecfa7ee262cccdb05a717bb649990c5/projects/ai/bert/src/model.py"
CODES = ("LD007",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cj_pikachu2_xlmmodel_multi_dropout_experts_one_dense_times_num_experts.py:
as returned: XlmModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['TFAutoModel:tf_auto_model', 'Dense:dense', 'Embedding:embedding', 'FirstPooling:first_pooling', 'Dense:dense_1', 'Dense:dense_2']
after call: count_params() = 72321, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tf_auto_model': 68160, 'first_pooling': 0}
second call: 0 variables watched that the first call did not use
probes/probe_pikachu2.py (same model, one call): model.denses1 holds 1 distinct object in 5 slots, model.denses2 1 in 5, model.layers lists one Dense(32) (kernel (128, 32), 4128 params) and one Dense(1) (33 params): the five 'experts' are one head of 4161 params (five heads would be 20805); the 'tf_auto_model' stand-in encoder is called on both token inputs (intended sharing), 68160 params counted once. No error or warning at any step."""

from types import SimpleNamespace

import numpy as np
import tensorflow as tf
from tensorflow import keras

FLAGS = SimpleNamespace(
    multi_head=False,
    pretrained='../input/tf-xlm-roberta-base',
    freeze_pretrained=False,
    use_mlp=False,
    use_word_ids2=True,       # --use_word_ids2=1 in train/xlm-pair/cv-toxic-mix-pair.sh
    use_multi_dropout=True,   # --use_multi_dropout=1 in train/xlm-pair/cv-toxic-mix-pair.sh
    pooling='concat',
    base_pooling='first',
    dropout=0.5,
)

toxic_types = ['severe_toxic', 'obscene', 'identity_hate', 'threat', 'insult']


class FirstPooling(keras.layers.Layer):
    """Porting stand-in for melt.layers.Pooling('first') -> FirstPooling."""

    def __init__(self, pooling, **kwargs):
        super().__init__(**kwargs)
        self.pooling = pooling

    def call(self, outputs):
        return outputs[:, 0, :]


class _melt_layers:
    Pooling = FirstPooling


class melt:
    layers = _melt_layers


class TFAutoModel(keras.Model):
    """Porting stand-in for transformers.TFAutoModel (XLM-RoBERTa): returns (sequence_output,)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embeddings = keras.layers.Embedding(1000, 64)
        self.encoder = keras.layers.Dense(64, activation='tanh')

    @classmethod
    def from_pretrained(cls, pretrained):
        return cls()

    def call(self, input_ids):
        return (self.encoder(self.embeddings(input_ids)),)


class XlmModel(keras.Model):
  def __init__(self):
    super(XlmModel, self).__init__() 

    pretrained = FLAGS.pretrained

    self.transformer = TFAutoModel.from_pretrained(pretrained)
    self.transformer.trainable = False if FLAGS.freeze_pretrained else True
    
    self.base_pooling = melt.layers.Pooling(FLAGS.base_pooling)
    if FLAGS.use_mlp:
      self.mlp = melt.layers.MLP([256,128])

    odim = len(toxic_types) + 1 if FLAGS.multi_head else 1

    if FLAGS.pooling != 'concat':
      self.pooling = melt.layers.Pooling(FLAGS.pooling)

    if not FLAGS.use_multi_dropout:
      self.dense = keras.layers.Dense(odim, activation='sigmoid')
    else:
      self.num_experts = 5
      self.denses1 = [keras.layers.Dense(32, activation='relu')] * self.num_experts
      self.denses2 = [keras.layers.Dense(odim, activation='sigmoid')] * self.num_experts
      self.dropouts = [keras.layers.Dropout(FLAGS.dropout)] * self.num_experts

  def call(self, input):
    # tf.print(input)
    input_word_ids = input['input_word_ids']
    x = self.transformer(input_word_ids)[0]
    x = self.base_pooling(x)

    # mmoe ?
    if FLAGS.use_word_ids2:
      x1 = x
      input_word_ids2 = input['input_word_ids2']
      x2 = self.transformer(input_word_ids2)[0]
      x2 = x2[:, 0, :]
      if FLAGS.pooling == 'concat':
        x = tf.concat([x, x2], -1)
      else: 
        # go here
        x = tf.stack([x, x2], axis=1)
        x = self.pooling(x)

    if FLAGS.use_mlp:
      x = self.mlp(x)

    if not FLAGS.use_multi_dropout:
      x = self.dense(x)
    else:
      xs = []
      for i in range(self.num_experts):
        x_i = self.dropouts[i](x)
        x_i = self.denses1[i](x_i)
        x_i = self.denses2[i](x_i)
        xs += [x_i]
        
      x = tf.reduce_mean(tf.concat(xs, axis=1), 1, keepdims=True)

    # tf.print(x)
    return x


def build_model():
    model = XlmModel()
    rng = np.random.default_rng(0)
    inputs = {
        'input_word_ids': rng.integers(0, 1000, (2, 16)).astype('int32'),
        'input_word_ids2': rng.integers(0, 1000, (2, 16)).astype('int32'),
    }
    return model, inputs
