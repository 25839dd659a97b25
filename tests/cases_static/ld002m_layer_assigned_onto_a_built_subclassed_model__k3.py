# LD002 state-created-in-call: a new layer stored onto a layer or subclassed model after it was built
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/lead12/measure_ld002m.py runs each make_*):
# called_then_swapped, fitted_then_extended, returned_built_by_a_loader, passed_to_a_swapper,
# swapped_by_a_method_of_a_helper_class and
# built_by_hand raise ValueError "You cannot add new elements of state (variables or sub-layers) to a layer
# that is already built" (load_trunk's build() also leaves Tower.proj unbuilt: LD005). Twins: swapped_before_the_first_call, functional_model_extended (a functional
# model itself is not locked), rebuilt_after_swap_in_a_fresh_instance and settings_after_fit run.
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD002m", "a new layer stored onto a layer or subclassed model already called, built or fitted: Keras 3 refuses new state"
FEATURES = 6


class Classifier(keras.Model):
    def __init__(self, classes=4, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(8, activation="relu")
        self.head = layers.Dense(classes)

    def call(self, x):
        return self.head(self.body(x))


class Tower(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(FEATURES)

    def call(self, x):
        return self.proj(x)


def make_called_then_swapped():
    net = Classifier()
    net(np.zeros((1, FEATURES), "float32"))
    net.head = layers.Dense(2)  # LD002
    return net


def make_fitted_then_extended():
    tower = Classifier(classes=3)
    tower.compile(optimizer="adam", loss="mse")
    tower.fit(np.zeros((4, FEATURES), "float32"), np.zeros((4, 3), "float32"), verbose=0)
    tower.adapter = keras.layers.Dense(3)  # LD002
    return tower


def load_trunk():
    trunk = Tower(name="trunk")
    trunk.build((None, FEATURES))  # LD005
    return trunk


def make_returned_built_by_a_loader():
    trunk = load_trunk()
    trunk.extra = layers.Dense(2)  # LD002
    return trunk


def restore(classes=4):
    model = Classifier(classes)
    model.predict(np.zeros((2, FEATURES), "float32"), verbose=0)
    return model


def new_task(model, classes):
    model.head = layers.Dense(classes, name="task_head")  # LD002
    return model


def make_passed_to_a_swapper():
    model = restore()
    model = new_task(model, 2)
    return model


def make_built_by_hand():
    dense = layers.Dense(FEATURES)
    dense.build((None, FEATURES))
    dense.lora = layers.Dense(2)  # LD002
    return dense


def make_swapped_before_the_first_call():
    """Correct: the head is replaced before the model is called, so nothing is locked yet."""
    net = Classifier()
    net.head = layers.Dense(2)
    net(np.zeros((1, FEATURES), "float32"))
    return net


def make_functional_model_extended():
    """Correct: a functional model itself is not locked; the new layer is tracked."""
    inputs = keras.Input((FEATURES,))
    model = keras.Model(inputs, layers.Dense(3)(inputs))
    model(np.zeros((1, FEATURES), "float32"))
    model.extra_head = layers.Dense(2)
    return model


def fresh(classes):
    return Classifier(classes)


def make_rebuilt_after_swap_in_a_fresh_instance():
    """Correct: the swap happens on a new, unbuilt instance; the built one is only read."""
    old = restore()
    new = fresh(2)
    new.body = old.body
    new(np.zeros((1, FEATURES), "float32"))
    return new


def make_settings_after_fit():
    """Correct: only settings change on the built model (no new state)."""
    net = restore()
    net.head.trainable = False
    net.name_suffix = "frozen"
    return net


class FineTuner:
    """A plain helper class: run() restores a built model and hands it to its own swap()."""

    def __init__(self, classes):
        self.classes = classes

    def swap(self, model):
        model.head = layers.Dense(self.classes)  # LD002
        return model

    def run(self):
        model = restore()
        return self.swap(model)


def make_swapped_by_a_method_of_a_helper_class():
    return FineTuner(2).run()
