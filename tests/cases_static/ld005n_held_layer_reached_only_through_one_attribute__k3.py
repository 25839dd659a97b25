# LD005 unbuilt-sublayer: an outer layer holds a whole project layer but only ever reaches one attribute of it
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below called on data once): the held layer is never called
# itself, so its other sublayers (its heads) are never called or built: they stay unbuilt with no weights.
#   make_sentiment   139 params after a call; unbuilt: PreTrainer language_model, Dense nsp, Dense mlm
#   make_featurizer  148 params after a call; unbuilt: PreTrainer, Dense nsp, Dense mlm
#   make_distiller   166 params after a call; unbuilt: PreTrainer, Dense nsp (mlm_head reached, built)
# Twins: make_calls_the_whole_model 202 params, nothing unbuilt (the held model is called itself);
# make_reaches_every_part 58 params, every Dense built (only the weightless holder keeps built=False: no weights lost).
# Lint before the change: none of the three reported.
import keras
from keras import layers

CASE, TITLE = "LD005n", "a held project layer whose own call() nothing runs: only one of its sublayers is reached, the others stay unbuilt"
FEATURES = 4


class Encoder(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embed = layers.Dense(8)
        self.pool = layers.Dense(8, activation="tanh")

    def call(self, inputs):
        return self.pool(self.embed(inputs))


class PreTrainer(keras.Model):
    """A pre-training model: an encoder plus heads."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Encoder(name="encoder")
        self.mlm_head = layers.Dense(5, name="mlm")
        self.nsp_head = layers.Dense(2, name="nsp")

    def call(self, inputs):
        hidden = self.encoder(inputs)
        return self.mlm_head(hidden), self.nsp_head(hidden)


class SentimentModel(keras.Model):
    """The ABSA pattern: the pre-training model behind a property, only its encoder reached."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._language_model = PreTrainer(name="language_model")  # LD005
        self.classifier = layers.Dense(3)

    @property
    def language_model(self):
        return self._language_model

    def call(self, inputs):
        return self.classifier(self.language_model.encoder(inputs))


class Featurizer(layers.Layer):
    """A held classifier used for its encoder only, read into a local first."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.teacher = PreTrainer()  # LD005
        self.proj = layers.Dense(4)

    def call(self, inputs):
        encoder = self.teacher.encoder
        return self.proj(encoder(inputs))


class Distiller(keras.Model):
    """Two attributes reached, one head left: still unbuilt."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pretrained = PreTrainer()  # LD005
        self.out = layers.Dense(1)

    def call(self, inputs):
        hidden = self.pretrained.encoder(inputs)
        return self.out(hidden) + self.pretrained.mlm_head(hidden)[:, :1]


def make_sentiment():
    return SentimentModel()


def make_featurizer():
    return Featurizer()


def make_distiller():
    return Distiller()


# Correct look-alikes.
class CallsTheWholeModel(keras.Model):
    """Reaches .encoder but also calls the held model itself: everything is built."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lm = PreTrainer()
        self.classifier = layers.Dense(3)

    def call(self, inputs):
        mlm, nsp = self.lm(inputs)
        return self.classifier(self.lm.encoder(inputs)) + nsp[:, :1] + mlm[:, :1]


class EncoderWithDropout(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(8)
        self.dropout = layers.Dropout(0.1)

    def call(self, inputs, training=False):
        return self.dropout(self.body(inputs), training=training)


class ReachesEveryPart(keras.Model):
    """Only attributes are reached, but every sublayer with weights is among them."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.backbone = EncoderWithDropout()
        self.head = layers.Dense(2)

    def call(self, inputs):
        return self.head(self.backbone.body(inputs))


def make_calls_the_whole_model():
    return CallsTheWholeModel()


def make_reaches_every_part():
    return ReachesEveryPart()
