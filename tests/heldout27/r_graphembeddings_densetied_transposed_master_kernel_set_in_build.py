"""A `DenseTied(Dense)` decoder layer for a graph-embedding autoencoder that, in `build()`, stores a
transposed copy of the master layer's kernel on itself (`self.kernel = K.transpose(self.master_layer.kernel)`)
instead of creating a kernel, while `call()` recomputes the transpose.

From bhaney/graph_embeddings (`gembed/layers.py`, used by the repository's autoencoder embeddings).
On Keras 3 `Dense.kernel` is a read-only property, so the assignment of the transposed tensor in
`build()` raises `AttributeError` while the functional model is wired; on tf.keras 2 it stored a
frozen tensor as the layer's "kernel" (the weight-like raw tensor the call does not use).

Porting edits: `keras.engine.Layer`/`keras.backend` -> `keras.layers`/`keras.ops`;
`master_layer.input_shape[-1]` (gone from Keras 3 layers) -> `master_layer.input.shape[-1]`; the
autoencoder around it reduced to 16 -> 4 -> tied 16.
"""

SOURCE = "https://github.com/bhaney/graph_embeddings/blob/9156211ce4a328f4a86ebeb0d3fff3f66b0d3445/gembed/layers.py"
CODES = ("LD010", "LD001")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/r_graphembeddings_densetied_transposed_master_kernel_set_in_build.py:
build_model() raised AttributeError: property 'kernel' of 'DenseTied' object has no setter
Own probe (/tmp/mine27c/p2.py, case c): the error comes from `self.kernel = K.transpose(self.master_layer.kernel)`
in build(); with the author's `master_layer.input_shape[-1]` Keras 3 fails even earlier
("'Dense' object has no attribute 'input_shape'", /tmp/mine27c/p1.py), hence the porting edit."""

import keras
from keras.layers import Dense, Input
from keras.models import Model
from keras import ops as K


class DenseTied(Dense):
    def __init__(self, master_layer, **kwargs):
        #output_dim needs to be equal to the input dimensions of the master_layer
        self.output_dim = master_layer.input.shape[-1]
        super(DenseTied, self).__init__(self.output_dim, **kwargs)
        self.master_layer = master_layer

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        self.kernel = K.transpose(self.master_layer.kernel)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.output_dim,),
                            initializer=self.bias_initializer,
                            name='bias',
                            regularizer=self.bias_regularizer,
                            constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        output = K.matmul(inputs, K.transpose(self.master_layer.kernel))
        if self.use_bias:
            output = K.add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output


def build_model():
    inp = Input(shape=(16,))
    encoder = Dense(4, activation='relu')
    encoded = encoder(inp)
    decoded = DenseTied(encoder, activation='sigmoid')(encoded)
    return Model(inp, decoded)
