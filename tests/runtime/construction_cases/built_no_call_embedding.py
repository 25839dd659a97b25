"""A subclassed Model without build(), built by hand with model.build(shape): sublayers unbuilt."""
import keras


class Tagger(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = keras.layers.Embedding(50, 8)
        self.rnn = keras.layers.GRU(6)
        self.out = keras.layers.Dense(2)

    def call(self, ids):
        return self.out(self.rnn(self.embed(ids)))


def build_model():
    model = Tagger()
    model.build((None, 5))
    return model, keras.ops.ones((2, 5), dtype="int32")
