"""Conv2D layers kept in plain Python lists on a subclassed Model: tracked, despite the ListWrapper worry.

A Q&A user inspecting tf.keras code saw that lists of layers assigned to `self` inside a
`models.Model` turn into `ListWrapper` objects (while the same lists on a plain `object` subclass
stay lists) and asked whether this wrapping matters. The model keeps a depth-long list of Conv2D
built by a comprehension from a shared `options` dict, one single Conv2D, and a one-element list
holding another Conv2D (with a name that collides with the single one). On Keras 3 the lists are
tracked too (no ListWrapper any more, but the layers are collected): every conv is counted and
trained once the model is called.
"""

SOURCE = "https://qa.1r1g.com/sf/ask/4468131321"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okv_listwrapper_conv_stack_in_model.py:
as returned: CustomModel, count_params() = 2569, 12 weights, unbuilt: none
after call: count_params() = 2569, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Expected count: convs_0 3*3*3*8+8=224, convs_1/convs_2/conv_0/conv_0 584 each, head 9 -> 224+4*584+9 = 2569; all 12 weights get gradients."""

import numpy as np
from tensorflow.keras import initializers, layers, models


class CustomModel(models.Model):
    def __init__(self, width, depth, **kwargs):
        super(CustomModel, self).__init__(**kwargs)
        self.width = width
        options = {
            "kernel_size": 3,
            "strides": 1,
            "padding": "same",
            "kernel_initializer": initializers.RandomNormal(mean=0.0, stddev=0.01, seed=None),
        }
        self.convs = [layers.Conv2D(filters=width, bias_initializer="zeros", name="convs_{}".format(i), **options)
                      for i in range(depth)]
        self.conv = layers.Conv2D(filters=width, bias_initializer="zeros", name="conv_{}".format(0), **options)
        self.conv2 = [layers.Conv2D(filters=width, bias_initializer="zeros", name="conv_{}".format(0), **options)]
        self.head = layers.Conv2D(filters=1, kernel_size=1, name="head")

        self.depth = depth

    def call(self, inputs, training=None):
        x = inputs
        for conv in self.convs:
            x = conv(x)
        x = self.conv(x)
        for conv in self.conv2:
            x = conv(x)
        return self.head(x)

    def get_config(self):
        return {"width": self.width, "depth": self.depth}


def build_model():
    model = CustomModel(width=8, depth=3)
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    model(images)
    return model, images
