# LD013 super-init-missing-or-late: a helper creates a weight before super().__init__(), or a mixin defers it
import keras

CASE, TITLE = "LD013f", "add_weight in a helper run before super().__init__(); Model.__init__ deferred to build()"


class TokenModel(keras.Model):
    def __init__(self, width=8, **kwargs):
        inputs = keras.Input((4, width))
        outputs = self._wire(inputs, width)  # LD013
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)

    def _wire(self, inputs, width):
        self.token = self.add_weight(shape=(1, 1, width), initializer="zeros", name="token")
        return keras.ops.concatenate([keras.ops.tile(self.token, [keras.ops.shape(inputs)[0], 1, 1]), inputs], 1)


class Settings:
    def __init__(self, config=None, **kwargs):
        self.config = dict(config or {})


class LateModel(keras.Model, Settings):
    def __init__(self, config=None, **kwargs):
        Settings.__init__(self, config)  # LD013

    def build(self, input_shape):
        inputs = keras.Input(input_shape[1:])
        keras.Model.__init__(self, inputs, keras.layers.Dense(1)(inputs))


class CheckedModel(keras.Model):
    """Correct: the helper run before super().__init__() only checks the arguments."""

    def __init__(self, width=8, **kwargs):
        self._check(width)
        inputs = keras.Input((width,))
        super().__init__(inputs=inputs, outputs=keras.layers.Dense(1)(inputs), **kwargs)

    def _check(self, width):
        if width < 1:
            raise ValueError(width)


def make_token_model():
    return TokenModel()


def make_late_model():
    model = LateModel()
    model.build((None, 4))
    return model


def make_checked():
    return CheckedModel()
