"""Messages Keras prints, verbatim (BEHAVIOUR.md section 4; layer names are those of the examples).

The rules quote them in `keras_says`, and the runtime recognises exceptions by the FRAGMENTS
below, each a part of one of these messages (tests/test_catalog.py checks it): one place, so the
docs and the runtime agree on the wording.
"""

from __future__ import annotations

NO_TRAINABLE = "UserWarning: The model does not have any trainable weights."
CANNOT_ADD_STATE = (
    "ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that "
    "is already built. All state must be created in the `__init__()` method or in the `build()` method."
)
SINGLETON = (
    "ValueError: tf.function only supports singleton tf.Variables created on the first call. Make "
    "sure the tf.Variable is only created once or created outside tf.function. See "
    "https://www.tensorflow.org/guide/function#creating_tfvariables for more information."
)
NOT_LIFTED = (
    "ValueError: Argument `initial_value` (Tensor(\"random_normal:0\", shape=(4, 3), dtype=float32)) "
    "could not be lifted out of a `tf.function`. (Tried to create variable with name='None'). "
    "To avoid this error, when constructing `tf.Variable`s inside of `tf.function` you can create "
    "the `initial_value` tensor in a `tf.init_scope` or pass a callable `initial_value` (e.g., "
    "`tf.Variable(lambda : tf.truncated_normal([10, 40]))`). Please file a feature request if this "
    "restriction inconveniences you."
)
GRADS_K3 = (
    "UserWarning: Gradients do not exist for variables ['linear/bias'] when minimizing the loss. "
    "If using `model.compile()`, did you forget to provide a `loss` argument?"
)
GRADS_TFK = (
    "WARNING:tensorflow:Gradients do not exist for variables ['linear/bias:0'] when minimizing the "
    "loss. If you're using `model.compile()`, did you forget to provide a `loss` argument?"
)
NO_GRADIENTS = "ValueError: No gradients provided for any variable."
UNBUILT_K3 = (
    "UserWarning: `build()` was called on layer 'classifier', however the layer does not have a "
    "`build()` method implemented and it looks like it has unbuilt state. This will cause the layer "
    "to be marked as built, despite not being actually built, which may cause failures down the "
    "line. Make sure to implement a proper `build()` method."
)

# Parts of the messages above that identify them in an exception's text (matched literally).
CANNOT_ADD_STATE_FRAGMENT = "cannot add new elements of state"
SINGLETON_FRAGMENT = "tf.function only supports singleton tf.Variables"
NOT_LIFTED_FRAGMENT = "could not be lifted out of a `tf.function`"
FRAGMENTS = {
    CANNOT_ADD_STATE_FRAGMENT: CANNOT_ADD_STATE,
    SINGLETON_FRAGMENT: SINGLETON,
    NOT_LIFTED_FRAGMENT: NOT_LIFTED,
}
