"""An LSTM-VAE for bearing-sensor anomaly detection whose `Encoder` layer stores a
`keras.Input(...)` tensor on `self.encoder_inputs` in `__init__` and overwrites that attribute with
the incoming batch inside `call()`; the model adds its KL term with `self.add_loss()` in `call()`
and its custom `train_step` updates two `keras.metrics.Mean` objects held in module-level globals.

From paya54/Anomaly_Detect_LSTM_VAE (`lstm_vae.py`). Looks like several catalog shapes: a
tensor kept as layer state (set in `__init__`, reassigned in `call()`), a variable-holding object
(the metrics) living in module globals, a `Sampling` layer drawing random numbers in `call()`, and
a stateful LSTM. None is a defect here: `encoder_inputs` is never a weight (it is only a name for
the current batch), every LSTM/Dense of the encoder and decoder is a tracked sublayer built on the
first call, all 14 trainable variables get (non-None) gradients, `fit` runs with the custom
`train_step`, and the global metrics only report values. (With the author's single time step the
decoder LSTM's recurrent kernel only ever multiplies a zero initial state, so its gradient is an exact
zero by arithmetic; it is wired and tracked.)

Porting edits: Azure dataset loading, plotting and saving dropped; `tensorflow.keras` ->
`keras` with the `K.*` backend calls as `keras.ops`/`tf` equivalents (`K.random_normal` ->
`tf.random.normal`); `tfp.distributions.Normal(mu, |sigma|).log_prob(x)` written out as the Normal
log-density (no tensorflow_probability); the `print('mu: ', mu)` debug line dropped; the author's
sizes kept (time_step 1, x_dim 4, lstm_h_dim 8, z_dim 4, batch 10; `reconstruct_loss` hard-codes one time step).
"""

