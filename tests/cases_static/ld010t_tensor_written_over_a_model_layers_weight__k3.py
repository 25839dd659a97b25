# LD010 variable-shadowed: a tensor written over the weight of a layer taken from a model (`model.layers[i]`,
# a loop over `model.layers`, `model.get_layer(...)`, a local bound to one), the way MAML inner steps and
# keras.io's tf.keras-era hypernetwork example do it (tests/heldout28 MAML, hypernetwork).
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f32/m_ld010t.py):
# inner_step: AttributeError "property 'kernel' of 'Dense' object has no setter"; set_output_bias: runs, the
# model keeps 4 weights and out/bias gets a None gradient (the layer computes with the tensor);
# copy_first_kernel: ValueError "You cannot add new elements of state ... already built"; the twin
# assign_in_place (assign into the variables, set trainable) runs.
import keras
from keras import ops


def make_model():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="hidden"), keras.layers.Dense(1, name="out")])
    return model


def inner_step(model, grads, lr=0.1):
    for layer, (g_kernel, g_bias) in zip(model.layers, grads):
        layer.kernel = layer.kernel - lr * g_kernel  # LD010
        layer.bias = layer.bias - lr * g_bias  # LD010


def set_output_bias(model, value):
    model.get_layer("out").bias = ops.full((1,), value)  # LD010


def copy_first_kernel(source, target):
    first = target.layers[0]
    first.kernel = ops.convert_to_tensor(source.layers[0].kernel)  # LD010


def assign_in_place(model, grads, lr=0.1):
    # the twin that works: assign into the variables
    for layer, (g_kernel, g_bias) in zip(model.layers, grads):
        layer.kernel.assign(layer.kernel - lr * g_kernel)
        layer.bias.assign(layer.bias - lr * g_bias)
        layer.trainable = True
