"""Time-series deep clustering (VaDE): the cluster-assignment model is a `Lambda(self.get_gamma)` that reads three GMM variables owned by a plain trainer object.

From the code of "End-to-end deep representation learning for time series clustering: a comparative
study" (networks/VADE.py). `VADE(Trainer)` is a plain Python object: it keeps the Gaussian-mixture
parameters `theta_p`, `u_p`, `lambda_p` as `K.variable(...)` attributes and builds the prediction model
as `Model(encoder.input, Lambda(self.get_gamma)(encoder.output))`, where `get_gamma` computes the
posterior p(c|z) from those variables. The Lambda captures them through the bound method: they are not
weights of `p_c_z_output`, which is the model that predicts clusters, so its count, summary and
save/load leave out the whole mixture (the trainer's own `save_weights` is the base class's `pass`).
The repository's hand-written loop lists the three variables explicitly, so they do get trained there.
Ported to Keras 3: `tensorflow.keras.backend` (still has `variable`, `repeat`, `permute_dimensions`);
the encoder is a small Dense stand-in for the repository's encoders; the trainer base class is cut to
the attributes VADE uses.
"""

SOURCE = "https://github.com/blafabregue/TimeSeriesDeepClustering/blob/208fac0343d281f2c5997609916004875aae86fd/networks/VADE.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_tsdeepclustering_vade_gamma_lambda_gmm_variables.py:
as returned: Functional, count_params() = 536, 4 weights, unbuilt: none
after call: count_params() = 536, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 3 variables the model does not track: ['pi:0', 'mu:0', 'lambda:0']
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/vade_check.py): p_c_z_output.weights holds only the encoder's 4 Dense weights (536 params);
the Lambda has 0 weights; K.variable gives backend tf ResourceVariables pi (3,), mu (4, 3), lambda (4, 3), which the
output does depend on (non-None gradients through the Lambda). model.save_weights, then a new u_p, then
model.load_weights: the outputs are not restored (np.allclose False) - the mixture is not part of the saved model."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras import layers
from tensorflow.keras.layers import Lambda
from tensorflow.keras.models import Model


class EncoderModel(object):
    def __init__(self, encoder):
        self.encoder = encoder

    def get_trainable_variables(self):
        return self.encoder.trainable_variables


class Trainer(object):
    def __init__(self, dataset_name, classifier_name, encoder_model, batch_size, n_clusters, optimizer):
        super(Trainer, self).__init__()
        self.dataset_name = dataset_name
        self.classifier_name = classifier_name
        self.encoder_model = encoder_model
        if encoder_model is not None:
            self.encoder = encoder_model.encoder
        self.batch_size = batch_size
        self.n_clusters = n_clusters
        self.optimizer = optimizer
        self.pretrain_model = True

    def save_weights(self, weights_path):
        pass


class VADE(Trainer):
    def __init__(self,
                 dataset_name,
                 classifier_name,
                 encoder_model,
                 decoder,
                 keep_both_losses=True,
                 n_clusters=10,
                 alpha=1.0,
                 batch_size=10,
                 optimizer=None):

        super(VADE, self).__init__(dataset_name, classifier_name, encoder_model, batch_size, n_clusters, optimizer)

        self.decoder = decoder
        self.keep_both_losses = keep_both_losses
        self.alpha = alpha
        self.n_clusters = n_clusters
        enc_shape = np.array(K.int_shape(encoder_model.encoder.output)).tolist()
        self.latent_dim = enc_shape[1] // 2
        self.theta_p = K.variable(np.ones(n_clusters) / n_clusters, name="pi")
        self.u_p = K.variable(np.zeros((self.latent_dim, n_clusters)), name="mu")
        self.lambda_p = K.variable(np.ones((self.latent_dim, n_clusters)), name="lambda")
        self.p_c_z_output = None

    def initialize_model(self, x, y, ae_weights=None):
        if ae_weights is not None:
            self.encoder_model.load_weights(ae_weights)
            self.pretrain_model = False
        else:
            self.pretrain_model = True

        if self.optimizer is None:
            self.optimizer = tf.keras.optimizers.Adam()

        gamma_layer = Lambda(self.get_gamma, output_shape=(self.n_clusters,))(self.encoder.output)
        self.p_c_z_output = Model(inputs=self.encoder.input, outputs=gamma_layer)

    def get_gamma(self, z):
        mean, logvar = tf.split(z, num_or_size_splits=2, axis=1)
        mean_c = K.permute_dimensions(K.repeat(mean, self.n_clusters), (0, 2, 1))
        size_z = 1

        u_t = K.repeat_elements(K.expand_dims(self.u_p, axis=0), size_z, 0)
        lambda_t = K.repeat_elements(K.expand_dims(self.lambda_p, axis=0), size_z, 0)
        theta_t = K.expand_dims(K.expand_dims(self.theta_p, axis=0), axis=0)
        theta_t = tf.ones((size_z, self.latent_dim, self.n_clusters), dtype=K.floatx()) * theta_t

        temp_p_c_z = K.exp(K.sum((K.log(theta_t) - 0.5 * K.log(2 * np.pi * lambda_t) -
                                  K.square(mean_c - u_t) / (2 * lambda_t)), axis=1))
        return temp_p_c_z / K.sum(temp_p_c_z, axis=-1, keepdims=True)


def build_model():
    inp = layers.Input((24,))
    h = layers.Dense(16, activation="relu")(inp)
    out = layers.Dense(2 * 4)(h)  # mean and log-variance of a 4-d latent code
    encoder_model = EncoderModel(Model(inp, out, name="encoder"))
    decoder = tf.keras.Sequential([layers.Dense(16, activation="relu"), layers.Dense(24)])
    trainer = VADE("CBF", "vade", encoder_model, decoder, n_clusters=3, batch_size=2)
    trainer.initialize_model(x=None, y=None)
    return trainer.p_c_z_output
