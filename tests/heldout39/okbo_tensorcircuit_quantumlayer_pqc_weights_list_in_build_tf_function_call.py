"""tensorcircuit's `QuantumLayer` keeps its circuit parameters as `add_weight` variables appended to a plain list
`self.pqc_weights` created in `build()` after `super().build()`, and its `@tf.function` `call()` passes them into the
quantum function through a `lambda` closure given to `tf.vectorized_map`: on Keras 3 the list is tracked, the weights
are counted and all get gradients.

From tencent-quantum-lab/tensorcircuit, `tensorcircuit/keras.py` (the Keras wrapper of a parameterised quantum
circuit, `tc.keras.QuantumLayer(f, weights_shape)`). `__init__` stores the circuit function `f`, the list of weight
shapes, initializers and constraints; `build()` calls `super().build(input_shape)` first and then appends one
`add_weight("PQCweights%i")` per shape to `self.pqc_weights`; `call()` (decorated with `@tf.function`) maps
`lambda vec: self.f(vec, *self.pqc_weights)` over the batch. What a naive checker flags: variables in a Python list
made in `build()` after the super call, the closure over `self.pqc_weights` (reads as LD011/LD012), a tf.function
call.

Porting edits: the layer is kept as written (`rdtypestr` from `tensorcircuit.cons` is its default, "float32"). The
circuit is tensorcircuit's documented Keras example (`qpred`: RX encoding of the input, then `nlayers` of CNOT ladder
+ RX/RY on every qubit, `<Z>` of the middle qubit); tensorcircuit itself is not installed, so `qpred` simulates the
2-qubit state vector with plain TensorFlow ops (4x4 gate matrices, same gates in the same order). build_model():
`Input((2,))` -> `QuantumLayer(qpred, [(2 * nlayers, n)])` -> `Dense(1, activation="sigmoid")`, n=2, nlayers=2.
"""

SOURCE = "https://github.com/tencent-quantum-lab/tensorcircuit/blob/0b04952a3f9cd2486db4f17187cf22f7aedb8021/tensorcircuit/keras.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/okbo_tensorcircuit_quantumlayer_pqc_weights_list_in_build_tf_function_call.py:
as returned: Functional, count_params() = 10, 3 weights, unbuilt: none
after call: count_params() = 10, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quantum_layer': 8}
second call: 0 variables watched that the first call did not use
(8 = PQCweights0 of shape (2*nlayers, n) = (4, 2), appended to the plain list `self.pqc_weights`.)"""

from typing import Any, Callable, List, Optional, Sequence, Text, Tuple, Union

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer
from tensorflow.keras import initializers, constraints

rdtypestr = "float32"


class QuantumLayer(Layer):  # type: ignore
    def __init__(
        self,
        f: Callable[..., Any],
        weights_shape: Sequence[Tuple[int, ...]],
        initializer: Union[Text, Sequence[Text]] = "glorot_uniform",
        constraint: Optional[Union[Text, Sequence[Text]]] = None,
        **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if isinstance(weights_shape[0], int):
            weights_shape = [weights_shape]
        self.number_weights = len(weights_shape)
        self.f = f
        self.weights_shape = weights_shape
        if not (isinstance(initializer, list) or isinstance(initializer, tuple)):
            initializer = [initializer for _ in range(self.number_weights)]  # type: ignore
        self.initializer = [
            initializers.get(item) if isinstance(item, str) else item
            for item in initializer
        ]
        if not (isinstance(constraint, list) or isinstance(constraint, tuple)):
            constraint = [constraint for _ in range(self.number_weights)]  # type: ignore
        self.constraint = [
            constraints.get(item) if isinstance(item, str) else item
            for item in constraint
        ]

    def build(self, input_shape: Optional[List[int]] = None) -> None:
        if input_shape is None:
            input_shape = [1, 1]
        super().build(input_shape)
        self.pqc_weights = []
        for i, (shape, init, cst) in enumerate(
            zip(self.weights_shape, self.initializer, self.constraint)
        ):
            self.pqc_weights.append(
                self.add_weight(
                    name="PQCweights%s" % i,
                    shape=shape,
                    dtype=getattr(np, rdtypestr),  # type: ignore
                    trainable=True,
                    initializer=init,
                    constraint=cst,
                )
            )

    @tf.function  # type: ignore
    def call(
        self,
        inputs: tf.Tensor,
        training: Optional[bool] = None,
        mask: Optional[tf.Tensor] = None,
        **kwargs: Any
    ) -> tf.Tensor:
        if inputs is None:
            result = self.f(*self.pqc_weights, **kwargs)
        elif len(inputs.shape) == 1:
            result = self.f(inputs, *self.pqc_weights, **kwargs)
        else:
            result = tf.vectorized_map(
                lambda vec: self.f(vec, *self.pqc_weights, **kwargs),
                inputs,
            )
        return result


# --- a plain-TensorFlow stand-in for tensorcircuit's 2-qubit circuit (tc is not installed) ---
n = 2
nlayers = 2


def _rx(theta):
    c = tf.cast(tf.cos(theta / 2), tf.complex64)
    s = tf.cast(tf.sin(theta / 2), tf.complex64)
    return tf.stack([tf.stack([c, -1j * s]), tf.stack([-1j * s, c])])


def _ry(theta):
    c = tf.cast(tf.cos(theta / 2), tf.complex64)
    s = tf.cast(tf.sin(theta / 2), tf.complex64)
    return tf.stack([tf.stack([c, -s]), tf.stack([s, c])])


_I2 = tf.eye(2, dtype=tf.complex64)
_CNOT = tf.constant([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=tf.complex64)
_Z1 = tf.constant(np.kron(np.eye(2), np.diag([1.0, -1.0])), dtype=tf.complex64)  # Z on qubit n // 2 = 1


def _on(gate, i):
    return tf.linalg.LinearOperatorKronecker(
        [tf.linalg.LinearOperatorFullMatrix(gate if i == 0 else _I2),
         tf.linalg.LinearOperatorFullMatrix(gate if i == 1 else _I2)]).to_dense()


def qpred(x, weights):
    state = tf.constant([1, 0, 0, 0], dtype=tf.complex64)[:, None]
    for i in range(n):
        state = _on(_rx(x[i]), i) @ state
    for j in range(nlayers):
        for i in range(n - 1):
            state = _CNOT @ state
        for i in range(n):
            state = _on(_rx(weights[2 * j, i]), i) @ state
            state = _on(_ry(weights[2 * j + 1, i]), i) @ state
    ypred = tf.math.real(tf.linalg.adjoint(state) @ _Z1 @ state)[0]
    return ypred


def build_model():
    inputs = tf.keras.Input((n,))
    x = QuantumLayer(qpred, [(2 * nlayers, n)])(inputs)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    return tf.keras.Model(inputs, outputs)
