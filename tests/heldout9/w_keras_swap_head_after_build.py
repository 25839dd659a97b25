"""Fine-tuning helper replaces a built model's classifier head by plain attribute assignment.

The pull request (keras-team/keras #22105, "Allow sublayer/variable reassignment after build()",
fixing #18601) describes the workflow: a subclassed model is built (here by loading a
"pretrained" backbone and running one batch), then the user swaps the classification head for a
new number of classes with `model.classifier = Dense(new_classes)`. In torch and tf.Module this
replaces the child; in Keras 3 the tracker is locked after `build()`, so the assignment raises
instead of replacing the head. The PR was closed unmerged; Keras 3.15.1 still raises.
"""

SOURCE = "https://github.com/keras-team/keras/pull/22105"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_keras_swap_head_after_build.py:
build_model() raised ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method."""

import keras
import numpy as np
from keras import layers


class Backbone(keras.layers.Layer):
    def __init__(self, width=32, depth=2, **kwargs):
        super().__init__(**kwargs)
        self.width = width
        self.depth = depth
        self.blocks = [layers.Dense(width, activation="gelu", name=f"block_{i}") for i in range(depth)]
        self.norm = layers.LayerNormalization()

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return self.norm(x)

    def get_config(self):
        return {**super().get_config(), "width": self.width, "depth": self.depth}


class ImageClassifier(keras.Model):
    def __init__(self, num_classes=10, width=32, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.backbone = Backbone(width)
        self.dropout = layers.Dropout(0.1)
        self.classifier = layers.Dense(num_classes, name="classifier")

    def call(self, x, training=False):
        features = self.backbone(x)
        return self.classifier(self.dropout(features, training=training))


def load_pretrained(feature_dim=12):
    model = ImageClassifier(num_classes=10)
    model(np.zeros((1, feature_dim), "float32"))  # builds every weight
    # model.load_weights("imagenet_subset.weights.h5") in the original workflow
    return model


def replace_head(model, num_classes):
    """Swap the classification head for a new task, keep the backbone."""
    model.classifier = layers.Dense(num_classes, name="classifier_ft")
    model.num_classes = num_classes
    return model


def build_model():
    model = load_pretrained()
    model = replace_head(model, num_classes=3)
    model.backbone.trainable = False
    return model
