"""A `StopGradientLayer` wrapper that runs a Dense layer and returns `tf.stop_gradient` of its
output: the wrapped Dense stays trainable and counted in the model, but gets no gradient, so a
training step on `model_on` never changes it.

From a blog post answering "How can I stop gradient propagation through a specific Keras layer?"
(example 3, "conditional gradient stopping"): one `Dense(5)` is wrapped twice, once with
`stop_gradient_flag=True` (`model_on`) and once with `False` (`model_off`). The post presents the
flag as the way to "freeze" the layer, but the wrapped Dense's kernel and bias are still in
`model_on.trainable_variables`; `tape.gradient` returns `None` for both and the optimizer is asked
to apply `None` gradients (on Keras 3 that step raises "No gradients provided for any variable.",
and so does `fit`). The post's own print, "Gradients of dense layer when stop_gradient is
on", shows `None`. The layer is not frozen (`trainable` is still True, it is saved as trainable),
it is cut off from the loss, and the same Dense is shared with `model_off`, where it does train.

Porting edits: `from tensorflow import keras` resolves to Keras 3; the post's two tape loops are
reproduced in the MEASURED script only; `build_model()` returns `model_on` (the flag-on model) as
the post builds it.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/7cd8798ceb7286e7ee4e713a4b4251b8aef80baa/gpu-blog-data/how-can-i-stop-gradient-propagation-through-a.md"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/n_gpublog_stop_gradient_wrapper_shared_dense_flag_on.py:
as returned: Functional, count_params() = 55, 2 weights, unbuilt: none
after call: count_params() = 55, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 2 trainable weights: ['stop_gradient_layer/dense/kernel', 'stop_gradient_layer/dense/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stop_gradient_layer': 55}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16b/stopgrad_check.py), the post's tape step on (100, 10) -> (100, 5):
trainable: ['stop_gradient_layer/dense/kernel', 'stop_gradient_layer/dense/bias'] grads: [None, None]
apply_gradients raised ValueError No gradients provided for any variable.
model_on.compile("adam", "mse"); fit -> ValueError: No gradients provided for any variable."""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class StopGradientLayer(layers.Layer):
    def __init__(self, layer, stop_gradient_flag=False, **kwargs):
        super(StopGradientLayer, self).__init__(**kwargs)
        self.layer = layer
        self.stop_gradient_flag = stop_gradient_flag

    def call(self, inputs):
        x = self.layer(inputs)
        if self.stop_gradient_flag:
            return tf.stop_gradient(x)
        else:
            return x


def build_model():
    input_tensor = keras.Input(shape=(10,))
    dense_layer = layers.Dense(5, activation='relu')
    stop_grad_dense_on = StopGradientLayer(dense_layer, stop_gradient_flag=True)
    stop_grad_dense_off = StopGradientLayer(dense_layer, stop_gradient_flag=False)

    output_tensor_on = stop_grad_dense_on(input_tensor)
    output_tensor_off = stop_grad_dense_off(input_tensor)

    model_on = keras.Model(inputs=input_tensor, outputs=output_tensor_on)
    model_off = keras.Model(inputs=input_tensor, outputs=output_tensor_off)
    return model_on
