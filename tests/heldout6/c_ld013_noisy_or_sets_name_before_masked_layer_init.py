"""deep_qa's NoisyOr sets `self.name` (and its noise settings) before `super().__init__()`: the name is reset.

allenai/deep_qa's `NoisyOr(MaskedLayer)` combines probabilities with a learned noise parameter q
(`1 - prod(1 - q * p)`). Its `__init__` stores `self.name = name` first and calls
`super().__init__(**kwargs)` last, without passing the name on; `MaskedLayer.__init__` likewise sets
`self.supports_masking = True` before its own `super().__init__()`. On Keras 3 `Layer.__init__`
assigns the layer's name (and recomputes `supports_masking`), so the name the user chose is
silently replaced by an auto-generated one: a model with a question-side and an answer-side
noisy-or gets layers called `noisy_or` and `noisy_or_1`, and the weight named after
`self.name` in `build()` follows the generated name, not the one given. Ported here to keras.ops
the way the layer reads.
"""

SOURCE = "https://github.com/allenai/deep_qa/blob/master/deep_qa/layers/noisy_or.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld013_noisy_or_sets_name_before_masked_layer_init.py:
as returned: Functional, count_params() = 14, 6 weights, unbuilt: none
after call: count_params() = 14, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_or': 1, 'noisy_or_1': 1}
second call: 0 variables watched that the first call did not use
extra check (python: [l.name for l in model.layers if isinstance(l, NoisyOr)]): ['noisy_or', 'noisy_or_1'] although the layers were built with name='question_noisy_or' and name='answer_noisy_or'; their weights are 'noisy_or/noisy_or_noise_param' and 'noisy_or_1/noisy_or_1_noise_param'; no warning printed."""

import keras
from keras import layers, ops


class MaskedLayer(layers.Layer):
    """Base class so every layer can take `mask=None` in call without a pylint disable."""

    def __init__(self, **kwargs):
        self.supports_masking = True
        super(MaskedLayer, self).__init__(**kwargs)

    def call(self, inputs, mask=None):
        raise NotImplementedError


class BetweenZeroAndOne(keras.constraints.Constraint):
    def __call__(self, p):
        return ops.clip(p, keras.config.epsilon(), 1.0)


class NoisyOr(MaskedLayer):
    def __init__(self, axis=-1, name="noisy_or", param_init="uniform", noise_param_constraint=None, **kwargs):
        self.axis = axis
        self.param_init = param_init
        self.name = name
        # The noisy-or equation includes a noise parameter (q) which is learned during training.
        self.noise_parameter = None
        self.noise_param_constraint = noise_param_constraint
        super(NoisyOr, self).__init__(**kwargs)

    def build(self, input_shape):
        self.noise_parameter = self.add_weight(
            shape=(),
            name=self.name + "_noise_param",
            initializer=self.param_init,
            regularizer=keras.regularizers.l1_l2(l2=0.001),
            constraint=self.noise_param_constraint,
            trainable=True,
        )
        super(NoisyOr, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        if self.axis == -1:
            return input_shape[:-1]
        return input_shape[: self.axis - 1] + input_shape[self.axis :]

    def compute_mask(self, inputs, mask=None):
        if mask is not None:
            return ops.any(mask, axis=self.axis)
        return None

    def call(self, inputs, mask=None):
        probabilities = inputs
        if mask is not None:
            probabilities = probabilities * ops.cast(mask, "float32")
        noisy_probs = 1.0 - self.noise_parameter * probabilities
        return 1.0 - ops.prod(noisy_probs, axis=self.axis)


def build_model():
    question = keras.Input(shape=(6, 8), name="question_facts")
    answer = keras.Input(shape=(6, 8), name="answer_facts")
    scorer = layers.Dense(1, activation="sigmoid", name="fact_scorer")
    question_probs = layers.Reshape((6,))(scorer(question))
    answer_probs = layers.Reshape((6,))(scorer(answer))
    question_or = NoisyOr(name="question_noisy_or", noise_param_constraint=BetweenZeroAndOne())(question_probs)
    answer_or = NoisyOr(name="answer_noisy_or", noise_param_constraint=BetweenZeroAndOne())(answer_probs)
    both = layers.Concatenate()([layers.Reshape((1,))(question_or), layers.Reshape((1,))(answer_or)])
    return keras.Model([question, answer], layers.Dense(1)(both))
