"""pix2rule's copy of Slot Attention creates the Gaussian slot-initialisation parameters `slots_mu` and
`slots_log_sigma` with `self.add_weight(shape=[1, 1, self.slot_size])` inside `__init__`, and its `SoftPositionEmbed`
keeps a NumPy coordinate grid (`self.grid = self.build_grid(resolution)`, shape (1, W, H, 4)) on `self` from
`__init__`. They look like LD004 (`add_weight` in `__init__` with a size given by hand) and LD001 (a NumPy array kept
on `self`), but both are correct: `slot_size` is the width of the slots themselves, a hyper-parameter of the module,
not the width of the input (inputs of any width are projected to `slot_size` by the `project_k`/`project_v` Dense
layers, which build from the input shape), so nothing breaks on other input widths; and the grid is a fixed
positional coordinate table, not a parameter: the learnable part of the embedding is `self.dense`, a tracked
`Dense(hidden_size)` applied to the grid in `call()`.

From nuric/pix2rule (Cingillioglu & Russo, "pix2rule: End-to-end Neuro-symbolic Rule Learning", 2021),
`components/slot_attention.py` at 0f0f654 (HEAD; file last changed 0f7632d), "modified by nuric" from the Google
Research Slot Attention code. `models/slot_autoencoder.py` builds the encoder path: image features (B, 12, 12, E) ->
`SoftPositionEmbed(32, [12, 12])` -> `SpacialFlatten()` -> LayerNormalization -> Dense MLP(32) ->
`SlotAttention(num_iterations=3, num_slots=5, slot_size=32, mlp_hidden_size=64)`.

Porting edits: `tf.keras.backend.batch_dot` (gone from Keras 3's backend) is replaced by the equivalent
`tf.einsum` in the two places it is used; the GRU slot update folds the slots into the batch dimension and
back (Keras 3's `GRUCell` fails on the original rank-3 `(batch, slots, size)` call with a bias shape error);
`SpacialFlatten` is copied from `components/util_layers.py`; nothing else
changed in the classes. build_model() is the slot autoencoder's encoder path up to the slots, with a single
Conv2D(32, 5, relu) standing in for the configurable CNN image layer (`components/inputlayers/image.py`) on a
12 x 12 x 3 image; the decoder and the report layers are left out.
"""

