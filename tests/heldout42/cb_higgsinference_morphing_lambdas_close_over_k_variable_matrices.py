"""higgs_inference's morphing-aware likelihood-ratio models compute the morphing weights with Lambdas whose
functions read `K.variable`s made outside them: `Lambda(lambda x: K.dot(x, component_sample_var))` and
`Lambda(lambda w: w * sigma_sample_var)`. The two variables (the inverse morphing basis and the benchmark cross
sections) belong to no layer: the model does not track, count or save them (LD012).

From johannbrehmer/higgs_inference (the code of "Constraining Effective Field Theories with Machine Learning",
Brehmer, Cranmer, Louppe, Pavez 2018: likelihood-ratio estimators for Higgs EFT parameters),
`higgs_inference/models/morphing.py` (`generate_wtilde_layer`, `generate_wi_layer`) as used by
`higgs_inference/models/models_aware.py` (`make_classifier_carl_morphingaware`). The morphing weights
w_i(theta) = sigma_i wtilde_i(theta) / sum_j sigma_j wtilde_j(theta) are a fixed physics transform: 15 monomials
of the two EFT parameters times the inverse of the morphing basis matrix, then the benchmark cross sections. The
author meant them as constants, but `K.variable` makes trainable variables, and the Lambdas reach them through
their closures. On Keras 3 + TF the forward pass reads them (the tape watches both), the model's weights do not
include them, and saving the model has to serialise the closures.

Porting edits: the matrices come from `np.load(settings.base_dir + '/data/morphing/...npy')`; here they are a
seeded, well-conditioned 15x15 basis and 15 positive cross sections of the same shapes. `settings.n_features`
(42), `n_params` (2), `n_thetas_features` (44), `n_morphing_samples` (15) are the repository's values, inlined.
Keras 3's `keras.backend` has no `variable`/`dot`/`sum`, so `import keras.backend as K` is
`from tensorflow.keras import backend as K` (Keras 3's legacy backend, which has them). The score head,
`Lambda(lambda x: K.gradients(x[0], x[1])[0])` (TF 1 graph-mode only; it raises in eager execution), and the
metrics / `compile` are left out, so the output concatenates s_hat, log r_hat, w_i and r_i_hat. `build_hidden_layers`
is copied from `higgs_inference/models/ml_utils.py`. build_model() builds the morphing-aware CARL model with
the defaults (2 hidden layers of 100, tanh).
"""

