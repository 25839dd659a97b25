"""A k-means/EWMA vector-quantiser layer (`VQ_EWMA_kmeans`) keeps its codebook and both moving averages as
`tf.Variable(..., trainable=False)` made in `__init__`, before `super().__init__()`: on Keras 3 none is tracked, so
the model reports 0 weights and the codebook learnt by the EWMA updates is not saved or restored.

From drowe67/ampnn (`vq_ewma_kmeans.py`, used by `vq_ewma_kmeans_demo.py` and the codec2 VQ-VAE scripts), David
Rowe's experiments on neural VQ for the Codec 2 speech codec. The codebook is updated inside `call()` from
exponentially weighted centroid sums (no gradients: the demo says "we do our own training (no trainable
weights)"), so the only thing the model has to carry is the codebook state, and that lives in backend-native
variables (LD003). On tf.keras 2 the three variables were tracked as non-trainable weights. `super().__init__()`
also comes after the variables are set; on Keras 3 that is accepted silently here (nothing is reset), so LD013 is
noted as a doubt, not a code.

Porting edits: `tf.keras.backend.update(var, value)` (gone in Keras 3) -> `var.assign(value)`, three calls in
`call()` and two in `set_vq()`; nothing else. `build_model()` is the demo's model: Input(shape=(2,)) ->
VQ_EWMA_kmeans(2, 4, name="vq"), with the demo's initial QPSK table set through `set_vq`.
"""

SOURCE = "https://github.com/drowe67/ampnn/blob/51d3a4650a2386478e9c64d67b06ede2e5dfd072/vq_ewma_kmeans.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/ar_ampnn_vq_ewma_kmeans_codebook_tf_variables_before_super_init.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vq': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine33/ar/p_vqewma.py:
layer weights: 0 model weights: 0
codebook after fit: [[0.5699999928474426, 0.5699999928474426], [-0.5199999809265137, 0.5199999809265137], [-0.47999998927116394, -0.49000000953674316], [0.49000000953674316, -0.5]]
codebook after load_weights into a fresh model: [[0.10000000149011612, 0.10000000149011612], [-0.10000000149011612, 0.10000000149011612], [-0.10000000149011612, -0.10000000149011612], [0.10000000149011612, -0.10000000149011612]]"""

import tensorflow as tf


# Custom Layer - Vector Quantiser with Exponential Weighted Moving Average kmeans updates
class VQ_EWMA_kmeans(tf.keras.layers.Layer):
    def __init__(self, embedding_dim, num_embeddings, **kwargs):
        self.embedding_dim = embedding_dim          # dimension of each vector
        self.num_embeddings = num_embeddings        # number of VQ entries
        self.vq = tf.Variable(tf.zeros(shape=(self.num_embeddings, self.embedding_dim)),trainable=False)
        self.gamma = 0.99

        # moving averages used for kmeans update of VQ on each batch
        self.ewma_centroid_sum = tf.Variable(self.vq,trainable=False)
        self.ewma_centroid_n = tf.Variable(initial_value=tf.ones([self.num_embeddings]), trainable=False)

        super(VQ_EWMA_kmeans, self).__init__(**kwargs)

    def build(self, input_shape):
        super(VQ_EWMA_kmeans, self).build(input_shape)

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

        # Update moving averages and hence update VQ

        centroid_sum =  tf.matmul(tf.transpose(encoding_onehot),x)
        centroid_n = tf.reduce_sum(encoding_onehot,axis=0)
        ewma_centroid_sum = self.ewma_centroid_sum*self.gamma + centroid_sum*(1.-self.gamma)
        ewma_centroid_n = self.ewma_centroid_n*self.gamma + centroid_n*(1.-self.gamma)
        vq = ewma_centroid_sum/tf.reshape(ewma_centroid_n, (-1, 1))

        # this magic needed to store the updated states and avoid the dreaded eager execution explosion
        self.ewma_centroid_sum.assign(ewma_centroid_sum)
        self.ewma_centroid_n.assign(ewma_centroid_n)
        self.vq.assign(vq)

        return quantized

    def set_vq(self, vq):
        self.vq.assign(vq)
        self.ewma_centroid_sum.assign(vq)

    def get_vq(self):
        return self.vq


def build_model():
    import numpy as np

    dim = 2
    nb_embedding = 4
    inputs = tf.keras.layers.Input(shape=(dim,))
    outputs = VQ_EWMA_kmeans(dim, nb_embedding, name="vq")(inputs)
    model = tf.keras.Model(inputs, outputs)
    vq_initial = np.array([[1., 1.], [-1., 1.], [-1., -1.], [1., -1.]]) / 10
    model.get_layer('vq').set_vq(vq_initial)
    return model
