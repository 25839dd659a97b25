"""LSTM_Video_classifier's `vgg_lstm.py` wraps a frozen VGG16 feature model with `TimeDistributed(cnn)(video)`,
the same CNN-per-frame + LSTM shape that others write as `TimeDistributed(Lambda(lambda x: base_model(x)))`: here the
nested Model is itself the wrapped layer, so all 14.7M VGG16 weights are tracked, counted (non-trainable) and saved
(look-alike).

From jerinka/LSTM_Video_classifier (small video-classification experiments, Keras 2), `vgg_lstm.py`: a VGG16 base
(`include_top=False`) plus GlobalAveragePooling2D is made into a Model `cnn`, frozen with `cnn.trainable = False`,
applied per frame with TimeDistributed, then an LSTM(256), Dense(1024) and a 3-class softmax. A checker sees a
pretrained network built outside the model, frozen, and applied per frame through a wrapper (the LD012 shape of
the bug case `br_carvelocity_...`, where a Lambda hides it) and a `trainable = False` set after wiring; on Keras 3 the
nested Model is a tracked sublayer of TimeDistributed.

Porting edits: Keras 1-era keyword names `Model(input=..., output=...)` -> `inputs=/outputs=` and
`Dense(output_dim=...)` -> `Dense(units=...)`; `keras.layers.pooling/recurrent/wrappers` -> `keras.layers`;
`weights="imagenet"` -> `weights=None` (no download; tracking is the same); the Nadam optimizer, `compile` and
`summary` are left out. Module-level code moved into build_model(); sizes as written (5 frames of 224x224).
"""

SOURCE = "https://github.com/jerinka/LSTM_Video_classifier/blob/b6ead737e9d34cc9a3ca9bc8477ba2a27ee1f20d/vgg_lstm.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/okbr_lstmvideoclassifier_vgg16_model_passed_to_timedistributed_directly_frozen_tracked.py:
as returned: Functional, count_params() = 15768387, 33 weights, unbuilt: none
after call: count_params() = 15768387, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 26 variables the model does not track: ['block1_conv1/kernel:0', 'block1_conv1/bias:0', 'block1_conv2/kernel:0', 'block1_conv2/bias:0', 'block2_conv1/kernel:0', 'block2_conv1/bias:0']
second call: 0 variables watched that the first call did not use
(the 26 "not tracked" are the frozen VGG16 variables: _measure.py compares against trainable_weights only; they are among the
model's 33 weights. Keras also printed its UserWarning about the structure of `inputs` for the bare array.)
probe_savecount.py: trainable params 1053699, non-trainable params 14714688, total 15768387; save_weights file bytes: 63148056"""

from keras.applications.vgg16 import VGG16
from keras.models import Model
from keras.layers import Dense, Input
from keras.layers import GlobalAveragePooling2D
from keras.layers import LSTM
from keras.layers import TimeDistributed

frames  = 5
channels= 3
rows    = 224
columns = 224

classes = 3


def build_model():
    video = Input(shape=(frames,rows,columns,channels))

    cnn_base = VGG16(input_shape=(rows,columns,channels),weights=None,include_top=False)

    cnn_out = GlobalAveragePooling2D()(cnn_base.output)

    cnn = Model(inputs=cnn_base.input, outputs=cnn_out)

    cnn.trainable = False

    encoded_frames = TimeDistributed(cnn)(video)
    encoded_sequence = LSTM(256)(encoded_frames)
    hidden_layer = Dense(units=1024, activation="relu")(encoded_sequence)
    outputs = Dense(units=classes, activation="softmax")(hidden_layer)
    model = Model([video], outputs)
    return model
