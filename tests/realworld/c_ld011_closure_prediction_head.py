"""RetinaNet-style model whose prediction heads are closures returned by a factory function.

Before the fix, `PredictionHead(...)` was a function that created conv layers and returned an inner
`apply(x)` closure; the detector stored the closures on the model and called them in `call()`.
Because the attribute is a plain function, Keras never saw the conv layers: their weights were
missing from `model.weights`, so `load_weights`/`set_weights` silently skipped them.
"""

SOURCE = "https://github.com/keras-team/keras-cv/pull/768"
CODES = ("LD011",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(x): count_params() == 224 (the backbone conv only); the 6 Conv2D layers held by the two
closures (3,358 params) are not in model.weights; tf.GradientTape watches their 12 variables but they
are not in model.trainable_weights; one fit step changes 2 of 2 trainable weights (the backbone) and
never the heads; no warning."""

import keras
from keras import layers, ops, initializers


def PredictionHead(output_filters, bias_initializer, num_conv_layers=2):
    conv_layers = [
        layers.Conv2D(8, 3, padding="same", kernel_initializer=initializers.RandomNormal(stddev=0.01))
        for _ in range(num_conv_layers)
    ]
    final = layers.Conv2D(
        output_filters, 3, padding="same",
        kernel_initializer=initializers.RandomNormal(stddev=0.01),
        bias_initializer=bias_initializer,
    )

    def apply(x):
        for conv in conv_layers:
            x = ops.relu(conv(x))
        return final(x)

    return apply


class TinyRetinaNet(keras.Model):
    def __init__(self, num_classes=3, num_anchors=2, **kwargs):
        super().__init__(**kwargs)
        self.backbone = layers.Conv2D(8, 3, padding="same", activation="relu")
        self.classification_head = PredictionHead(num_anchors * num_classes, initializers.Constant(-4.6))
        self.box_head = PredictionHead(num_anchors * 4, "zeros")

    def call(self, images):
        features = self.backbone(images)
        cls = self.classification_head(features)
        box = self.box_head(features)
        batch = ops.shape(images)[0]
        return ops.concatenate([ops.reshape(box, (batch, -1, 4)), ops.reshape(cls, (batch, -1, 3))], axis=-1)


def build_model():
    model = TinyRetinaNet()
    x = keras.random.normal((2, 8, 8, 3), seed=3)
    model(x)
    return model, x
