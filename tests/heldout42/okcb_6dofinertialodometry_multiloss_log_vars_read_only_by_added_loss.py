"""6-DOF-Inertial-Odometry's `CustomMultiLossLayer` (the homoscedastic-uncertainty task weighting of Kendall, Gal &
Cipolla) creates one trainable `log_var` weight per task in build() and uses them only to compute the loss it
registers with `add_loss`; the layer's output is just the concatenation of its inputs ("We won't actually use the
output."). A trainable weight that does not reach the layer's output looks like LD009. It is fine: the model is
compiled with `loss=None` and trained on the added loss, so both `log_var`s get gradients from it and are learned
together with the predictor, exactly as intended; after training the author copies all weights but the last two
(`get_weights()[:-2]`) into the bare prediction model.

From jpsml/6-DOF-Inertial-Odometry (deep IMU odometry on the Oxford Inertial Odometry Dataset: two Conv1D branches
for gyro and accelerometer windows, two bidirectional LSTMs, heads for the position change and the orientation
quaternion change), `model.py` (`CustomMultiLossLayer`, `create_pred_model_6d_quat`, `create_train_model_6d_quat`,
`quat_mult_error`, `quaternion_mean_multiplicative_error`) at 5af63db; `train.py` compiles the train model with
`Adam(0.0001), loss=None` and fits it on `[x_gyro, x_acc, y_delta_p, y_delta_q]`.

Porting edits: `CuDNNLSTM` is `LSTM` (Keras 3 has no CuDNNLSTM); `from keras import backend as K` is
`from tensorflow.keras import backend as K` (Keras 3's `keras.backend` has no `exp`/`mean`/`concatenate`);
`self.add_loss(loss, inputs=inputs)` is `self.add_loss(loss)` (Keras 3's add_loss takes no `inputs`); the
`tfquaternion` package (`tfq.Quaternion`, `.normalized()`, `.conjugate()`, Hamilton product) is replaced by a small
stand-in class with the same methods registered as a tensor conversion; the unused `quaternion_phi_*` losses and
`Sequential`/`Adam` imports are left out; `model.summary()` calls are removed. build_model() builds the train model
as `train.py` does (window_size=200) and compiles it with `loss=None`, without fitting.
"""

