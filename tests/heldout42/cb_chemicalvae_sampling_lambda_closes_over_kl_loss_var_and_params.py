"""chemical_vae's variational layer samples the latent code in a `Lambda(sampling)` whose function is a closure: it
reads `kl_loss_var`, a `K.variable` created in `load_models()` and annealed every epoch by the `WeightAnnealer_epoch`
callback, and the `params` dict, and it makes its noise with `K.random_normal_variable(...)`, i.e. a new backend
variable, inside the Lambda body (LD012). None of that state belongs to the model: `kl_loss_var` is not in
`model.weights` (it is not saved or restored with the model, and a reloaded model's Lambda has no such value). On
Keras 3, as written, the model cannot even be built: the Lambda cannot infer its output shape because its body creates
a variable, and raises NotImplementedError; given an `output_shape`, it builds, and then every call creates a fresh
untracked (trainable) epsilon variable that the tape watches (see MEASURED).

From aspuru-guzik-group/chemical_vae (Gomez-Bombarelli et al. 2018, "Automatic chemical design using a data-driven
continuous representation of molecules"), `chemvae/models.py` (`encoder_model`, `decoder_model`,
`variational_layers`) at 37b9f96 and `chemvae/train_vae.py` (`load_models`, `kl_loss`, `main_no_prop`) at 0e885ec,
with `WeightAnnealer_epoch` and `sigmoid_schedule` from `chemvae/mol_callbacks.py` and the defaults of
`chemvae/hyperparameters.py`.

Porting edits: Keras 1/2 import paths are Keras 3's (`Convolution1D` is `Conv1D`; `keras.layers.core`,
`.recurrent`, `.normalization`, `.merge` are `keras.layers`); `from keras import backend as K` is
`from tensorflow.keras import backend as K` (which still has `variable`, `random_normal_variable`, `exp`,
`set_value`); Keras 3 has no `K.in_train_phase` and no `K.identity`, so `sampling` takes Keras 3's `training`
argument and returns `z_rand if training else z_mean`, and `identity` uses `tf.identity`; the custom `TerminalGRU`
decoder (`tgru_k2_gpu.py`) is not ported: params use `do_tgru=False` (the plain-GRU decoder the code also supports);
the data pipeline (`vectorize_data`, SMILES one-hot) is replaced by a random one-hot batch; `Adam(lr=...)` is
`Adam(learning_rate=...)`; the CSV logger, checkpoint callback and the `vae_anneal_metric` metric are left out of
`main_no_prop` (kept, not run). build_model() calls `load_models(params)` with the hyperparameter defaults except
`do_tgru=False`, `MAX_LEN=40`, `NCHARS=35`, `batch_size=4` (the sampling noise has the fixed shape
`(batch_size, hidden_dim)`, so the author trims the data to a multiple of `batch_size`), compiles the model as
`main_no_prop` does, and returns it with one batch of 4 random one-hot molecules.
"""

