"""A functional-API exercise shares one `Conv2D(16, (3, 3), padding='same')` between a 32x32 and a 64x64
image input (and one `LSTM(32)` between two sequence inputs): a shared layer called on inputs of different
shapes looks like the incompatible reuse of LD008, but a convolution's kernel depends only on the channel
count (3 in both), so both calls use the same (3, 3, 3, 16) kernel, counted once and trained by both.

From aCuissot/Hands-On_Machine_Learning_Exercises, `Keras/2_Functional_API/4_Layer_node.py` (the Keras
functional-API guide's "layer node" section typed in by the author): `lstm = LSTM(32)` is called on two
`Input((280, 256))`s, then `conv = Conv2D(16, (3, 3), padding='same')` on `Input((32, 32, 3))` and
`Input((64, 64, 3))`, with asserts on `get_output_at`, `input_shape` and `get_input_shape_at` showing that the
layer has two nodes of different input shapes.

Porting edits: Keras 3 layers have no `get_output_at`, `input_shape` or `get_input_shape_at` (node
introspection was removed), so the asserts are left out; the author's script builds no model, so
`build_model()` wraps the two conv outputs (pooled) and the two LSTM outputs in one
`Model([a_img, b_img, a_seq, b_seq], ...)` and returns it with a batch of 2 for each input.
"""

SOURCE = "https://github.com/aCuissot/Hands-On_Machine_Learning_Exercises/blob/499a1497ba4de1fcf3ac6f6840d13554c0f252b4/Keras/2_Functional_API/4_Layer_node.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_acuissot_handson_layer_node_conv2d_shared_on_32px_and_64px_inputs.py:
as returned: Functional, count_params() = 37440, 5 weights, unbuilt: none
after call: count_params() = 37440, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py): trainable weights [(3, 3, 3, 16), (16,), (256, 128), (32, 128), (128,)]: one
conv kernel/bias and one LSTM kernel/recurrent/bias for the four calls (448 + 36992 = 37440); one compiled
train_on_batch changes 5 of 5. No shape error at wiring or at call time."""

import numpy as np
from keras import Input
from keras.layers import LSTM, Conv2D, GlobalAveragePooling2D, concatenate
from keras.models import Model


def build_model():
    a = Input(shape=(280, 256))
    b = Input(shape=(280, 256))

    lstm = LSTM(32)
    encoded_a = lstm(a)
    encoded_b = lstm(b)

    a_img = Input(shape=(32, 32, 3))
    b_img = Input(shape=(64, 64, 3))

    conv = Conv2D(16, (3, 3), padding='same')
    conved_a = conv(a_img)
    conved_b = conv(b_img)

    merged = concatenate([encoded_a, encoded_b,
                          GlobalAveragePooling2D()(conved_a), GlobalAveragePooling2D()(conved_b)])
    model = Model([a_img, b_img, a, b], merged)

    rng = np.random.default_rng(0)
    x = [rng.standard_normal((2, 32, 32, 3)).astype("float32"), rng.standard_normal((2, 64, 64, 3)).astype("float32"),
         rng.standard_normal((2, 280, 256)).astype("float32"), rng.standard_normal((2, 280, 256)).astype("float32")]
    return model, x
