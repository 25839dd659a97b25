# Seed 002, example 3: "Why are 2x nested TensorFlow custom layers producing zero trainable parameters?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class InnerLayer(tf.keras.layers.Dense):
    def __init__(self, units, **kwargs):
        super(InnerLayer, self).__init__(units, **kwargs)

class OuterLayer(tf.keras.layers.Layer):
    def __init__(self, units_inner, **kwargs):
        super(OuterLayer, self).__init__(**kwargs)
        self.inner_layer = InnerLayer(units_inner)

    def call(self, inputs):
      return self.inner_layer(inputs)


def build_model():

    # Model building and testing
    input_tensor = tf.random.normal((10, 5))
    outer_layer = OuterLayer(units_inner=3)
    output_tensor = outer_layer(input_tensor)

    print(f"Outer Layer Trainable Weights: {len(outer_layer.trainable_weights)}")
    return outer_layer, input_tensor
