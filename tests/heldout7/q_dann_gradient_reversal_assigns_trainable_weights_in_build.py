"""DANN's `GradientReversal` layer empties its weight list with `self.trainable_weights = []` in `build()`: on Keras 3 building the domain branch raises AttributeError.

ajgallego/DANN (domain-adversarial training in Keras) wraps the feature extractor's output in a
gradient reversal layer before the domain classifier. The layer, adapted from
michetonu/gradient_reversal_keras_tf, has no weights of its own and says so in `build()` by assigning
`self.trainable_weights = []`, a Keras 1/2 idiom. In ajgallego/DANN#1 the reporter got
`AttributeError: Can't set the attribute "trainable_weights"` on tf.keras 2. Keras 3 makes
`trainable_weights` a read-only property too, so wiring `DANNModel` fails at the first call of the
layer. Reproduced with the Keras 3 spellings of the same pieces (`keras.Variable` for the
`K.variable` lambda, `tf.custom_gradient` for the graph `gradient_override_map`).
"""

SOURCE = "https://github.com/ajgallego/DANN/issues/1"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_dann_gradient_reversal_assigns_trainable_weights_in_build.py:
build_model() raised AttributeError: property 'trainable_weights' of 'GradientReversal' object has no setter"""

import keras
import tensorflow as tf
from keras.layers import Dense, Flatten, Input, Layer
from keras.models import Model


class GradientReversal(Layer):
    '''Flip the sign of gradient during training.'''

    def __init__(self, hp_lambda, **kwargs):
        super(GradientReversal, self).__init__(**kwargs)
        self.supports_masking = False
        self.hp_lambda = keras.Variable(hp_lambda, dtype="float32", name="hp_lambda", trainable=False)

    def build(self, input_shape):
        self.trainable_weights = []

    def reverse_gradient(self, X):
        '''Flips the sign of the incoming gradient during training.'''
        hp_lambda = self.hp_lambda

        @tf.custom_gradient
        def _flip_gradients(x):
            def grad(dy):
                return tf.negative(dy) * hp_lambda
            return tf.identity(x), grad

        return _flip_gradients(X)

    def call(self, x, mask=None):
        return self.reverse_gradient(x)

    def compute_output_shape(self, input_shape):
        return input_shape

    def set_hp_lambda(self, hp_lambda):
        self.hp_lambda.assign(hp_lambda)

    def get_config(self):
        config = {}
        base_config = super(GradientReversal, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    # DANNModel.__build_dann_model: features -> GRL -> domain head; features -> label head
    image = Input(shape=(28, 28, 1))
    branch_features = Dense(64, activation="relu")(Flatten()(image))
    grl_layer = GradientReversal(1.0)
    branch_domain = grl_layer(branch_features)
    branch_domain = Dense(32, activation="relu")(branch_domain)
    branch_domain = Dense(2, activation="softmax", name="domain_output")(branch_domain)
    branch_label = Dense(10, activation="softmax", name="classifier_output")(branch_features)
    return Model(inputs=image, outputs=[branch_domain, branch_label])
