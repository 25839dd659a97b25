"""atarieyes' BaseLayer fills defaults with setattr() before Layer.__init__; subclasses create their stack in build().

cipollone/atarieyes (feature extraction from Atari frames, tf.keras) derives every block from a
helper base class `BaseLayer`: its `__init__` counts instances in a class-level dict to pick a
name, then fills `layers_stack` and `layer_options` through `setattr(self, key, default)` with
computed names and stores `self._verbose_layer` - all before `layers.Layer.__init__` runs - and
its default `call()` runs `self.layers_stack` in order. The autoencoder's nested `Encoder` and
`Decoder` classes replace `self.layers_stack` in `build()` with a list that mixes lambdas and
Conv2D/MaxPooling2D/Conv2DTranspose layers, and a plain Python `SingleFrameModel` object keeps
encoder, decoder and the compiled functional model as attributes. Every piece of that is tracked
on Keras 3: the setattr'd list, the private attribute set before `Layer.__init__`, the sublayers
created in `build()` (they are built when the functional model traces `call()`); all weights are
counted and trained through `model.keras`.
"""

SOURCE = "https://github.com/cipollone/atarieyes/blob/master/atarieyes/models.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_atarieyes_base_layer_setattr_defaults_stack_built_in_build.py:
as returned: Functional, count_params() = 5048, 12 weights, unbuilt: none
after call: count_params() = 5048, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'Encoder': 2420, 'Decoder': 2628}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers


class BaseLayer(layers.Layer):
    """Base class for all layers and model parts (see atarieyes/layers.py)."""

    # Number all layers. Map classes to count
    _layers_count = {}

    def __init__(self, *, verbose=False, **kwargs):
        this_class = self.__class__
        if this_class is BaseLayer:
            raise TypeError("BaseLayer is an abstract class")

        if this_class not in BaseLayer._layers_count:
            BaseLayer._layers_count[this_class] = 1
        else:
            BaseLayer._layers_count[this_class] += 1

        if "name" not in kwargs:
            name = this_class.__name__
            number = BaseLayer._layers_count[this_class]
            if number > 1:
                name += "_" + str(number - 1)
            kwargs["name"] = name

        defaults = {
            "layers_stack": [],  # Empty layer list
            "layer_options": {},  # No options
        }
        for key in defaults:
            if not hasattr(self, key):
                setattr(self, key, defaults[key])

        # Parameters (non persistent)
        self._verbose_layer = verbose

        layers.Layer.__init__(self, **kwargs)

    def call(self, inputs):
        """Sequential layer by default."""
        if not self.layers_stack:
            raise NotImplementedError("call() must be overridden if self.layers_stack is not used.")
        for layer in self.layers_stack:
            inputs = layer(inputs)
        return inputs

    def get_config(self):
        config = layers.Layer.get_config(self)
        config.update(self.layer_options)
        return config


class SingleFrameModel:
    """This model encodes a single frame (an autoencoder)."""

    def __init__(self, frame_shape):
        self.encoder = self.Encoder()
        self.decoder = self.Decoder()

        inputs = tf.keras.Input(shape=frame_shape, dtype=tf.uint8)
        outputs = self.encoder(inputs)
        outputs = self.decoder(outputs)

        model = tf.keras.Model(inputs=inputs, outputs=outputs, name="frame_autoencoder")
        self.keras = model  # (the project prints model.summary() here)

    def predict(self, inputs):
        return self.encoder(inputs)

    def compute_all(self, inputs):
        outputs = self.encoder(inputs)
        reconstruction = self.decoder(outputs)
        inputs = tf.cast(inputs, dtype=tf.float32)
        loss = tf.reduce_mean(tf.abs(inputs - reconstruction))
        return {"output": outputs, "loss": loss, "metrics": {}}

    class Encoder(BaseLayer):
        def build(self, input_shape):
            self.layers_stack = [
                (lambda inputs: inputs / 255),  # TODO: as layer
                layers.Conv2D(filters=5, kernel_size=3, strides=1, padding="valid", activation="relu"),
                layers.MaxPooling2D((2, 2), padding="same"),
                layers.Conv2D(filters=10, kernel_size=3, strides=1, padding="valid", activation="relu"),
                layers.MaxPooling2D((2, 2), padding="same"),
                layers.Conv2D(filters=20, kernel_size=3, strides=1, padding="valid", activation="relu"),
                layers.MaxPooling2D((2, 2), padding="same"),
            ]
            BaseLayer.build(self, input_shape)

    class Decoder(BaseLayer):
        def build(self, input_shape):
            self.layers_stack = [
                layers.Conv2DTranspose(filters=10, kernel_size=3, strides=2, padding="valid", activation="relu"),
                layers.Conv2DTranspose(filters=5, kernel_size=3, strides=2, padding="valid", activation="relu"),
                layers.Conv2DTranspose(filters=3, kernel_size=(6, 4), strides=2, padding="valid", activation="sigmoid"),
                (lambda inputs: inputs * 255),
            ]
            BaseLayer.build(self, input_shape)


def build_model():
    return SingleFrameModel(frame_shape=(164, 144, 3)).keras
