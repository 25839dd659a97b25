"""The `siamese` package's `SiameseNetwork` is a plain Python class that keeps the base and head models as attributes and builds a functional model applying the same base model to both inputs: correct on Keras 3, the shared embedding is counted once and trained.

aspamers/siamese#4 ("What would the shape be for datasets other than images?"): the maintainer
answers with a script that builds an LSTM base model (`create_base_model`), a head that
concatenates two embeddings (`create_head_model`), and `SiameseNetwork(base_model, head_model)`.
The network class is not a Keras object: it stores `self.base_model`, `self.head_model` and
`self.siamese_model` like any Python object, and `__initialize_siamese_model()` calls
`self.base_model` on `input_a` and on `input_b`. The models are wired into the functional
`siamese_model`, which tracks both; the base model's weights are shared between the two branches
(same input shape, so the reuse is compatible) and counted once.
"""

SOURCE = "https://github.com/aspamers/siamese/issues/4"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_siamese_network_plain_class_shares_base_model.py:
as returned: Functional, count_params() = 1821, 17 weights, unbuilt: none
after call: count_params() = 1821, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from keras.layers import LSTM, Activation, BatchNormalization, Concatenate, Dense, Flatten, Input
from keras.models import Model


class SiameseNetwork:
    """A simple and lightweight siamese neural network implementation."""

    def __init__(self, base_model, head_model):
        # Set essential parameters
        self.base_model = base_model
        self.head_model = head_model

        # Get input shape from base model
        self.input_shape = self.base_model.input_shape[1:]

        # Initialize siamese model
        self.siamese_model = None
        self.__initialize_siamese_model()

    def compile(self, *args, **kwargs):
        self.siamese_model.compile(*args, **kwargs)

    def __initialize_siamese_model(self):
        input_a = Input(shape=self.input_shape)
        input_b = Input(shape=self.input_shape)

        processed_a = self.base_model(input_a)
        processed_b = self.base_model(input_b)

        head = self.head_model([processed_a, processed_b])
        self.siamese_model = Model([input_a, input_b], head)


def create_base_model(input_shape):
    model_input = Input(shape=input_shape)

    embedding = LSTM(4)(model_input)
    embedding = Flatten()(embedding)
    embedding = Dense(128)(embedding)

    return Model(model_input, embedding)


def create_head_model(embedding_shape):
    embedding_a = Input(shape=embedding_shape)
    embedding_b = Input(shape=embedding_shape)

    head = Concatenate()([embedding_a, embedding_b])
    head = Dense(4)(head)
    head = BatchNormalization()(head)
    head = Activation(activation="sigmoid")(head)

    head = Dense(1)(head)
    head = BatchNormalization()(head)
    head = Activation(activation="sigmoid")(head)

    return Model([embedding_a, embedding_b], head)


def build_model():
    base_model = create_base_model((3, 3))
    head_model = create_head_model(base_model.output_shape[1:])
    siamese_network = SiameseNetwork(base_model, head_model)
    siamese_network.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return siamese_network.siamese_model
