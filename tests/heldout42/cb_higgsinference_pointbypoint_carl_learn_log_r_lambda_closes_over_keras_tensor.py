"""higgs_inference's point-by-point CARL classifier, in its `learn_log_r=True` mode, computes the classifier output
with `Lambda(lambda x: 1. / (1. + r_hat_layer))(log_r_hat_layer)`: the Lambda's body ignores its input `x` and reads
`r_hat_layer`, a KerasTensor made outside it (LD012, a Lambda closing over outside state). On Keras 3 the model
still builds, but the Lambda returns that captured symbolic tensor as a constant of the graph: calling the model on
data returns a KerasTensor instead of numbers, so the model cannot predict or train.

From johannbrehmer/higgs_inference, `higgs_inference/models/models_point_by_point.py` (`make_classifier`) at 26aaee7,
the same function as okcb_higgsinference_pointbypoint_carl_hidden_layers_in_closures_wired_functionally.py, which
builds the default mode (`learn_log_r=False`, whose Lambdas use only their inputs). The mode is a real option: the
strategies (`higgs_inference/strategies/point_by_point.py` and others) call
`make_classifier(n_hidden_layers=..., learn_log_r=learn_logr_mode, learning_rate=...)`, with `learn_logr_mode` a
command-line switch. In the Keras 2 graph mode the author used, the captured tensor was simply part of the one graph.

Porting edits (as in the look-alike): `from tensorflow.keras import backend as K` for Keras 3's missing
`K.exp`/`K.log`; `settings.n_features` (42) inlined; `Adam(lr=...)` is `Adam(learning_rate=...)`; the custom metrics
are left out of `compile`. build_model() calls `make_classifier(learn_log_r=True)` with the other defaults.
"""

SOURCE = "https://github.com/johannbrehmer/higgs_inference/blob/26aaee7f8408597f06d065d77747d67ceb2b7cdb/higgs_inference/models/models_point_by_point.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 24601, 8 weights, unbuilt: none
call 1 raised AttributeError: 'str' object has no attribute 'is_floating'
(The standard measurement's call fails because the model returns a KerasTensor, whose dtype is a string.)
python probes/probe_higgs_bug2.py (make_classifier(learn_log_r=True), 64 random events):
model(x[:4]) returns a KerasTensor of shape (None, 2), not values.
model.layers: InputLayer, 4 Dense, one Lambda (the exp), Concatenate: the Lambda that closes over r_hat_layer is not in the graph at all.
predict raised TypeError: To be compatible with tf.function, Python functions must return zero or more Tensors ... (the KerasTensor output).
fit raised ValueError: Arguments target and output must have the same shape. Received: target.shape=(64,), output.shape=(None,)."""

from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, Dense, Dropout, Lambda, Concatenate
from tensorflow.keras import optimizers, losses
from tensorflow.keras import backend as K

# settings.py
n_features = 42


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
# loss_functions.py
################################################################################

def loss_function_carl(y_true, y_pred):
    return losses.binary_crossentropy(y_true[:, 0], y_pred[:, 0])


################################################################################
# CARL
################################################################################

def make_classifier(n_hidden_layers=3,
                    hidden_layer_size=100,
                    activation='tanh',
                    dropout_prob=0.0,
                    learning_rate=0.001,
                    learn_log_r=False):

    """
    Builds a Keras model for the point-by-point version of the CARL technique.
    """

    # Inputs
    input_layer = Input(shape=(n_features,))

    # Network
    hidden_layer = Dense(hidden_layer_size, activation=activation)(input_layer)
    if n_hidden_layers > 1:
        hidden_layer_ = build_hidden_layers(n_hidden_layers - 1,
                                            hidden_layer_size=hidden_layer_size,
                                            activation=activation,
                                            dropout_prob=dropout_prob)
        hidden_layer = hidden_layer_(hidden_layer)

    if learn_log_r:
        log_r_hat_layer = Dense(1, activation='linear')(hidden_layer)
        r_hat_layer = Lambda(lambda x: K.exp(x))(log_r_hat_layer)
        s_hat_layer = Lambda(lambda x: 1. / (1. + r_hat_layer))(log_r_hat_layer)

    else:
        s_hat_layer = Dense(1, activation='sigmoid')(hidden_layer)
        r_hat_layer = Lambda(lambda x: (1. - x) / x)(s_hat_layer)
        log_r_hat_layer = Lambda(lambda x: K.log(x))(r_hat_layer)

    # Combine outputs
    output_layer = Concatenate()([s_hat_layer, log_r_hat_layer])
    model = Model(inputs=[input_layer], outputs=[output_layer])

    # Compile model
    model.compile(loss=loss_function_carl,
                  optimizer=optimizers.Adam(learning_rate=learning_rate, clipnorm=1.))

    return model


def build_model():
    # the strategies call make_classifier(..., learn_log_r=learn_logr_mode); here the mode is on
    return make_classifier(learn_log_r=True)
