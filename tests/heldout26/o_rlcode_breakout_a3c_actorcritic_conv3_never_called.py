"""The Breakout A3C agent of "Reinforcement Learning with Python/Keras" (rlcode, 2nd edition):
`ActorCritic(tf.keras.Model)` declares three convolutions in `__init__` (the DQN-Nature torso: 8x8/4,
4x4/2, 3x3/1) but `call()` goes conv1 -> conv2 -> flatten and never uses `self.conv3`.

From rlcode/reinforcement-learning-kr-v2 (`3-atari/2-breakout-a3c/train.py`); the issue reports that
`self.global_model.summary()` fails with "You tried to call `count_params` on conv2d_2, but the layer isn't
built" -- conv2d_2 is the forgotten `conv3`. On Keras 3 the model builds and trains, but `conv3` stays
unbuilt with no weights: the network is one convolution short of the architecture the author wrote, and the
summary shows the third convolution as "0 (unbuilt)".

Porting edits: widths shrunk (32/64/64 filters -> 4/8/8, shared Dense 512 -> 16, input 84x84x4 -> 36x36x4,
3 actions); the layer classes and `tf.keras.Model` kept as imported (`tensorflow.keras` is Keras 3 on TF
2.21); `build_model()` does what `A3CAgent.__init__` does (`ActorCritic(...)` then
`global_model.build(tf.TensorShape((None, *state_size)))`) and returns the built model with a batch of two
frames; the threads, gym environment and optimizer are not used.
"""

SOURCE = "https://github.com/rlcode/reinforcement-learning-kr-v2/issues/18"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/o_rlcode_breakout_a3c_actorcritic_conv3_never_called.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. ...
warning: `build()` was called on layer 'actor_critic', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de...
as returned: ActorCritic, count_params() = 0, 0 weights, unbuilt: ['Conv2D:conv2d', 'Conv2D:conv2d_1', 'Conv2D:conv2d_2', 'Flatten:flatten', 'Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
after call: count_params() = 2784, 10 trainable weights, unbuilt: ['Conv2D:conv2d_2']; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p7.py): after the author's global_model.build(...): built=True but 0 weights
(Keras 3 Model.build does not trace call); after one call the summary lists
"conv2d_2 (Conv2D) | ? | 0 (unbuilt)" next to conv2d 1,028 and conv2d_1 520, total 2,784; conv3.built is
False with 0 weights: the 3x3 convolution the author declared never exists."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Conv2D, Flatten, Dense


# ActorCritic 인공신경망
class ActorCritic(tf.keras.Model):
    def __init__(self, action_size, state_size):
        super(ActorCritic, self).__init__()

        self.conv1 = Conv2D(4, (8, 8), strides=(4, 4), activation='relu',
                            input_shape=state_size)
        self.conv2 = Conv2D(8, (4, 4), strides=(2, 2), activation='relu')
        self.conv3 = Conv2D(8, (3, 3), strides=(1, 1), activation='relu')
        self.flatten = Flatten()
        self.shared_fc = Dense(16, activation='relu')

        self.policy = Dense(action_size, activation='linear')
        self.value = Dense(1, activation='linear')

    def call(self, x):
        x = self.conv1(x)
        x = self.conv2(x)
        x = self.flatten(x)
        x = self.shared_fc(x)

        policy = self.policy(x)
        value = self.value(x)
        return policy, value


def build_model():
    state_size = (36, 36, 4)
    action_size = 3
    global_model = ActorCritic(action_size, state_size)
    # 글로벌 인공신경망의 가중치 초기화
    global_model.build(tf.TensorShape((None, *state_size)))
    frames = np.random.default_rng(0).random((2, *state_size)).astype("float32")
    return global_model, frames
