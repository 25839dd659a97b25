"""PtychoPINN's physics-informed ptychography network normalises the diffraction input with `IntensityScaler` and
rescales the predicted amplitude with `IntensityScaler_inv`; both layers read one shared log intensity scale,
`self.w = _get_log_scale()`, a raw `tf.Variable` created lazily and kept in the module-level dict `_lazy_cache`
(trainable when `intensity_scale.trainable` is set). On Keras 3 a `tf.Variable` assigned to a layer attribute is not
tracked (LD003), and its real owner is a module-level cache no model tracks (LD011): the two scaler layers report 0
weights, the variable is not in `model.trainable_weights`, so `fit` (or any optimizer over
`model.trainable_variables`) never updates it, and `model.save` does not store it. The repository relies on it being
trained: `model_manager.save` reads the value back from `_get_log_scale()` because "The log_scale tf.Variable is
trained during training" (INTENSITY-SCALE-SAVE-001). Its own `custom_layers.ScaleLayer` makes the same scale with
`add_weight` (see okce_ptychopinn_scalelayer_...).

From hoidn/PtychoPINN, `ptycho/model.py` (`_lazy_cache`, `_get_log_scale`, `IntensityScaler`, `IntensityScaler_inv`,
and the wiring of `_build_module_level_models`) at c03673d.

Porting edits: `from . import params as p` is a small stand-in `p` with `get`/`params` over a dict holding the keys
these layers read (`intensity_scale` = 988.2, an illustrative data-derived value, and `intensity_scale.trainable` =
True, the documented switch for learning the scale); `@tf.keras.utils.register_keras_serializable(package='ptycho')`
is kept. Between the two scalers the repository runs its autoencoder and the ptychographic forward model
(CombineComplex, ReassemblePatches, ProbeIllumination, PadAndDiffract...); build_model() replaces that chain with one
`Conv2D` (and drops `input_positions`, which only that chain reads) so that the wiring of the two scalers is kept as `_build_module_level_models` has it
(`IntensityScaler(name='intensity_scaler')([input_img])` ... `IntensityScaler_inv(name='intensity_scaler_inv')(
[pred_diff])`), with N=16 and gridsize=2 (4 channels), and returns the model with a random batch of 2 patterns.
"""

SOURCE = "https://github.com/hoidn/PtychoPINN/blob/c03673d8a871488c79caffa3e36becb40467dbfa/ptycho/model.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 148, 2 weights, unbuilt: none
after call: count_params() = 148, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'intensity_scaler': 0, 'intensity_scaler_inv': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_ptycho.py <this file>: the log_scale variable (trainable=True) is the same object in both scalers and is not in model.weights (2 weights = the stand-in Conv2D); compile(Adam 0.05, mse) + fit 5 epochs on a target 3x the input leaves it at 6.8959 (unchanged); a tape naming it directly gets a gradient; the .keras file's model.weights.h5 holds no variable under intensity_scaler / intensity_scaler_inv."""

import numpy as np
import tensorflow.compat.v2 as tf
from tensorflow.keras import Input
from tensorflow.keras import Model


class p:  # stand-in for `from . import params as p`
    cfg = {'N': 16, 'gridsize': 2, 'intensity_scale': 988.2, 'intensity_scale.trainable': True}

    @staticmethod
    def get(key):
        return p.cfg[key]

    @staticmethod
    def params():
        return p.cfg


# Module-level cache for lazy-loaded singletons (REFACTOR-MODEL-SINGLETON-001)
# See docs/findings.md MODULE-SINGLETON-001 for migration guide
_lazy_cache = {}


def _get_log_scale():
    """Get or create the log_scale tf.Variable lazily.

    Defers tf.Variable creation until first access to avoid import-time side effects.
    See REFACTOR-MODEL-SINGLETON-001 Phase B.
    """
    if 'log_scale' not in _lazy_cache:
        log_scale_guess = np.log(p.get('intensity_scale'))
        _lazy_cache['log_scale'] = tf.Variable(
            initial_value=tf.constant(float(log_scale_guess)),
            trainable=p.params()['intensity_scale.trainable'],
        )
    return _lazy_cache['log_scale']

@tf.keras.utils.register_keras_serializable(package='ptycho')
class IntensityScaler(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        kwargs.pop('dtype', None)
        super(IntensityScaler, self).__init__(**kwargs)
        self.w = _get_log_scale()  # Lazy loading, see REFACTOR-MODEL-SINGLETON-001
    def call(self, inputs):
        x, = inputs
        return x / tf.math.exp(self.w)
    def get_config(self):
        return super().get_config()

# TODO use a bijector instead of separately defining the transform and its
# inverse
@tf.keras.utils.register_keras_serializable(package='ptycho')
class IntensityScaler_inv(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        kwargs.pop('dtype', None)
        super(IntensityScaler_inv, self).__init__(**kwargs)
        self.w = _get_log_scale()  # Lazy loading, see REFACTOR-MODEL-SINGLETON-001
    def call(self, inputs):
        x, = inputs
        return tf.math.exp(self.w) * x
    def get_config(self):
        return super().get_config()


def build_model():
    N = p.get('N')
    gridsize = p.get('gridsize')
    input_img = Input(shape=(N, N, gridsize**2), name='input')
    normed_input = IntensityScaler(name='intensity_scaler')([input_img])
    # stand-in for create_autoencoder(...) and the ptychographic forward model
    pred_diff = tf.keras.layers.Conv2D(gridsize**2, (3, 3), padding='same', name='stand_in_forward')(normed_input)
    pred_amp_scaled = IntensityScaler_inv(name='intensity_scaler_inv')([pred_diff])
    autoencoder_no_nll = Model(inputs=input_img, outputs=[pred_amp_scaled])
    inputs = np.random.default_rng(0).random((2, N, N, gridsize**2)).astype("float32")
    return autoencoder_no_nll, inputs
