"""DeepMoji attention layer assigns `self.trainable_weights = [self.W]` in build(): Keras 3 refuses the assignment.

bfelbo/DeepMoji (emoji prediction / transfer learning on tweets) ends its BiLSTM stack with a
custom `AttentionWeightedAverage` layer. Its build() creates the attention vector with
`self.add_weight(...)` and then, in the Keras 1/2 habit, overwrites the weight list:
`self.trainable_weights = [self.W]`. On Keras 2 this replaced the property's backing list
(harmless, W was already tracked); on Keras 3 `trainable_weights` is a read-only property, so
building the DeepMoji functional model fails inside the attention layer's build() with
AttributeError, far from the user's code (`deepmoji_architecture(...)`). The layer also sets
`self.supports_masking` before `super().__init__()`, which Keras 3 re-derives there (True,
because compute_mask is overridden): not the defect. Ported with keras.backend tensor ops ->
keras.ops (Keras 3's keras.backend has no dot/reshape/exp).
"""

SOURCE = "https://github.com/bfelbo/DeepMoji/blob/3edf6bb9b5e1096a64abe55a6a909aa05854969f/deepmoji/attlayer.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_deepmoji_attlayer_trainable_weights_assign.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttentionWeightedAverage' object has no setter
own check: the same file with that one line replaced by `pass` builds (measured with _measure.py: count_params() = 18960, nothing unbuilt,
no None gradient)."""

import keras
from keras import initializers, ops
from keras import backend as K
from keras.layers import (Input, Bidirectional, Embedding, Dense, Dropout, SpatialDropout1D, LSTM, Activation,
                          InputSpec, Layer, concatenate)
from keras.models import Model
from keras.regularizers import L1L2


# ---------------------------------------------------------------- deepmoji/attlayer.py
class AttentionWeightedAverage(Layer):
    """
    Computes a weighted average of the different channels across timesteps.
    Uses 1 parameter pr. channel to compute the attention value for a single timestep.
    """

    def __init__(self, return_attention=False, **kwargs):
        self.init = initializers.get('uniform')
        self.supports_masking = True
        self.return_attention = return_attention
        super(AttentionWeightedAverage, self).__init__(**kwargs)

    def get_config(self):
        config = {'return_attention': self.return_attention}
        base_config = super(AttentionWeightedAverage, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def build(self, input_shape):
        self.input_spec = [InputSpec(ndim=3)]
        assert len(input_shape) == 3

        self.W = self.add_weight(shape=(input_shape[2], 1),
                                 name='{}_W'.format(self.name),
                                 initializer=self.init)
        self.trainable_weights = [self.W]
        super(AttentionWeightedAverage, self).build(input_shape)

    def call(self, x, mask=None):
        logits = ops.dot(x, self.W)
        x_shape = ops.shape(x)
        logits = ops.reshape(logits, (x_shape[0], x_shape[1]))
        ai = ops.exp(logits - ops.max(logits, axis=-1, keepdims=True))
        if mask is not None:
            mask = ops.cast(mask, K.floatx())
            ai = ai * mask
        att_weights = ai / (ops.sum(ai, axis=1, keepdims=True) + K.epsilon())
        weighted_input = x * ops.expand_dims(att_weights, -1)
        result = ops.sum(weighted_input, axis=1)
        if self.return_attention:
            return [result, att_weights]
        return result

    def get_output_shape_for(self, input_shape):
        return self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        output_len = input_shape[2]
        if self.return_attention:
            return [(input_shape[0], output_len), (input_shape[0], input_shape[1])]
        return (input_shape[0], output_len)

    def compute_mask(self, input, input_mask=None):
        if isinstance(input_mask, list):
            return [None] * len(input_mask)
        else:
            return None


# ---------------------------------------------------------------- deepmoji/model_def.py
def deepmoji_architecture(nb_classes, nb_tokens, maxlen, feature_output=False, embed_dropout_rate=0,
                          final_dropout_rate=0, embed_l2=1E-6, return_attention=False, lstm_units=16, embed_dim=16):
    model_input = Input(shape=(maxlen,), dtype='int32')
    embed_reg = L1L2(l2=embed_l2) if embed_l2 != 0 else None
    embed = Embedding(input_dim=nb_tokens, output_dim=embed_dim, mask_zero=True,
                      embeddings_regularizer=embed_reg, name='embedding')
    x = embed(model_input)
    x = Activation('tanh')(x)

    if embed_dropout_rate != 0:
        embed_drop = SpatialDropout1D(embed_dropout_rate, name='embed_drop')
        x = embed_drop(x)

    lstm_0_output = Bidirectional(LSTM(lstm_units, return_sequences=True), name="bi_lstm_0")(x)
    lstm_1_output = Bidirectional(LSTM(lstm_units, return_sequences=True), name="bi_lstm_1")(lstm_0_output)
    x = concatenate([lstm_1_output, lstm_0_output, x])

    weights = None
    x = AttentionWeightedAverage(name='attlayer', return_attention=return_attention)(x)
    if return_attention:
        x, weights = x

    if not feature_output:
        if final_dropout_rate != 0:
            x = Dropout(final_dropout_rate)(x)
        if nb_classes > 2:
            outputs = [Dense(nb_classes, activation='softmax', name='softmax')(x)]
        else:
            outputs = [Dense(1, activation='sigmoid', name='softmax')(x)]
    else:
        outputs = [x]

    if return_attention:
        outputs.append(weights)

    return Model(inputs=[model_input], outputs=outputs, name="DeepMoji")


def build_model():
    return deepmoji_architecture(nb_classes=64, nb_tokens=200, maxlen=12, embed_dropout_rate=0.25,
                                 final_dropout_rate=0.5)
