"""A Kaggle sign-language (ISLR) embedding model keeps its per-landmark attention weights as a raw
`tf.Variable` made in `build()`: on Keras 3 they are not tracked, not counted, not trained, not saved.

From abhinand5/isolated-sign-language-recognition (`src/islr/models/embedding.py`, a repository built
around the Google Isolated Sign Language Recognition Kaggle competition, its layers following the popular
public "TF Data Processing & Transformer Training" notebook). `EmbeddingCustom` is a `tf.keras.Model`
whose `build()` creates a positional `Embedding`, four `LandmarkEmbedding` sub-models (each an
`add_weight` "empty embedding" plus a two-Dense `Sequential`), a `Sequential` of two Dense layers, and
`self.landmark_weights = tf.Variable(tf.zeros([4]))`, the softmax weights that mix the lips, hands and
pose embeddings in `call()`. Everything else is tracked; the mixing weights are a backend-native
variable that Keras 3 does not see.

Porting edits: `get_activation` and the INIT_* constants from the repository's `utils.py`/`config.py`
inlined (`getattr(tf.keras.activations, name)`, glorot/he uniform, zeros); the model_config dict has
small sizes. build_model(): the repository's `get_model` minus the landmark slicing/normalisation
(which needs the data set's statistics): five Inputs (lips 80, hands 42 each, pose 20 features over
8 frames, plus the frame indices) -> EmbeddingCustom -> mean over frames -> Dense softmax; the
author's masked mean `tf.reduce_sum(x * mask, axis=1) / ...` on KerasTensors raises on Keras 3, so it
became a `GlobalAveragePooling1D`.
"""

SOURCE = "https://github.com/abhinand5/isolated-sign-language-recognition/blob/3ad57b8ed22f95a55f2e0fe31db89e83475845ea/src/islr/models/embedding.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_abhinand5islr_embeddingcustom_landmark_weights_tf_variable.py:
as returned: Functional, count_params() = 2373, 17 weights, unbuilt: none
after call: count_params() = 2373, 17 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 17 trainable weights: []
tape watched 1 variables the model does not track: ['embedding_custom/landmark_weights:0']
params of the case's own layers: {'embedding_custom': 2288, 'pose_embedding': 232, 'right_hand_embedding': 408, 'left_hand_embedding': 408, 'lips_embedding': 712}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

INIT_HE_UNIFORM = tf.keras.initializers.he_uniform
INIT_GLOROT_UNIFORM = tf.keras.initializers.glorot_uniform
INIT_ZEROS = tf.keras.initializers.constant(0.0)


def get_activation(activation_name):
    return getattr(tf.keras.activations, activation_name)


class LandmarkEmbedding(tf.keras.Model):
    def __init__(self, units, name, model_config):
        super(LandmarkEmbedding, self).__init__(name=f"{name}_embedding")
        self.units = units
        self.activation_fn = get_activation(model_config["ACTIVATION_FN"])

    def build(self, input_shape):
        # Embedding for missing landmark in frame, initizlied with zeros
        self.empty_embedding = self.add_weight(
            name=f"{self.name}_empty_embedding",
            shape=[self.units],
            initializer=INIT_ZEROS,
        )
        # Embedding
        self.dense = tf.keras.Sequential(
            [
                tf.keras.layers.Dense(
                    self.units,
                    name=f"{self.name}_dense_1",
                    use_bias=False,
                    kernel_initializer=INIT_GLOROT_UNIFORM,
                    activation=self.activation_fn,
                ),
                tf.keras.layers.Dense(
                    self.units,
                    name=f"{self.name}_dense_2",
                    use_bias=False,
                    kernel_initializer=INIT_HE_UNIFORM,
                ),
            ],
            name=f"{self.name}_dense",
        )

    def call(self, x):
        return tf.where(
            # Checks whether landmark is missing in frame
            tf.reduce_sum(x, axis=2, keepdims=True) == 0,
            # If so, the empty embedding is used
            self.empty_embedding,
            # Otherwise the landmark data is embedded
            self.dense(x),
        )


