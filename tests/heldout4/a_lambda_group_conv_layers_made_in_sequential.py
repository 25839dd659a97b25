"""A Sequential model wraps a `group_conv` helper in a Lambda; the helper makes a new Conv2D per channel group.

The post on group convolution writes `group_conv(x, filters, kernel_size, groups)`, which slices
the channels, applies a freshly constructed `Conv2D` to each slice and concatenates, and then uses
it inside a Sequential model as `Lambda(lambda x: group_conv(x, filters=64, ...))`. The Conv2D
layers live only inside the Lambda's function: the model does not track them, and every call of
the Lambda constructs new ones with new random kernels. Scaled down here (16 -> 8 channels, 4
groups).
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-group-convolution-be-implemented-in-keras.md"
CODES = ("LD012", "LD002")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py a_lambda_group_conv_layers_made_in_sequential.py:
as returned: Sequential, count_params() = 2890, 2 weights, unbuilt: none
after call: count_params() = 2890, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 8 variables the model does not track: ['sequential/lambda/conv2d_4/kernel:0', 'sequential/lambda/conv2d_4/bias:0', 'sequential/lambda/conv2d_5/kernel:0', 'sequential/lambda/conv2d_5/bias:0', 'sequential/lambda/conv2d_6/kernel:0', 'sequential/lambda/conv2d_6/bias:0']
second call: 8 variables watched that the first call did not use"""

import keras
from keras import layers


def group_conv(x, filters, kernel_size, groups):
    channels_per_group = x.shape[-1] // groups
    outputs = []
    for g in range(groups):
        group_input = x[:, :, :, g * channels_per_group:(g + 1) * channels_per_group]
        outputs.append(layers.Conv2D(filters // groups, kernel_size, padding="same")(group_input))
    return layers.concatenate(outputs)


def build_model():
    return keras.Sequential([
        keras.Input(shape=(12, 12, 16)),
        layers.Lambda(lambda x: group_conv(x, filters=8, kernel_size=(3, 3), groups=4)),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
