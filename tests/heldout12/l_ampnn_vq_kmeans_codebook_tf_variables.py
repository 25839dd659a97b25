"""Codec2 VQ-VAE: the k-means vector quantiser keeps its codebook and both moving averages as
raw tf.Variables made in __init__ (before super().__init__()), and updates them in call() with
tf.keras.backend.update.

`VQ_kmeans` is trained by exponentially weighted k-means rather than by gradients, so all three
variables are `trainable=False`; `set_vq()`/`get_vq()` let the training script seed the codebook
from a k-means run and read it back. On Keras 3 none of the three is a Keras weight: the layer
reports 0 weights, `model.count_params()` leaves out the codebook, and `save_weights()` /
`model.save()` write nothing for it, so a reloaded codec decodes with the zero codebook. The
encoder/decoder Dense layers around it train and save normally, so the loss curve looks fine.
"""

SOURCE = "https://github.com/drowe67/ampnn/blob/master/vq_kmeans.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_ampnn_vq_kmeans_codebook_tf_variables.py:
as returned: Functional, count_params() = 362, 8 weights, unbuilt: none
after call: count_params() = 362, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vq': 0, 'copy_gradient': 0}
second call: 0 variables watched that the first call did not use
(own script: vq.vq is a tf ResourceVariable; the VQ layer has 0 weights, model.get_weights() returns
the 8 Dense arrays only, and none of model.weights is the codebook; an eager call does move the codebook
(k-means update), so what training learns there is never counted or saved.)"""

import numpy as np
import tensorflow as tf


# ---- vq_kmeans.py ------------------------------------------------------------------------------
# Custom Layer - Vector Quantiser with Exponential Weighted Moving Average kmeans updates
class VQ_kmeans(tf.keras.layers.Layer):
    def __init__(self, embedding_dim, num_embeddings, **kwargs):
        self.embedding_dim = embedding_dim          # dimension of each vector
        self.num_embeddings = num_embeddings        # number of VQ entries
        self.vq = tf.Variable(tf.zeros(shape=(self.num_embeddings, self.embedding_dim)),trainable=False)
        self.gamma = 0.99

        # moving averages used for kmeans update of VQ on each batch
        self.ewma_centroid_sum = tf.Variable(self.vq,trainable=False)
        self.ewma_centroid_n = tf.Variable(initial_value=tf.ones([self.num_embeddings]), trainable=False)

        super(VQ_kmeans, self).__init__(**kwargs)

    def build(self, input_shape):
        super(VQ_kmeans, self).build(input_shape)

    def call(self, x):
        # Flatten input except for last dimension
        flat_inputs = tf.reshape(x, (-1, self.embedding_dim))

        # Calculate distances of input to each VQ entry
        distances = (tf.math.reduce_sum(flat_inputs**2, axis=1, keepdims=True)
                     - 2 * tf.tensordot(flat_inputs, tf.transpose(self.vq), 1)
                     + tf.math.reduce_sum(tf.transpose(self.vq) ** 2, axis=0, keepdims=True))
        # Retrieve VQ indices
        encoding_indices = tf.argmax(-distances, axis=1)
        encoding_onehot = tf.one_hot(encoding_indices, self.num_embeddings)
        quantized = tf.matmul(encoding_onehot,self.vq)
        quantized = tf.reshape(quantized, tf.shape(x))

        # Update moving averages and hence update VQ

        centroid_sum =  tf.matmul(tf.transpose(encoding_onehot),flat_inputs)
        centroid_n = tf.reduce_sum(encoding_onehot,axis=0)
        ewma_centroid_sum = self.ewma_centroid_sum*self.gamma + centroid_sum*(1.-self.gamma)
        ewma_centroid_n = self.ewma_centroid_n*self.gamma + centroid_n*(1.-self.gamma)
        vq = ewma_centroid_sum/tf.reshape(ewma_centroid_n, (-1, 1))

        # this magic needed to store the updated states and avoid the dreaded eager execution explosion
        tf.keras.backend.update(self.ewma_centroid_sum, ewma_centroid_sum)
        tf.keras.backend.update(self.ewma_centroid_n, ewma_centroid_n)
        tf.keras.backend.update(self.vq, vq)

        return quantized

    def set_vq(self, vq):
        tf.keras.backend.update(self.vq, vq)
        tf.keras.backend.update(self.ewma_centroid_sum, vq)

    def get_vq(self):
        return self.vq


# Section 3.2 of [2]: custom layer to copy gradient from decoder input z_q(x) to encoder output z_e(x)
class CopyGradient(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        pass

    def call(self, inputs):
        z_q, z_e = inputs
        return z_e + tf.stop_gradient(z_q - z_e)


# Make sure the encoding space z_e doesn't become very much larger than the VQ space z_q
def commitment_loss(z_e, z_q):
    commitment_cost = 0.25
    e_latent_loss = tf.math.reduce_mean((tf.stop_gradient(z_q) - z_e) ** 2)
    return commitment_cost * e_latent_loss


# ---- vq_vae_kmeans_demo.py (shape of the model) -----------------------------------------------
def vqvae_rate_k(dim=8, latent_dim=2, num_embeddings=4):
    x = tf.keras.layers.Input(shape=(dim,), name='encoder_input')
    h = tf.keras.layers.Dense(16, activation='tanh')(x)
    z_e = tf.keras.layers.Dense(latent_dim, name='encoder_output')(h)
    vq = VQ_kmeans(latent_dim, num_embeddings, name="vq")
    z_q = vq(z_e)
    z_q_ = CopyGradient()([z_q, z_e])
    h = tf.keras.layers.Dense(16, activation='tanh')(z_q_)
    y = tf.keras.layers.Dense(dim, name='decoder_output')(h)
    model = tf.keras.Model(x, y)
    return model, vq


def build_model():
    model, vq = vqvae_rate_k()
    # as in the demo: seed the codebook (there from a k-means run on the training data)
    vq.set_vq(np.array([[1., 1.], [-1., 1.], [-1., -1.], [1., -1.]], dtype=np.float32))
    return model