SOURCE = "https://github.com/paya54/Anomaly_Detect_LSTM_VAE/blob/b93e2c66be1bc27ae3599cfe4c5b83d708dc510d/lstm_vae.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okr_lstmvae_anomaly_encoder_keeps_input_tensor_attribute.py:
as returned: LSTM_VAE, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Encoder:encoder', 'Sampling:sampling_z', 'Dense:z_log_var', 'Dense:z_mean', 'LSTM:encoder_lstm', 'LSTMCell:lstm_cell', 'Decoder:decoder', 'Dense:x_sigma', 'Dense:x_mean', 'LSTM:decoder_lstm', 'LSTMCell:lstm_cell', 'RepeatVector:repeat_vector']
after call: count_params() = 976, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 488, 'sampling_z': 0, 'decoder': 488}
second call: 0 variables watched that the first call did not use
(unbuilt "as returned" is the normal state of a subclassed model before its first call.)
Own script /tmp/mine27c/vaefit.py: compile(Adam(0.01, amsgrad)) + fit on a 30-row dataset batched by 10
(drop_remainder, as the author): fit runs the custom train_step (history has loss and log_likelihood);
13 of 14 trainable variables change; the 14th, decoder_lstm recurrent_kernel, has gradient 0.0 (not None)
because the single-step decoder LSTM starts from a zero state; encoder.encoder_inputs is a plain
tensor attribute after the call; encoder and decoder report 7 weights each."""

import math
import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras import ops as K

batch_size = 10
time_step = 1
x_dim = 4
lstm_h_dim = 8
z_dim = 4


class Sampling(layers.Layer):
    def __init__(self, name='sampling_z'):
        super(Sampling, self).__init__(name=name)

    def call(self, inputs):
        mu, logvar = inputs
        sigma = K.exp(logvar * 0.5)
        epsilon = tf.random.normal(shape=(mu.shape[0], z_dim), mean=0.0, stddev=1.0)
        return mu + epsilon * sigma

    def get_config(self):
        config = super(Sampling, self).get_config()
        config.update({'name': self.name})
        return config


class Encoder(layers.Layer):
    def __init__(self, time_step, x_dim, lstm_h_dim, z_dim, name='encoder', **kwargs):
        super(Encoder, self).__init__(name=name, **kwargs)

        self.encoder_inputs = keras.Input(shape=(time_step, x_dim))
        self.encoder_lstm = layers.LSTM(lstm_h_dim, activation='softplus', name='encoder_lstm', stateful=True)
        self.z_mean = layers.Dense(z_dim, name='z_mean')
        self.z_logvar = layers.Dense(z_dim, name='z_log_var')
        self.z_sample = Sampling()

    def call(self, inputs):
        self.encoder_inputs = inputs
        hidden = self.encoder_lstm(self.encoder_inputs)
        mu_z = self.z_mean(hidden)
        logvar_z = self.z_logvar(hidden)
        z = self.z_sample((mu_z, logvar_z))
        return mu_z, logvar_z, z


class Decoder(layers.Layer):
    def __init__(self, time_step, x_dim, lstm_h_dim, z_dim, name='decoder', **kwargs):
        super(Decoder, self).__init__(name=name, **kwargs)

        self.z_inputs = layers.RepeatVector(time_step, name='repeat_vector')
        self.decoder_lstm_hidden = layers.LSTM(lstm_h_dim, activation='softplus', return_sequences=True, name='decoder_lstm')
        self.x_mean = layers.Dense(x_dim, name='x_mean')
        self.x_sigma = layers.Dense(x_dim, name='x_sigma', activation='tanh')

    def call(self, inputs):
        z = self.z_inputs(inputs)
        hidden = self.decoder_lstm_hidden(z)
        mu_x = self.x_mean(hidden)
        sigma_x = self.x_sigma(hidden)
        return mu_x, sigma_x


loss_metric = keras.metrics.Mean(name='loss')
likelihood_metric = keras.metrics.Mean(name='log likelihood')


class LSTM_VAE(keras.Model):
    def __init__(self, time_step, x_dim, lstm_h_dim, z_dim, name='lstm_vae', **kwargs):
        super(LSTM_VAE, self).__init__(name=name, **kwargs)

        self.encoder = Encoder(time_step, x_dim, lstm_h_dim, z_dim, **kwargs)
        self.decoder = Decoder(time_step, x_dim, lstm_h_dim, z_dim, **kwargs)

    def call(self, inputs):
        mu_z, logvar_z, z = self.encoder(inputs)
        mu_x, sigma_x = self.decoder(z)

        var_z = K.exp(logvar_z)
        kl_loss = K.mean(-0.5 * K.sum(var_z - logvar_z + K.square(1 - mu_z), axis=1), axis=0)
        self.add_loss(kl_loss)

        scale = K.abs(sigma_x)
        log_prob = -0.5 * K.square((inputs - mu_x) / scale) - K.log(scale) - 0.5 * math.log(2 * math.pi)
        log_px = -log_prob

        return mu_x, sigma_x, log_px

    def reconstruct_loss(self, x, mu_x, sigma_x):
        var_x = K.square(sigma_x)
        reconst_loss = -0.5 * K.sum(K.log(var_x), axis=2) + K.sum(K.square(x - mu_x) / var_x, axis=2)
        reconst_loss = K.reshape(reconst_loss, (x.shape[0], 1))
        return K.mean(reconst_loss, axis=0)

    def mean_log_likelihood(self, log_px):
        log_px = K.reshape(log_px, (log_px.shape[0], log_px.shape[2]))
        mean_log_px = K.mean(log_px, axis=1)
        return K.mean(mean_log_px, axis=0)

    def train_step(self, data):
        if isinstance(data, tuple):
            x = data[0]
        else:
            x = data

        with tf.GradientTape() as tape:
            mu_x, sigma_x, log_px = self(x, training=True)
            loss = self.reconstruct_loss(x, mu_x, sigma_x)
            loss += sum(self.losses)
            mean_log_px = self.mean_log_likelihood(log_px)

        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))

        loss_metric.update_state(loss)
        likelihood_metric.update_state(mean_log_px)
        return {'loss': loss_metric.result(), 'log_likelihood': likelihood_metric.result()}


def build_model():
    model = LSTM_VAE(time_step, x_dim, lstm_h_dim, z_dim, dtype='float32')
    train_X = np.random.default_rng(0).random((batch_size, time_step, x_dim)).astype("float32")
    return model, train_X
