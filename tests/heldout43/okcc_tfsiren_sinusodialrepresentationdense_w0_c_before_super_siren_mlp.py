"""tf_SIREN's `SinusodialRepresentationDense` (a `Dense` subclass with sine activations) stores `self.w0` and `self.c`
before calling `super().__init__(...)`. It looks like LD013 (state set before `super().__init__()`), but it is
correct: `w0` and `c` are plain hyper-parameters that `Layer.__init__`/`Dense.__init__` do not touch; everything
Keras owns (units, activation, initializers, regularizers, name) is handed to `super().__init__` as arguments.
The `Sine(w0)` activation layer passed as `activation=` is tracked as a sublayer and the kernels train.

From titu1994/tf_SIREN (SIREN, "Implicit Neural Representations with Periodic Activation Functions", Sitzmann et al.
2020, for fitting images/signals as coordinate networks), `tf_siren/siren.py` at 27d385c (HEAD), with `SIRENModel`
from `tf_siren/siren_mlp.py` of the same commit. `SIRENInitializer(VarianceScaling)` also sets `self.w0`/`self.c`
before its own `super().__init__`. `scripts/train_inpainting_siren.py` builds
`SIRENModel(units=256, final_units=3, final_activation='sigmoid', num_layers=5, w0=30.0, w0_initial=30.0)` and
instantiates it with `_ = model(tf.zeros([1, 2]))` before `model.summary()`.

Porting edits: none in the classes kept; `ScaledSinusodialRepresentationDense`/`ScaledSIRENModel` (not used by the
script) are left out, and so is their entry in the custom-objects registration. build_model() follows the script:
the model above, called once on `tf.zeros([1, 2])`, returned with a batch of 2-D pixel coordinates in [-1, 1].
"""

SOURCE = "https://github.com/titu1994/tf_SIREN/blob/27d385c89c1dc9e988567120e351b1ef2a572b1b/tf_siren/siren.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_tfsiren_sinusodialrepresentationdense_w0_c_before_super_siren_mlp.py:
as returned: SIRENModel, count_params() = 264707, 12 weights, unbuilt: none
after call: count_params() = 264707, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sinusodial_representation_dense_4': 65792, 'sine_4': 0, 'sinusodial_representation_dense_3': 65792, 'sine_3': 0, 'sinusodial_representation_dense_2': 65792, 'sine_2': 0, 'sinusodial_representation_dense_1': 65792, 'sine_1': 0, 'sinusodial_representation_dense': 768, 'sine': 0, 'sinusodial_representation_dense_5': 771}
second call: 0 variables watched that the first call did not use
probe_siren.py: SinusodialRepresentationDense(8, w0=30.0, name='siren_in', trainable=False) keeps w0 30.0, c 6.0, name 'siren_in', trainable False, activation a Sine layer with w0 30.0 after __init__; after the script's model(tf.zeros([1, 2])) the summary says Total params: 264,707; one fit step (adam, mse) changes 12 of 12 trainable weights. No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.python.ops.init_ops_v2 import _compute_fans


class SIRENFirstLayerInitializer(tf.keras.initializers.Initializer):

    def __init__(self, scale=1.0, seed=None):
        super().__init__()
        self.scale = scale
        self.seed = seed

    def __call__(self, shape, dtype=tf.float32):
        fan_in, fan_out = _compute_fans(shape)
        limit = self.scale / max(1.0, float(fan_in))
        return tf.random.uniform(shape, -limit, limit, seed=self.seed)

    def get_config(self):
        base_config = super().get_config()
        config = {
            'scale': self.scale,
            'seed': self.seed
        }
        return dict(list(base_config.items()) + list(config.items()))


class SIRENInitializer(tf.keras.initializers.VarianceScaling):

    def __init__(self, w0: float = 1.0, c: float = 6.0, seed: int = None):
        # Uniform variance scaler multiplies by 3.0 for limits, so scale down here to compensate
        self.w0 = w0
        self.c = c
        scale = c / (3.0 * w0 * w0)
        super(SIRENInitializer, self).__init__(scale=scale, mode='fan_in', distribution='uniform', seed=seed)

    def get_config(self):
        base_config = super().get_config()
        config = {
            'w0': self.w0,
            'c': self.c
        }
        return dict(list(base_config.items()) + list(config.items()))


