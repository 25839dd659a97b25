"""keras-rl DQNAgent: dueling head grafted onto layers[-2] of the user's model, loss computed in a Lambda closing over self.

With `enable_dueling_network=True` the agent takes `model.layers[-2]`, grafts a new
`Dense(nb_action + 1)` onto its output, combines V and A in a `Lambda(lambda a: ...)`, and
rebuilds `Model(inputs=model.input, outputs=outputlayer)`, abandoning the user's last layer.
compile() then builds the trainable model around a `Lambda(clipped_masked_error)` whose
closure reads `self.delta_clip`. Layers made inside the agent, a dropped layer, and Lambdas that
close over the agent look like untracked / unbuilt / Lambda-captured state, but the Lambdas
capture only Python numbers and functions, every layer the new model uses is in its functional
graph (the user's output Dense is deliberately replaced by the dueling head, as the comment says),
and all weights of the agent's model are counted and get gradients.
(Keras-2 `._keras_shape` -> `.shape`; `huber_loss` from rl/util.py inlined; memory and
policies, which have no weights, omitted; the example's Sequential is written functionally
because a Keras 3 Sequential has no `.output` to graft onto.)
"""

SOURCE = "https://github.com/keras-rl/keras-rl/blob/0104a6d90bafa7a39c5cbde44eb6f4f5ecb3894f/rl/agents/dqn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oku_kerasrl_dueling_head_model_surgery.py:
as returned: Functional, count_params() = 675, 8 weights, unbuilt: none
after call: count_params() = 675, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Lambda, Input, Layer, Dense, Activation, Flatten


# --- rl/util.py ---------------------------------------------------------------------------
def huber_loss(y_true, y_pred, clip_value):
    assert clip_value > 0.
    x = y_true - y_pred
    if np.isinf(clip_value):
        return .5 * K.square(x)
    condition = K.abs(x) < clip_value
    squared_loss = .5 * K.square(x)
    linear_loss = clip_value * (K.abs(x) - .5 * clip_value)
    return tf.where(condition, squared_loss, linear_loss)


def mean_q(y_true, y_pred):
    return K.mean(K.max(y_pred, axis=-1))


# --- rl/agents/dqn.py (model-building parts) -----------------------------------------------
class DQNAgent(object):
    def __init__(self, model, nb_actions, enable_double_dqn=True, enable_dueling_network=False,
                 dueling_type='avg', delta_clip=np.inf):
        self.nb_actions = nb_actions
        self.delta_clip = delta_clip

        # Validate (important) input.
        if hasattr(model.output, '__len__') and len(model.output) > 1:
            raise ValueError('Model "{}" has more than one output. DQN expects a model that has a single output.'.format(model))
        if tuple(model.output.shape) != (None, self.nb_actions):
            raise ValueError('Model output "{}" has invalid shape. DQN expects a model that has one dimension for each action, in this case {}.'.format(model.output, self.nb_actions))

        # Parameters.
        self.enable_double_dqn = enable_double_dqn
        self.enable_dueling_network = enable_dueling_network
        self.dueling_type = dueling_type
        if self.enable_dueling_network:
            # get the second last layer of the model, abandon the last layer
            layer = model.layers[-2]
            nb_action = model.output.shape[-1]
            # layer y has a shape (nb_action+1,)
            # y[:,0] represents V(s;theta)
            # y[:,1:] represents A(s,a;theta)
            y = Dense(nb_action + 1, activation='linear')(layer.output)
            # caculate the Q(s,a;theta)
            if self.dueling_type == 'avg':
                outputlayer = Lambda(lambda a: K.expand_dims(a[:, 0], -1) + a[:, 1:] - K.mean(a[:, 1:], keepdims=True), output_shape=(nb_action,))(y)
            elif self.dueling_type == 'max':
                outputlayer = Lambda(lambda a: K.expand_dims(a[:, 0], -1) + a[:, 1:] - K.max(a[:, 1:], keepdims=True), output_shape=(nb_action,))(y)
            elif self.dueling_type == 'naive':
                outputlayer = Lambda(lambda a: K.expand_dims(a[:, 0], -1) + a[:, 1:], output_shape=(nb_action,))(y)
            else:
                assert False, "dueling_type must be one of {'avg','max','naive'}"

            model = Model(inputs=model.input, outputs=outputlayer)

        # Related objects.
        self.model = model

    def compile(self, optimizer, metrics=[]):
        metrics += [mean_q]  # register default metrics

        def clipped_masked_error(args):
            y_true, y_pred, mask = args
            loss = huber_loss(y_true, y_pred, self.delta_clip)
            loss *= mask  # apply element-wise mask
            return K.sum(loss, axis=-1)

        # Create trainable model. The problem is that we need to mask the output since we only
        # ever want to update the Q values for a certain action.
        y_pred = self.model.output
        y_true = Input(name='y_true', shape=(self.nb_actions,))
        mask = Input(name='mask', shape=(self.nb_actions,))
        loss_out = Lambda(clipped_masked_error, output_shape=(1,), name='loss')([y_true, y_pred, mask])
        ins = [self.model.input] if type(self.model.input) is not list else self.model.input
        trainable_model = Model(inputs=ins + [y_true, mask], outputs=[loss_out, y_pred])
        losses = [
            lambda y_true, y_pred: y_pred,  # loss is computed in Lambda layer
            lambda y_true, y_pred: K.zeros_like(y_pred),  # we only include this for the metrics
        ]
        trainable_model.compile(optimizer=optimizer, loss=losses)
        self.trainable_model = trainable_model
        self.compiled = True


# --- examples/duel_dqn_cartpole.py (the same stack, written functionally) --------------------
def build_model(nb_actions=2, obs_shape=(4,), window_length=1):
    obs = Input(shape=(window_length,) + obs_shape)
    x = Flatten()(obs)
    x = Dense(16)(x)
    x = Activation('relu')(x)
    x = Dense(16)(x)
    x = Activation('relu')(x)
    x = Dense(16)(x)
    x = Activation('relu')(x)
    x = Dense(nb_actions, activation='linear')(x)
    model = Model(obs, x)

    dqn = DQNAgent(model=model, nb_actions=nb_actions, enable_dueling_network=True,
                   dueling_type='avg', delta_clip=1.)
    dqn.compile(tf.keras.optimizers.Adam(learning_rate=1e-3))
    return dqn.trainable_model
