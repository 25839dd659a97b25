"""A motion-conditioned MRI reconstruction net whose hypernetwork is built as its own functional
`keras.Model` (`get_motion_hypernetwork()`: 18 motion parameters -> a stack of Dense layers -> 16
features) and then taken apart: the outer builder grabs `hyp_net.input` and `hyp_net.output` and wires
them into a second, larger functional model (`m_inputs = (inputs, hyp_input)`, the hyper tensor fed to
every hyper-conditioned block), never calling `hyp_net` itself.

From nalinimsingh/neuroMoCo (`training/hypermodels.py` with the wiring of `training/models.py`,
`get_multicoil_interlacer_model(hyp_model=True)`). Looks like re-using a model's internals that the
outer model will not own (a Model's symbolic input/output tensors borrowed across models, the
hypernetwork's layers never assigned anywhere), but on Keras 3 the outer functional graph walks back
from the outputs through the borrowed tensors, so every hypernetwork Dense becomes a layer of the
outer model: counted, trained (gradients reach all of them) and saved with it.

Porting edits: `tensorflow.keras` -> `keras`; the 6 x 256-unit hypernetwork -> 3 x 8 units (last layer
16 as in the file); the `interlacer` package's hyper-conditioned `BatchNormConv`/`Interlacer` blocks
replaced by a stand-in with the same inputs (a 3x3 `Conv2D` on the k-space image whose output is scaled
per channel by a Dense projection of the hyper tensor); 2-coil 16x16 k-space input.
"""

SOURCE = "https://github.com/nalinimsingh/neuroMoCo/blob/b717325b8ea6f053d9913094e2c0dc7a776394e4/training/hypermodels.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okaa_neuromoco_hypernetwork_input_output_tensors_wired_into_outer_model.py:
as returned: Functional, count_params() = 732, 12 weights, unbuilt: none
after call: count_params() = 732, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine28/a/p16.py): the outer model's layers are hyp_input, hyp_dense_1..3, input_layer, dense, conv2d,
reshape, multiply, conv2d_1; all six hypernetwork weights (hyp_dense_1..3 kernel/bias) are in its trainable_weights."""

import tensorflow as tf
import keras
from keras.layers import Input, Dense, Conv2D, Multiply, Reshape


def get_motion_hypernetwork(input_shape=[18], n_layers=3, n_units=8):
    """Constructs a hypernetwork and associated network.

    The hypernetwork has eighteen input parameters: For each of 6 shots, a
    horizontal and vertical translation, and a counterclockwise rotation.  """

    hyp_input = keras.Input(shape=input_shape, name='hyp_input')
    hyp_last = hyp_input

    for n in range(n_layers):
        if(n==n_layers-1):
            n_units = 16
        hyp_last = Dense(n_units, activation='relu',
                         name='hyp_dense_%d' % (n + 1))(hyp_last)

    hyp_model = keras.Model(inputs=hyp_input, outputs=hyp_last,
                            name='hypernet')

    return hyp_model


def hyper_conv_block(x, hyp_tensor, num_features):
    # stand-in for interlacer's BatchNormConv(num_features, 1, hyp_conv=True)((x, hyp_tensor))
    conv = Conv2D(num_features, 3, padding='same')(x)
    scale = Reshape((1, 1, num_features))(Dense(num_features)(hyp_tensor))
    return Multiply()([conv, scale])


def get_multicoil_interlacer_model(input_size, num_features, num_coils, n_units=8, hyp_model=True):
    inputs = Input(input_size)
    if (hyp_model):
        hyp_net = get_motion_hypernetwork(n_units=n_units)
        hyp_input = hyp_net.input
        hyp_tensor = hyp_net.output
        m_inputs = (inputs, hyp_input)
    else:
        hyp_tensor = None
        m_inputs = inputs

    freq_in = hyper_conv_block(inputs, hyp_tensor, num_features)
    output = Conv2D(2 * num_coils, 3, activation=None, padding='same',
                    kernel_initializer='he_normal')(freq_in) + inputs

    model = keras.models.Model(inputs=m_inputs, outputs=output)
    return model


def build_model():
    return get_multicoil_interlacer_model((16, 16, 4), num_features=4, num_coils=2)
