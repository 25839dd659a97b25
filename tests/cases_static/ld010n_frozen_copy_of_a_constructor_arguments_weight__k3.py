# LD010 variable-shadowed: __init__ computes a tensor from a weight of a layer passed as an argument
# (`self.kernel = ops.transpose(embedding_layer.embeddings)`), without keeping the layer on self.
# Measured on Keras 3.15.1 + TF 2.21 (make_* below, then the head layer alone called on a fixed input
# under a tape): for TransposedTied, ScaledCopy and ListedCopy the passed layer's weight gets a None
# gradient through the head, and after assigning new values to that weight the head's output is
# unchanged (the copy is a constant taken when the layer was made); the head has 0 weights. TiedLive
# gets a gradient and its output follows the new values; SizedFromArgument reads only the sizes and
# trains its own kernel. Before this family lint missed the marked lines: the weight was read from a
# parameter of __init__, not from a layer held on self (ld010f, ld010m).
import keras
from keras import layers, ops
from keras import ops as K

CASE, TITLE = "LD010n", "a frozen copy of a passed layer's weight taken in __init__"
VOCAB, DIM = 20, 8


class TransposedTied(layers.Layer):
    """The bert4keras/kexue.fm shape: the output projection is the transposed embedding table."""

    def __init__(self, embedding_layer, **kwargs):
        super().__init__(**kwargs)
        self.kernel = K.transpose(embedding_layer.embeddings)  # LD010
        self.units = K.shape(self.kernel)[1]  # metadata of the copy: not another finding

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, self.kernel))


class ScaledCopy(layers.Layer):
    """A local first, then arithmetic; the argument has another name."""

    def __init__(self, source=None, scale=0.5, **kwargs):
        super().__init__(**kwargs)
        table = source.embeddings
        self.table = table * scale  # LD010

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.table))


class ListedCopy(layers.Layer):
    """The passed layer's weight reached through its variable list."""

    def __init__(self, encoder, **kwargs):
        super().__init__(**kwargs)
        self.decoder_kernel = ops.transpose(encoder.weights[0])  # LD010

    def call(self, inputs):
        return ops.matmul(inputs, self.decoder_kernel)


class TiedLive(layers.Layer):
    """Correct: the layer is kept, the transpose taken on every call."""

    def __init__(self, embedding_layer, **kwargs):
        super().__init__(**kwargs)
        self.embedding_layer = embedding_layer

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, ops.transpose(self.embedding_layer.embeddings)))


class SizedFromArgument(layers.Layer):
    """Correct: only the passed layer's sizes are read; the weight is its own."""

    def __init__(self, embedding_layer, **kwargs):
        super().__init__(**kwargs)
        self.units = embedding_layer.input_dim
        self.dim = embedding_layer.output_dim

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


def _tied(make_head):
    tokens = keras.Input((5,), dtype="int32")
    embedding = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(embedding(tokens))
    return keras.Model(tokens, make_head(embedding)(x))


def make_transposed_tied():
    return _tied(TransposedTied)


def make_scaled_copy():
    return _tied(lambda embedding: ScaledCopy(source=embedding))


def make_listed_copy():
    return _tied(ListedCopy)


def make_tied_live():
    return _tied(TiedLive)


def make_sized_from_argument():
    return _tied(SizedFromArgument)
