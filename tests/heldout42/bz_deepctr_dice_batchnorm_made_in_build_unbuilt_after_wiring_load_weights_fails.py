"""DeepCTR's "fixed" `Dice` activation creates its `BatchNormalization` sublayer in `build()` (`self.bn = ...`)
without building it and first calls it in `call()`. On Keras 3 the functional model is wired without that sublayer
ever being built (LD005): as returned, both Dice BatchNormalizations are unbuilt and their moving statistics do not
exist, so `count_params()` leaves them out and loading saved weights into a freshly constructed DIN fails; they only
appear after the first call on real data.

From shenweichen/DeepCTR, `deepctr/activations.py` at 4431d09 (2019-02-01): the library's fix of the earlier Dice
(see bz_deepctr_din_mlp..., d15a956) whose `call()` did `BatchNormalization(axis=self.axis, epsilon=self.epsilon,
center=False, scale=False)(inputs)` on every pass. Here `build()` makes `self.bn = tf.keras.layers.BatchNormalization(
axis=self.axis, epsilon=self.epsilon, center=False, scale=False)` and `self.alphas = self.add_weight(...)`, and
`call()` uses `self.bn(inputs)` (the old line left as a comment). On tf.keras 2 the sublayer was built by the
symbolic call that wires the functional model; Keras 3 traces `call()` for the output spec without building it.
Once the model has been called, everything is tracked and trained (the case looked like a correct look-alike until
it was measured).

Porting edits: `tensorflow.python.keras.*` imports -> `tensorflow.keras.*`; only `Dice` is kept (the module's
`activation_fun` helper is left out). The model is ours, DIN's deep net with its defaults wired with the Dice layers
created once: a 40-wide input (DIN's concatenated embeddings and attention-pooled history), `Dense(200)` -> `Dice()` ->
`Dense(80)` -> `Dice()` -> `Dense(1, 'sigmoid')`.
"""

SOURCE = "https://github.com/shenweichen/DeepCTR/blob/4431d09b444af02accdc640a17bd6ad8d8b130ce/deepctr/activations.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_deepctr_dice_batchnorm_made_in_build_unbuilt_after_wiring_load_weights_fails.py:
as returned: Functional, count_params() = 24641, 8 weights, unbuilt: ['BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1']
after call: count_params() = 25201, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dice': 600, 'dice_1': 240}
second call: 0 variables watched that the first call did not use
probe_dice.py / probe_dice2.py: right after wiring, dice.weights == ['dice/dicedice_alpha'] and dice.bn.built is
False (bn.moving_mean is None); after compile + 2 epochs of fit the BatchNormalization is built, its moving_mean
has moved and alphas are non-zero; model.save_weights(...) then load_weights into a freshly built second model
raises ValueError 'A total of 2 objects could not be loaded. Example error message for object
<BatchNormalization name=batch_normalization_2, built=False>: ...', and the two models' inference outputs differ.
No warning printed while wiring."""

from tensorflow.keras.layers import Layer
from tensorflow.keras.initializers import Zeros
import tensorflow as tf


class Dice(Layer):
    """The Data Adaptive Activation Function in DIN,which can be viewed as a generalization of PReLu and can adaptively adjust the rectified point according to distribution of input data.

      Input shape
        - Arbitrary. Use the keyword argument `input_shape` (tuple of integers, does not include the samples axis) when using this layer as the first layer in a model.

      Output shape
        - Same shape as the input.

      Arguments
        - **axis** : Integer, the axis that should be used to compute data distribution (typically the features axis).

        - **epsilon** : Small float added to variance to avoid dividing by zero.
    """

    def __init__(self, axis=-1, epsilon=1e-9, **kwargs):
        self.axis = axis
        self.epsilon = epsilon
        super(Dice, self).__init__(**kwargs)

    def build(self, input_shape):
        self.bn = tf.keras.layers.BatchNormalization(
            axis=self.axis, epsilon=self.epsilon, center=False, scale=False)
        self.alphas = self.add_weight(shape=(input_shape[-1],), initializer=Zeros(
        ), dtype=tf.float32, name=self.name+'dice_alpha')  # name='alpha_'+self.name
        super(Dice, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, inputs, **kwargs):

        inputs_normed = self.bn(inputs)
        # tf.layers.batch_normalization(
        # inputs, axis=self.axis, epsilon=self.epsilon, center=False, scale=False)
        x_p = tf.sigmoid(inputs_normed)
        return self.alphas * (1.0 - x_p) * inputs + x_p * inputs

    def get_config(self,):

        config = {'axis': self.axis, 'epsilon': self.epsilon}
        base_config = super(Dice, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    deep_input_emb = tf.keras.Input(shape=(40,), name='deep_input_emb')
    x = tf.keras.layers.Dense(200)(deep_input_emb)
    x = Dice()(x)
    x = tf.keras.layers.Dense(80)(x)
    x = Dice()(x)
    output = tf.keras.layers.Dense(1, 'sigmoid')(x)
    return tf.keras.Model(deep_input_emb, output)
