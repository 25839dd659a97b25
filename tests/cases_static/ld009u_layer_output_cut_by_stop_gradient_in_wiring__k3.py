# LD009 no-gradient: a trainable layer whose only output path is cut by stop_gradient while wiring
"""A layer with weights is applied while a functional model is wired, and every use of its output goes
through `stop_gradient` (directly, through locals, through weightless layers or ops): its weights get
no gradient and never train. The twins stop the gradient on an input, on a frozen layer, as a
straight-through estimator, or on a layer output that also reaches the model another way.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; tape over model(x) with an MSE on the
outputs, gradient per trainable weight; /tmp/fix12a/measure_ld009u.py):
  make_two_branch:     None for ['side_proj/kernel', 'side_proj/bias'] (of 6 trainable)
  make_gated:          None for ['gate/kernel', 'gate/bias'] (of 4)
  make_helper_branch:  None for ['aux/kernel', 'aux/bias'] (of 6)
  make_alias_import:   None for ['ctx_proj/kernel', 'ctx_proj/bias'] (of 6)
  make_stop_on_input:  None for none (twin)
  make_frozen_teacher: None for none; 'teacher' weights are non-trainable (twin)
  make_straight_through: None for none (twin)
  make_also_used:      None for none (twin)
  make_target_in_loss: None for none (twin)
(tf.stop_gradient on a KerasTensor raises "A KerasTensor cannot be used as input to a TensorFlow
function" on Keras 3, so it is not a silent variant here.)
"""
import keras
from keras import layers, ops
from keras.ops import stop_gradient as sg

CASE, TITLE = "LD009u", "a layer's output used only through stop_gradient in a functional model"


def make_two_branch():
    inputs = keras.Input((12,))
    h = layers.Dense(16, activation="relu")(inputs)
    side = layers.Dense(4, activation="tanh", name="side_proj")(h)
    side = ops.stop_gradient(side)  # LD009
    merged = layers.Concatenate()([h, side])
    return keras.Model(inputs, layers.Dense(1)(merged))


def make_gated():
    inputs = keras.Input((12,))
    h = layers.Dense(16, activation="relu")(inputs)
    gate = layers.Dense(16, activation="sigmoid", name="gate")
    g = gate(h)
    g = layers.Dropout(0.1)(g)
    g = keras.ops.stop_gradient(g)  # LD009
    return keras.Model(inputs, layers.Multiply()([h, g]))


def _aux_branch(x):
    aux = layers.Dense(8, name="aux")(x)
    return sg(ops.tanh(aux))  # LD009


def make_helper_branch():
    inputs = keras.Input((12,))
    h = layers.Dense(8, activation="relu")(inputs)
    out = layers.Add()([h, _aux_branch(h)])
    return keras.Model(inputs, layers.Dense(1)(out))


def make_alias_import():
    tokens = keras.Input((12,))
    enc = layers.Dense(8, activation="relu")(tokens)
    context = sg(layers.Dense(8, name="ctx_proj")(enc))  # LD009
    return keras.Model(tokens, layers.Dense(1)(layers.Add()([enc, context])))


# ---- correct twins ----------------------------------------------------------------------------

def make_stop_on_input():
    inputs = keras.Input((12,))
    frozen_in = ops.stop_gradient(inputs)
    return keras.Model(inputs, layers.Dense(1)(layers.Dense(8)(frozen_in)))


def make_frozen_teacher():
    inputs = keras.Input((12,))
    h = layers.Dense(8, activation="relu")(inputs)
    hint = layers.Dense(8, trainable=False, name="teacher")(h)
    hint = ops.stop_gradient(hint)
    return keras.Model(inputs, layers.Dense(1)(layers.Add()([h, hint])))


def make_straight_through():
    inputs = keras.Input((12,))
    x = layers.Dense(8, name="pre_quant")(inputs)
    q = ops.round(x)
    x_q = x + ops.stop_gradient(q - x)
    return keras.Model(inputs, layers.Dense(1)(x_q))


def make_also_used():
    inputs = keras.Input((12,))
    p = layers.Dense(8, name="shared_proj")(inputs)
    detached = ops.stop_gradient(p)
    return keras.Model(inputs, [layers.Dense(1)(p), layers.Dense(1)(detached)])


def distill_loss(y_true, y_pred):
    return ops.mean(ops.square(ops.stop_gradient(y_true) - y_pred))


def make_target_in_loss():
    inputs = keras.Input((12,))
    out = layers.Dense(1)(layers.Dense(8)(inputs))
    model = keras.Model(inputs, out)
    model.compile(optimizer="adam", loss=distill_loss)
    return model
