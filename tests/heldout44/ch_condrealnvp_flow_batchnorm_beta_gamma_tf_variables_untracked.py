"""Cond-RealNVP, a conditional RealNVP normalizing flow for multivariate time-series anomaly detection, puts a
flow batch-norm between its coupling layers; `BatchNormLayer.__init__` makes its learnable shift and log-scale,
`self.beta` and `self.gamma` (trainable), and its running statistics as raw `tf.Variable`s. On Keras 3 a
`tf.Variable` assigned to a layer attribute is not tracked (LD003): the batch-norm layers report 0 weights, beta and
gamma are not in `model.trainable_variables`, so the model's own `train_step` (`tape.gradient(loss,
self.trainable_variables)` then `apply_gradients`) never updates them, although they enter both the flow output
and its log-determinant; the running mean/variance are updated by `assign_sub` but not saved. The coupling
layers' Dense nets (held in lists, tracked) train normally.

From VUZhuangweiKang/Cond-RealNVP, `CondRealNVP.py` (`BatchNormLayer`, `CouplingLayer`, `CondRealNVP`) at b987636.

Porting edits: tensorflow_probability is not installed with Keras 3 here, so `tfd.Normal(...)` (the base
distribution, used only in `get_lose`) is a small stand-in with the same `log_prob`; the encoder-decoder LSTM
(`LSTM_ED` from `lstm_models.py`, built on CuDNNLSTM) is replaced through the constructor's own `rnn=` argument
by a small stand-in layer (`Flatten` + `Dense` + `Reshape`) that returns the `(batch, steps, n_features)` forecast
`call()` expects; in `CondRealNVP.call` the flow modules are called with `training=training` instead of `kwargs={'training':
training}`, and `BatchNormLayer.call` takes `training=None` and tests it instead of `kwargs['training']` (tf.keras 2
injected `training` into a `call(**kwargs)`; Keras 3 passes it only to a declared `training` argument, so
unported `BatchNormLayer.call` raises KeyError 'training' on the first call); the
`tfk.optimizers.schedules.PolynomialDecay` schedule is kept; `sample()` and the data
loading imports are left out. build_model() makes `CondRealNVP(steps=4, n_features=6, cond_size=2, num_blocks=3,
st_units=[32])` on windows of 16 time steps and returns it, with a random batch of 2 windows (16 x 8: 6 features
and 2 time covariates); the model is returned unbuilt (its `build()` creates the flow on the first call).
"""

SOURCE = "https://github.com/VUZhuangweiKang/Cond-RealNVP/blob/b9876361ddae0f7a2e20ecdb61b9b03681c2ab83/CondRealNVP.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: CondRealNVP, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['_ForecastStandIn:__forecast_stand_in', 'Dense:dense', 'Flatten:flatten']
after call: count_params() = 6396, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 6 variables the model does not track: ['CondRealNVP/beta:0', 'CondRealNVP/gamma:0', 'CondRealNVP/beta:0', 'CondRealNVP/gamma:0', 'CondRealNVP/beta:0', 'CondRealNVP/gamma:0']
params of the case's own layers: {'__forecast_stand_in': 2328, 'CouplingLayer0': 1356, 'BN0': 0, 'CouplingLayer1': 1356, 'BN1': 0, 'CouplingLayer2': 1356, 'BN2': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_condnvp.py <this file>: after a call BN0 has 0 weights and its beta is not in model.trainable_variables; 3 steps of the repository's train_step update (gradient of get_lose over model.trainable_variables, Adam 0.01; its tape.watch(self.trainable_variables) line is skipped because Keras 3 raises ValueError watching keras Variables) change the coupling Dense kernels but leave every beta and gamma unchanged; a tape naming BN0's gamma directly gets a gradient. Unported, BatchNormLayer.call raises KeyError 'training' on Keras 3."""

import numpy as np
import tensorflow as tf
import tensorflow.keras as tfk
from tensorflow.keras.layers import Dense, Layer
from tensorflow.keras.models import Model


class _Normal:  # stand-in for tfp.distributions.Normal (log_prob only)
    def __init__(self, loc, scale):
        self.loc, self.scale = loc, scale

    def log_prob(self, x):
        z = (x - self.loc) / self.scale
        return -0.5 * z ** 2 - tf.math.log(self.scale) - 0.5 * np.log(2 * np.pi)


class tfd:  # stand-in namespace for tfp.distributions
    Normal = _Normal


np.random.seed(123456)
tf.random.set_seed(123456)


