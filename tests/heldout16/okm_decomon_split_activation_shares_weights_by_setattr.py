"""decomon's `split_activation` (Keras 3): a copy of a built `Dense` is created without its
activation and made to share the original's variables by `setattr`-ing them onto the unbuilt copy,
building it, re-`setattr`-ing the original variables (falling back to the private `_kernel` name
because `Dense.kernel` has no setter since Keras 3.0.3) and untracking the variables the build just
made with `new_layer._tracker.untrack(...)` - correct on Keras 3.15.1.

`share_weights_and_build` stores the original's variables on the new layer before `build()` (while
the tracker is unlocked), calls the new layer on the original's symbolic input (which builds it and
creates its own kernel/bias), then overwrites those attributes with the original variables again and
drops the freshly built ones from the tracker. Variables assigned to a layer from outside, a private
`_kernel` attribute and a private tracker call look like every way to end with duplicated, orphaned
or untrained weights; measured, the copy holds exactly the original two variables (same objects),
a model built on it counts 2 weights, gives both a gradient, and reproduces the original's output.

Porting edits: none to the two functions (keras 3 code); the activation-layer half of
`split_activation` and the decomon types left out. `build_model()` applies the recipe to a
`Dense(4, activation="relu")` of a small functional model and returns the model made of the
activation-free copy followed by `Activation("relu")`.
"""

SOURCE = "https://github.com/airbus/decomon/blob/4f7bd2ff10f8dde8e6624a05a07f8000e7f123e5/src/decomon/keras_utils.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okm_decomon_split_activation_shares_weights_by_setattr.py:
as returned: Functional, count_params() = 16, 2 weights, unbuilt: none
after call: count_params() = 16, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own scripts (/tmp/mine16a/t_decomon.py, t_okfit.py): after share_weights_and_build the copy's kernel and bias are the very
objects of the original Dense (`is` True), the dropped build-time variables are gone from its weights (2 weights, 16 params),
the copy + Activation model reproduces the original model's output exactly, gradients are non-None for both, and one fit epoch
changes 2 of 2 trainable weights (which are the original layer's)."""

import keras
from keras.layers import Activation, Dense, Input, Layer


def share_layer_all_weights(
    original_layer: Layer,
    new_layer: Layer,
) -> None:
    """Share all the weights of an already built layer to another unbuilt layer."""
    share_weights_and_build(
        new_layer=new_layer, original_layer=original_layer, weight_names=[w.name for w in original_layer.weights]
    )


def share_weights_and_build(original_layer: Layer, new_layer: Layer, weight_names: list[str]) -> None:
    """Share the weights specidifed by names of an already built layer to another unbuilt layer.

    We assume that each weight is also an original_laer's attribute whose name is the weight name.
    """
    # Check the original_layer is built and the new_layer is not built
    if not original_layer.built:
        raise ValueError("The original layer must already be built for sharing its weights.")
    if new_layer.built:
        raise ValueError("The new layer must not be built to get the weights of the original layer")
    # Check that input exists really (ie that the layer has already been called on a symbolic KerasTensor
    inp = original_layer.input  # will raise a ValueError if not existing

    # store the weights as a new_layer variable before build (ie before the lock)
    for w_name in weight_names:
        w = getattr(original_layer, w_name)
        try:
            setattr(new_layer, w_name, w)
        except AttributeError:
            # manage hidden weights introduced for LoRA https://github.com/keras-team/keras/pull/18942
            w_name = f"_{w_name}"
            w = getattr(original_layer, w_name)
            setattr(new_layer, w_name, w)

    # build the layer
    new_layer(inp)
    # overwrite the newly generated weights and untrack them
    for w_name in weight_names:
        w = getattr(original_layer, w_name)
        w_to_drop = getattr(new_layer, w_name)
        try:
            setattr(new_layer, w_name, w)
        except AttributeError:
            # manage hidden weights introduced for LoRA https://github.com/keras-team/keras/pull/18942
            w_name = f"_{w_name}"
            w = getattr(original_layer, w_name)
            w_to_drop = getattr(new_layer, w_name)
            setattr(new_layer, w_name, w)
        # untrack the not used anymore weight
        new_layer._tracker.untrack(w_to_drop)


def split_activation(layer: Layer) -> list[Layer]:
    # get activation
    config = layer.get_config()
    activation = config.pop("activation", None)
    # split if needed
    if activation is None or activation == "linear" or isinstance(layer, Activation):
        return [layer]
    # layer without activation
    config["name"] = f"{layer.name}_wo_activation"
    layer_wo_activation = layer.__class__.from_config(config)
    # get expected weights names without activation (activation layer could add some weights)
    layer_wo_activation_tmp = layer.__class__.from_config(config)  # create a temporary layer w/o activation
    layer_wo_activation_tmp(layer.input)  # build it
    weights_names = [w.name for w in layer_wo_activation_tmp.weights]
    # share weights (and build the new layer)
    share_weights_and_build(original_layer=layer, new_layer=layer_wo_activation, weight_names=weights_names)
    activation_layer = Activation(activation=activation, dtype=layer.dtype, name=f"{layer.name}_activation")
    return [layer_wo_activation, activation_layer]


def build_model():
    inputs = Input((3,))
    dense = Dense(4, activation="relu")
    keras.Model(inputs, dense(inputs))
    layer_wo_activation, activation_layer = split_activation(dense)
    new_inputs = Input((3,))
    outputs = activation_layer(layer_wo_activation(new_inputs))
    return keras.Model(new_inputs, outputs)
