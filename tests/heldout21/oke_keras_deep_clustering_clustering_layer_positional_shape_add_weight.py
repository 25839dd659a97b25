"""Deep Embedded Clustering's `ClusteringLayer` as a user pasted it into a Keras issue: the cluster
centres are made with `self.add_weight((self.n_clusters, input_dim), initializer=..., name=...)`
(shape passed positionally), optional initial centres are pushed in with `self.set_weights(...)`
inside `build()` and then deleted, and `build()` ends with `self.built = True` instead of
`super().build()`.

From Tony607/Keras_Deep_Clustering issue #10 (the asker's copy of the notebook's layer raised
"add_weight() got multiple values for argument 'name'" on Keras 2.3, whose first positional
parameter was `name`). On Keras 3 the first positional parameter of `add_weight` is `shape`, so the
same call is correct: the centres are one tracked trainable weight, `set_weights` in `build()` finds
it already created, and the Student's-t soft assignment trains them.

Porting edits: `K.floatx()` -> `keras.config.floatx()`; the `K.sum/K.square/K.expand_dims/K.transpose`
calls -> `keras.ops` (Keras 3 has no backend math functions); `build_model()` puts the layer after a
Dense(3) "embedding" on a 6-feature input with 4 clusters (the notebook uses the encoder of an
autoencoder and 10 clusters).
"""

SOURCE = "https://github.com/Tony607/Keras_Deep_Clustering/issues/10"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/oke_keras_deep_clustering_clustering_layer_positional_shape_add_weight.py:
as returned: Functional, count_params() = 33, 3 weights, unbuilt: none
after call: count_params() = 33, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'clustering': 12}
second call: 0 variables watched that the first call did not use
Own scripts /tmp/mine21b/pclu.py and fitprobe.py: centres after build equal the initial ones: True ; initial_weights attr left: False ; clusters trainable: True;
fitprobe.py (compile SGD(0.1)/mse, fit one epoch): fit ok; 3 of 3 trainable weights changed (the centres included)."""

import keras
from keras import ops
from keras.layers import Layer, InputSpec, Input, Dense
from keras.models import Model


class ClusteringLayer(Layer):

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
        self.input_spec = InputSpec(dtype=keras.config.floatx(), shape=(None, input_dim))
        self.clusters = self.add_weight((self.n_clusters, input_dim), initializer='glorot_uniform', name='clusters')
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights
        self.built = True

    def call(self, inputs, **kwargs):
        q = 1.0 / (1.0 + (ops.sum(ops.square(ops.expand_dims(inputs, axis=1) - self.clusters), axis=2) / self.alpha))
        q **= (self.alpha + 1.0) / 2.0
        q = ops.transpose(ops.transpose(q) / ops.sum(q, axis=1))  # Make sure each sample's 10 values add up to 1.
        return q

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) == 2
        return input_shape[0], self.n_clusters


def build_model():
    import numpy as np

    x = Input(shape=(6,))
    embedding = Dense(3, name='embedding')(x)
    centres = np.linspace(-1.0, 1.0, 12, dtype="float32").reshape(4, 3)
    q = ClusteringLayer(4, weights=[centres], name='clustering')(embedding)
    return Model(inputs=x, outputs=q)
