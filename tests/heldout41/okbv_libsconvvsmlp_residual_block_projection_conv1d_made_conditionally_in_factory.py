"""A LIBS spectra ResNet's `residual_block()` creates a 1x1 `Conv1D` projection only when the shortcut's channel
count differs, inside the function: looks like a layer made at call time (LD002), but the function builds a
functional graph once, so every layer, the conditional projection included, is a node of the model, tracked and
trained.

From ekepes112/libs_convVsMlp (convolutional vs. MLP models for laser-induced breakdown spectroscopy, ChemCam and
SuperCam spectra), `src/modul_def_residual.py`. `residual_block(input_layer, kernel_counts)` applies two
`Conv1D(kernel_counts, 3, padding='same')` + `BatchNormalization` stages and then, `if input_layer.shape[2] !=
x.shape[2]`, rebinds `input_layer = Conv1D(filters=kernel_counts, kernel_size=1, strides=1)(input_layer)` before the
`Add()`. The pattern `if in.shape != out.shape: inputs = Conv1D(...)(inputs)` is the classic LD002 bug when written in
a subclassed layer's `call()` (a fresh, never-trained conv on every call); here it runs on symbolic Keras tensors
while the model is assembled, once per block.

Porting edits: none to the block. build_model() stacks it the way the repository's ResNet model definitions do
(a stem `Conv1D` on a spectrum, residual blocks whose widths grow, a small dense head): `keras.Input((512, 1))` ->
`Conv1D(16, 7, strides=2)` -> `residual_block(x, 16)` (no projection) -> `residual_block(x, 32)` (projection) ->
`GlobalAveragePooling1D` -> `Dense(1)`.
"""

SOURCE = "https://github.com/ekepes112/libs_convVsMlp/blob/502fd89bea7d9cb5f02bfa7775686a38ae8cbeae/src/modul_def_residual.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/okbv_libsconvvsmlp_residual_block_projection_conv1d_made_conditionally_in_factory.py:
as returned: Functional, count_params() = 7329, 30 weights, unbuilt: none
after call: count_params() = 7329, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_ok.py res): 6 Conv1D layers in the model, kernels (7, 1, 16), (3, 16, 16), (3, 16, 16), (3, 16, 32),
(3, 32, 32) and the projection (1, 16, 32) (made once, only in the 16 -> 32 block); its kernel and bias get
gradients (None: [False, False]). No warning printed."""

import keras
from keras.layers import Conv1D, BatchNormalization, Activation, Add


def residual_block(
    input_layer,
    kernel_counts: int
):
    x = Conv1D(
        filters=kernel_counts,
        kernel_size=3,
        strides=1,
        padding='same'
    )(input_layer)
    x = BatchNormalization()(x)
    x = Activation('relu')(x)
    x = Conv1D(
        filters=kernel_counts,
        kernel_size=3,
        strides=1,
        padding='same'
    )(x)
    x = BatchNormalization()(x)

    if input_layer.shape[2] != x.shape[2]:
        input_layer = Conv1D(
            filters=kernel_counts,
            kernel_size=1,
            strides=1
        )(input_layer)

    x = Add()([input_layer, x])
    x = Activation('relu')(x)

    return (x)


def build_model():
    spectrum = keras.Input((512, 1))
    x = Conv1D(filters=16, kernel_size=7, strides=2, padding='same', activation='relu')(spectrum)
    x = residual_block(x, 16)
    x = residual_block(x, 32)
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(spectrum, out)
