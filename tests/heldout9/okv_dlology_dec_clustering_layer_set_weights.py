"""Deep Embedded Clustering head: cluster centres as a weight created in build() from a `weights=` argument.

The "How to do Unsupervised Clustering with Keras" blog post (DEC) puts a ClusteringLayer on top of
a pretrained autoencoder's encoder. The layer pops `input_dim` into `input_shape` before
super().__init__, stashes an optional `weights` argument as `self.initial_weights`, creates the
centres in build() with a positional-shape `add_weight((n_clusters, input_dim), ...)`, calls
`self.set_weights(...)` and `del self.initial_weights` inside build(), replaces `self.input_spec`,
and sets `self.built = True` by hand; the script then overwrites the centres from KMeans with
`model.get_layer('clustering').set_weights([kmeans.cluster_centers_])`. It runs on Keras 3 with only
the import lines changed (tensorflow.keras.backend still provides K.sum/K.square/K.transpose), and
the cluster centres are a tracked, trained weight.
"""

SOURCE = "https://www.dlology.com/blog/how-to-do-unsupervised-clustering-with-keras/"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okv_dlology_dec_clustering_layer_set_weights.py:
as returned: Functional, count_params() = 3480, 7 weights, unbuilt: none
after call: count_params() = 3480, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'clustering': 80}
second call: 0 variables watched that the first call did not use"""

import numpy as np
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Dense, Input, InputSpec, Layer
from tensorflow.keras.models import Model


def autoencoder(dims, act='relu', init='glorot_uniform'):
    """Fully connected auto-encoder model, symmetric.

    dims: list of number of units in each layer of encoder. dims[0] is input dim, dims[-1] is units
        in hidden layer. The decoder is symmetric with the encoder.
    return: (ae_model, encoder_model)
    """
    n_stacks = len(dims) - 1
    # input
    x = Input(shape=(dims[0],), name='input')
    h = x
    # internal layers in encoder
    for i in range(n_stacks - 1):
        h = Dense(dims[i + 1], activation=act, kernel_initializer=init, name='encoder_%d' % i)(h)
    # hidden layer, features are extracted from here
    h = Dense(dims[-1], kernel_initializer=init, name='encoder_%d' % (n_stacks - 1))(h)
    y = h
    # internal layers in decoder
    for i in range(n_stacks - 1, 0, -1):
        y = Dense(dims[i], activation=act, kernel_initializer=init, name='decoder_%d' % i)(y)
    # output
    y = Dense(dims[0], kernel_initializer=init, name='decoder_0')(y)
    return Model(inputs=x, outputs=y, name='AE'), Model(inputs=x, outputs=h, name='encoder')


class ClusteringLayer(Layer):
    """
    Clustering layer converts input sample (feature) to soft label, i.e. a vector that represents the
    probability of the sample belonging to each cluster. The probability is calculated with
    student's t-distribution.
    """

    def __init__(self, n_clusters, weights=None, alpha=1.0, **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(ClusteringLayer, self).__init__(**kwargs)
        self.n_clusters = n_clusters
        self.alpha = alpha
        self.initial_weights = weights
        self.input_spec = InputSpec(ndim=2)

    def build(self, input_shape):
        assert len(input_shape) == 2
        input_dim = input_shape[1]
        self.input_spec = InputSpec(dtype=K.floatx(), shape=(None, input_dim))
        self.clusters = self.add_weight((self.n_clusters, input_dim), initializer='glorot_uniform', name='clusters')
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights
        self.built = True

    def call(self, inputs, **kwargs):
        """ student t-distribution, as same as used in t-SNE algorithm.
                 q_ij = 1/(1+dist(x_i, u_j)^2), then normalize it.
        """
        q = 1.0 / (1.0 + (K.sum(K.square(K.expand_dims(inputs, axis=1) - self.clusters), axis=2) / self.alpha))
        q **= (self.alpha + 1.0) / 2.0
        q = K.transpose(K.transpose(q) / K.sum(q, axis=1))
        return q

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) == 2
        return input_shape[0], self.n_clusters

    def get_config(self):
        config = {'n_clusters': self.n_clusters}
        base_config = super(ClusteringLayer, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


n_clusters = 10
dims = [64, 32, 32, 8]


def build_model():
    autoencoder_model, encoder = autoencoder(dims, init='glorot_uniform')
    initial = [np.random.default_rng(1).normal(size=(n_clusters, dims[-1])).astype('float32')]
    clustering_layer = ClusteringLayer(n_clusters, weights=initial, name='clustering')(encoder.output)
    model = Model(inputs=encoder.input, outputs=clustering_layer)
    model.compile(optimizer='sgd', loss='kld')
    # stands in for: kmeans = KMeans(n_clusters, n_init=20); kmeans.fit_predict(encoder.predict(x))
    cluster_centers_ = np.random.default_rng(2).normal(size=(n_clusters, dims[-1])).astype('float32')
    model.get_layer(name='clustering').set_weights([cluster_centers_])
    return model