class BatchNormLayer(Layer):
    """
    Compute `Y = g(X) s.t. X = g^-1(Y) = (Y - mean(Y)) / std(Y)`

    Inverse pass:
        1. Compute the current batch mean and standard deviation of the data distribution x.
        2. Update running mean and standard deviation
        3. Batch normalize the data using current mean/std

    Forward pass:
        1. Use running mean and standard deviation to un-normalize the data distribution.
    """

    def __init__(self, lid, n_features, eps=1e-5, decay=.9):
        super(BatchNormLayer, self).__init__(name='BN%d'%lid)
        self.eps = eps
        self.decay = decay

        # beta, gamma are learnable parameters
        self.beta = tf.Variable(initial_value=tf.zeros(shape=(1, n_features), dtype=tf.float32), name='beta', trainable=True)
        self.gamma = tf.Variable(initial_value=tf.ones(shape=(1, n_features), dtype=tf.float32), name='gamma', trainable=True)

        self.moving_mean = tf.Variable(initial_value=tf.zeros(shape=(1, n_features), dtype=tf.float32), name='moving_mean', trainable=False)
        self.moving_var = tf.Variable(initial_value=tf.ones(shape=(1, n_features), dtype=tf.float32), name='moving_var', trainable=False)
        
    def forward(self, x, condition_input):
        y = (x - self.beta) * tf.exp(-self.gamma) * tf.sqrt(self.moving_var+self.eps) + self.moving_mean
        return y
    
    def call(self, inputs, *args, training=None, **kwargs):
        """ x = (y - mu) * sqrt(sigma**2) * gamma + beta """
        y, condition_input = inputs   
        
        if training:  # was kwargs['training']
            # statistics of current minibatch
            mean, var = tf.nn.moments(y, axes=[0], keepdims=True)
        
            # update train statistics via exponential moving average
            self.moving_mean.assign_sub(self.decay * (self.moving_mean - mean))
            self.moving_var.assign_sub(self.decay * (self.moving_var - var))    
        else:
            mean, var = self.moving_mean, self.moving_var

        x = (y - mean) * 1. / tf.sqrt(var + self.eps) * tf.exp(self.gamma) + self.beta
        ldj = 0.5 * tf.math.log(var + self.eps) - self.gamma
        return x, -ldj


class CouplingLayer(Layer):
    def __init__(self, lid, n_features, mask, st_units=[100]):
        super(CouplingLayer, self).__init__(name='CouplingLayer%d'%lid)
        self.mask = tf.cast(mask, tf.float32)
        self.snet = []
        self.tnet = []
        
        for units in st_units:
            self.snet.append(Dense(units, activation='tanh'))
        self.snet.append((Dense(n_features, activation='tanh')))
        
        for units in st_units:
            self.tnet.append(Dense(units, activation='relu'))
        self.tnet.append(Dense(n_features))

    def conditioner(self, x, conditions):
        if conditions is not None:
            x = tf.concat((x, conditions), axis=-1)
        
        s = x
        for model in self.snet:
            s = model(s)
        log_scale = s

        t = x
        for model in self.tnet:
            t = model(t)
        shift = t
        return log_scale, shift

    # Forward propagation: generative direction --> sampling
    def forward(self, x, condition_input):
        x_masked = x * self.mask
        reversed_mask = 1 - self.mask
        s, t = self.conditioner(x_masked, condition_input)
        s *= reversed_mask
        t *= reversed_mask        
        y = x_masked + reversed_mask * (x * tf.exp(s) + t)
        return y

    # Inverse propagation: normalizing direction --> density estimation
    def call(self, inputs, *args, **kwargs):
        y, condition_input = inputs
        y_masked = y * self.mask
        reversed_mask = 1 - self.mask
        s, t = self.conditioner(y_masked, condition_input)
        s *= reversed_mask
        t *= reversed_mask
        x = reversed_mask * (y - t) * tf.exp(-s) + y_masked
        return x, -s


