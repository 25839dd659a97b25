"""Attentive-gated GRU autoencoder (DETSEC) for time-series clustering: one gate Dense made in `__init__` is applied to both attention branches and ends up in both the encoder and the discriminator model.

From the time-series deep clustering comparison code (networks/attention_rnn.py, after Ienco and
Interdonato, PAKDD 2020). `AutoEncoder(LayersGenerator)` is a plain Python object: it creates
`self.input_ = layers.Input(...)` and `self.gate = layers.Dense(n, activation='sigmoid')` in `__init__`,
and `_create_encoder` wires forward and backward GRUs, one `AttentionLayer` each (weights made with
`add_weight` in `build()`), and combines them as `self.gate(h_att_fw) * h_att_fw + self.gate(h_att_bw) *
h_att_bw`. The base class calls `_create_encoder` twice (`self.encoder` and `self.discriminator`), so the
same gate Dense and the same Input are wired into two functional models. Layers held by a plain
object, one Dense applied twice and shared across models look like lost or confused weights; on Keras 3
every weight is tracked, counted once per model and trained (the sharing is the LD007 situation, not
an error).
Ported to Keras 3: `layers.Input(shape=(self.enc_shape[1]))` (an int) becomes a 1-tuple; the
`AttentionLayer.compute_output_shape` override, which asserts a 2-D input while the layer receives 3-D
GRU outputs, is dropped so that Keras 3 infers the shape from `call()` (tf.keras 2 never called it);
the trainer-side `AutoencoderModel` wrapper is cut to its two attributes.
"""

SOURCE = "https://github.com/blafabregue/TimeSeriesDeepClustering/blob/208fac0343d281f2c5997609916004875aae86fd/networks/attention_rnn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okg_tsdeepclustering_detsec_gate_shared_by_encoder_and_discriminator.py:
as returned: Functional, count_params() = 856, 14 weights, unbuilt: none
after call: count_params() = 856, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_layer': 80, 'attention_layer_1': 80}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/detsec_check.py): encoder 856 params / 14 weights, discriminator 856, decoder 363; the
weights the encoder and the discriminator share are exactly the gate's dense/kernel and dense/bias (the gate
layer has 4 inbound nodes: 2 per model); an autoencoder step on encoder + decoder variables: None grads 0 of 22,
changed 22 of 22. With the original compute_output_shape (assert 2-D input) kept, build_model() raises
AssertionError on Keras 3 (hence the porting edit)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import layers
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer


class AttentionLayer(Layer):
    def __init__(self, n_units, att_size, **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(AttentionLayer, self).__init__(**kwargs)
        self.n_units = n_units
        self.att_size = att_size
        self.W_omega = None
        self.b_omega = None
        self.u_omega = None

    def build(self, input_shape):
        initializer = tf.keras.initializers.RandomNormal(stddev=0.1)
        self.W_omega = self.add_weight(shape=(self.n_units, self.att_size),
                                       initializer=initializer, name="W_omega")
        self.b_omega = self.add_weight(shape=(self.att_size,),
                                       initializer=initializer, name="b_omega")
        self.u_omega = self.add_weight(shape=(self.att_size,),
                                       initializer=initializer, name="u_omega")
        self.built = True

    def call(self, input, **kwargs):
        v = tf.tanh(tf.tensordot(input, self.W_omega, axes=1) + self.b_omega)
        vu = tf.tensordot(v, self.u_omega, axes=1)  # (B,T) shape
        alphas = tf.nn.softmax(vu)  # (B,T) shape also

        output = tf.reduce_sum(input * tf.expand_dims(alphas, -1), 1)
        output = tf.reshape(output, [-1, self.n_units])
        return output

    def get_config(self):
        config = {'n_units': self.n_units, 'att_size': self.att_size}
        base_config = super(AttentionLayer, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class AutoencoderModel(object):
    def __init__(self, encoder, decoder):
        self.encoder = encoder
        self.decoder = decoder


class LayersGenerator(object):
    def __init__(self, x, encoder_loss, support_joint_training=False):
        self.encoder_loss = encoder_loss
        self.optimizer = None
        self.encoder, self.all_layers_encoder = self._create_encoder(x)
        self.discriminator, _ = self._create_encoder(x)
        self.enc_shape = np.array(K.int_shape(self.encoder.output)).tolist()
        if encoder_loss == 'vae':
            self.enc_shape[1] //= 2
        self.decoder, self.all_layers_decoder = self._create_decoder(x)
        self.autoencoder = self._create_autoencoder()
        self.support_joint_training = support_joint_training

    def _create_encoder(self, x):
        pass

    def _create_decoder(self, x):
        pass

    def _create_autoencoder(self):
        return AutoencoderModel(self.encoder, self.decoder)


class AutoEncoder(LayersGenerator):
    """docstring for AutoEncoder"""

    def __init__(self,
                 x,
                 encoder_loss,
                 n_clusters,
                 latent_dim=None,
                 ):
        self.n_clusters = n_clusters
        self.L = x.shape[1]
        self.C = x.shape[2]
        if latent_dim is None:
            self.n_filters_RNN = 64
            if x.shape[0] > 250:
                self.n_filters_RNN = 512
        else:
            self.n_filters_RNN = latent_dim

        self.input_ = layers.Input(shape=(None, self.C))
        self.gate = layers.Dense(self.n_filters_RNN, activation='sigmoid')

        super().__init__(x, encoder_loss)

    def _create_encoder(self, x):

        with tf.name_scope('encoder'):
            h = self.input_
            forward_layer = layers.GRU(self.n_filters_RNN, return_sequences=True)(h)
            backward_layer = layers.GRU(self.n_filters_RNN, activation='relu', return_sequences=True,
                                        go_backwards=True)(h)

            h_att_fw = AttentionLayer(self.n_filters_RNN, self.n_filters_RNN)(forward_layer)
            h_att_bw = AttentionLayer(self.n_filters_RNN, self.n_filters_RNN)(backward_layer)

            h = self.gate(h_att_fw) * h_att_fw + self.gate(h_att_bw) * h_att_bw
        return Model(inputs=self.input_, outputs=h), None

    def _create_decoder(self, x):

        with tf.name_scope('decoder'):
            decoder_input = layers.Input(shape=(self.enc_shape[1],))
            h = layers.RepeatVector(self.L)(decoder_input)
            h = layers.Bidirectional(layers.GRU(self.n_filters_RNN // 2, return_sequences=True))(h)

            decode = layers.TimeDistributed(layers.Dense(self.C))(h)

        return Model(inputs=decoder_input, outputs=decode), None


def build_model():
    x = np.random.default_rng(0).random((4, 10, 3)).astype("float32")
    generator = AutoEncoder(x, "mse", n_clusters=3, latent_dim=8)
    return generator.encoder, x[:2]
