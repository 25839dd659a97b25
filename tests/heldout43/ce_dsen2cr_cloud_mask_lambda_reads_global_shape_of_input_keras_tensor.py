"""DSen2-CR's cloud-removal network appends an all-zero cloud-mask channel with `Lambda(concatenate_array)`, whose
function reads the module-level global `shape_n`, set just before to `tf.shape(input_opt)` on the model's own optical
input, plus the enclosing `batch_per_gpu` (LD012: a Lambda using state defined outside it). The comment says the
global is a hack "to avoid errors when pickle saving the model. Tensors are not pickable." The captured value is a
symbolic tensor of the graph being built, not a value the Lambda receives as input: on Keras 3 computing it already
fails (`tf.shape` of a KerasTensor raises ValueError), so with the default `use_cloud_mask=True` the model cannot be
built at all; the fix is to derive the shape inside the Lambda from its own input (`tf.shape(x)`). The residual
blocks' `Lambda(lambda x: x * scale)` closes over a plain float and is fine.

From ameraner/dsen2-cr (Meraner et al. 2020, "Cloud removal in Sentinel-2 imagery using a deep residual neural
network and SAR-optical data fusion"), `Code/dsen2cr_network.py` (`resBlock`, `DSen2CR_model`) at 73c379b; `Code/
dsen2cr_main.py` builds it with `use_cloud_mask=True` and `include_sar_input=True`.

Porting edits: `from keras.models import Model, Input` is split into `keras.models.Model` and `keras.Input`;
`import keras.backend as K` is `from tensorflow.keras import backend as K` (Keras 3's `keras.backend` has no
`concatenate`/`zeros`; the tf.keras backend module still has them and `set_image_data_format`). build_model() calls
`DSen2CR_model` with the main script's flags for 13 optical and 2 SAR bands on 16x16 patches, `batch_per_gpu=2`, and
2 residual blocks of 8 features instead of 16 x 256, to keep it small; it returns the model (the call raises, see
MEASURED).
"""

SOURCE = "https://github.com/ameraner/dsen2-cr/blob/73c379b3b1ed34aa316c4923f99b2ef45a21503d/Code/dsen2cr_network.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
build_model() raised ValueError: A KerasTensor cannot be used as input to a TensorFlow function. A KerasTensor is a symbolic placeholder for a shape and dtype, used when constructing Keras Functional models or Keras Functions. You can only use it as input to a Keras layer or a Keras operation (from the namespaces `keras.layers` and
The error is raised at shape_n = tf.shape(input_opt), the global the Lambda reads (use_cloud_mask=True, the main script's setting); with use_cloud_mask=False the model builds.
python probes/probe_dsen2cr.py <this file> (the same graph, the Lambda deriving the shape from its own input, tf.shape(x)): with the original K.zeros (tf.keras backend: it makes a tf.Variable) the Lambda raises NotImplementedError (Keras 3 cannot infer the output shape of a Lambda that creates a variable); with tf.zeros it builds and returns (2, 27, 16, 16)."""

from tensorflow.keras import backend as K
import tensorflow as tf
from keras.layers import Conv2D, Concatenate, Activation, Lambda, Add
from keras.models import Model
from keras import Input

K.set_image_data_format('channels_first')


def resBlock(input_l, feature_size, kernel_size, scale=0.1):
    """Definition of Residual Block to be repeated in body of network."""
    tmp = Conv2D(feature_size, kernel_size, kernel_initializer='he_uniform', padding='same')(input_l)
    tmp = Activation('relu')(tmp)
    tmp = Conv2D(feature_size, kernel_size, kernel_initializer='he_uniform', padding='same')(tmp)

    tmp = Lambda(lambda x: x * scale)(tmp)

    return Add()([input_l, tmp])


def DSen2CR_model(input_shape,
                  batch_per_gpu=2,
                  num_layers=32,
                  feature_size=256,
                  use_cloud_mask=True,
                  include_sar_input=True):
    """Definition of network structure. """

    global shape_n

    # define dimensions
    input_opt = Input(shape=input_shape[0])
    input_sar = Input(shape=input_shape[1])

    if include_sar_input:
        x = Concatenate(axis=1)([input_opt, input_sar])
    else:
        x = input_opt

    # Treat the concatenation
    x = Conv2D(feature_size, (3, 3), kernel_initializer='he_uniform', padding='same')(x)
    x = Activation('relu')(x)

    # main body of network as succession of resblocks
    for i in range(num_layers):
        x = resBlock(x, feature_size, kernel_size=[3, 3])

    # One more convolution
    x = Conv2D(input_shape[0][0], (3, 3), kernel_initializer='he_uniform', padding='same')(x)

    # Add first layer (long skip connection)
    x = Add()([x, input_opt])

    if use_cloud_mask:
        # the hacky trick with global variables and with lambda functions is needed to avoid errors when
        # pickle saving the model. Tensors are not pickable.
        # This way, the Lambda function has no special arguments and is "encapsulated"

        shape_n = tf.shape(input_opt)

        def concatenate_array(x):
            global shape_n
            return K.concatenate([x, K.zeros(shape=(batch_per_gpu, 1, shape_n[2], shape_n[3]))], axis=1)

        x = Concatenate(axis=1)([x, input_opt])

        x = Lambda(concatenate_array)(x)

    model = Model(inputs=[input_opt, input_sar], outputs=x)

    return model, shape_n


def build_model():
    model, shape_n = DSen2CR_model([(13, 16, 16), (2, 16, 16)], batch_per_gpu=2, num_layers=2, feature_size=8,
                                   use_cloud_mask=True, include_sar_input=True)
    return model