class EmbeddingCustom(tf.keras.Model):
    def __init__(self, model_config, input_size):
        super(EmbeddingCustom, self).__init__()
        self.model_config = model_config
        self.input_size = input_size
        self.activation_fn = get_activation(model_config["ACTIVATION_FN"])

    def build(self, input_shape):
        # Positional Embedding, initialized with zeros
        self.positional_embedding = tf.keras.layers.Embedding(
            self.input_size + 1,
            self.model_config["UNITS"],
            embeddings_initializer=INIT_ZEROS,
        )
        # Embedding layer for Landmarks
        self.lips_embedding = LandmarkEmbedding(
            self.model_config["LIPS_UNITS"], "lips", self.model_config
        )
        self.left_hand_embedding = LandmarkEmbedding(
            self.model_config["HANDS_UNITS"], "left_hand", self.model_config
        )
        self.right_hand_embedding = LandmarkEmbedding(
            self.model_config["HANDS_UNITS"], "right_hand", self.model_config
        )
        self.pose_embedding = LandmarkEmbedding(
            self.model_config["POSE_UNITS"], "pose", self.model_config
        )
        # Landmark Weights
        self.landmark_weights = tf.Variable(
            tf.zeros([4], dtype=tf.float32), name="landmark_weights"
        )
        # Fully Connected Layers for combined landmarks
        self.fc = tf.keras.Sequential(
            [
                tf.keras.layers.Dense(
                    self.model_config["UNITS"],
                    name="fully_connected_1",
                    use_bias=False,
                    kernel_initializer=INIT_GLOROT_UNIFORM,
                    activation=self.activation_fn,
                ),
                tf.keras.layers.Dense(
                    self.model_config["UNITS"],
                    name="fully_connected_2",
                    use_bias=False,
                    kernel_initializer=INIT_HE_UNIFORM,
                ),
            ],
            name="fc",
        )

    def call(
        self,
        lips0,
        left_hand0,
        right_hand0,
        pose0,
        non_empty_frame_idxs,
        training=False,
    ):
        # Lips
        lips_embedding = self.lips_embedding(lips0)
        # Left Hand
        left_hand_embedding = self.left_hand_embedding(left_hand0)
        # Right Hand
        right_hand_embedding = self.right_hand_embedding(right_hand0)
        # Pose
        pose_embedding = self.pose_embedding(pose0)
        # Merge Embeddings of all landmarks with mean pooling
        x = tf.stack(
            (lips_embedding, left_hand_embedding, right_hand_embedding, pose_embedding),
            axis=3,
        )
        # Merge Landmarks with trainable attention weights
        x = x * tf.nn.softmax(self.landmark_weights)
        x = tf.reduce_sum(x, axis=3)
        # Fully Connected Layers
        x = self.fc(x)
        # Add Positional Embedding
        normalised_non_empty_frame_idxs = tf.where(
            tf.math.equal(non_empty_frame_idxs, -1.0),
            self.input_size,
            tf.cast(
                non_empty_frame_idxs
                / tf.reduce_max(non_empty_frame_idxs, axis=1, keepdims=True)
                * self.input_size,
                tf.int32,
            ),
        )
        x = x + self.positional_embedding(normalised_non_empty_frame_idxs)

        return x


MODEL_CONFIG = {
    "ACTIVATION_FN": "gelu",
    "UNITS": 16,
    "LIPS_UNITS": 8,
    "HANDS_UNITS": 8,
    "POSE_UNITS": 8,
}
INPUT_SIZE = 8


def build_model():
    lips = tf.keras.layers.Input([INPUT_SIZE, 80], dtype=tf.float32, name="lips")
    left_hand = tf.keras.layers.Input([INPUT_SIZE, 42], dtype=tf.float32, name="left_hand")
    right_hand = tf.keras.layers.Input([INPUT_SIZE, 42], dtype=tf.float32, name="right_hand")
    pose = tf.keras.layers.Input([INPUT_SIZE, 20], dtype=tf.float32, name="pose")
    non_empty_frame_idxs = tf.keras.layers.Input(
        [INPUT_SIZE], dtype=tf.float32, name="non_empty_frame_idxs"
    )
    x = EmbeddingCustom(MODEL_CONFIG, INPUT_SIZE)(
        lips, left_hand, right_hand, pose, non_empty_frame_idxs
    )
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    outputs = tf.keras.layers.Dense(5, activation=tf.keras.activations.softmax)(x)
    return tf.keras.models.Model(
        inputs=[lips, left_hand, right_hand, pose, non_empty_frame_idxs], outputs=outputs
    )
