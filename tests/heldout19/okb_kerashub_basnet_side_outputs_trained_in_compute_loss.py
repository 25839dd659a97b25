"""BASNet image segmenter (keras-hub): the task model outputs only "refine_out"; the
backbone's side predictions "predict_out_*" reach the loss only through a compute_loss()
that calls the backbone a second time.

Looks like heads that are never trained: the functional task model is wired with
`outputs = backbone(x)["refine_out"]`, so the prediction heads behind `predict_out_1..n`
feed nothing the model returns, and `compute_loss()` ignores part of its arguments and
re-runs `self.backbone(x)`. On Keras 3 it is right: the backbone is one node of the task's
graph, so every weight of it (side heads included) is in `model.trainable_weights`, and
the summed per-output loss gives each head a gradient; one fit step moves all of them.

Porting edits: the task subclasses keras.Model (keras-hub's ImageSegmenter is a thin
functional Model) with no preprocessor; a tiny functional backbone with one refine output
and two side outputs (dict of sigmoid Activations named like BASNetBackbone's) instead of
the ResNet encoder and RRM; 16x16 images. __init__, compute_loss and compile are keras-hub's.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/models/basnet/basnet.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/okb_kerashub_basnet_side_outputs_trained_in_compute_loss.py
  as returned: BASNetImageSegmenter, count_params() = 205, 8 weights, unbuilt: none
  after call: count_params() = 205, 8 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 8 trainable weights: []
  tape watched 0 variables the model does not track: []
/tmp/mine19b/m_basnet.py (one fit step through the overridden compute_loss, 4 images):
  trainable 8 (predict_head_1/kernel, predict_head_1/bias, predict_head_2/kernel, predict_head_2/bias
  among them); no warnings; changed 8 of 8"""

import keras
from keras import layers


def make_backbone(image_shape=(16, 16, 3), num_classes=1):
    inputs = keras.Input(shape=image_shape)
    feats = layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
    predict_outs = [
        layers.Conv2D(num_classes, 3, padding="same", name=f"predict_head_{i}")(feats)
        for i in range(1, 3)
    ]
    refine = layers.Conv2D(num_classes, 3, padding="same", name="refine_head")(
        layers.Concatenate()(predict_outs)
    )
    outputs = [refine] + predict_outs
    output_names = ["refine_out"] + [f"predict_out_{i}" for i in range(1, len(outputs))]
    outputs = {
        output_name: layers.Activation("sigmoid", name=output_name)(output)
        for output, output_name in zip(outputs, output_names)
    }
    return keras.Model(inputs=inputs, outputs=outputs, name="basnet_backbone")


class BASNetImageSegmenter(keras.Model):
    def __init__(self, backbone, preprocessor=None, **kwargs):
        # === Functional Model ===
        x = backbone.input
        outputs = backbone(x)
        outputs = outputs["refine_out"]
        super().__init__(inputs=x, outputs=outputs, **kwargs)

        # === Config ===
        self.backbone = backbone
        self.preprocessor = preprocessor

    def compute_loss(self, x, y, y_pred, *args, **kwargs):
        # train BASNet's prediction and refinement module
        outputs = self.backbone(x)
        losses = []
        for output in outputs.values():
            losses.append(super().compute_loss(x, y, output, *args, **kwargs))
        return keras.ops.sum(losses, axis=0)

    def compile(self, optimizer="auto", loss="auto", metrics="auto", **kwargs):
        if optimizer == "auto":
            optimizer = keras.optimizers.Adam(0.001)
        if loss == "auto":
            loss = keras.losses.BinaryCrossentropy()
        if metrics == "auto":
            metrics = [keras.metrics.Accuracy()]
        super().compile(optimizer=optimizer, loss=loss, metrics=metrics, **kwargs)


def build_model():
    model = BASNetImageSegmenter(make_backbone())
    model.compile()
    return model
