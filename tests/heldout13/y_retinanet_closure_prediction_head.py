"""RetinaNet-style subclassed model whose classification/box heads are closure-style "layers" (functions returning `apply`).

KerasCV's early RetinaNet built its prediction heads with a function `PredictionHead(output_filters,
bias_initializer)` that created the Conv2D stack and returned an inner `apply(x)` closure; the
RetinaNet model stored the returned function as `self.classification_head` / `self.box_head`
and called it on every FPN level in `call()`.  Weight loading silently failed: a function is
not a Layer, so the convs living in its closure are never tracked by the model.
"""

SOURCE = "https://github.com/keras-team/keras-cv/issues/766"
CODES = ("LD011",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py y_retinanet_closure_prediction_head.py:
as returned: RetinaNet, count_params() = 6832, 10 weights, unbuilt: none
after call: count_params() = 6832, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 12 variables the model does not track: ['retina_net/kernel:0', 'retina_net/bias:0', 'retina_net/kernel:0', 'retina_net/bias:0', 'retina_net/kernel:0', 'retina_net/bias:0']
params of the case's own layers: {'feature_pyramid': 800}
second call: 0 variables watched that the first call did not use
The 12 untracked variables are the kernels/biases of the six Conv2D layers living in the two PredictionHead closures (2 x 2 x (16*16*9+16) + (16*27*9+27) + (16*36*9+36) = 18,415 params missing from count_params() = 6,832); they are used in call() but are not in model.weights, so fit() never updates them and save/load skips them."""

import keras
from keras import layers, ops


def PredictionHead(output_filters, bias_initializer, conv_layers=2, width=16):
    """Closure-style prediction head shared across FPN levels."""
    convs = [
        layers.Conv2D(width, 3, padding="same",
                      kernel_initializer=keras.initializers.RandomNormal(stddev=0.01))
        for _ in range(conv_layers)
    ]
    head = layers.Conv2D(output_filters, 3, padding="same",
                         kernel_initializer=keras.initializers.RandomNormal(stddev=0.01),
                         bias_initializer=bias_initializer)

    def apply(x):
        for conv in convs:
            x = ops.relu(conv(x))
        return head(x)

    return apply


class FeaturePyramid(keras.layers.Layer):
    def __init__(self, width=16, **kwargs):
        super().__init__(**kwargs)
        self.lateral_3 = layers.Conv2D(width, 1)
        self.lateral_4 = layers.Conv2D(width, 1)
        self.up = layers.UpSampling2D(2)

    def call(self, inputs):
        c3, c4 = inputs
        p4 = self.lateral_4(c4)
        p3 = self.lateral_3(c3) + self.up(p4)
        return p3, p4


class RetinaNet(keras.Model):
    def __init__(self, num_classes=3, num_anchors=9, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.stem = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")
        self.stage3 = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")
        self.stage4 = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")
        self.feature_pyramid = FeaturePyramid()
        prior_probability = keras.initializers.Constant(-4.59)
        self.classification_head = PredictionHead(num_anchors * num_classes, prior_probability)
        self.box_head = PredictionHead(num_anchors * 4, "zeros")

    def call(self, images, training=False):
        c3 = self.stage3(self.stem(images))
        c4 = self.stage4(c3)
        features = self.feature_pyramid((c3, c4))
        batch = ops.shape(images)[0]
        cls_outputs, box_outputs = [], []
        for feature in features:
            box_outputs.append(ops.reshape(self.box_head(feature), (batch, -1, 4)))
            cls_outputs.append(ops.reshape(self.classification_head(feature), (batch, -1, self.num_classes)))
        return ops.concatenate([ops.concatenate(box_outputs, axis=1),
                                ops.concatenate(cls_outputs, axis=1)], axis=-1)


def build_model():
    model = RetinaNet()
    images = keras.ops.ones((2, 32, 32, 3))
    model(images)
    return model, images
