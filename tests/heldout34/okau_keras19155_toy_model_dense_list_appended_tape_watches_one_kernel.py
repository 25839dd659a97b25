"""A Keras 3 user builds a `keras.Model` whose Dense layers live in a list filled by `append` in
`__init__`, then differentiates it with a `tf.GradientTape` that watches only one layer's kernel: the
layers are tracked, counted and every kernel gets a gradient.

From keras-team/keras#19155 (2024-02, Keras 3.0 + TF 2.15, "Incompatibility in 'tf.GradientTape.watch'
... in Keras 3.0"): `toy_model(keras.Model)` starts `self.layers_list = []` in `__init__` and appends
three tanh Dense layers (100, 1000 and 10 units); the model is scalar-valued and the user wants the
gradient with respect to one tensor of the variables, so the tape is opened with
`watch_accessed_variables=False` and `tape.watch(...)` on a single kernel. The report's error was that
`tape.watch` refused a `KerasVariable` on Keras 3.0 (fixed later; `.value` was the workaround, see
keras-team/keras#20274).

Why it looks buggy: layers kept in a plain Python list started empty and grown with `append` (LD011's
pattern; the tf.keras 2 era had real trouble with lists mutated after assignment), and a training loop
that reads a Keras variable directly inside a hand-rolled tape. Measured on Keras 3.15: the three Dense
layers (and the scalar head) are tracked through the list, counted by `count_params()`, and the watched
kernel gets a non-None gradient once the tape is given the backend variable (`kernel.value`).

Porting edits: the thread's excerpt shows `__init__` up to the third Dense; the scalar output layer
(Dense(1)) and `call` (apply the list in order, then the head) are written as the report describes a
scalar-valued model; `tape.watch(kernel)` / `tape.gradient(y, kernel)` -> `kernel.value` in both (the
thread's workaround: on Keras 3.15 + TF 2.21 `tape.watch` still raises "Passed in object <Variable
path=toy_model/dense_1/kernel ...> of type 'Variable', not tf.Tensor or tf.Variable", measured before the
edit). `os.environ["KERAS_BACKEND"]` and the seed call are dropped (the harness sets the
backend). `build_model()` returns the model and a (4, 3) input batch.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19155"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/okau_keras19155_toy_model_dense_list_appended_tape_watches_one_kernel.py:
as returned: toy_model, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 111421, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_19155.py, the user's one-kernel tape): watched kernel toy_model/dense_1/kernel, gradient shape (100, 1000), nonzero: True;
count_params 111421 = 3*100+100 + 100*1000+1000 + 1000*10+10 + 10+1, 8 trainable weights (4 Dense layers, 3 from the appended list)."""

import numpy as np
import tensorflow as tf
import keras


class toy_model(keras.Model):
    def __init__(self, **kwargs):
        super(toy_model, self).__init__()
        
        self.layers_list = []
        self.layers_list.append(keras.layers.Dense(units=100,
                                                   activation="tanh",
                                                   use_bias=True))
        self.layers_list.append(keras.layers.Dense(units=1000,
                                                   activation="tanh",
                                                   use_bias=True))
        self.layers_list.append(keras.layers.Dense(units=10,
                                                   activation="tanh",
                                                   use_bias=True))
        self.output_layer = keras.layers.Dense(units=1, use_bias=True)

    def call(self, inputs):
        x = inputs
        for layer in self.layers_list:
            x = layer(x)
        return self.output_layer(x)


def gradient_wrt_one_kernel(model, X):
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(model.layers_list[1].kernel.value)
        y = tf.reduce_sum(model(X))
    return tape.gradient(y, model.layers_list[1].kernel.value)


def build_model():
    X = np.random.default_rng(1234).random((4, 3)).astype("float32")
    model = toy_model()
    return model, X
