# LD008 incompatible-reuse: one layer applied again to its own output of another width, the model wired
# through a module renamed by a plain assignment (`kr = keras`, `M = keras` instead of `import keras as kr`)
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix18a/measure_m.py on this file): each
# make_* function is run; the buggy ones raise while wiring, the twins return a model.
# Buggy: make_projection: Dense(32) first on 16 features, then on its own 32: ValueError "expected axis -1
# of input shape to have value 16, but received input with shape (None, 32)"; make_conv: Conv1D(8) first
# on 4 channels, then on its own 8: ValueError (expected axis -1 ... value 4, received (None, 20, 8));
# make_through_activation: Dense(20) on 10 features, an Activation (keeps the width) between, then on its
# own 20: ValueError (expected ... 10, received (None, 20)).
# Twins: make_tied: Dense(16) on 16 features reused on its own output (same width: weight tying), model
# built, 272 params; make_dropout: one Dropout applied twice, around a Dense: built; make_back_to_width:
# Dense(8) on 10 features, a Dense(10) between, then the first again on 10: built.
import keras

kr = keras
M = keras

CASE, TITLE = "LD008m", "a layer reused on its own output of another width, through a renamed module"


def make_projection():
    inp = kr.Input((16,))
    proj = kr.layers.Dense(32)
    h = proj(inp)
    h = proj(h)  # LD008
    return kr.Model(inp, h)


def make_conv():
    seq = M.Input((20, 4))
    conv = M.layers.Conv1D(8, 3, padding="same")
    z = conv(seq)
    out = conv(z)  # LD008
    return M.Model(seq, out)


def make_through_activation():
    x_in = M.layers.Input(shape=(10,))
    dense = M.layers.Dense(20)
    h = dense(x_in)
    h = M.layers.Activation("relu")(h)
    h = dense(h)  # LD008
    return M.Model(x_in, h)


def make_tied():
    inp = kr.Input((16,))
    tied = kr.layers.Dense(16)
    h = tied(inp)
    h = tied(h)
    return kr.Model(inp, h)


def make_dropout():
    inp = kr.Input((10,))
    drop = kr.layers.Dropout(0.1)
    h = drop(inp)
    h = kr.layers.Dense(6)(h)
    h = drop(h)
    return kr.Model(inp, h)


def make_back_to_width():
    inp = M.Input((10,))
    squeeze = M.layers.Dense(8)
    h = squeeze(inp)
    h = M.layers.Dense(10)(h)
    h = squeeze(h)
    return M.Model(inp, h)
