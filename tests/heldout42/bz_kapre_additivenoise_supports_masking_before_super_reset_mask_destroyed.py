"""kapre's `AdditiveNoise` augmentation layer sets `self.supports_masking = True` before `super().__init__()` and does
not override `compute_mask` (LD013): on Keras 3 `Layer.__init__` recomputes `supports_masking` (False when
`compute_mask` is the default), so the setting is silently reset, the layer warns that it "will destroy the mask
information", and a recurrent layer after it runs over the zero-padded frames of every utterance.

From keunwoochoi/kapre (Keras audio preprocessing layers: STFT, mel filterbanks, augmentation), `kapre/augmentation.py`
at bb0ea2c (2020-07-29, the tf.keras 2 port of kapre 0.2). `AdditiveNoise(power=0.1, random_gain=False,
noise_type='white')` stores `supports_masking`, `power`, `random_gain`, `noise_type` and `uses_learning_phase`, then
calls `super().__init__(**kwargs)`; `call(x)` adds white Gaussian noise (`K.random_normal`) in the training phase
only. The author opted the layer in to mask propagation: additive noise does not change the time axis, so a mask from
a `Masking` layer on padded feature frames should pass through to the sequence model. kapre's README shows it after a
Melspectrogram (`model.add(AdditiveNoise(power=0.2))`).

Porting edits: `K.in_train_phase(noise_x, x)` (gone from Keras 3's `tf.keras.backend`) is replaced by a `training`
argument to `call()` and the same choice written out (`noise_x if training else x`), which is what it selected under
the learning phase; the rest is as written. The model is ours, a keyword-spotting front end on variable-length
utterances: 50 frames of 40 MFCCs zero-padded, `Masking(0.0)` -> `AdditiveNoise(power=0.1)` -> `LSTM(32)` ->
`Dense(10, 'softmax')`. build_model() returns it with a batch whose second utterance is 20 frames long.
"""

SOURCE = "https://github.com/keunwoochoi/kapre/blob/bb0ea2c41445b3861033ca2b645f9c4eba045eae/kapre/augmentation.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_kapre_additivenoise_supports_masking_before_super_reset_mask_destroyed.py:
warning: Layer 'additive_noise' (of type AdditiveNoise) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream 
as returned: Sequential, count_params() = 9674, 5 weights, unbuilt: none
after call: count_params() = 9674, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'additive_noise': 0}
second call: 0 variables watched that the first call did not use
probe_kapre.py: AdditiveNoise().supports_masking is False right after construction (set True before
super().__init__(), reset by it). In the training phase (power 0.0, so that only the mask matters) the model's
output for the 20-frame utterance differs from the LSTM run with the Masking layer's mask (max abs diff 0.0362), and
a 40-frame utterance padded to 50 frames no longer gives the prediction of its unpadded run: the LSTM consumed the
padding. In inference the layer returns its input tensor object unchanged, which still carries the mask, so
predict-time outputs match the masked run; only training sees the padding. Warning printed (as above) at wiring."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer


class AdditiveNoise(Layer):
    """
    ### `AdditiveNoise`

    ```python
    kapre.augmentation.AdditiveNoise(power=0.1, random_gain=False, noise_type='white', **kwargs)
    ```
    Add noise to input data and output it.

    #### Parameters
    
    * power: float [scalar]
        - The power of noise. std if it's white noise.
        - Default: ``0.1``

    * random_gain: bool
        - Whether the noise gain is random or not.
        - If ``True``, gain is sampled from ``uniform(low=0.0, high=power)`` in every batch.
        - Default: ``False``

    * noise_type; str,
        - Specify the type of noise. It only supports ``'white'`` now.
        - Default: ```white```


    #### Returns

    Same shape as input data but with additional generated noise.

    """

    def __init__(self, power=0.1, random_gain=False, noise_type='white', **kwargs):
        assert noise_type in ['white']
        self.supports_masking = True
        self.power = power
        self.random_gain = random_gain
        self.noise_type = noise_type
        self.uses_learning_phase = True
        super(AdditiveNoise, self).__init__(**kwargs)

    def call(self, x, training=None):
        if self.random_gain:
            noise_x = x + K.random_normal(
                shape=K.shape(x), mean=0.0, stddev=np.random.uniform(0.0, self.power)
            )
        else:
            noise_x = x + K.random_normal(shape=K.shape(x), mean=0.0, stddev=self.power)

        return noise_x if training else x  # was: K.in_train_phase(noise_x, x)

    def get_config(self):
        config = {
            'power': self.power,
            'random_gain': self.random_gain,
            'noise_type': self.noise_type,
        }
        base_config = super(AdditiveNoise, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(50, 40)),
        tf.keras.layers.Masking(mask_value=0.0),
        AdditiveNoise(power=0.1),
        tf.keras.layers.LSTM(32),
        tf.keras.layers.Dense(10, activation='softmax'),
    ])
    rng = np.random.default_rng(0)
    batch = rng.normal(size=(2, 50, 40)).astype("float32")
    batch[1, 20:] = 0.0
    return model, batch