SOURCE = "https://github.com/johannbrehmer/higgs_inference/blob/26aaee7f8408597f06d065d77747d67ceb2b7cdb/higgs_inference/models/morphing.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 217515, 90 weights, unbuilt: none
after call: count_params() = 217515, 90 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 90 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
second call: 0 variables watched that the first call did not use
python probes/probe_higgs.py (one call on a (2, 44) batch, then save/load):
untracked variables the tape watched: ('Variable:0', (15, 15), trainable=True) and ('Variable:0', (15,), trainable=True), the two K.variables; none of the model's 90 weights is either; tape.gradient reaches both (not None), but no optimizer over model.trainable_weights ever sees them.
model.save('m.keras') ok; keras.models.load_model (enable_unsafe_deserialization) raised NotImplementedError: 'We could not automatically infer the shape of the Lambda's output' in a Lambda called on a (None, 15) tensor (a morphing Lambda whose closure did not survive serialisation).
(The functional-structure UserWarning printed by the call is about the input list, not the case.)"""

import numpy as np

from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, Dense, Dropout, Lambda, Concatenate, Multiply, Reshape, Activation
from tensorflow.keras import backend as K

# settings.py
n_params = 2
n_features = 42
n_thetas_features = n_features + n_params
n_morphing_samples = 15

################################################################################
# Morphing
################################################################################

# Load morphing data (was np.load of components_fakebasis2.npy / fakebasis2_xsecs.npy)
_rng = np.random.default_rng(2018)
sample_component = (np.eye(15) + 0.1 * _rng.standard_normal((15, 15))).astype('float32')
component_sample = np.linalg.inv(sample_component)
sigma_sample = (1.0 + _rng.random(15)).astype('float32')
sigma_component = component_sample.dot(sigma_sample)


def generate_wtilde_layer(input_layer):

    """ Helper function for morphing-aware inference techniques.  """

    wtilde_component_layers = [Lambda(lambda t: 1. + 0. * t[:, 0])(input_layer),
                               Lambda(lambda t: t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 1] * t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 1] * t[:, 1] * t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 1] * t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0] * t[:, 1] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0] * t[:, 0])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0] * t[:, 0] * t[:, 1])(input_layer),
                               Lambda(lambda t: t[:, 0] * t[:, 0] * t[:, 0] * t[:, 0])(input_layer)]
    wtilde_component_reshaped_layers = [Reshape((1,))(layer) for layer in wtilde_component_layers]
    wtilde_component_layer = Concatenate()(wtilde_component_reshaped_layers)

    component_sample_var = K.variable(component_sample)
    wtilde_layer = Lambda(lambda x: K.dot(x, component_sample_var))(wtilde_component_layer)
    return wtilde_layer


def generate_wi_layer(wtilde_layer):

    """ Helper function for morphing-aware inference techniques.  """

    sigma_sample_var = K.variable(sigma_sample)
    sigma_wtilde_layer = Lambda(lambda w: w * sigma_sample_var)(wtilde_layer)

    wi_denom_layer = Lambda(lambda sw: 1. / K.sum(sw, axis=1))(sigma_wtilde_layer)
    wi_denoms_layer = Concatenate()([Reshape((1,))(wi_denom_layer) for _ in range(n_morphing_samples)])

    wi_layer = Multiply()([sigma_wtilde_layer, wi_denoms_layer])
    return wi_layer


################################################################################
# ml_utils.py
################################################################################

def stack_layers(layers):
    def f(x):
        for k in range(len(layers)):
            x = layers[k](x)
        return x

    return f


def build_hidden_layers(n,
                        hidden_layer_size=100,
                        activation='tanh',
                        dropout_prob=0.0):
    r = []
    for k in range(n):
        if dropout_prob > 0.:
            s = stack_layers([
                Dropout(dropout_prob),
                Dense(hidden_layer_size, activation=activation)
            ])
        else:
            s = stack_layers([Dense(hidden_layer_size, activation=activation)])
        r.append(s)
    return stack_layers(r)


################################################################################
# CARL (models_aware.py)
################################################################################

def make_classifier_carl_morphingaware(n_hidden_layers=2,
                                       hidden_layer_size=100,
                                       activation='tanh',
                                       dropout_prob=0.0,
                                       learn_log_r=False,
                                       epsilon=1.e-4,
                                       learning_rate=1.e-3):

    # Inputs
    input_layer = Input(shape=(n_thetas_features,))
    x_layer = Lambda(lambda x: x[:, :n_features], output_shape=(n_features,))(input_layer)
    theta_layer = Lambda(lambda x: x[:, -n_params:], output_shape=(n_params,))(input_layer)

    # Morphing weights
    wtilde_layer = generate_wtilde_layer(theta_layer)
    wi_layer = generate_wi_layer(wtilde_layer)

    # Ratio estimators for each component
    ri_hat_layers = []
    for i in range(n_morphing_samples):
        hidden_layer = Dense(hidden_layer_size, activation=activation)(x_layer)
        if n_hidden_layers > 1:
            hidden_layer_ = build_hidden_layers(n_hidden_layers - 1,
                                                hidden_layer_size=hidden_layer_size,
                                                activation=activation,
                                                dropout_prob=dropout_prob)
            hidden_layer = hidden_layer_(hidden_layer)

        if learn_log_r:
            log_ri_hat_layer = Dense(1, activation='linear')(hidden_layer)
            ri_hat_layers.append(Lambda(lambda x: K.exp(x))(log_ri_hat_layer))
        else:
            si_hat_layer = Dense(1, activation='sigmoid')(hidden_layer)
            ri_hat_layers.append(Reshape((1,))(Lambda(lambda x: (1. - x) / (x + epsilon))(si_hat_layer)))

    ri_hat_layer = Concatenate()(ri_hat_layers)

    # Combine, clip, transform to \hat{s}
    wi_ri_hat_layer = Multiply()([wi_layer, ri_hat_layer])
    r_hat_layer = Reshape((1,))(Lambda(lambda x: K.sum(x, axis=1))(wi_ri_hat_layer))
    positive_r_hat_layer = Activation('relu')(r_hat_layer)
    s_hat_layer = Lambda(lambda x: 1. / (1. + x))(positive_r_hat_layer)

    # Score (K.gradients Lambda left out, see the docstring)
    log_r_hat_layer = Lambda(lambda x: K.log(x + epsilon))(positive_r_hat_layer)

    # Combine outputs
    output_layer = Concatenate()([s_hat_layer, log_r_hat_layer, wi_layer, ri_hat_layer])
    model = Model(inputs=[input_layer], outputs=[output_layer])

    return model


def build_model():
    return make_classifier_carl_morphingaware()
