"""keras-hub RQ-VAE (`rqvae_layers.py`, added in PR #2490, 2026): a residual vector quantizer whose
codebooks are read only through `argmin`/`take` and whose output passes the straight-through
`inputs + stop_gradient(quantized - inputs)`. Every shape of LD009 is there (weights behind
`stop_gradient`, behind `argmin`, assigned in `call()`), but the codebook is deliberately
non-trainable and updated by exponential moving averages with `assign` in the training branch, and
the straight-through estimator carries the gradient to the encoder: every trainable weight gets a
gradient, and the codebook moves during `fit`.

`VectorQuantizerEMA.build()` makes `embeddings`, `ema_cluster_size` and `ema_w` with
`add_weight(..., trainable=False)`; `call(inputs, training)` picks the nearest code with
`ops.argmin`, gathers it with `ops.take`, and when training assigns the EMA statistics and the new
codebook, then returns the straight-through output and the commitment loss. `ResidualVectorQuantizer`
receives the list of quantizer instances in its constructor (layers handed in from outside, kept in a
plain list attribute). `Encoder`/`Decoder` append their Dense layers to a list in `__init__`.

Porting edits: `RQVAEBackbone(Backbone)` -> `keras.Model` subclass with the same functional body and
the same `compute_loss`; docstrings and `get_config`/`from_config` left out; sizes made small (input 6,
latent 4, codebooks of 8, 2 quantizers).
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/32bdfe64a3dbeae162894d86ab431dd83b4055cc/keras_hub/src/models/rqvae/rqvae_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okw_kerashub_rqvae_ema_codebook_argmin_stop_gradient.py:
as returned: RQVAEBackbone, count_params() = 330, 14 weights, unbuilt: none
after call: count_params() = 330, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 92, 'residual_quantizer': 144, 'quantizer_1': 72, 'quantizer_0': 72, 'decoder': 94}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_rq.py): 8 trainable + 6 non-trainable weights (codebook, cluster sizes, ema_w per
quantizer); with the model's own compute_loss in training mode no trainable weight has a None or all-zero
gradient (the straight-through output reaches the encoder); one epoch of fit (Adam 0.01) changes 8 of 8
trainable weights and both codebooks (through the EMA assigns in call)."""

import keras
from keras import layers
from keras import ops


