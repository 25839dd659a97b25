"""Matterport Mask R-CNN builds its Region Proposal Network once as a small functional `Model` (`build_rpn_model`) on an `Input(shape=[None, None, depth])` and calls that one model on every FPN level P2..P6; the levels differ in height and width but all have `TOP_DOWN_PYRAMID_SIZE` channels, so the shared RPN convs fit every call and are counted once.

From matterport/Mask_RCNN, `mrcnn/model.py`: `rpn_graph(feature_map, anchors_per_location, anchor_stride)` makes
`rpn_conv_shared` (3x3 Conv2D, 512), `rpn_class_raw` and `rpn_bbox_pred` (1x1 Conv2D) plus two reshaping `Lambda`s;
`build_rpn_model(anchor_stride, anchors_per_location, depth)` wraps it in `KM.Model([input_feature_map], outputs,
name="rpn_model")` ("so it can be used multiple times with shared weights"), and `MaskRCNN.build()` does
`rpn = build_rpn_model(...)` then `for p in rpn_feature_maps: layer_outputs.append(rpn([p]))` and concatenates the
per-level outputs. Look-alike of LD008/LD007 (one layer set reused on inputs of five different shapes) and of LD005
(layers created in a helper model on a throwaway `Input`, used only when that model is called inside a second,
outer model): the weights depend only on the channel count, which is the same at every level.

Porting edits: none to `rpn_graph`/`build_rpn_model` (`KL`/`KM` are `keras.layers`/`keras.models`). build_model()
reproduces the RPN part of `MaskRCNN.build()`: five pyramid inputs with 256 channels at 16, 8, 4, 2 and 1 pixels
(P2..P6 of a 64-pixel image), `RPN_ANCHOR_STRIDE = 1`, three anchor ratios, the level loop and the three
`Concatenate(axis=1)` merges, in one functional model.
"""

SOURCE = "https://github.com/matterport/Mask_RCNN/blob/master/mrcnn/model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/okbw_matterport_maskrcnn_rpn_model_built_once_applied_to_every_pyramid_level.py:
as returned: Functional, count_params() = 1189394, 6 weights, unbuilt: none
after call: count_params() = 1189394, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras.layers as KL
import keras.models as KM


def rpn_graph(feature_map, anchors_per_location, anchor_stride):
    """Builds the computation graph of Region Proposal Network."""
    # TODO: check if stride of 2 causes alignment issues if the feature map
    # is not even.
    # Shared convolutional base of the RPN
    shared = KL.Conv2D(512, (3, 3), padding='same', activation='relu',
                       strides=anchor_stride,
                       name='rpn_conv_shared')(feature_map)

    # Anchor Score. [batch, height, width, anchors per location * 2].
    x = KL.Conv2D(2 * anchors_per_location, (1, 1), padding='valid',
                  activation='linear', name='rpn_class_raw')(shared)

    # Reshape to [batch, anchors, 2]
    rpn_class_logits = KL.Lambda(
        lambda t: tf.reshape(t, [tf.shape(t)[0], -1, 2]))(x)

    # Softmax on last dimension of BG/FG.
    rpn_probs = KL.Activation(
        "softmax", name="rpn_class_xxx")(rpn_class_logits)

    # Bounding box refinement. [batch, H, W, anchors per location * depth]
    # where depth is [x, y, log(w), log(h)]
    x = KL.Conv2D(anchors_per_location * 4, (1, 1), padding="valid",
                  activation='linear', name='rpn_bbox_pred')(shared)

    # Reshape to [batch, anchors, 4]
    rpn_bbox = KL.Lambda(lambda t: tf.reshape(t, [tf.shape(t)[0], -1, 4]))(x)

    return [rpn_class_logits, rpn_probs, rpn_bbox]


def build_rpn_model(anchor_stride, anchors_per_location, depth):
    """Builds a Keras model of the Region Proposal Network.
    It wraps the RPN graph so it can be used multiple times with shared
    weights.
    """
    input_feature_map = KL.Input(shape=[None, None, depth],
                                 name="input_rpn_feature_map")
    outputs = rpn_graph(input_feature_map, anchors_per_location, anchor_stride)
    return KM.Model([input_feature_map], outputs, name="rpn_model")


def build_model():
    RPN_ANCHOR_STRIDE = 1
    RPN_ANCHOR_RATIOS = [0.5, 1, 2]
    TOP_DOWN_PYRAMID_SIZE = 256

    sizes = (16, 8, 4, 2, 1)
    rpn_feature_maps = [KL.Input(shape=(s, s, TOP_DOWN_PYRAMID_SIZE), name=f"P{i + 2}")
                        for i, s in enumerate(sizes)]

    # RPN Model
    rpn = build_rpn_model(RPN_ANCHOR_STRIDE,
                          len(RPN_ANCHOR_RATIOS), TOP_DOWN_PYRAMID_SIZE)
    # Loop through pyramid layers
    layer_outputs = []  # list of lists
    for p in rpn_feature_maps:
        layer_outputs.append(rpn([p]))
    output_names = ["rpn_class_logits", "rpn_class", "rpn_bbox"]
    outputs = list(zip(*layer_outputs))
    outputs = [KL.Concatenate(axis=1, name=n)(list(o))
               for o, n in zip(outputs, output_names)]
    return KM.Model(rpn_feature_maps, outputs, name="mask_rcnn_rpn_part")
