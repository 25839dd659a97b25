# LD012 lambda-captured-state: a Lambda's function, arguments or inputs, or wiring code, reading weights from outside
import keras
from keras import ops

CASE, TITLE = "LD012c", "outside layers, variables and KerasTensors reached by a Lambda, and weights read while wiring"
INPUTS = [(8,)]


def _load_encoder(width=8):
    encoder = keras.Sequential([keras.layers.Dense(width, activation="tanh")], name="encoder")
    return encoder


ENCODER = _load_encoder()
TABLE = keras.Variable(ops.ones((8, 8)), name="table")


def make_functional():
    inp = keras.Input((8,))
    encoded = keras.layers.Lambda(lambda t: ENCODER(t), output_shape=(8,))(inp)  # LD012
    out = keras.layers.Dense(1)(encoded)
    return keras.Model(inp, out)


def gated_by_another_branch():
    inp = keras.Input((8,))
    gate = keras.layers.Dense(8, activation="sigmoid")(inp)
    gated = keras.layers.Lambda(lambda t, g: t * g, arguments={"g": gate})(inp)  # LD012
    return keras.Model(inp, gated)


def variable_next_to_the_input():
    inp = keras.Input((8,))
    scores = keras.layers.Lambda(lambda pair: ops.matmul(pair[0], pair[1]))([inp, TABLE])  # LD012
    return keras.Model(inp, scores)


def tied_decoder_at_wiring():
    inp = keras.Input((8,))
    enc = keras.layers.Dense(3, use_bias=False)
    code = enc(inp)
    decoder_kernel = ops.transpose(enc.kernel)
    recon = ops.sigmoid(code @ decoder_kernel)  # LD012
    return keras.Model(inp, recon)


def tied_copy_through_get_weights():
    inp = keras.Input((8,))
    enc = keras.layers.Dense(3)
    code = enc(inp)
    frozen = enc.get_weights()[0]
    logits = keras.layers.Lambda(lambda t, k: ops.matmul(t, ops.transpose(k)), arguments={"k": frozen})(code)  # LD012
    return keras.Model(inp, logits)


class HeadBuilder:
    def __init__(self, width=8):
        self.width = width

    def build(self):
        inp = keras.Input((self.width,))
        self.temperature = keras.Variable(1.0)
        out = keras.layers.Lambda(lambda t: t / self.temperature)(inp)  # LD012
        return keras.Model(inp, out)


# Correct look-alikes: nothing outside the function but its inputs, numbers and keras.ops.
def sum_scaled_by_a_number():
    inp = keras.Input((8,))
    summed = keras.layers.Lambda(lambda t, k: ops.sum(t, axis=-1, keepdims=True) * k, arguments={"k": 3.0})(inp)
    return keras.Model(inp, summed)


def two_keras_tensors_in_the_input_list():
    inp = keras.Input((8,))
    other = keras.layers.Dense(8)(inp)
    both = keras.layers.Lambda(lambda pair: pair[0] + pair[1])([inp, other])
    return keras.Model(inp, both)


class TiedOutput(keras.layers.Layer):
    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.tied_to.kernel))


def tied_decoder_read_in_call():
    inp = keras.Input((8,))
    enc = keras.layers.Dense(3, use_bias=False)
    recon = TiedOutput(enc)(enc(inp))
    return keras.Model(inp, recon)