class Encoder(layers.Layer):
    def __init__(self, layer_dims, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.layer_dims = layer_dims
        self.output_dim = output_dim
        self.dense_layers = []
        for dim in layer_dims:
            self.dense_layers.append(layers.Dense(dim, activation="relu"))
        self.output_layer = layers.Dense(output_dim)

    def call(self, inputs):
        x = inputs
        for layer in self.dense_layers:
            x = layer(x)
        return self.output_layer(x)


class Decoder(layers.Layer):
    def __init__(self, layer_dims, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.layer_dims = layer_dims
        self.output_dim = output_dim
        self.dense_layers = []
        for dim in layer_dims:
            self.dense_layers.append(layers.Dense(dim, activation="relu"))
        self.output_layer = layers.Dense(output_dim)

    def call(self, inputs):
        x = inputs
        for layer in self.dense_layers:
            x = layer(x)
        return self.output_layer(x)


class VectorQuantizerEMA(layers.Layer):
    def __init__(self, num_embeddings, embedding_dim, decay=0.99, eps=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.decay = decay
        self.eps = eps

    def build(self, input_shape):
        self.embeddings = self.add_weight(
            shape=(self.num_embeddings, self.embedding_dim),
            initializer="random_normal",
            trainable=False,
            name="embeddings",
        )
        self.ema_cluster_size = self.add_weight(
            shape=(self.num_embeddings,),
            initializer="zeros",
            trainable=False,
            name="ema_cluster_size",
        )
        self.ema_w = self.add_weight(
            shape=(self.num_embeddings, self.embedding_dim),
            initializer="random_normal",
            trainable=False,
            name="ema_w",
        )

    def _codebook_usage(self, encodings):
        usage_counts = ops.sum(encodings, axis=0)
        num_used = ops.sum(ops.cast(usage_counts > 0, "float32"))
        return num_used / self.num_embeddings

    def call(self, inputs, training=False):
        input_shape = ops.shape(inputs)
        flattened_inputs = ops.reshape(inputs, (-1, self.embedding_dim))
        input_sq = ops.sum(flattened_inputs**2, axis=1, keepdims=True)
        codebook_sq = ops.sum(self.embeddings**2, axis=1)
        dot_product = ops.matmul(flattened_inputs, ops.transpose(self.embeddings))
        distances = input_sq + codebook_sq - 2 * dot_product
        encoding_indices = ops.argmin(distances, axis=-1)
        encodings = ops.one_hot(encoding_indices, self.num_embeddings)
        quantized_flat = ops.take(self.embeddings, encoding_indices, axis=0)

        if training:
            # EMA Update
            current_counts = ops.sum(encodings, axis=0)
            updated_ema_cluster_size = (
                self.ema_cluster_size * self.decay + (1.0 - self.decay) * current_counts
            )
            n = ops.sum(updated_ema_cluster_size)
            updated_ema_cluster_size = (
                (updated_ema_cluster_size + self.eps) / (n + self.num_embeddings * self.eps) * n
            )
            self.ema_cluster_size.assign(updated_ema_cluster_size)
            total_assignment_sums = ops.matmul(ops.transpose(encodings), flattened_inputs)
            updated_ema_w = self.ema_w * self.decay + (1.0 - self.decay) * total_assignment_sums
            self.ema_w.assign(updated_ema_w)
            updated_embeddings = self.ema_w / (
                ops.expand_dims(self.ema_cluster_size, axis=1) + self.eps
            )
            self.embeddings.assign(updated_embeddings)
            # Quantization loss
            quantization_loss = ops.mean((flattened_inputs - quantized_flat) ** 2)
            quantization_loss = ops.reshape(quantization_loss, (1,))
            # STE
            quantized = ops.reshape(quantized_flat, input_shape)
            quantized_flow = inputs + ops.stop_gradient(quantized - inputs)
            usage_ratio = self._codebook_usage(encodings)
            return quantized_flow, encodings, usage_ratio, quantization_loss
        else:
            quantized = ops.reshape(quantized_flat, input_shape)
            usage_ratio = self._codebook_usage(encodings)
            quantization_loss = ops.convert_to_tensor(0.0, dtype=inputs.dtype)
            quantization_loss = ops.reshape(quantization_loss, (1,))
            return quantized, encodings, usage_ratio, quantization_loss


class ResidualVectorQuantizer(layers.Layer):
    def __init__(self, quantizers, **kwargs):
        super().__init__(**kwargs)
        self.quantizers = quantizers

    def call(self, inputs, training=False):
        quantized_list = []
        encodings_list = []
        usage_ratios_list = []
        residual = inputs
        total_quantization_loss = ops.convert_to_tensor(0.0, dtype=inputs.dtype)
        for quantizer in self.quantizers:
            current_quantized, current_encoding, usage_ratio, quantization_loss = quantizer(
                residual, training=training
            )
            total_quantization_loss = total_quantization_loss + quantization_loss
            quantized_list.append(current_quantized)
            residual = residual - current_quantized
            encodings_list.append(current_encoding)
            usage_ratios_list.append(usage_ratio)
        quantized_sum = sum(quantized_list)
        encodings = ops.stack(encodings_list, axis=0)
        usage_ratios = ops.stack(usage_ratios_list, axis=0)
        return quantized_sum, encodings, usage_ratios, total_quantization_loss


class RQVAEBackbone(keras.Model):
    def __init__(self, input_dim, encoder_layer_dims, output_dim, decoder_layer_dims,
                 num_embeddings, num_quantizers, decay=0.99, data_variance=1.0,
                 commitment_cost=0.25, **kwargs):
        inputs = keras.Input(shape=(input_dim,))
        encoder = Encoder(layer_dims=encoder_layer_dims, output_dim=output_dim, name="encoder")
        quantizers = []
        for i in range(num_quantizers):
            quantizers.append(
                VectorQuantizerEMA(num_embeddings=num_embeddings, embedding_dim=output_dim,
                                   decay=decay, name=f"quantizer_{i}")
            )
        residual_quantizer = ResidualVectorQuantizer(quantizers=quantizers, name="residual_quantizer")
        decoder = Decoder(layer_dims=decoder_layer_dims, output_dim=input_dim, name="decoder")

        x = encoder(inputs)
        quantized, encodings, usage_ratios, quantization_loss = residual_quantizer(x)
        reconstructions = decoder(quantized)
        outputs = {
            "reconstructions": reconstructions,
            "encodings": encodings,
            "usage_ratios": usage_ratios,
            "quantization_loss": quantization_loss,
        }
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self.encoder = encoder
        self.residual_quantizer = residual_quantizer
        self.decoder = decoder
        self.data_variance = data_variance
        self.commitment_cost = commitment_cost

    def compute_loss(self, x, y, y_pred, sample_weight=None):
        reconstructions = y_pred["reconstructions"]
        quantization_loss = y_pred["quantization_loss"]
        target = y if y is not None else x
        reconstruction_loss = ops.mean((reconstructions - target) ** 2) / self.data_variance
        loss = reconstruction_loss + self.commitment_cost * quantization_loss
        return loss


def build_model():
    return RQVAEBackbone(input_dim=6, encoder_layer_dims=[8], output_dim=4, decoder_layer_dims=[8],
                         num_embeddings=8, num_quantizers=2)