SOURCE = "https://github.com/aspuru-guzik-group/chemical_vae/blob/37b9f96470d4471c0593cffefa448e0a8a184ef6/chemvae/models.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
build_model() raised NotImplementedError: Exception encountered when calling Lambda.call().
Keras 3 cannot infer the Lambda's output shape because the sampling body creates a variable (K.random_normal_variable): probes/probe_chemvae_infer.py builds the same Lambda with tf.random.normal noise instead and it builds, with or without kl_loss_var; with K.random_normal_variable it raises this NotImplementedError either way.
python probes/probe_chemvae.py <this file> (same load_models(), the sampling Lambda given output_shape=(100,) so that it builds):
kl_loss_var (K.variable, trainable scalar 'Variable:0') is not in model.weights (46 weights); every training call the tape watches 2 variables the model does not track: kl_loss_var and a (4, 100) trainable epsilon variable created inside the Lambda;
3 training calls create 3 distinct epsilon variables (a new variable per call); two training calls give different outputs (fresh noise each call).
model.save('.keras') writes the file, but keras.models.load_model(..., safe_mode=False) raises TypeError: <class 'keras.src.models.functional.Functional'> could not be deserialized properly."""

from functools import partial

import numpy as np
import tensorflow as tf
from keras.layers import Input, Lambda
from keras.layers import Dense, Flatten, RepeatVector, Dropout
from keras.layers import Conv1D as Convolution1D
from keras.layers import GRU
from keras.layers import BatchNormalization
from keras.callbacks import Callback
from keras.optimizers import Adam
from tensorflow.keras import backend as K
from keras.models import Model
from keras.layers import Concatenate


# --- chemvae/hyperparameters.py defaults (subset used by the AE-only model) ---
DEFAULT_PARAMS = {
    'reload_model': False,
    'prev_epochs': 0,
    'batch_size': 100,
    'epochs': 1,
    'val_split': 0.1,
    'loss': 'categorical_crossentropy',
    'batchnorm_conv': True,
    'conv_activation': 'tanh',
    'conv_depth': 4,
    'conv_dim_depth': 8,
    'conv_dim_width': 8,
    'conv_d_growth_factor': 1.15875438383,
    'conv_w_growth_factor': 1.1758149644,
    'gru_depth': 4,
    'rnn_activation': 'tanh',
    'recurrent_dim': 50,
    'do_tgru': True,
    'terminal_GRU_implementation': 0,
    'tgru_dropout': 0.0,
    'temperature': 1.00,
    'hg_growth_factor': 1.4928245388,
    'hidden_dim': 100,
    'middle_layer': 1,
    'dropout_rate_mid': 0.0,
    'batchnorm_mid': True,
    'activation': 'tanh',
    'lr': 0.000312087049936,
    'momentum': 0.936948773087,
    'optim': 'adam',
    'vae_annealer_start': 22,
    'batchnorm_vae': False,
    'vae_activation': 'tanh',
    'xent_loss_weight': 1.0,
    'kl_loss_weight': 1.0,
    "anneal_sigmod_slope": 1.0,
    'do_prop_pred': False,
    "verbose_print": 0,
    'RAND_SEED': 42,
}


# =============================
# Encoder functions (chemvae/models.py)
# =============================
def encoder_model(params):
    # K_params is dictionary of keras variables
    x_in = Input(shape=(params['MAX_LEN'], params[
        'NCHARS']), name='input_molecule_smi')

    # Convolution layers
    x = Convolution1D(int(params['conv_dim_depth'] *
                          params['conv_d_growth_factor']),
                      int(params['conv_dim_width'] *
                          params['conv_w_growth_factor']),
                      activation='tanh',
                      name="encoder_conv0")(x_in)
    if params['batchnorm_conv']:
        x = BatchNormalization(axis=-1, name="encoder_norm0")(x)

    for j in range(1, params['conv_depth'] - 1):
        x = Convolution1D(int(params['conv_dim_depth'] *
                              params['conv_d_growth_factor'] ** (j)),
                          int(params['conv_dim_width'] *
                              params['conv_w_growth_factor'] ** (j)),
                          activation='tanh',
                          name="encoder_conv{}".format(j))(x)
        if params['batchnorm_conv']:
            x = BatchNormalization(axis=-1,
                                   name="encoder_norm{}".format(j))(x)

    x = Flatten()(x)

    # Middle layers
    if params['middle_layer'] > 0:
        middle = Dense(int(params['hidden_dim'] *
                           params['hg_growth_factor'] ** (params['middle_layer'] - 1)),
                       activation=params['activation'], name='encoder_dense0')(x)
        if params['dropout_rate_mid'] > 0:
            middle = Dropout(params['dropout_rate_mid'])(middle)
        if params['batchnorm_mid']:
            middle = BatchNormalization(axis=-1, name='encoder_dense0_norm')(middle)

        for i in range(2, params['middle_layer'] + 1):
            middle = Dense(int(params['hidden_dim'] *
                               params['hg_growth_factor'] ** (params['middle_layer'] - i)),
                           activation=params['activation'], name='encoder_dense{}'.format(i))(middle)
            if params['dropout_rate_mid'] > 0:
                middle = Dropout(params['dropout_rate_mid'])(middle)
            if params['batchnorm_mid']:
                middle = BatchNormalization(axis=-1,
                                            name='encoder_dense{}_norm'.format(i))(middle)
    else:
        middle = x

    z_mean = Dense(params['hidden_dim'], name='z_mean_sample')(middle)

    # return both mean and last encoding layer for std dev sampling
    return Model(x_in, [z_mean, middle], name="encoder")


# ===========================================
# Decoder functions (chemvae/models.py, do_tgru=False branches)
# ===========================================
def decoder_model(params):
    z_in = Input(shape=(params['hidden_dim'],), name='decoder_input')

    z = Dense(int(params['hidden_dim']),
              activation=params['activation'],
              name="decoder_dense0"
              )(z_in)
    if params['dropout_rate_mid'] > 0:
        z = Dropout(params['dropout_rate_mid'])(z)
    if params['batchnorm_mid']:
        z = BatchNormalization(axis=-1,
                               name="decoder_dense0_norm")(z)

    for i in range(1, params['middle_layer']):
        z = Dense(int(params['hidden_dim'] *
                      params['hg_growth_factor'] ** (i)),
                  activation=params['activation'],
                  name="decoder_dense{}".format(i))(z)
        if params['dropout_rate_mid'] > 0:
            z = Dropout(params['dropout_rate_mid'])(z)
        if params['batchnorm_mid']:
            z = BatchNormalization(axis=-1,
                                   name="decoder_dense{}_norm".format(i))(z)

    # Necessary for using GRU vectors
    z_reps = RepeatVector(params['MAX_LEN'])(z)

    # Encoder parts using GRUs
    if params['gru_depth'] > 1:
        x_dec = GRU(params['recurrent_dim'],
                    return_sequences=True, activation='tanh',
                    name="decoder_gru0"
                    )(z_reps)

        for k in range(params['gru_depth'] - 2):
            x_dec = GRU(params['recurrent_dim'],
                        return_sequences=True, activation='tanh',
                        name="decoder_gru{}".format(k + 1)
                        )(x_dec)

        x_out = GRU(params['NCHARS'],
                    return_sequences=True, activation='softmax',
                    name='decoder_gru_final')(x_dec)

    else:
        x_out = GRU(params['NCHARS'],
                    return_sequences=True, activation='softmax',
                    name='decoder_gru_final'
                    )(z_reps)

    return Model(z_in, x_out, name="decoder")


##====================
## Middle part (var) (chemvae/models.py)
##====================

def variational_layers(z_mean, enc, kl_loss_var, params):
    # @inp mean : mean generated from encoder
    # @inp enc : output generated by encoding
    # @inp params : parameter dictionary passed throughout entire model.

    def sampling(args, training=None):
        z_mean, z_log_var = args

        epsilon = K.random_normal_variable(shape=(params['batch_size'], params['hidden_dim']),
                                           mean=0., scale=1.)
        # insert kl loss here

        z_rand = z_mean + K.exp(z_log_var / 2) * kl_loss_var * epsilon
        return z_rand if training else z_mean

    # variational encoding
    z_log_var_layer = Dense(params['hidden_dim'], name='z_log_var_sample')
    z_log_var = z_log_var_layer(enc)

    z_mean_log_var_output = Concatenate(
        name='z_mean_log_var')([z_mean, z_log_var])

    z_samp = Lambda(sampling)([z_mean, z_log_var])

    if params['batchnorm_vae']:
        z_samp = BatchNormalization(axis=-1)(z_samp)

    return z_samp, z_mean_log_var_output


# ===========================================
# chemvae/train_vae.py
# ===========================================
def load_models(params):

    def identity(x):
        return tf.identity(x)

    # def K_params with kl_loss_var
    kl_loss_var = K.variable(params['kl_loss_weight'])

    encoder = encoder_model(params)
    decoder = decoder_model(params)

    x_in = encoder.inputs[0]

    z_mean, enc_output = encoder(x_in)
    z_samp, z_mean_log_var_output = variational_layers(z_mean, enc_output, kl_loss_var, params)

    # Decoder
    x_out = decoder(z_samp)

    x_out = Lambda(identity, name='x_pred')(x_out)
    model_outputs = [x_out, z_mean_log_var_output]

    AE_only_model = Model(x_in, model_outputs)

    return AE_only_model, encoder, decoder, kl_loss_var


def kl_loss(truth_dummy, x_mean_log_var_output):
    x_mean, x_log_var = tf.split(x_mean_log_var_output, 2, axis=1)
    kl_loss = - 0.5 * \
        K.mean(1 + x_log_var - K.square(x_mean) -
              K.exp(x_log_var), axis=-1)
    return kl_loss


# --- chemvae/mol_callbacks.py ---
class WeightAnnealer_epoch(Callback):
    '''Weight of variational autoencoder scheduler.'''

    def __init__(self, schedule, weight, weight_orig, weight_name):
        super(WeightAnnealer_epoch, self).__init__()
        self.schedule = schedule
        self.weight_var = weight
        self.weight_orig = weight_orig
        self.weight_name = weight_name

    def on_epoch_begin(self, epoch, logs=None):
        if logs is None:
            logs = {}
        new_weight = self.schedule(epoch)
        new_value = new_weight * self.weight_orig
        print("Current {} annealer weight is {}".format(self.weight_name, new_value))
        assert type(
            new_weight) == float, 'The output of the "schedule" function should be float.'
        K.set_value(self.weight_var, new_value)


def sigmoid_schedule(time_step, slope=1., start=None):
    return float(1 / (1. + np.exp(slope * (start - float(time_step)))))


def compile_no_prop(AE_only_model, kl_loss_var, params):
    # from main_no_prop
    optim = Adam(learning_rate=params['lr'], beta_1=params['momentum'])
    model_losses = {'x_pred': params['loss'],
                    'z_mean_log_var': kl_loss}
    xent_loss_weight = K.variable(params['xent_loss_weight'])
    AE_only_model.compile(loss=model_losses,
                          loss_weights=[xent_loss_weight, kl_loss_var],
                          optimizer=optim,
                          metrics={'x_pred': ['categorical_accuracy']})


def train_no_prop(AE_only_model, kl_loss_var, X_train, params):
    # from main_no_prop (not run by build_model)
    vae_sig_schedule = partial(sigmoid_schedule, slope=params['anneal_sigmod_slope'],
                               start=params['vae_annealer_start'])
    vae_anneal_callback = WeightAnnealer_epoch(
        vae_sig_schedule, kl_loss_var, params['kl_loss_weight'], 'vae')
    model_train_targets = {'x_pred': X_train,
                           'z_mean_log_var': np.ones((np.shape(X_train)[0], params['hidden_dim'] * 2))}
    return AE_only_model.fit(X_train, model_train_targets,
                             batch_size=params['batch_size'],
                             epochs=params['epochs'],
                             initial_epoch=params['prev_epochs'],
                             callbacks=[vae_anneal_callback],
                             verbose=params['verbose_print'])


def build_model():
    params = dict(DEFAULT_PARAMS)
    params.update({'do_tgru': False, 'MAX_LEN': 40, 'NCHARS': 35, 'batch_size': 4})
    AE_only_model, encoder, decoder, kl_loss_var = load_models(params)
    compile_no_prop(AE_only_model, kl_loss_var, params)
    rng = np.random.default_rng(0)
    X = np.eye(params['NCHARS'], dtype='float32')[rng.integers(0, params['NCHARS'], size=(4, params['MAX_LEN']))]
    return AE_only_model, X
