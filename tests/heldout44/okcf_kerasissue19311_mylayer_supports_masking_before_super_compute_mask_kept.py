"""keras-team/keras issue #19311 ("Masking does not work in keras 3.0.5"): `MyLayer`, a two-input layer that
passes `input_b` through and zeroes its masked time steps, sets `self.supports_masking = True` *before* calling
`super().__init__()`. It looks like LD013 (a setting assigned before the base constructor, which Keras 3's
`Layer.__init__` overwrites), but here it is harmless: the layer overrides `compute_mask`, and Keras 3 derives
`supports_masking = not is_default(self.compute_mask)`, i.e. True again. On Keras 3.15.1 the layer receives the list
of both input masks in `call(..., mask=...)`, applies the second one, and returns its own `compute_mask` result.
The issue itself (masks arriving as None in 3.0.5) was a Keras bug about lists of masks, not this ordering.

Source: the reproduction script in the issue (lbortolotti, 2024-03-14). Two `Input(shape=(None, 2))`, each through
`keras.layers.Masking(mask_value=...)`, then `MyLayer()([a, b])`.

Porting edits: none in `MyLayer`. The mask value (-1.0) and the small `TimeDistributed(Dense(1))` head after the layer
(so the model has a weight to train) are ours; the issue's model stops at `MyLayer`. build_model() returns the model
and a batch whose last step is padded with the mask value.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19311"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/okcf_kerasissue19311_mylayer_supports_masking_before_super_compute_mask_kept.py:
as returned: Functional, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 0}
second call: 0 variables watched that the first call did not use
(The layer prints "APPLYING MASK!" on every call: the list of masks reaches call().) probe_19311.py: MyLayer().supports_masking is True right after __init__ (Keras 3 re-derives it from the overridden compute_mask); on the padded batch the layer returns [[1, 2, 0], [3, 0, 0]] (masked steps zeroed); one fit epoch runs with no masking warning."""

import numpy as np
import tensorflow as tf
import keras
# import tf_keras as keras # uncomment this to restore working masking functionality

# MyLayer accepts 2 inputs, both of which may be masked.
class MyLayer(keras.layers.Layer):
    def __init__(self, *args, **kwargs):
        self.supports_masking = True
        super(MyLayer, self).__init__(*args, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, list):
            mask = mask[1]
        return [mask, mask]

    def call(self, inputs, mask=None, **kwargs):
        input_a, input_b = inputs

        # My layer would typically do things here - but just pass inputs through to test
        output = input_b[..., 0]

        # In keras < 3 I was getting a list of masks, in keras 3.0.5 mask is always None...
        if mask is not None:
            print("APPLYING MASK!")
            
            assert isinstance(mask, list)
            mask = mask[1]
            if mask is not None:
                output = tf.where(mask, output, tf.zeros_like(output))

        output = tf.expand_dims(output, axis=-1)

        return output


def build_model():
    # Dummy model to test masking
    input_a = keras.layers.Input(shape=(None, 2))
    input_b = keras.layers.Input(shape=(None, 2))

    input_a_masked = keras.layers.Masking(mask_value=-1.0)(input_a)
    input_b_masked = keras.layers.Masking(mask_value=-1.0)(input_b)

    output = MyLayer()([input_a_masked, input_b_masked])
    output = keras.layers.TimeDistributed(keras.layers.Dense(1))(output)
    model = keras.Model(inputs=[input_a, input_b], outputs=output)

    x = np.array([[[1., 1.], [2., 2.], [-1., -1.]],
                  [[3., 3.], [-1., -1.], [-1., -1.]]], dtype='float32')
    return model, [x, x]
