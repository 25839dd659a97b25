"""PtychoPINN's `custom_layers.ScaleLayer` / `InvScaleLayer` are the Keras-3-minded replacement of the model's
intensity scalers ("Custom Keras layers to replace Lambda layers for proper serialization ... for Keras 3"). They
look like the bug in `model.py` (a shared log scale read by two layers, the inverse layer reading a weight that is not
its own), but are fine: `ScaleLayer` creates `log_scale` with `add_weight` in `build()`, and `InvScaleLayer` holds the
`ScaleLayer` instance as an attribute (`self.scale_layer`, a tracked sublayer) and reads `self.scale_layer.log_scale`
in `call()`. The weight is tracked once (de-duplicated), gets a gradient through both layers, is trained by `fit` and
saved.

From hoidn/PtychoPINN, `ptycho/custom_layers.py` (`ScaleLayer`, `InvScaleLayer`) at 898b42e.

Porting edits: none in the two classes (the module's other layers are left out). build_model() wires them as the
scalers of `model.py` are wired (scale the diffraction input, run the network, rescale the predicted amplitude) with
one `Conv2D` standing in for the autoencoder and physics chain, N=16, gridsize=2 (4 channels), `log_scale_init` =
log(988.2); it returns the model with a random batch of 2 patterns.
"""

SOURCE = "https://github.com/hoidn/PtychoPINN/blob/898b42eeef21fefe6248b4792f70ba2de0aac4db/ptycho/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 149, 3 weights, unbuilt: none
after call: count_params() = 149, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'intensity_scaler': 1, 'intensity_scaler_inv': 1}
second call: 0 variables watched that the first call did not use
(count 149 with intensity_scaler_inv showing 1: the inverse layer lists the held ScaleLayer's weight; model.weights holds it once.)
python probes/probe_ptycho_ok.py <this file>: InvScaleLayer.weights = ['intensity_scaler/log_scale'] (the held layer's weight), model.weights = [intensity_scaler/log_scale, stand_in_forward/kernel, stand_in_forward/bias]; compile(Adam 0.05, mse) + fit 5 epochs on a target 3x the input moves log_scale 6.8959 -> 6.7641 (trained)."""

import tensorflow as tf
from tensorflow.keras import layers
import numpy as np
from typing import Tuple, Optional, List, Dict, Any


@tf.keras.utils.register_keras_serializable(package='ptycho')
class ScaleLayer(layers.Layer):
    """Scale tensor by learned log scale factor."""
    
    def __init__(self, log_scale_init: float = 0.0, trainable: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.log_scale_init = log_scale_init
        self.trainable_scale = trainable
        
    def build(self, input_shape):
        self.log_scale = self.add_weight(
            name='log_scale',
            shape=(),
            initializer=tf.constant_initializer(self.log_scale_init),
            trainable=self.trainable_scale
        )
        super().build(input_shape)
    
    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        """Scale input by exp(log_scale).
        
        Args:
            inputs: Input tensor
            
        Returns:
            Scaled tensor
        """
        return inputs / tf.exp(self.log_scale)
    
    def get_config(self) -> Dict[str, Any]:
        config = super().get_config()
        config.update({
            'log_scale_init': self.log_scale_init,
            'trainable': self.trainable_scale
        })
        return config


@tf.keras.utils.register_keras_serializable(package='ptycho')
class InvScaleLayer(layers.Layer):
    """Inverse scale tensor by learned log scale factor."""
    
    def __init__(self, scale_layer: Optional[ScaleLayer] = None, **kwargs):
        super().__init__(**kwargs)
        self.scale_layer = scale_layer
        
    def build(self, input_shape):
        if self.scale_layer is None:
            # Create own weight if no scale layer provided
            self.log_scale = self.add_weight(
                name='log_scale',
                shape=(),
                initializer='zeros',
                trainable=True
            )
        super().build(input_shape)
    
    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        """Inverse scale input by exp(log_scale).
        
        Args:
            inputs: Input tensor
            
        Returns:
            Inverse scaled tensor
        """
        if self.scale_layer is not None:
            log_scale = self.scale_layer.log_scale
        else:
            log_scale = self.log_scale
        return inputs * tf.exp(log_scale)
    
    def get_config(self) -> Dict[str, Any]:
        config = super().get_config()
        # Note: scale_layer reference is not serialized
        return config


def build_model():
    N, gridsize = 16, 2
    input_img = tf.keras.Input(shape=(N, N, gridsize**2), name='input')
    scale = ScaleLayer(log_scale_init=float(np.log(988.2)), name='intensity_scaler')
    normed_input = scale(input_img)
    # stand-in for the autoencoder and the ptychographic forward model
    pred_diff = tf.keras.layers.Conv2D(gridsize**2, (3, 3), padding='same', name='stand_in_forward')(normed_input)
    pred_amp_scaled = InvScaleLayer(scale_layer=scale, name='intensity_scaler_inv')(pred_diff)
    model = tf.keras.Model(inputs=input_img, outputs=[pred_amp_scaled])
    inputs = np.random.default_rng(0).random((2, N, N, gridsize**2)).astype("float32")
    return model, inputs
