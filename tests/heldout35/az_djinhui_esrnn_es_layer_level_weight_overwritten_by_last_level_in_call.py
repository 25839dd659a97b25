"""An ES-RNN exponential-smoothing layer overwrites its learned initial level with the last smoothed level at the
end of `call()` (`self.level = l_t`) and freezes its learned initial seasonality into a deque of slices taken once in
`build()`: both weights stay counted, but the second call starts from a stale tensor and neither gets trained.

From Djinhui/Mycodes (`other_ts案例/es_rnn.py` at 4d53e73, a collection of time-series examples; the ES-RNN "Exponential
Smoothing + Normalization" layer in front of a GRU, after Smyl's M4 winner). `ES.build()` makes four weights with
`add_weight`: `alpha`, `gamma`, `init_seasonality` (m,) and `init_level` (1,). It then takes
`K.slice(self.init_seasonality, (i,), (1,))` for every i and keeps those tensors in `self.seasonality_queue`, a
`collections.deque`; `call()` pops and pushes that deque (the seasonal recursion) and starts the level recursion from
`self.level`, and after the loop stores `self.level = l_t`, a tensor computed from the variable. So the variable
attribute is shadowed by a tensor derived from it (LD010): from the second call on, `init_level` is out of the graph.
The seasonality slices were computed eagerly at build time, so `init_seasonality` is never in any call's graph either
(the same defect: a tensor derived from the variable once, used instead of it). `gamma` gets no gradient either: it
only shapes the seasonal values pushed back into the deque, which a call of 8 windows (13 steps, m = 24) never pops,
and which later calls read as tensors recorded on an earlier call's tape (state carried across calls in Python).

Porting edits: `from keras import backend as K` became `from tensorflow.keras import backend as K` and the four
`K.slice` calls became `tf.slice` (Keras 3's backend modules no longer have `slice`); nothing else in the two layers
changed. build_model() wires the script's model (Input (None, 1) -> ES(HORIZON=3, m=24, BATCH_SIZE=48, T=6) -> GRU(5) ->
Dense(3) -> Denormalization) and returns it with a batch of 8 windows of 6 positive values (the layer needs at least
T time steps; the measurement script's default input would have 2).
"""

