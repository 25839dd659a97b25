"""An ODE block is a custom Layer holding two Conv2D layers that it applies at every integration step.

In the Keras ODENet thread the author explains that, in Keras 2.2, the Conv2D layers inside the custom
`ODEBlock(Layer)` were not trained unless the block became a `Model`. On Keras 3, layers assigned as
attributes of a custom Layer are tracked, and calling the same convolutions at every step of a
fixed-step Euler integrator is weight sharing on purpose. Rewritten with an explicit Euler loop
instead of `tf.contrib.integrate.odeint`.
"""

SOURCE = "https://github.com/weichin11/Keras_ODENet/issues/2"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_ode_block_convs_applied_each_euler_step.py:
as returned: Functional, count_params() = 898, 8 weights, unbuilt: none
after call: count_params() = 898, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ode_block': 768}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class ODEBlock(layers.Layer):
    def __init__(self, filters, kernel_size, steps=4, **kwargs):
        super().__init__(**kwargs)
        self.steps = steps
        self.conv1 = layers.Conv2D(filters, kernel_size, padding="same", activation="relu")
        self.conv2 = layers.Conv2D(filters, kernel_size, padding="same")

    def derivative(self, x, t):
        t_map = ops.ones_like(x[..., :1]) * t
        h = self.conv1(ops.concatenate([x, t_map], axis=-1))
        return self.conv2(ops.concatenate([h, t_map], axis=-1))

    def call(self, x):
        dt = 1.0 / self.steps
        for i in range(self.steps):
            x = x + dt * self.derivative(x, i * dt)
        return x


def build_model():
    images = keras.Input((12, 12, 1))
    x = layers.Conv2D(6, 3, padding="same")(images)
    x = ODEBlock(6, 3)(x)
    x = layers.GlobalAveragePooling2D()(x)
    return keras.Model(images, layers.Dense(10)(x))