class Sine(tf.keras.layers.Layer):
    def __init__(self, w0: float = 1.0, **kwargs):
        """
        Sine activation function with w0 scaling support.

        Args:
            w0: w0 in the activation step `act(x; w0) = sin(w0 * x)`
        """
        super(Sine, self).__init__(**kwargs)
        self.w0 = w0

    def call(self, inputs):
        return tf.sin(self.w0 * inputs)
    
    def get_config(self):
        config = {'w0': self.w0}
        base_config = super(Sine, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class SinusodialRepresentationDense(tf.keras.layers.Dense):

    def __init__(self,
                 units,
                 w0: float = 1.0,
                 c: float = 6.0,
                 activation='sine',
                 use_bias=True,
                 kernel_initializer='siren_uniform',
                 bias_initializer='he_uniform',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        """
        Sine Representation Dense layer. Extends Dense layer.

        Constructs weights which support `w0` scaling per layer along with change to `c`
        from the paper "Implicit Neural Representations with Periodic Activation Functions".

        Args:
            units: Positive integer, dimensionality of the output space.
            w0: w0 in the activation step `act(x; w0) = sin(w0 * x)`.
            c: Recommended value to scale the distribution when initializing
                weights.
            activation: Activation function to use.
                If you don't specify anything, no activation is applied
                (ie. "linear" activation: `a(x) = x`).
            use_bias: Boolean, whether the layer uses a bias vector.
            kernel_initializer: Initializer for the `kernel` weights matrix.
            bias_initializer: Initializer for the bias vector.
            kernel_regularizer: Regularizer function applied to
                the `kernel` weights matrix.
            bias_regularizer: Regularizer function applied to the bias vector.
            activity_regularizer: Regularizer function applied to
                the output of the layer (its "activation")..
            kernel_constraint: Constraint function applied to
                the `kernel` weights matrix.
            bias_constraint: Constraint function applied to the bias vector.

        # References:
            -   [Implicit Neural Representations with Periodic Activation Functions](https://arxiv.org/abs/2006.09661)
        """
        self.w0 = float(w0)
        self.c = float(c)

        if activation == 'sine':
            activation = Sine(w0=w0)

        if kernel_initializer == 'siren_uniform':
            kernel_initializer = SIRENInitializer(w0=w0, c=c)

        if bias_initializer == 'siren_uniform':
            bias_initializer = SIRENInitializer(w0=w0, c=c)

        super().__init__(
            units=units,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs)

    def get_config(self):
        base_config = super(SinusodialRepresentationDense, self).get_config()
        config = {
            'w0': self.w0,
            'c': self.c
        }
        return dict(list(base_config.items()) + list(config.items()))

tf.keras.utils.get_custom_objects().update({
    'sine': Sine,
    'siren_uniform': SIRENInitializer,
    'siren_first_uniform': SIRENFirstLayerInitializer,
    'SinusodialRepresentationDense': SinusodialRepresentationDense,
})




class SIRENModel(tf.keras.Model):

    def __init__(self, units: int, final_units: int,
                 final_activation: str = "linear",
                 num_layers: int = 1,
                 w0: float = 30.0,
                 w0_initial: float = 30.0,
                 initial_layer_init: str = 'siren_first_uniform',
                 use_bias: bool = True, **kwargs):
        """
        SIREN model from the paper [Implicit Neural Representations with Periodic Activation Functions](https://arxiv.org/abs/2006.09661).
        Used to create a multi-layer MLP using SinusodialRepresentationDense layers.

        Args:
            units: Number of hidden units in the intermediate layers.
            final_units: Number of hidden units in the final layer.
            final_activation: Activation function of the final layer.
            num_layers: Number of layers in the network.
            w0: w0 in the activation step `act(x; w0) = sin(w0 * x)`.
            w0_initial: By default, scales `w0` of first layer to 30 (as used in the paper).
            initial_layer_init: Initialization for the first SIREN layer.
                Can be any valid keras initialization object or string.
                For SIREN, use `siren_uniform` for the general initialization,
                or `siren_first_uniform` which is specific for first layer.
            use_bias: Boolean whether to use bias or not.

        # References:
            -   [Implicit Neural Representations with Periodic Activation Functions](https://arxiv.org/abs/2006.09661)
        """
        super(SIRENModel, self).__init__(**kwargs)

        siren_layers = [SinusodialRepresentationDense(units, w0=w0_initial, use_bias=use_bias,
                                                            kernel_initializer=initial_layer_init,
                                                            **kwargs)]

        for _ in range(num_layers - 1):
            siren_layers.append(SinusodialRepresentationDense(units, w0=w0, use_bias=use_bias, **kwargs))

        self.siren_layers = tf.keras.Sequential(siren_layers)
        self.final_dense = SinusodialRepresentationDense(final_units, activation=final_activation,
                                                               use_bias=use_bias, **kwargs)

    def call(self, inputs, training=None, mask=None):
        features = self.siren_layers(inputs)
        output = self.final_dense(features)
        return output


def build_model():
    # Build model
    model = SIRENModel(units=256, final_units=3, final_activation='sigmoid', num_layers=5,
                       w0=30.0, w0_initial=30.0)

    # instantiate model
    _ = model(tf.zeros([1, 2]))
    coords = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 4)), -1).reshape(-1, 2).astype('float32')
    return model, coords
