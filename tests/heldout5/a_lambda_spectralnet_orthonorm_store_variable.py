"""SpectralNet's `Orthonorm` layer is a `Lambda` that reads and writes a variable made outside it: the stored matrix is not part of the model.

SpectralNet (and the SpectralVAEGAN fork it was read from) ends its network with an
orthogonalisation layer built by a helper, `Orthonorm(x)`: it creates a variable
`ortho_weights_store` with `tf.get_variable`, and returns
`Lambda(lambda x: K.in_train_phase(K.dot(x, ortho_weights), K.dot(x, ortho_weights_store)))`
with an update op that copies the training-time matrix into the store. At inference the model
multiplies by the stored matrix, but the variable belongs to no layer: it is not in
`model.weights`, so `save()`/`save_weights()` drop it (the fork pickles the matrix by hand next
to `sn.save(...)`), and a reloaded network multiplies by whatever the fresh variable holds.
Ported to Keras 3 with the same helper shape: the orthogonalising matrix is computed from the
batch with `tf.linalg` in training, assigned to the store, and the store is read otherwise.
"""

SOURCE = "https://github.com/lihenryhfl/SpectralVAEGAN/blob/11b1a5ec214d37f18a89227b0c1d77caa7858965/src/core/layer.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"

MEASURED = """as returned: Functional, count_params() = 5124, 6 weights, unbuilt: none
after call: count_params() = 5124, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['ortho_weights_store:0']
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from keras import ops
from keras.layers import Dense, Input, Lambda
from keras.models import Model
from keras.regularizers import l2


def orthonorm_op(x, epsilon=1e-7):
    '''
    Computes a matrix that orthogonalizes the input matrix x
    (an n x d matrix); returns a d x d matrix, ortho_weights, which
    orthogonalizes x by right multiplication
    '''
    x_2 = ops.matmul(ops.transpose(x), x)
    x_2 += ops.eye(x.shape[-1]) * epsilon
    L = tf.linalg.cholesky(x_2)
    ortho_weights = tf.transpose(tf.linalg.inv(L)) * tf.sqrt(tf.cast(tf.shape(x)[0], dtype="float32"))
    return ortho_weights


def Orthonorm(d, name=None):
    '''
    Builds keras layer that handles orthogonalization of its input
    '''
    # create variable that holds this matrix
    ortho_weights_store = tf.Variable(tf.eye(d), name="ortho_weights_store")

    def orthonorm(x, training=None):
        # switch between stored and calculated weights based on training or validation
        if training:
            ortho_weights = orthonorm_op(x)
            ortho_weights_store.assign(ortho_weights)
            return ops.matmul(x, ortho_weights)
        return ops.matmul(x, ortho_weights_store)

    return Lambda(orthonorm, name=name)


def stack_layers(inputs, layers, kernel_initializer="glorot_uniform"):
    '''
    Applies each layer described in layers (a list of dicts) to every input in inputs
    '''
    outputs = dict(inputs)
    for layer in layers:
        l2_reg = layer.get("l2_reg")
        if l2_reg:
            l2_reg = l2(layer["l2_reg"])
        if layer["type"] in ("relu", "tanh", "softplus"):
            new_layer = Dense(layer["size"], activation=layer["type"], kernel_initializer=kernel_initializer,
                              kernel_regularizer=l2_reg, name=layer.get("name"))
        elif layer["type"] == "Orthonorm":
            new_layer = Orthonorm(layer["size"], name=layer.get("name"))
        else:
            raise ValueError("Invalid layer type '{}'".format(layer["type"]))
        for k in outputs:
            outputs[k] = new_layer(outputs[k])
    return outputs


def build_model(input_dim=10, n_clusters=4, spec_reg=None):
    arch = [{"type": "relu", "size": 64}, {"type": "relu", "size": 64}]
    layers = [dict(a, name="spectral_{}".format(i), l2_reg=spec_reg) for i, a in enumerate(arch)]
    layers += [
        {"type": "tanh", "size": n_clusters, "l2_reg": spec_reg, "name": "spectral_{}".format(len(arch))},
        {"type": "Orthonorm", "size": n_clusters, "name": "orthonorm"},
    ]
    inputs = {"Unlabeled": Input(shape=(input_dim,), name="UnlabeledInput")}
    outputs = stack_layers(inputs, layers)
    return Model(inputs=inputs["Unlabeled"], outputs=outputs["Unlabeled"])
