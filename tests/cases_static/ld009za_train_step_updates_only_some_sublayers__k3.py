# LD009 no-gradient: a custom train_step asks the tape (and the optimizer) for the variables of only some sublayers, while another weighted sublayer (or weight) the model makes itself shapes the loss: fit never changes it
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix15a/measure_ld009za.py: each make_* below compiled with Adam(1e-2),
# fit 1 epoch on random data (builds everything), then every trainable weight compared before/after 2 more epochs):
# the weights of the sublayers and the weight marked below are counted as trainable, get a gradient from
# sum(model(x)), and are UNCHANGED after fit, with no warning; every trainable weight of the correct twins changes
# (the frozen and weightless sublayers hold none; the outside encoder is frozen by its maker).
# (LD005, a warning, on two LD009 twins: the GAN's generator and the EMA teacher run only in train_step, so
# /tmp/fix17a/m_za.py measured them unbuilt again after fit + save + load_model: count 159 -> 65 and 56 -> 28.)
import keras
import tensorflow as tf
from keras import Model as BaseModel
from keras import layers, ops

CASE, TITLE = "LD009za", "train_step differentiates only some sublayers' variables: the others are never trained"
FEATURES = 6


class GatedRegressor(keras.Model):
    """The var list is the sum of two sublayers' lists; the gate (used in call) is in neither."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(8, activation="relu")
        self.gate = layers.Dense(8, activation="sigmoid")  # LD009
        self.head = layers.Dense(1)

    def call(self, inputs):
        hidden = self.body(inputs)
        return self.head(hidden * self.gate(inputs))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self(x, training=True) - y))
        params = self.body.trainable_variables + self.head.trainable_variables
        grads = tape.gradient(loss, params)
        self.optimizer.apply_gradients(zip(grads, params))
        return {"loss": loss}


class TemperedClassifier(BaseModel):
    """A local list extended in a loop, updated by a helper with optimizer.apply; the temperature weight and
    the projection convolution made in build() are left out."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [layers.Dense(8, activation="relu"), layers.Dense(3)]

    def build(self, input_shape):
        self.proj = layers.Conv1D(4, 1)  # LD009
        self.temperature = self.add_weight(shape=(), initializer="ones", name="temperature")  # LD009

    def call(self, inputs):
        h = ops.mean(self.proj(ops.expand_dims(inputs, -1)), axis=-1)
        for block in self.blocks:
            h = block(h)
        return h / self.temperature

    def _update(self, loss, tape):
        watched = []
        for block in self.blocks:
            watched.extend(block.trainable_weights)
        grads = tape.gradient(loss, watched)
        self.optimizer.apply(grads, watched)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            logits = self(x, training=True)
            loss = ops.mean(keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True))
        self._update(loss, tape)
        return {"loss": loss}


class StyleMixer(keras.Model):
    """Sublayers handed on as a tuple to a module-level helper; the vars are a list concatenation, and the
    gradients are clipped before the update."""

    def __init__(self, width=8, **kwargs):
        super().__init__(**kwargs)
        self.encode = keras.Sequential([layers.Dense(width, activation="relu")])
        self.decode = layers.Dense(1)
        self.query = layers.Dense(width, use_bias=False)  # LD009
        self.key = layers.Dense(width, use_bias=False)  # LD009

    def mix(self, h):
        return attend(h, (self.query, self.key))

    def call(self, inputs):
        return self.decode(self.mix(self.encode(inputs)))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self(x) - y))
        variables = list(self.encode.trainable_variables) + [*self.decode.trainable_variables]
        grads = tape.gradient(loss, variables)
        grads, _ = tf.clip_by_global_norm(grads, 1.0)
        pairs = zip(grads, variables)
        self.optimizer.apply_gradients(pairs)
        return {"loss": loss}


def attend(h, projections):
    q_layer, k_layer = projections
    scores = ops.softmax(q_layer(h) * k_layer(h))
    return h * scores


# ---------------------------------------------------------------- correct twins


class TwoTapeGAN(keras.Model):
    """Correct: generator and discriminator each in their own tape and var list."""

    def __init__(self, latent=4, **kwargs):
        super().__init__(**kwargs)
        self.latent = latent
        self.generator = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(FEATURES)])  # LD005
        self.discriminator = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(1)])
        self.d_optimizer = keras.optimizers.Adam(1e-2)
        self.g_optimizer = keras.optimizers.Adam(1e-2)

    def call(self, inputs):
        return self.discriminator(inputs)

    def train_step(self, data):
        real, _ = data
        noise = keras.random.normal((ops.shape(real)[0], self.latent))
        with tf.GradientTape() as d_tape:
            fake = self.generator(noise)
            d_loss = ops.mean(ops.softplus(self.discriminator(fake))) + ops.mean(ops.softplus(-self.discriminator(real)))
        d_grads = d_tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(d_grads, self.discriminator.trainable_weights))
        with tf.GradientTape() as g_tape:
            g_loss = ops.mean(ops.softplus(-self.discriminator(self.generator(noise))))
        g_grads = g_tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(g_grads, self.generator.trainable_weights))
        return {"d_loss": d_loss, "g_loss": g_loss}


class WholeModelStep(keras.Model):
    """Correct: the var list is the model's own trainable_variables."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(8, activation="relu")
        self.gate = layers.Dense(8, activation="sigmoid")
        self.head = layers.Dense(1)

    def call(self, inputs):
        return self.head(self.body(inputs) * self.gate(inputs))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self(x, training=True) - y))
        params = self.trainable_variables
        grads = tape.gradient(loss, params)
        self.optimizer.apply_gradients(zip(grads, params))
        return {"loss": loss}


class FrozenOnPurpose(keras.Model):
    """Correct: the left-out sublayers are frozen (trainable=False, .trainable = False) or weightless, and the
    encoder comes from outside (its type is not known here; frozen by
    its maker)."""

    def __init__(self, encoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.stem = layers.Dense(8, trainable=False)
        self.mixer = layers.Dense(8)
        self.mixer.trainable = False
        self.drop = layers.Dropout(0.1)
        self.pool = layers.GlobalAveragePooling1D()
        self.head = layers.Dense(1)

    def call(self, inputs):
        h = self.mixer(self.stem(self.encoder(inputs)))
        h = self.pool(ops.expand_dims(self.drop(h), -1))
        return self.head(h)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self(x, training=True) - y))
        grads = tape.gradient(loss, self.head.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.head.trainable_variables))
        return {"loss": loss}


class MomentumTeacher(keras.Model):
    """Correct: the teacher follows the student by a moving average of its weights, not by the optimizer."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.student = layers.Dense(4)
        self.teacher = layers.Dense(4)  # LD005

    def call(self, inputs):
        return self.student(inputs)

    def train_step(self, data):
        x, _ = data
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self.student(x) - ops.stop_gradient(self.teacher(x))))
        grads = tape.gradient(loss, self.student.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.student.trainable_variables))
        for s, t in zip(self.student.weights, self.teacher.weights):
            t.assign(0.99 * t + 0.01 * s)
        return {"loss": loss}


def make_gated():
    return GatedRegressor(), "regression"


def make_tempered():
    return TemperedClassifier(), "classes"


def make_mixer():
    return StyleMixer(), "regression"


def make_gan():
    return TwoTapeGAN(), "regression"


def make_whole():
    return WholeModelStep(), "regression"


def make_frozen():
    encoder = keras.Sequential([layers.Dense(8)])
    encoder.trainable = False  # (pre-trained, frozen by its maker)
    return FrozenOnPurpose(encoder), "regression"


def make_teacher():
    return MomentumTeacher(), "regression"