class CondRealNVP(Model):
    def __init__(self, 
                 steps, 
                 n_features, 
                 cond_size, 
                 num_blocks=3, 
                 encoder_units=[100, 100],
                 decoder_units=[100, 100],
                 rnn=None,
                 rnn_cell_type='LSTM',
                 bidirectional=False,
                 attention=False,
                 teacher_fc_ratio=0.,
                 st_units=[100], 
                 batch_norm=True, 
                 learning_rate=1e-3, 
                 bn_decay=0.9,
                 **kwargs):
        """
        Conditional RNN RealNVP
        @param steps: rolling window moving steps
        @param n_features: No. features
        @param cond_size: No. time covariates
        @param num_blocks: No. Coupleing and BN layers
        @param rnn_units: hidden units of the encoder-decoder LSTM model
        @param st_units: hidden units of the st-network
        @param batch_norm: add Batch Normalization layer
        @param learning_rate
        """
        super(CondRealNVP, self).__init__(name='CondRealNVP', **kwargs)

        self.steps = steps
        self.n_features = n_features
        self.cond_size = cond_size
        self.num_blocks = num_blocks
        self.st_units = st_units
        self.bn_decay = bn_decay
        self.mask = np.array([int(i%2==0) for i in range(n_features)])

        self.batch_norm = batch_norm
        self.base_dist = tfd.Normal(loc=tf.zeros(n_features, dtype=tf.float32), scale=tf.ones(n_features, dtype=tf.float32))
        learning_rate_fn = tfk.optimizers.schedules.PolynomialDecay(initial_learning_rate=learning_rate, 
                                                                    decay_steps=50, 
                                                                    end_learning_rate=1e-6)
        self.optimizer = tf.optimizers.Adam(learning_rate_fn)
        self.loss_tracker = tfk.metrics.Mean(name="loss")
        
        if rnn is None:
            raise NotImplementedError("LSTM_ED (lstm_models.py) is not part of this case; pass rnn=")
        else:
            self.rnn = rnn

    def build(self, input_shape):
        self.flow = []
        for i in range(self.num_blocks):
            self.flow += [CouplingLayer(i, n_features=self.n_features, mask=self.mask, st_units=self.st_units)]
            if self.batch_norm:
                self.flow += [BatchNormLayer(i, self.n_features, decay=self.bn_decay)]
            self.mask = 1 - self.mask
        super(CondRealNVP, self).build(input_shape)

    def forward(self, z, condition_input):
        x = z
        for module in self.flow[::-1]:
            x = module.forward(x, condition_input)
        return x
    
    def call(self, inputs, training=True):
        x, covars = inputs[..., :-self.cond_size], inputs[..., -self.cond_size:]
        
        context = inputs[:, :-self.steps]
        target_pred = self.rnn(context, target_covars=None, training=training)
        
        # (batch_sz, steps, n_features) --> (batch_sz*steps, n_features)
        target = tf.reshape(x[:, -self.steps:, :], (-1, self.n_features))
        target_pred = tf.reshape(target_pred, (-1, tf.shape(target_pred)[-1]))
        target_covars = tf.reshape(covars[:, -self.steps:, :], (-1, self.cond_size))
    
        # shuffle the time dimension for better generalization
        temp = tf.concat([target, target_pred, target_covars], axis=-1)
        tf.random.shuffle(temp)
        target, target_pred, target_covars = temp[:, :tf.shape(target)[-1]], temp[:, tf.shape(target)[-1]:-tf.shape(target_covars)[-1]], temp[:, -tf.shape(target_covars)[-1]:]
        
        sum_ildj, z = 0, target
        for module in self.flow:
            z, ildj = module(inputs=(z, tf.concat([target_pred, target_covars], axis=-1)), training=training)  # was kwargs={'training': training}
            sum_ildj += ildj
        return z, sum_ildj

    def get_lose(self, x, training=True):
        z, sum_ildj = self(x, training=training)
        log_likelihood = self.base_dist.log_prob(z) + sum_ildj
        log_likelihood = tf.reduce_sum(log_likelihood, axis=-1)  # get joint log probability
        loss = -tf.reduce_mean(log_likelihood)
        return loss

    @property
    def metrics(self):
        return [self.loss_tracker]

    def train_step(self, x):
        with tf.GradientTape() as tape:
            tape.watch(self.trainable_variables)
            loss = self.get_lose(x, training=True)
        gradients = tape.gradient(loss, sources=self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}

    def test_step(self, x):
        loss = self.get_lose(x, training=False)
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}


class _ForecastStandIn(Layer):  # stand-in for LSTM_ED: (batch, T - steps, F + C) -> (batch, steps, F)
    def __init__(self, n_features, steps, **kwargs):
        super().__init__(**kwargs)
        self.steps, self.n_features = steps, n_features
        self.flatten = tf.keras.layers.Flatten()
        self.dense = Dense(steps * n_features)

    def call(self, X_inputs, X_target=None, target_covars=None, training=True):
        return tf.reshape(self.dense(self.flatten(X_inputs)), (-1, self.steps, self.n_features))


def build_model():
    steps, n_features, cond_size = 4, 6, 2
    model = CondRealNVP(steps=steps, n_features=n_features, cond_size=cond_size, num_blocks=3, st_units=[32],
                        rnn=_ForecastStandIn(n_features, steps))
    inputs = np.random.default_rng(0).normal(size=(2, 16, n_features + cond_size)).astype("float32")
    return model, inputs
