"""A Kaggle ISLR transformer keeps one Dense per attention head in Python lists and appends its
LayerNorm/attention/MLP blocks to lists inside a `tf.keras.Model.build()`: looks untracked, but Keras 3
tracks list attributes and builds every block, and all weights get gradients.

From abhinand5/isolated-sign-language-recognition (`src/islr/models/custom_transformer.py`, the
transformer of a Google Isolated Sign Language Recognition Kaggle pipeline). `MultiHeadAttentionCustom`
makes `self.wq/wk/wv = [Dense(depth) for i in range(num_of_heads)]` plus an output Dense and a Softmax
layer in `__init__` and loops over the heads in `call()` through a module-level helper
`scaled_dot_product(q, k, v, softmax, attention_mask)` that receives the layer's own Softmax.
`TransformerCustom(tf.keras.Model)` has no layers in `__init__`; its `build()` appends LayerNorms,
attention layers and `tf.keras.Sequential` MLPs to four lists, zipped in `call()`. A naive checker may
flag the lists (LD011), the sublayers made in `build()` and the helper receiving a layer.

Porting edits: `get_activation`, INIT_* constants and `scaled_dot_product` from the repository's
`utils.py`/`config.py` inlined; no other change to the two classes. build_model(): as in the
repository's `get_model`, the transformer receives the embedded frames and a float padding mask of
shape (frames, 1); here the frames come straight from an Input (8 frames x 16 units, 2 blocks,
8 heads) and the mask from a second Input; pooling -> Dense softmax. The repository's masked mean on
KerasTensors (`tf.reduce_sum` over `x * mask`) raises on Keras 3 and became `GlobalAveragePooling1D`.
"""

SOURCE = "https://github.com/abhinand5/isolated-sign-language-recognition/blob/3ad57b8ed22f95a55f2e0fe31db89e83475845ea/src/islr/models/custom_transformer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaq_abhinand5islr_transformer_per_head_dense_lists_blocks_built_in_build.py:
as returned: Functional, count_params() = 4533, 118 weights, unbuilt: none
after call: count_params() = 4533, 118 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 118 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transformer': 4448, 'multi_head_attention_custom_1': 1088, 'multi_head_attention_custom': 1088}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

INIT_HE_UNIFORM = tf.keras.initializers.he_uniform
INIT_GLOROT_UNIFORM = tf.keras.initializers.glorot_uniform


def get_activation(activation_name):
    return getattr(tf.keras.activations, activation_name)


# based on: https://stackoverflow.com/questions/67342988/verifying-the-implementation-of-multihead-attention-in-transformer
# replaced softmax with softmax layer to support masked softmax
def scaled_dot_product(q, k, v, softmax, attention_mask):
    # calculates Q . K(transpose)
    qkt = tf.matmul(q, k, transpose_b=True)
    # caculates scaling factor
    dk = tf.math.sqrt(tf.cast(q.shape[-1], dtype=tf.float32))
    scaled_qkt = qkt / dk
    softmax = softmax(scaled_qkt, mask=attention_mask)

    z = tf.matmul(softmax, v)
    # shape: (m,Tx,depth), same shape as q,k,v
    return z


class MultiHeadAttentionCustom(tf.keras.layers.Layer):
    def __init__(self, d_model, num_of_heads):
        super(MultiHeadAttentionCustom, self).__init__()
        self.d_model = d_model
        self.num_of_heads = num_of_heads
        self.depth = d_model // num_of_heads
        self.wq = [tf.keras.layers.Dense(self.depth) for i in range(num_of_heads)]
        self.wk = [tf.keras.layers.Dense(self.depth) for i in range(num_of_heads)]
        self.wv = [tf.keras.layers.Dense(self.depth) for i in range(num_of_heads)]
        self.wo = tf.keras.layers.Dense(d_model)
        self.softmax = tf.keras.layers.Softmax()

    def call(self, x, attention_mask):
        multi_attn = []
        for i in range(self.num_of_heads):
            Q = self.wq[i](x)
            K = self.wk[i](x)
            V = self.wv[i](x)
            multi_attn.append(scaled_dot_product(Q, K, V, self.softmax, attention_mask))

        multi_head = tf.concat(multi_attn, axis=-1)
        multi_head_attention = self.wo(multi_head)
        return multi_head_attention


# Full Transformer
class TransformerCustom(tf.keras.Model):
    def __init__(self, num_blocks, model_config):
        super(TransformerCustom, self).__init__(name="transformer")
        self.num_blocks = num_blocks
        self.model_config = model_config
        self.activation_fn = get_activation(model_config["ACTIVATION_FN"])

    def build(self, input_shape):
        self.ln_1s = []
        self.mhas = []
        self.ln_2s = []
        self.mlps = []
        # Make Transformer Blocks
        for i in range(self.num_blocks):
            # First Layer Normalisation
            self.ln_1s.append(
                tf.keras.layers.LayerNormalization(
                    epsilon=self.model_config["LAYER_NORM_EPS"]
                )
            )
            # Multi Head Attention
            self.mhas.append(MultiHeadAttentionCustom(self.model_config["UNITS"], 8))
            # Second Layer Normalisation
            self.ln_2s.append(
                tf.keras.layers.LayerNormalization(
                    epsilon=self.model_config["LAYER_NORM_EPS"]
                )
            )
            # Multi Layer Perception
            self.mlps.append(
                tf.keras.Sequential(
                    [
                        tf.keras.layers.Dense(
                            self.model_config["UNITS"] * self.model_config["MLP_RATIO"],
                            activation=self.activation_fn,
                            kernel_initializer=INIT_GLOROT_UNIFORM,
                        ),
                        tf.keras.layers.Dropout(self.model_config["MLP_DROPOUT_RATIO"]),
                        tf.keras.layers.Dense(
                            self.model_config["UNITS"],
                            kernel_initializer=INIT_HE_UNIFORM,
                        ),
                    ]
                )
            )

    def call(self, x, attention_mask):
        # Iterate input over transformer blocks
        for ln_1, mha, ln_2, mlp in zip(self.ln_1s, self.mhas, self.ln_2s, self.mlps):
            x1 = ln_1(x)
            attention_output = mha(x1, attention_mask)
            x2 = x1 + attention_output
            x3 = ln_2(x2)
            x3 = mlp(x3)
            x = x3 + x2

        return x


MODEL_CONFIG = {
    "ACTIVATION_FN": "gelu",
    "UNITS": 16,
    "NUM_BLOCKS": 2,
    "LAYER_NORM_EPS": 1e-6,
    "MLP_RATIO": 2,
    "MLP_DROPOUT_RATIO": 0.3,
}


def build_model():
    frames = tf.keras.layers.Input([8, MODEL_CONFIG["UNITS"]], dtype=tf.float32, name="frames")
    mask = tf.keras.layers.Input([8, 1], dtype=tf.float32, name="mask")
    x = TransformerCustom(MODEL_CONFIG["NUM_BLOCKS"], MODEL_CONFIG)(frames, mask)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    outputs = tf.keras.layers.Dense(5, activation=tf.keras.activations.softmax)(x)
    return tf.keras.models.Model(inputs=[frames, mask], outputs=outputs)