SOURCE = "https://github.com/nuric/pix2rule/blob/0f0f654e488a1839455786ccc4ad023c0aa0c2e8/components/slot_attention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/okci_pix2rule_slotattention_slots_mu_add_weight_in_init_slot_size_and_grid_array.py:
as returned: Functional, count_params() = 18624, 28 weights, unbuilt: none
after call: count_params() = 18624, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'soft_position_embed': 160, 'spacial_flatten': 0, 'slot_attention': 13856}
second call: 0 variables watched that the first call did not use
probe_slot.py: in the encoder the SlotAttention layer holds 18 weights (slots_mu, slots_log_sigma, the q/k/v kernels, GRU cell, MLP, three LayerNorms), SoftPositionEmbed holds 2 (its Dense) and keeps grid as a NumPy array of shape (1, 12, 12, 4); a fresh SlotAttention(2, 4, slot_size=32, mlp_hidden_size=64) called on inputs 7 wide returns slots (2, 4, 32) with the same 18 weights (the slot parameters do not depend on the input width); under a GradientTape all 28 trainable weights of the encoder get a gradient. No warning printed."""

from typing import List
import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as L


class SlotAttention(L.Layer):  # pylint: disable=too-many-instance-attributes
    """Slot Attention module."""

    def __init__(  # pylint: disable=too-many-arguments
        self,
        num_iterations: int,
        num_slots: int,
        slot_size: int,
        mlp_hidden_size: int,
        epsilon: float = 1e-8,
    ):
        """Builds the Slot Attention module.

        Args:
          num_iterations: Number of iterations.
          num_slots: Number of slots.
          slot_size: Dimensionality of slot feature vectors.
          mlp_hidden_size: Hidden layer size of MLP.
          epsilon: Offset for attention coefficients before normalization.
        """
        super().__init__()
        self.num_iterations = num_iterations
        self.num_slots = num_slots
        self.slot_size = slot_size
        self.mlp_hidden_size = mlp_hidden_size
        self.epsilon = epsilon

        self.norm_inputs = L.LayerNormalization()
        self.norm_slots = L.LayerNormalization()
        self.norm_mlp = L.LayerNormalization()

        # Parameters for Gaussian init (shared by all slots).
        self.slots_mu = self.add_weight(
            initializer="glorot_uniform",
            shape=[1, 1, self.slot_size],
            dtype=tf.float32,
            name="slots_mu",
        )
        self.slots_log_sigma = self.add_weight(
            initializer="glorot_uniform",
            shape=[1, 1, self.slot_size],
            dtype=tf.float32,
            name="slots_log_sigma",
        )

        # Linear maps for the attention module.
        self.project_q = L.Dense(self.slot_size, use_bias=False, name="q")
        self.project_k = L.Dense(self.slot_size, use_bias=False, name="k")
        self.project_v = L.Dense(self.slot_size, use_bias=False, name="v")

        # Slot update functions.
        self.gru = L.GRUCell(self.slot_size)
        self.mlp = tf.keras.Sequential(
            [
                L.Dense(self.mlp_hidden_size, activation="relu"),
                L.Dense(self.slot_size),
            ],
            name="mlp",
        )

    def call(self, inputs: tf.Tensor, **kwargs):
        # `inputs` has shape [batch_size, num_inputs, inputs_size].
        inputs = self.norm_inputs(inputs)  # Apply layer norm to the input.
        keys = self.project_k(inputs)  # Shape: [batch_size, num_inputs, slot_size].
        values = self.project_v(inputs)  # Shape: [batch_size, num_inputs, slot_size].

        # Initialize the slots. Shape: [batch_size, num_slots, slot_size].
        slots = self.slots_mu + tf.exp(self.slots_log_sigma) * tf.random.normal(
            [tf.shape(inputs)[0], self.num_slots, self.slot_size]
        )

        # Multiple rounds of attention.
        attns = list()
        for _ in range(self.num_iterations):
            slots_prev = slots
            slots = self.norm_slots(slots)

            # Attention.
            queries = self.project_q(
                slots
            )  # Shape: [batch_size, num_slots, slot_size].
            queries *= self.slot_size ** -0.5  # Normalization.
            attn_logits = tf.einsum("bnd,bsd->bns", keys, queries)  # batch_dot(keys, queries, axes=-1)
            attn = tf.nn.softmax(attn_logits, axis=-1)
            # `attn` has shape: [batch_size, num_inputs, num_slots].
            attns.append(attn)

            # Weigted mean.
            attn += self.epsilon
            attn /= tf.reduce_sum(attn, axis=-2, keepdims=True)
            updates = tf.einsum("bns,bnd->bsd", attn, values)  # batch_dot(attn, values, axes=-2)
            # `updates` has shape: [batch_size, num_slots, slot_size].

            # Slot update.
            # (ported: Keras 3's GRUCell takes rank-2 inputs, so slots are folded into the batch and back)
            slots, _ = self.gru(tf.reshape(updates, [-1, self.slot_size]),
                                [tf.reshape(slots_prev, [-1, self.slot_size])])
            slots = tf.reshape(slots, [-1, self.num_slots, self.slot_size])
            slots += self.mlp(self.norm_mlp(slots))

        attns = tf.stack(attns, axis=1)  # (B, iterations, num_inputs, num_slots)
        return {"slots": slots, "slot_attention": attns}

    def get_config(self):
        """Serialisable configuration dictionary."""
        config = super().get_config()
        config.update(
            {
                "num_iterations": self.num_iterations,
                "num_slots": self.num_slots,
                "slot_size": self.slot_size,
                "mlp_hidden_size": self.mlp_hidden_size,
                "epsilon": self.epsilon,
            }
        )
        return config


class SoftPositionEmbed(L.Layer):
    """Adds soft positional embedding with learnable projection."""

    def __init__(self, hidden_size: int, resolution: List[int]):
        """Builds the soft position embedding layer.

        Args:
          hidden_size: Size of input feature dimension.
          resolution: Tuple of integers specifying width and height of grid.
        """
        super().__init__()
        self.hidden_size = hidden_size
        self.resolution = resolution
        self.dense = L.Dense(hidden_size, use_bias=True)
        self.grid = self.build_grid(resolution)

    @staticmethod
    def build_grid(resolution: List[int]):
        """Build 2d grid for dense embedding of position in images."""
        ranges = [np.linspace(0.0, 1.0, num=res) for res in resolution]
        grid = np.meshgrid(*ranges, sparse=False, indexing="ij")
        grid = np.stack(grid, axis=-1)
        grid = np.reshape(grid, [resolution[0], resolution[1], -1])
        grid = np.expand_dims(grid, axis=0)
        grid = grid.astype(np.float32)
        return np.concatenate([grid, 1.0 - grid], axis=-1)

    def call(self, inputs: tf.Tensor, **kwargs):
        return inputs + self.dense(self.grid)

    def get_config(self):
        """Serialisable configuration dictionary."""
        config = super().get_config()
        config.update(
            {
                "hidden_size": self.hidden_size,
                "resolution": self.resolution,
            }
        )
        return config


class SpacialFlatten(tf.keras.layers.Layer):
    """Flattens input spacial dimensions."""

    def call(self, inputs: tf.Tensor, **kwargs):
        """Flatten except batch and last dimension."""
        # tensor (B, ..., X)
        batch_size = tf.shape(inputs)[0]  # B
        # We take this differently as above method gives None at compile time
        # which makes upstream layers unhappy. But it safe to assume the number
        # of features is known before hand.
        features_size = inputs.shape[-1]  # X
        assert features_size is not None, "Last dimension to spacial flatten is None."
        # Handle dimension erasure case, if we use -1 and all the dimensions are known
        # we just lose dimension size information, so let's check if we know the dimensions
        # to reshape, if so then we can take their product
        middle_dim = -1
        if all(i is not None for i in inputs.shape[1:-1]):
            # We know all the dimensions
            middle_dim = tf.reduce_prod(inputs.shape[1:-1])
        new_shape = tf.stack([batch_size, middle_dim, features_size], 0)  # [B, -1, X]
        return tf.reshape(inputs, new_shape)  # (B, ., X)


def build_model(hidden_size=32):
    image = tf.keras.Input(shape=(12, 12, 3), name="image")
    raw_objects = L.Conv2D(32, 5, padding="same", activation="relu", name="image_layer")(image)  # (B, W, H, E)
    raw_objects = SoftPositionEmbed(32, [12, 12])(raw_objects)  # (B, W, H, E)
    raw_objects = SpacialFlatten()(raw_objects)  # (B, O, E)
    object_mlp = tf.keras.Sequential(
        [L.Dense(hidden_size, activation="relu"), L.Dense(hidden_size)],
        name="feedforward",
    )
    norm_objects = L.LayerNormalization()(raw_objects)  # (B, O, E)
    objects = object_mlp(norm_objects)  # (B, O, E)
    slots_dict = SlotAttention(
        num_iterations=3, num_slots=5, slot_size=hidden_size, mlp_hidden_size=64
    )(objects)
    return tf.keras.Model(inputs=image, outputs=slots_dict["slots"], name="slotae_encoder")
