"""ANTsPyNet's tensor resampling layers (`ResampleTensorLayer2D`/`3D`, `ResampleTensorToTargetTensorLayer2D`/`3D`)
take `name=''` as their own argument and store it with `self._name = name` BEFORE calling
`super().__init__(**kwargs)` (LD013). `name` is not forwarded in `kwargs`, and Keras 3's `Layer.__init__` (through
`Operation.__init__`) assigns an auto-generated name, so the name the caller gave is silently replaced by
`resample_tensor_layer2d_<n>`: `model.get_layer('<the name given>')` then raises ValueError and saved/summarised
models show the generic name. (Settings passed in `kwargs`, e.g. `trainable=False`, survive, as they reach
`super().__init__`.)

From ANTsX/ANTsPyNet (deep-learning tools for medical imaging built on ANTsPy), `antspynet/utilities/
resample_tensor_utilities.py` at 8c2bd5f. The layers are used by its `WassersteinGanModel.build_generator()`
(`antspynet/architectures/create_wasserstein_gan_model.py`), which upsamples the reshaped latent code with
`ResampleTensorLayer2D(shape=resampled_size, interpolation_type='linear')` before each Conv2D; the 3D variant also
resamples masks in the partial-convolution U-net.

Porting edits: `ResampleTensorLayer2D` copied as written (the 3D and to-target variants have the same `__init__` and
are left out). build_model() follows `build_generator()` for a 28 x 28 x 1 image and a 100-d latent code, with the
sizes its convolutional autoencoder would give written out (7 -> 14 -> 28, filters (128, 64)) instead of building
that autoencoder; the resampling layers are given names (ours), as a user who wants to pick them out later would.
"""

SOURCE = "https://github.com/ANTsX/ANTsPyNet/blob/8c2bd5f11b633c7ba8aeb4cd8e325e0ebec5a7ac/antspynet/utilities/resample_tensor_utilities.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/ci_antspynet_resampletensorlayer2d_name_set_before_super_reset.py:
as returned: Functional, count_params() = 580865, 16 weights, unbuilt: none
after call: count_params() = 580865, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'resample_tensor_layer2d_2': 0, 'resample_tensor_layer2d_1': 0, 'resample_tensor_layer2d': 0}
second call: 0 variables watched that the first call did not use
probe_ants2.py: the three resampling layers created with name='upsample_0', 'upsample_1', 'resample_to_image' are named 'resample_tensor_layer2d', 'resample_tensor_layer2d_1', 'resample_tensor_layer2d_2' (self._name set before super().__init__() and replaced by it); model.get_layer('upsample_0') on the generator's Sequential raises ValueError 'No such layer: upsample_0'. ResampleTensorLayer2D((4, 4), name='r', trainable=False) ends up named 'resample_tensor_layer2d_3' with trainable False (kwargs reach super). No warning printed."""

import tensorflow.keras.backend as K
import tensorflow as tf

from tensorflow.keras.layers import Layer, InputSpec
from tensorflow.keras.models import Model, Sequential
from tensorflow.keras.layers import (Input, Dense, Activation, BatchNormalization, Reshape, Conv2D)


class ResampleTensorLayer2D(Layer):

    """
    Tensor resampling layer (2D).

    Arguments
    ---------
    shape : tuple
        Specifies the output shape of the resampled tensor.

    interpolation_type : string
        One of 'nearest_neighbor', 'linear', or 'cubic'.

    Returns
    -------
    Keras layer
        A keras layer

    """

    def __init__(self, shape, interpolation_type='nearest_neighbor', name='', **kwargs):

        if len(shape) != 2:
            raise ValueError("shape must be of length 2 specifying the width and " +
                             "height of the resampled tensor.")
        self.shape = shape

        allowed_types = set(['nearest_neighbor', 'linear', 'cubic'])
        if not interpolation_type in allowed_types:
            raise ValueError("interpolation_type not one of the allowed types.")
        self.interpolation_type = interpolation_type

        self._name = name

        super(ResampleTensorLayer2D, self).__init__(**kwargs)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError("Input tensor must be of rank 4.")
        return((input_shape[0], self.shape[0], self.shape[1], input_shape[3]))

    def call(self, x, mask=None):
        resampled_tensor = None
        if self.interpolation_type == 'nearest_neighbor':
            resampled_tensor = tf.image.resize(x, size=self.shape, method='nearest')
        elif self.interpolation_type == 'linear':
            resampled_tensor = tf.image.resize(x, size=self.shape, method='bilinear')
        elif self.interpolation_type == 'cubic':
            resampled_tensor = tf.image.resize(x, size=self.shape, method='bicubic')
        return(resampled_tensor)

    def get_config(self):
        config = {"shape": self.shape, "interpolation_type": self.interpolation_type}
        return dict(list(config.items()))


def build_model(input_image_size=(28, 28, 1), latent_dimension=100,
                number_of_filters_per_layer=(128, 64), kernel_size=4):
    # WassersteinGanModel.build_generator(), dimensionality 2
    model = Sequential()
    model.add(Input(shape=(latent_dimension,)))
    model.add(Dense(units=7 * 7 * 64, activation="relu"))
    model.add(Reshape((7, 7, 64)))

    count = 0
    for resampled_size in ((14, 14), (28, 28)):
        model.add(ResampleTensorLayer2D(shape=resampled_size,
                                        interpolation_type='linear',
                                        name='upsample_%d' % count))
        model.add(Conv2D(filters=number_of_filters_per_layer[count],
                         kernel_size=kernel_size,
                         padding='same'))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Activation(activation='relu'))
        count += 1

    number_of_channels = input_image_size[-1]
    spatial_dimensions = input_image_size[:2]
    model.add(ResampleTensorLayer2D(shape=spatial_dimensions,
                                    interpolation_type='linear',
                                    name='resample_to_image'))
    model.add(Conv2D(filters=number_of_channels,
                     kernel_size=kernel_size,
                     padding='same'))
    model.add(Activation(activation="tanh"))

    noise = Input(shape=(latent_dimension,))
    image = model(noise)

    generator = Model(inputs=noise, outputs=image)
    return(generator)
