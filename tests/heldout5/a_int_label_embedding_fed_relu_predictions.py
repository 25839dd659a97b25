"""A MobileNet classifier whose ReLU class scores are fed to a frozen label-word Embedding: nothing before the Embedding trains.

tensorflow#45219 (and its follow-up #45241): to "increase accuracy" the reporter added label word
embeddings after an image classifier: MobileNet, two Dense/BatchNorm/Dropout blocks, a
`Dense(len(all_labels), activation='relu')` of class scores, then
`Embedding(13, 100, weights=[embedding_matrix], trainable=False)(predictions)`, Flatten and a final
Dense. Training failed with "Variable conv1/kernel has None for gradient" (TF 1.15) and, on TF 2,
warned "Gradients do not exist" for every MobileNet weight. An Embedding takes indices: the float
scores are cast to integers inside it, so no gradient flows back through it, and the backbone and
every Dense before the Embedding keep their initial values; only the last Dense learns.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/45219"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_int_label_embedding_fed_relu_predictions.py:
as returned: Functional, count_params() = 6412274, 152 weights, unbuilt: none
after call: count_params() = 6412274, 93 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 91 of 93 trainable weights: ['conv1/kernel', 'conv1_bn/gamma', 'conv1_bn/beta', 'conv_dw_1/kernel', 'conv_dw_1_bn/gamma', 'conv_dw_1_bn/beta']
tape watched 1 variables the model does not track: ['embedding_1/embeddings:0']
second call: 0 variables watched that the first call did not use
note: the 2 trainable weights with a gradient are the final Dense's kernel and bias; the watched-but-untrained
'embedding_1/embeddings' is the frozen (trainable=False) label table, tracked in model.non_trainable_weights."""

import keras
import numpy as np
from keras.applications import MobileNet
from keras.layers import BatchNormalization, Dense, Dropout, Embedding, Flatten, GlobalAveragePooling2D, Input

all_labels = [f"label_{i}" for i in range(13)]
embedding_matrix = np.random.default_rng(0).normal(size=(13, 100)).astype("float32")  # GloVe vectors of the labels


def build_mobilenet_embedd_model(img_input):
    input_x = Input(shape=(img_input.shape[1:]), name="feature")
    base_model = MobileNet(include_top=False, input_shape=img_input.shape[1:], weights=None)(input_x)
    avgpool_x = GlobalAveragePooling2D()(base_model)
    dense1_x = Dense(2048, activation="relu")(avgpool_x)
    batch1_x = BatchNormalization()(dense1_x)
    dropout1_x = Dropout(0.2)(batch1_x)
    dense2_x = Dense(512, activation="relu")(dropout1_x)
    batch2_x = BatchNormalization()(dense2_x)
    dropout2_x = Dropout(0.2)(batch2_x)
    predictions = Dense(len(all_labels), activation="relu")(dropout2_x)
    embedd_layer = Embedding(13, 100, weights=[embedding_matrix], trainable=False, name="embedding_1")(predictions)
    flatten = Flatten(name="flatten")(embedd_layer)
    final_predictions = Dense(13, activation="relu")(flatten)
    return keras.models.Model(inputs=input_x, outputs=final_predictions)


def build_model():
    # weights=None and 64x64 images keep the case offline and small; the report loads ImageNet weights.
    img_input = np.zeros((1, 64, 64, 3), dtype="float32")
    return build_mobilenet_embedd_model(img_input)