SOURCE = "https://github.com/jpsml/6-DOF-Inertial-Odometry/blob/5af63db9b0d5de4ce1ec01158b99795dfbeae5bd/model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 1159689, 26 weights, unbuilt: none
after call: count_params() = 1159689, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_multi_loss_layer': 2}
second call: 0 variables watched that the first call did not use
python probes/probe_6dof.py <this file> (16 random IMU windows, unit quaternions):
log_vars gradient from the model output alone: None for both; from the added loss (model.losses): 0.863 and 0.157.
fit(loss=None), 2 epochs, batch 8: loss 1.044 -> 1.024; log_var0, log_var1 0.0 -> -0.00040, -0.00039 (trained through the added loss).
the last two entries of train_model.get_weights() are the two log_vars; pred_model.set_weights(train_model.get_weights()[:-2]) reproduces the trained predictor's outputs: True.
.keras save + load_model(custom_objects=..., compile=False): log_vars restored (-0.00040, -0.00039)."""

import tensorflow as tf

from keras.models import Model
from keras.layers import Bidirectional, LSTM, Dropout, Dense, Input, Layer, Conv1D, MaxPooling1D, concatenate
from keras.initializers import Constant
from keras.optimizers import Adam
from keras.losses import mean_absolute_error
from tensorflow.keras import backend as K


class _Quaternion(object):
    """Stand-in for tfquaternion.Quaternion (w, x, y, z in the last axis)."""

    def __init__(self, q):
        self._q = tf.convert_to_tensor(q, dtype=tf.float32)

    def normalized(self):
        return _Quaternion(tf.math.l2_normalize(self._q, axis=-1))

    def conjugate(self):
        w, x, y, z = tf.split(self._q, 4, axis=-1)
        return _Quaternion(tf.concat([w, -x, -y, -z], axis=-1))

    def __mul__(self, other):
        w1, x1, y1, z1 = tf.split(self._q, 4, axis=-1)
        w2, x2, y2, z2 = tf.split(other._q, 4, axis=-1)
        return _Quaternion(tf.concat([
            w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2,
            w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
            w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
            w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2], axis=-1))


tf.register_tensor_conversion_function(_Quaternion, lambda v, dtype=None, name=None, as_ref=False: v._q)


class tfq(object):
    Quaternion = _Quaternion


def quat_mult_error(y_true, y_pred):
    q_hat = tfq.Quaternion(y_true)
    q = tfq.Quaternion(y_pred).normalized()
    q_prod = q * q_hat.conjugate()
    w, x, y, z = tf.split(q_prod, num_or_size_splits=4, axis=-1)
    return tf.abs(tf.multiply(2.0, tf.concat(values=[x, y, z], axis=-1)))


def quaternion_mean_multiplicative_error(y_true, y_pred):
    return tf.reduce_mean(quat_mult_error(y_true, y_pred))


# Custom loss layer
class CustomMultiLossLayer(Layer):
    def __init__(self, nb_outputs=2, **kwargs):
    #def __init__(self, nb_outputs=3, **kwargs):
        self.nb_outputs = nb_outputs
        self.is_placeholder = True
        super(CustomMultiLossLayer, self).__init__(**kwargs)

    def build(self, input_shape=None):
        # initialise log_vars
        self.log_vars = []
        for i in range(self.nb_outputs):
            self.log_vars += [self.add_weight(name='log_var' + str(i), shape=(1,),
                                              initializer=Constant(0.), trainable=True)]
        super(CustomMultiLossLayer, self).build(input_shape)

    def multi_loss(self, ys_true, ys_pred):
        assert len(ys_true) == self.nb_outputs and len(ys_pred) == self.nb_outputs
        loss = 0

        #for y_true, y_pred, log_var in zip(ys_true, ys_pred, self.log_vars):
        #    precision = K.exp(-log_var[0])
        #    loss += K.sum(precision * (y_true - y_pred)**2., -1) + log_var[0]

        precision = K.exp(-self.log_vars[0][0])
        loss += precision * mean_absolute_error(ys_true[0], ys_pred[0]) + self.log_vars[0][0]
        precision = K.exp(-self.log_vars[1][0])
        loss += precision * quaternion_mean_multiplicative_error(ys_true[1], ys_pred[1]) + self.log_vars[1][0]
        #loss += precision * quaternion_phi_4_error(ys_true[1], ys_pred[1]) + self.log_vars[1][0]

        return K.mean(loss)

    def call(self, inputs):
        ys_true = inputs[:self.nb_outputs]
        ys_pred = inputs[self.nb_outputs:]
        loss = self.multi_loss(ys_true, ys_pred)
        self.add_loss(loss)
        # We won't actually use the output.
        return K.concatenate(inputs, -1)


def create_pred_model_6d_quat(window_size=200):
    #inp = Input((window_size, 6), name='inp')
    #lstm1 = Bidirectional(CuDNNLSTM(128, return_sequences=True))(inp)
    x1 = Input((window_size, 3), name='x1')
    x2 = Input((window_size, 3), name='x2')
    convA1 = Conv1D(128, 11)(x1)
    convA2 = Conv1D(128, 11)(convA1)
    poolA = MaxPooling1D(3)(convA2)
    convB1 = Conv1D(128, 11)(x2)
    convB2 = Conv1D(128, 11)(convB1)
    poolB = MaxPooling1D(3)(convB2)
    AB = concatenate([poolA, poolB])
    lstm1 = Bidirectional(LSTM(128, return_sequences=True))(AB)
    drop1 = Dropout(0.25)(lstm1)
    lstm2 = Bidirectional(LSTM(128))(drop1)
    drop2 = Dropout(0.25)(lstm2)
    y1_pred = Dense(3)(drop2)
    y2_pred = Dense(4)(drop2)

    #model = Model(inp, [y1_pred, y2_pred])
    model = Model([x1, x2], [y1_pred, y2_pred])

    return model


def create_train_model_6d_quat(pred_model, window_size=200):
    #inp = Input(shape=(window_size, 6), name='inp')
    #y1_pred, y2_pred = pred_model(inp)
    x1 = Input((window_size, 3), name='x1')
    x2 = Input((window_size, 3), name='x2')
    y1_pred, y2_pred = pred_model([x1, x2])
    y1_true = Input(shape=(3,), name='y1_true')
    y2_true = Input(shape=(4,), name='y2_true')
    out = CustomMultiLossLayer(nb_outputs=2)([y1_true, y2_true, y1_pred, y2_pred])
    #train_model = Model([inp, y1_true, y2_true], out)
    train_model = Model([x1, x2, y1_true, y2_true], out)
    return train_model


def build_model():
    window_size = 200
    pred_model = create_pred_model_6d_quat(window_size)
    train_model = create_train_model_6d_quat(pred_model, window_size)
    train_model.compile(optimizer=Adam(0.0001), loss=None)
    return train_model
