"""The hypernetwork example of "Introduction to Keras for researchers", as quoted in a qhbm-library
issue: a small `hypernetwork` predicts all coefficients of a two-layer `main_network`; inside the
GradientTape the predictions are sliced and reshaped into w0/b0/w1/b1 and written onto the main
network with `main_network.layers[0].kernel = w0`, `.bias = b0`, ... (the main network's layers are
first marked `layer.built = True` so that calling it "won't create new variables"), then the main
network is called and the gradient is taken w.r.t. `hypernetwork.trainable_weights`.

From google/qhbm-library issue #93 ("Enable differentiation through hypernetworks"), which copies the
keras.io code ("over-writes a tf.Variables with a tensor output of a hypernetwork, then
differentiates it"). The trick overwrites Dense's variable attributes with tensors. On Keras 3
`Dense.kernel` is a read-only property (the weight lives in `_kernel`), so the first write raises
`AttributeError: property 'kernel' of 'Dense' object has no setter`; moreover the forced
`layer.built = True` leaves both Dense layers without any weight at all.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); input 784 -> 8, hidden 64 -> 4, 10 -> 3 classes,
hypernetwork width 16 -> 4; the training step body is `hyper_step()` (no optimizer update, no
dataset); `build_model()` builds both networks as the example does and runs one step on a single
example (the example uses batch size 1), so it raises where the example's training would.
"""

SOURCE = "https://github.com/google/qhbm-library/issues/93"
CODES = ("LD010",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/aa_qhbm93_kerasio_hypernetwork_main_network_kernel_set_from_prediction.py:
build_model() raised AttributeError: property 'kernel' of 'Dense' object has no setter
Own probe (/tmp/mine28/a/p11.py): after make_networks() the main network's two Dense layers report built=True
but hold 0 weights each (the forced built flag skips build()); the hypernetwork's weights never receive a
gradient because the step never reaches tape.gradient."""

import numpy as np
import tensorflow as tf
import keras

input_dim = 8
hidden = 4
classes = 3

loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def make_networks():
    main_network = keras.Sequential(
        [keras.layers.Dense(hidden, activation=tf.nn.relu), keras.layers.Dense(classes)]
    )
    # It doesn't need to create its own weights, so let's mark its layers
    # as already built. That way, calling `main_network` won't create new variables.
    for layer in main_network.layers:
        layer.built = True

    # This is the number of weight coefficients to generate. Each layer in the
    # main network requires output_dim * input_dim + output_dim coefficients.
    num_weights_to_generate = (classes * hidden + classes) + (hidden * input_dim + hidden)

    hypernetwork = keras.Sequential(
        [
            keras.layers.Dense(4, activation=tf.nn.relu),
            keras.layers.Dense(num_weights_to_generate, activation=tf.nn.sigmoid),
        ]
    )
    return main_network, hypernetwork


def hyper_step(main_network, hypernetwork, x, y):
    with tf.GradientTape() as tape:
        # Predict weights for the outer model.
        weights_pred = hypernetwork(x)

        # Reshape them to the expected shapes for w and b for the outer model.
        # Layer 0 kernel.
        start_index = 0
        w0_shape = (input_dim, hidden)
        w0_coeffs = weights_pred[:, start_index : start_index + np.prod(w0_shape)]
        w0 = tf.reshape(w0_coeffs, w0_shape)
        start_index += np.prod(w0_shape)
        # Layer 0 bias.
        b0_shape = (hidden,)
        b0_coeffs = weights_pred[:, start_index : start_index + np.prod(b0_shape)]
        b0 = tf.reshape(b0_coeffs, b0_shape)
        start_index += np.prod(b0_shape)
        # Layer 1 kernel.
        w1_shape = (hidden, classes)
        w1_coeffs = weights_pred[:, start_index : start_index + np.prod(w1_shape)]
        w1 = tf.reshape(w1_coeffs, w1_shape)
        start_index += np.prod(w1_shape)
        # Layer 1 bias.
        b1_shape = (classes,)
        b1_coeffs = weights_pred[:, start_index : start_index + np.prod(b1_shape)]
        b1 = tf.reshape(b1_coeffs, b1_shape)
        start_index += np.prod(b1_shape)

        # Set the weight predictions as the weight variables on the outer model.
        main_network.layers[0].kernel = w0
        main_network.layers[0].bias = b0
        main_network.layers[1].kernel = w1
        main_network.layers[1].bias = b1

        # Inference on the outer model.
        preds = main_network(x)
        loss = loss_fn(y, preds)
    grads = tape.gradient(loss, hypernetwork.trainable_weights)
    return loss, grads


def build_model():
    main_network, hypernetwork = make_networks()
    x = np.random.default_rng(0).random((1, input_dim)).astype("float32")
    y = np.array([1])
    hyper_step(main_network, hypernetwork, x, y)
    return hypernetwork, x
