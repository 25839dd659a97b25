"""textgenrnn's `AttentionWeightedAverage` layer (one attention vector pooling the concatenated
embedding and LSTM outputs of a character-level text generator) creates its weight with `add_weight`
and then assigns `self.trainable_weights = [self.W]` in `build()`.

From Piotrekszmel/Text-Generation-RNN (`textgenrnn/AttentionWeightedAverage.py` at 7feb782f, a copy of
minimaxir's textgenrnn, wired by `textgenrnn/model.py`'s `textgenrnn_model`). `trainable_weights` is a
read-only property on Keras 3 layers, so building the layer while the functional model is wired raises
AttributeError: the model cannot be built at all.

Porting edits: `from keras.engine import InputSpec, Layer` -> `keras.layers`; `K.dot` / `K.shape` /
`K.reshape` / `K.exp` / `K.max` / `K.cast` / `K.sum` / `K.expand_dims` / `K.epsilon` -> `keras.ops` and
`keras.config.epsilon()`; `utils.new_rnn` inlined as the LSTM it returns; cfg max_length 40 -> 6,
dim_embeddings 100 -> 8, rnn_size 128 -> 4, two RNN layers kept, 12 characters; `Embedding(input_length=)`
dropped (removed in Keras 3); optimizer/compile and weight loading left out; `build_model()` calls
`textgenrnn_model` as the author's code does.
"""

SOURCE = "https://github.com/Piotrekszmel/Text-Generation-RNN/blob/7feb782f4a6fe02085b3c902f3bad2d10452afe6/textgenrnn/AttentionWeightedAverage.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/f_textgenrnn_attention_weighted_average_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttentionWeightedAverage' object has no setter
Own probe /tmp/mine22a/p12.py: AttentionWeightedAverage(name="attention").build((None, 6, 16)) raises the same
AttributeError right after add_weight created attention/attention_W (weights: ['attention/attention_W'], built False)."""

import keras
from keras import ops
from keras import initializers
from keras.layers import InputSpec, Layer
from keras.layers import Input, Embedding, Dense, LSTM, concatenate
from keras.models import Model


class AttentionWeightedAverage(Layer):
    def __init__(self, return_attention=False, **kwargs):
        self.init = initializers.get('uniform')
        self.supports_masking = True
        self.return_attention = return_attention
        super().__init__(** kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(ndim=3)]
        assert len(input_shape) == 3

        self.W = self.add_weight(shape=(input_shape[2], 1),
                                 name='{}_W'.format(self.name),
                                 initializer=self.init)
        self.trainable_weights = [self.W]
        super().build(input_shape)

    def call(self, x, mask=None):
        logits = ops.matmul(x, self.W)
        x_shape = ops.shape(x)
        logits = ops.reshape(logits, (x_shape[0], x_shape[1]))
        ai = ops.exp(logits - ops.max(logits, axis=-1, keepdims=True))

        if mask is not None:
            mask = ops.cast(mask, "float32")
            ai = ai * mask
        att_weights = ai / (ops.sum(ai, axis=1, keepdims=True) + keras.config.epsilon())
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
            return [(input_shape[0], output_len), (input_shape[0],
                                                   input_shape[1])]
        return (input_shape[0], output_len)

    def compute_mask(self, input, input_mask=None):
        if isinstance(input_mask, list):
            return [None] * len(input_mask)
        else:
            return None


def new_rnn(cfg, layer_num):
    return LSTM(cfg['rnn_size'], return_sequences=True,
                recurrent_activation='sigmoid',
                name='rnn_{}'.format(layer_num))


def textgenrnn_model(num_classes, cfg, context_size=None,
                     weights_path=None,
                     dropout=0.0):
    '''
    Builds the model architecture for textgenrnn and
    loads the specified weights for the model.
    '''

    input = Input(shape=(cfg['max_length'],), name='input')
    embedded = Embedding(num_classes, cfg['dim_embeddings'],
                         name='embedding')(input)

    rnn_layer_list = []
    for i in range(cfg['rnn_layers']):
        prev_layer = embedded if i == 0 else rnn_layer_list[-1]
        rnn_layer_list.append(new_rnn(cfg, i+1)(prev_layer))

    seq_concat = concatenate([embedded] + rnn_layer_list, name="rnn_concat")
    attention = AttentionWeightedAverage(name="attention")(seq_concat)
    output = Dense(num_classes, name="output", activation="softmax")(attention)

    model = Model(inputs=[input], outputs=[output])
    return model


def build_model():
    cfg = {'max_length': 6, 'dim_embeddings': 8, 'rnn_size': 4, 'rnn_layers': 2}
    return textgenrnn_model(12, cfg)
