"""The mDAE hyperspectral-unmixing autoencoder's `DenseTied` decoder: in `build()` it stores
`K.transpose(self.tied_to.kernel)` on `self.kernel` (and appends it to `self.non_trainable_weights`),
then multiplies by that stored tensor in every `call()`.

From burknipalsson/hu_autoencoders (`Method_mDAE.ipynb`, the mDAE method of Palsson et al.'s
unmixing autoencoders; the same layer is copied into other unmixing projects). The transpose is
evaluated once, eagerly, when the decoder is built: `self.kernel` is a constant snapshot of the
endmember matrix, not a view of the `unmix` layer's variable. On Keras 3 nothing fails and nothing
warns: the model builds, the encoder-side `unmix` kernel gets gradients through the encoder path,
but the decoder keeps the snapshot: the VCA endmembers the author loads with
`model.get_layer('unmix').set_weights([init])` after building never reach the decoder, and training
never changes the decoder's endmembers. (`non_trainable_weights.append` edits a throw-away list.)

Porting edits: `tensorflow.python.keras.backend` `K.dot`/`K.transpose`/`K.bias_add`/`K.abs`/`K.sum`
-> `keras.ops`; `tf.keras` -> `keras`; the HSI .mat file replaced by a seeded random 64 x 16 "image"
(n_bands 16, num_endmembers 3); `vca(...)` (unmixing.py) replaced by the first three spectra of that
data as the endmember init (the author's `set_weights` call kept); plotting callbacks dropped.
"""

SOURCE = "https://github.com/burknipalsson/hu_autoencoders/blob/b445c364e3303305bb025c1923b486a13453b589/Method_mDAE.ipynb"
CODES = ("LD001", "LD010")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/r_huautoencoders_mdae_densetied_transposed_kernel_frozen_in_build.py:
as returned: Functional, count_params() = 326, 4 weights, unbuilt: none
after call: count_params() = 326, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'augmented_logistic': 6, 'abundances': 0, 'dense_tied': 48}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine27c/mdaeprobe.py: the decoder's `kernel` is an EagerTensor (the 48 "params" of
dense_tied are the tracked `tied_to` layer's kernel, not the snapshot); after the author's
`get_layer('unmix').set_weights([init])` the decoder kernel != unmix.kernel.T; after 2 fit epochs
(SGD(0.1), mse) the unmix kernel changed, the decoder kernel did not (stale endmembers). No warning."""

import numpy as np
import keras
from keras import layers, regularizers
from keras import ops as K


class SumToOne(layers.Layer):
    def __init__(self, params, **kwargs):
        super(SumToOne, self).__init__(**kwargs)
        self.params = params

    def call(self, x):
        x = K.abs(x) / (K.sum(K.abs(x), axis=-1, keepdims=True) + keras.config.epsilon())
        return x


class mDA_initializer(keras.initializers.Initializer):
    def __init__(self, data, p):
        self.W = self.mDA(data.T, p)

    def mDA(self, X, p):
        X = np.vstack((X, np.ones((1, X.shape[1]))))
        d = X.shape[0]
        q = np.vstack((np.ones((d - 1, 1)) * (1 - p), np.ones(1)))
        S = np.matmul(X, X.T)
        Q = S * np.matmul(q, q.T)
        row, col = np.diag_indices_from(Q)
        Q[row, col] = np.multiply(q.T, np.diag(S))
        P = np.multiply(S, np.repeat(q.T, d, 0))
        a = P[0:-1, :]
        b = Q + 1e-5 * np.eye(d)
        W = np.linalg.lstsq(b.T, a.T, rcond=None)[0].T
        return W.astype(np.float32)

    def __call__(self, shape, dtype=None):
        return K.convert_to_tensor(self.W)

    def get_config(self):  # To support serialization
        return {"W": self.W}


class NonNeg(regularizers.Regularizer):
    def __init__(self, strength):
        super(NonNeg, self).__init__()
        self.strength = strength

    def __call__(self, x):
        neg = K.abs(K.cast(x < 0, x.dtype) * x)
        reg = self.strength * K.sum(neg)
        return reg


class DenseTied(layers.Layer):
    def __init__(
        self,
        units,
        activation=None,
        use_bias=False,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        tied_to=None,
        **kwargs
    ):
        self.tied_to = tied_to
        if "input_shape" not in kwargs and "input_dim" in kwargs:
            kwargs["input_shape"] = (kwargs.pop("input_dim"),)
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.input_spec = layers.InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        if self.tied_to is not None:
            self.kernel = K.transpose(self.tied_to.kernel)
            self.non_trainable_weights.append(self.kernel)
        else:
            self.kernel = self.add_weight(
                shape=(input_dim, self.units),
                initializer=self.kernel_initializer,
                name="kernel",
                regularizer=self.kernel_regularizer,
                constraint=self.kernel_constraint,
            )
        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,),
                initializer=self.bias_initializer,
                name="bias",
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = layers.InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def call(self, inputs):
        output = K.matmul(inputs, self.kernel)
        if self.use_bias:
            output = K.add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output


class AugmentedLogistic(layers.Layer):
    def __init__(self):
        super(AugmentedLogistic, self).__init__()

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]
        self.a = self.add_weight(shape=(input_dim,),
                                 initializer="ones",
                                 trainable=True)
        self.b = self.add_weight(shape=(input_dim,),
                                 initializer="zeros",
                                 trainable=True)

    def call(self, x):
        y = self.a * x + self.b
        return K.sigmoid(y)


class Autoencoder(object):
    def __init__(self, params):
        self.data = params["data"]
        self.params = params
        self.mDA_layer = layers.Dense(
            units=self.params["n_bands"] + 1,
            activation="linear",
            use_bias=False,
            kernel_initializer=mDA_initializer(self.data, self.params["p"]),
        )
        self.unmix_layer = layers.Dense(
            units=self.params["num_endmembers"],
            activation="linear",
            kernel_regularizer=NonNeg(10),
            name='unmix',
            use_bias=False
        )
        self.output_layer = DenseTied(
            units=self.params["n_bands"],
            kernel_constraint=None,
            activation="linear",
            tied_to=self.unmix_layer,
        )
        self.asc_layer = SumToOne(self.params, name='abundances')
        self.model = self.create_model()
        init = self.data[:self.params['num_endmembers']].T  # vca(data.T, num_endmembers)[0] in the original
        self.model.get_layer(name='unmix').set_weights([init])

    def create_model(self):
        input_features = layers.Input(shape=(self.params["n_bands"],))
        code = self.mDA_layer(input_features)
        code = layers.Lambda(lambda x: x[:, :-1])(code)
        code = self.unmix_layer(code)
        code = AugmentedLogistic()(code)

        abunds = self.asc_layer(code)
        output = self.output_layer(abunds)

        return keras.Model(inputs=input_features, outputs=output)


def build_model():
    rng = np.random.default_rng(0)
    data = rng.random((64, 16)).astype("float32")
    params = {"num_endmembers": 3, "n_bands": 16, "data": data, "p": 0.01}
    return Autoencoder(params).model
