"""tf2rl NoisyDense keeps tf.constant shape tensors made in build(); on Keras 3 build runs in a scratch graph and they leak.

NoisyDense (Noisy Networks for exploration) creates `self.kernel_shape = tf.constant((input_dim,
units))` and `self.bias_shape = tf.constant((units,))` in build() next to its four add_weight
variables, and samples noise with `K.random_uniform(shape=self.kernel_shape)` in call(). The
AtariQFunc that uses it (noisy + dueling DQN) builds itself by calling itself on a dummy frame
in __init__. On Keras 3 a subclassed Model without build() is built by tracing call() in a
temporary FuncGraph, so the NoisyDense layers are built there and the tensors stored on self
belong to that dead graph: the first real call raises "The tensor <tf.Tensor
'noisy_dense/Const:0'> cannot be accessed from here, because it was defined in
FuncGraph(name=scratch_graph) ... which is out of scope" and the Q-network cannot be created.
"""

SOURCE = "https://github.com/keiohta/tf2rl/blob/15afc9b47adf22a325aec3d4729ad87093ba44ad/tf2rl/networks/noisy_dense.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_tf2rl_noisy_dense_build_tensors.py:
build_model() raised TypeError: Exception encountered when calling NoisyDense.call().
own script: the full message is: The tensor <tf.Tensor 'noisy_dense/Const:0' shape=(2,) dtype=int32> cannot be accessed from here, because it was defined in FuncGraph(name=scratch_graph, ...), which is out of scope."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Conv2D, Dense, Flatten


# --- tf2rl/networks/noisy_dense.py ----------------------------------------------------------
class NoisyDense(tf.keras.layers.Layer):
    def __init__(
            self,
            units,
            sigma_init=0.017,
            activation=None,
            use_bias=True,
            kernel_initializer='glorot_uniform',
            bias_initializer='zeros',
            kernel_regularizer=None,
            bias_regularizer=None,
            activity_regularizer=None,
            kernel_constraint=None,
            bias_constraint=None,
            trainable=True,
            **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super().__init__(**kwargs)
        self.units = int(units)
        self.sigma_init = sigma_init
        self.activation = tf.keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = tf.keras.initializers.get(kernel_initializer)
        self.bias_initializer = tf.keras.initializers.get(bias_initializer)
        self.kernel_regularizer = tf.keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = tf.keras.regularizers.get(bias_regularizer)
        self.activity_regularizer = tf.keras.regularizers.get(activity_regularizer)
        self.kernel_constraint = tf.keras.constraints.get(kernel_constraint)
        self.bias_constraint = tf.keras.constraints.get(bias_constraint)
        self.trainable = trainable

    def build(self, input_shape):
        # TODO: Enable to remove noise
        assert len(input_shape) >= 2
        self.input_dim = input_shape[-1]
        self.kernel_shape = tf.constant((self.input_dim, self.units))
        self.bias_shape = tf.constant((self.units,))

        self.kernel = self.add_weight(
            shape=[self.input_dim, self.units],
            initializer=tf.keras.initializers.Orthogonal(),
            name='kernel',
            dtype=tf.float32,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            trainable=self.trainable)

        self.sigma_kernel = self.add_weight(
            shape=(self.input_dim, self.units),
            initializer=tf.keras.initializers.Constant(value=self.sigma_init),
            name='sigma_kernel',
            trainable=self.trainable)

        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,),
                initializer=self.bias_initializer,
                name='bias',
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                trainable=self.trainable)

            self.sigma_bias = self.add_weight(
                shape=(self.units,),
                initializer=tf.keras.initializers.Constant(value=self.sigma_init),
                name='sigma_bias',
                trainable=self.trainable)

        else:
            self.bias = None
            self.epsilon_bias = None

        super().build(input_shape)

    def call(self, inputs):
        # Implement Eq.(9)
        perturbed_kernel = self.kernel + \
            self.sigma_kernel * K.random_uniform(shape=self.kernel_shape)
        outputs = K.dot(inputs, perturbed_kernel)
        if self.use_bias:
            perturbed_bias = self.bias + \
                self.sigma_bias * K.random_uniform(shape=self.bias_shape)
            outputs = K.bias_add(outputs, perturbed_bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)


# --- tf2rl/networks/dqn_model.py ------------------------------------------------------------
class AtariQFunc(tf.keras.Model):
    def __init__(self, state_shape, action_dim, units=None,
                 name="QFunc", enable_dueling_dqn=False,
                 enable_noisy_dqn=False, enable_categorical_dqn=False,
                 n_atoms=51):
        super().__init__(name=name)
        self._enable_dueling_dqn = enable_dueling_dqn
        self._enable_noisy_dqn = enable_noisy_dqn
        self._enable_categorical_dqn = enable_categorical_dqn
        if enable_categorical_dqn:
            self._action_dim = action_dim
            self._n_atoms = n_atoms
            action_dim = (action_dim + int(enable_dueling_dqn)) * n_atoms

        DenseLayer = NoisyDense if enable_noisy_dqn else Dense

        self.conv1 = Conv2D(32, kernel_size=(8, 8), strides=(4, 4),
                            padding='valid', activation='relu')
        self.conv2 = Conv2D(64, kernel_size=(4, 4), strides=(2, 2),
                            padding='valid', activation='relu')
        self.conv3 = Conv2D(64, kernel_size=(3, 3), strides=(1, 1),
                            padding='valid', activation='relu')
        self.flat = Flatten()
        self.fc1 = DenseLayer(512, activation='relu')
        self.fc2 = DenseLayer(action_dim, activation='linear')

        if self._enable_dueling_dqn and not enable_categorical_dqn:
            self.fc3 = DenseLayer(1, activation='linear')

        input_shape = (1,) + state_shape
        with tf.device("/cpu:0"):
            self(inputs=tf.constant(np.zeros(shape=input_shape,
                                             dtype=np.float32)))

    def call(self, inputs):
        features = tf.divide(tf.cast(inputs, tf.float32),
                             tf.constant(255.))
        features = self.conv1(features)
        features = self.conv2(features)
        features = self.conv3(features)
        features = self.flat(features)
        features = self.fc1(features)
        if self._enable_dueling_dqn:
            advantages = self.fc2(features)
            v_values = self.fc3(features)
            q_values = v_values + \
                (advantages - tf.reduce_mean(advantages, axis=1, keepdims=True))
        else:
            q_values = self.fc2(features)
        return q_values


def build_model():
    qf = AtariQFunc(state_shape=(36, 36, 4), action_dim=4,
                    enable_dueling_dqn=True, enable_noisy_dqn=True)
    frames = np.random.default_rng(0).integers(0, 255, (2, 36, 36, 4)).astype("float32")
    return qf, frames
