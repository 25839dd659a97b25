"""LoRA switched on by hand for Dense layers picked by name, after the functional model is built: the base kernels are frozen and only the adapters train, as intended.

The keras-hub `enable_lora(rank)` only targets its own attention layer names ("query_dense",
"value_dense", ...), and users asked for a way to pick other layers. The workaround people wrote
walks `model._flatten_layers()`, freezes every layer, then re-enables the chosen `Dense` layers and
calls `layer.enable_lora(rank)` on each. It looks like several bugs at once: weights added to layers
that are already built, `layer.trainable` flipped after build, a private Keras API. On Keras 3 it is
correct: `enable_lora` creates `lora_kernel_a`/`lora_kernel_b` on the built layer, makes the base
kernel non-trainable, and the model trains exactly the adapters and the chosen biases.
"""

SOURCE = "https://github.com/keras-team/keras-hub/issues/1821"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_enable_lora_by_layer_name_on_built_functional_model.py:
as returned: Functional, count_params() = 4938, 16 weights, unbuilt: none
after call: count_params() = 4938, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 7 variables the model does not track: ['query/kernel:0', 'key/kernel:0', 'key/bias:0', 'value/kernel:0', 'out_proj/kernel:0', 'out_proj/bias:0']
second call: 0 variables watched that the first call did not use
extra check (python: len(model.weights), len(model.trainable_weights), len(model.non_trainable_weights)): 16, 9, 7; the 7
variables the tape "does not track" are exactly model.non_trainable_weights (the frozen base kernels and biases:
classifier/kernel, key/bias, key/kernel, out_proj/bias, out_proj/kernel, query/kernel, value/kernel); the 9 trainable
ones are the three LoRA a/b pairs and the query, value and classifier biases, all with gradients."""

import keras


def get_lora_target_layers(model, target_names=("query", "value")):
    return [
        layer for layer in model._flatten_layers(include_self=False)
        if isinstance(layer, (keras.layers.Dense, keras.layers.EinsumDense))
        and any(name in layer.name for name in target_names)
    ]


def enable_lora(model, rank, target_names=("query", "value")):
    """Like Backbone.enable_lora, but for any layer whose name matches."""
    model.trainable = True
    for layer in model._flatten_layers(include_self=False):
        layer.trainable = False
    for layer in get_lora_target_layers(model, target_names):
        layer.trainable = True
        layer.enable_lora(rank)


def build_model():
    inputs = keras.Input(shape=(10, 32))
    q = keras.layers.Dense(32, name="query")(inputs)
    k = keras.layers.Dense(32, name="key")(inputs)
    v = keras.layers.Dense(32, name="value")(inputs)
    att = keras.layers.Attention(name="attention")([q, v, k])
    x = keras.layers.Dense(32, name="out_proj")(att)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(2, name="classifier")(x)
    model = keras.Model(inputs, outputs)
    enable_lora(model, rank=4, target_names=("query", "value", "classifier"))
    return model
