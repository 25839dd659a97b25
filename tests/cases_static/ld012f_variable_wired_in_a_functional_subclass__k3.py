# LD012 lambda-captured-state: a bare variable used while a Model subclass wires its graph in __init__
import keras
from keras import layers, ops

CASE, TITLE = "LD012f", "keras-hub style backbone: keras.Variable local added to the graph before super().__init__"
VOCAB, WIDTH = 20, 8


class PromptedEncoder(keras.Model):
    """The prompt vector is added in the graph but no layer owns it: not a weight of the model."""

    def __init__(self, **kwargs):
        tokens = keras.Input((None,), dtype="int32")
        embed = layers.Embedding(VOCAB, WIDTH)
        prompt = keras.Variable(keras.random.normal((WIDTH,), seed=1), name="prompt")
        x = embed(tokens)
        x = ops.add(x, prompt)  # LD012
        super().__init__(inputs=tokens, outputs=layers.LayerNormalization()(x), **kwargs)


class AddPrompt(layers.Layer):
    def build(self, input_shape):
        self.prompt = self.add_weight(shape=(input_shape[-1],), initializer="random_normal", name="prompt")

    def call(self, x):
        return x + self.prompt


class OwnedPromptEncoder(keras.Model):
    """Correct: the same vector, owned by a layer of the graph."""

    def __init__(self, **kwargs):
        tokens = keras.Input((None,), dtype="int32")
        x = layers.Embedding(VOCAB, WIDTH)(tokens)
        x = AddPrompt()(x)
        super().__init__(inputs=tokens, outputs=layers.LayerNormalization()(x), **kwargs)


class ScaledEncoder(keras.Model):
    """Correct: a plain number scales the graph; only layers hold weights."""

    def __init__(self, scale=2.0, **kwargs):
        tokens = keras.Input((None,), dtype="int32")
        x = layers.Embedding(VOCAB, WIDTH)(tokens)
        x = ops.multiply(x, scale)
        super().__init__(inputs=tokens, outputs=x, **kwargs)
        self.scale = scale
