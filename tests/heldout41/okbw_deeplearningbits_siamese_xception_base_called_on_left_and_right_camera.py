"""A "Siamese vision model" from deep-learning-bits instantiates one convolutional `Xception` base and calls it on a left and a right camera input (`xception_base(left_input)`, `xception_base(right_input)`), then concatenates the two feature maps; the one nested model is shared on purpose and both calls have the same shape, so its weights are built once and counted once.

From slaily/deep-learning-bits (study notes following "Deep Learning with Python", functional-API chapter),
`keras_functional_api/siamese_vision_model.py`: `xception_base = applications.Xception(weights=None,
include_top=False)`, two `Input(shape=(250, 250, 3))`, both passed through the same base, and
`layers.concatenate([left_features, right_features], axis=-1)` ("the merged features contain information from the
right visual feed and the left visual feed", a stereo/depth setting). Look-alike of LD007/LD008 (one model with ~21M
weights called twice, in a factory-built application model) and of LD005 (the base is created with no input shape
and is built only by the first call inside the outer graph): both calls are the same shape, the weights are shared
by design, and the outer model counts them once.

Porting edits: `from keras import Input` stays; the inputs are 71x71x3 instead of 250x250x3 (Xception's minimum) to
keep the measured call cheap on CPU. The script stops at `merged_features`; build_model() wraps it as
`keras.Model([left_input, right_input], merged_features)`, the model the script builds towards.
"""

SOURCE = "https://github.com/slaily/deep-learning-bits/blob/7d3ea0b0051a7bae1fa4dfc696e4efa384115a5d/keras_functional_api/siamese_vision_model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/okbw_deeplearningbits_siamese_xception_base_called_on_left_and_right_camera.py:
as returned: Functional, count_params() = 20861480, 234 weights, unbuilt: none
after call: count_params() = 20861480, 154 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 154 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers
from keras import applications
from keras import Input


def build_model():
    # The base image-processing model is the Xception network (convolutional base only)
    xception_base = applications.Xception(weights=None, include_top=False)
    # The inputs are 250 x 250 RGB images (71 x 71 here, see the docstring)
    left_input = Input(shape=(71, 71, 3))
    right_input = Input(shape=(71, 71, 3))
    # Calls the same vision model twice
    left_features = xception_base(left_input)
    right_features = xception_base(right_input)
    # The merged features contain information from
    # the right visual feed and the left visual feed.
    merged_features = layers.concatenate(
        [left_features, right_features], axis=-1
    )
    return keras.Model([left_input, right_input], merged_features)