SOURCE = "https://github.com/Djinhui/Mycodes/blob/4d53e7312af356f1015d0c36066d342d274785ff/other_ts%E6%A1%88%E4%BE%8B/es_rnn.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/az_djinhui_esrnn_es_layer_level_weight_overwritten_by_last_level_in_call.py:
as returned: Functional, count_params() = 165, 9 weights, unbuilt: none
after call: count_params() = 165, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 9 trainable weights: ['es/gamma', 'es/init_seasonality']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'es': 27, 'denormalization': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_esrnn.py:
before call: type(es.level) = Variable | es weights: ['es/alpha', 'es/gamma', 'es/init_seasonality', 'es/init_level']
call 1: None grads: ['es/gamma', 'es/init_seasonality'] | type(es.level) = EagerTensor | count_params = 165
call 2: None grads: ['es/gamma', 'es/init_seasonality', 'es/init_level'] | type(es.level) = EagerTensor | count_params = 165
call 3: None grads: ['es/gamma', 'es/init_seasonality', 'es/init_level'] | type(es.level) = EagerTensor | count_params = 165"""

import tensorflow as tf
from keras.models import Model
from keras.layers import Input, GRU, Dense, Lambda
from tensorflow.keras import backend as K
from keras.layers import Layer
from keras import initializers
from collections import deque

HORIZON = 3 # forecast horizon
T = 6  # past history values
LATENT_DIM = 5 # number of units in the RNN layer
BATCH_SIZE = 48 # number of samples per mini-batch
EPOCHS = 10 # maximum number of times the training algorithm will cycle through all samples
m = 24 # seasonality length


# Exponential Smoothing + Normalization
class ES(Layer):

    def __init__(self, horizon, m, batch_size, time_steps, **kwargs):
        self.horizon = horizon
        self.m = m
        self.batch_size = batch_size
        self.time_steps = time_steps

        super(ES, self).__init__(**kwargs)

    # initialization of the learned parameters of exponential smoothing
    def build(self, input_shape):
        self.alpha = self.add_weight(name='alpha', shape=(1,),
                                     initializer='uniform', trainable=True)
        self.gamma = self.add_weight(name='gamma', shape=(1,),
                                     initializer='uniform', trainable=True)
        self.init_seasonality = self.add_weight(name='init_seasonality', shape=(self.m,),
                                                initializer=initializers.Constant(value=0.8), trainable=True)
        self.init_seasonality_list = [tf.slice(self.init_seasonality,(i,),(1,)) for i in range(self.m)]
        self.seasonality_queue = deque(self.init_seasonality_list, self.m)
        self.level = self.add_weight(name='init_level', shape=(1,),
                                     initializer=initializers.Constant(value=0.8),
                                     trainable=True)
        super(ES, self).build(input_shape)

    def call(self, x):

        # extract time-series from feature vector
        n_examples = K.int_shape(x)[0]
        if n_examples is None:
            n_examples = self.batch_size
        x1 = tf.slice(x,(0,0,0),(1,self.time_steps,1))
        x1 = K.reshape(x1,(self.time_steps,))
        x2 = tf.slice(x,(1,self.time_steps-1,0),(n_examples-1,1,1))
        x2 = K.reshape(x2,(n_examples-1,))
        ts = K.concatenate([x1,x2])

        x_norm = []  # normalized values of time-series
        ls = []      # coeffients for denormalization of forecasts

        l_t_minus_1 = self.level

        for i in range(n_examples+self.time_steps-1):

            # compute l_t
            y_t = ts[i]
            s_t = self.seasonality_queue.popleft()
            l_t = self.alpha * y_t / s_t + (1 - self.alpha) * l_t_minus_1

            # compute s_{t+m}
            s_t_plus_m = self.gamma * y_t / l_t + (1 - self.gamma) * s_t

            self.seasonality_queue.append(s_t_plus_m)

            # normalize y_t
            x_norm.append(y_t / (s_t * l_t))

            l_t_minus_1 = l_t

            if i >= self.time_steps-1:
                l = [l_t]*self.horizon
                l = K.concatenate(l)
                s = [self.seasonality_queue[i] for i in range(self.horizon)] # we assume here that horizon < m
                s = K.concatenate(s)
                ls_t = K.concatenate([K.expand_dims(l), K.expand_dims(s)])
                ls.append(K.expand_dims(ls_t,axis=0))

        self.level = l_t
        x_norm = K.concatenate(x_norm)

        # create x_out
        x_out = []
        for i in range(n_examples):
            norm_features = tf.slice(x_norm,(i,),(self.time_steps,))
            norm_features = K.expand_dims(norm_features,axis=0)
            x_out.append(norm_features)

        x_out = K.concatenate(x_out, axis=0)
        x_out = K.expand_dims(x_out)

        # create tensor of denormalization coefficients
        denorm_coeff = K.concatenate(ls, axis=0)
        return [x_out, denorm_coeff]

    def compute_output_shape(self, input_shape):
        return [(input_shape[0], input_shape[1], input_shape[2]), (input_shape[0], self.horizon, 2)]


class Denormalization(Layer):

    def __init__(self, **kwargs):
        super(Denormalization, self).__init__(**kwargs)

    def build(self, input_shape):
        super(Denormalization, self).build(input_shape)

    def call(self, x):
        return x[0] * x[1][:,:,0] * x[1][:,:,1]

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def build_model():
    import numpy as np
    model_input = Input(shape=(None, 1))
    [normalized_input, denormalization_coeff] = ES(HORIZON, m, BATCH_SIZE, T)(model_input)
    gru_out = GRU(LATENT_DIM)(normalized_input)
    model_output_normalized = Dense(HORIZON)(gru_out)
    model_output = Denormalization()([model_output_normalized, denormalization_coeff])
    model = Model(inputs=model_input, outputs=model_output)
    x = (0.5 + np.random.default_rng(0).random((8, T, 1))).astype("float32")
    return model, x
