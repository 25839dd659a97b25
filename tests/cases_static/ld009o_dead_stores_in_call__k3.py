# LD009 no-gradient: call() computes a sublayer's (or a weight's) result and throws it away (a dead store), so its weights get no gradient
import keras
from keras import layers, ops

CASE, TITLE = "LD009o", "sublayers and weights whose results call() overwrites or never reads"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow): each class is made, called on a (4, 6)
# float32 batch, and the gradient of sum(outputs) + sum(losses) taken with tf.GradientTape for every
# trainable weight; MEASURED below says which got None. Every dead sublayer is still built and counted
# (count_params includes it). A dead store is plain Python: tf.keras 2 runs the same code the same way.


class Flight(keras.Model):
    """The typo of tensorflow#36880: the last Dense reads the raw input, the chain before it is dead.
    MEASURED: None gradient for 4 of 6 weights (first/second kernel and bias)."""

    def __init__(self):
        super().__init__()
        self.first = layers.Dense(16, activation="relu")
        self.second = layers.Dense(8, activation="relu")
        self.last = layers.Dense(1)

    def call(self, x):
        output = self.first(x)  # LD009
        output = self.second(output)  # LD009
        output = self.last(x)
        return output


class ProjectThenNorm(layers.Layer):
    """A Layer: `h = proj(x)` then `h = norm(inputs)` (the input again, not h).
    MEASURED: None gradient for 2 of 4 weights (proj kernel and bias)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(FEATURES)
        self.norm = layers.LayerNormalization()

    def call(self, inputs):
        h = self.proj(inputs)  # LD009
        h = self.norm(inputs)
        return ops.relu(h)


class TupleTargets(layers.Layer):
    """A tuple assignment whose first target is overwritten before it is read.
    MEASURED: None gradient for 2 of 6 weights (query kernel and bias)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.query = layers.Dense(FEATURES)
        self.key = layers.Dense(FEATURES)
        self.value = layers.Dense(FEATURES)

    def call(self, x):
        q, k = self.query(x), self.key(x)  # LD009
        q = self.value(x)
        return q * ops.sigmoid(k)


class SkipNeverRead(layers.Layer):
    """The shortcut is computed and stored, and the return forgets it.
    MEASURED: None gradient for 2 of 4 weights (shortcut kernel and bias)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(FEATURES, activation="relu")
        self.shortcut = layers.Dense(FEATURES)

    def call(self, x):
        skip = self.shortcut(x)  # noqa: F841  # LD009
        out = self.body(x)
        return out


class HelperOverwrites(keras.Model):
    """The overwrite is in a helper method call() reaches.
    MEASURED: None gradient for 2 of 4 weights (hidden kernel and bias)."""

    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(8, activation="relu")
        self.head = layers.Dense(1)

    def _predict(self, x):
        y = self.hidden(x)  # LD009
        y = self.head(x)
        return y

    def call(self, x):
        return self._predict(x)


class BiasOverwritten(layers.Layer):
    """A weight: the affine result is replaced by the plain matmul on the next line.
    MEASURED: None gradient for 1 of 2 weights (bias)."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4), name="kernel")
        self.bias = self.add_weight(shape=(4,), initializer="zeros", name="bias")

    def call(self, x):
        y = ops.matmul(x, self.kernel) + self.bias  # LD009
        y = ops.matmul(x, self.kernel)
        return y


class DeadInsideBranch(layers.Layer):
    """The overwrite is inside the training branch: there, the dropout path's first projection is lost.
    MEASURED (training=True): None gradient for 2 of 4 weights (noisy kernel and bias; clean is not run, so not built)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.noisy = layers.Dense(FEATURES)
        self.clean = layers.Dense(FEATURES)
        self.mix = layers.Dense(FEATURES)

    def call(self, x, training=None):
        if training:
            h = self.noisy(x)  # LD009
            h = self.mix(x)
        else:
            h = self.clean(x)
        return h


# ---------------------------------------------------------------- correct look-alikes (no finding)


class Chain(keras.Model):
    """Correct: `x = layer(x)` chains read each result. MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self):
        super().__init__()
        self.a = layers.Dense(8)
        self.b = layers.Dense(1)

    def call(self, x):
        x = self.a(x)
        x = self.b(x)
        return x


class RegularizedProbe(layers.Layer):
    """Correct: the probe's output is thrown away, but its activity regularizer adds a loss that reads it.
    MEASURED (training loss = outputs + model.losses): None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.probe = layers.Dense(FEATURES, activity_regularizer="l2")
        self.body = layers.Dense(FEATURES)

    def call(self, x):
        aux = self.probe(x)
        aux = self.body(x)
        return aux


class AuxLossLayer(layers.Layer):
    """A project layer that adds a loss from its own output."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(FEATURES)

    def call(self, x):
        y = self.dense(x)
        self.add_loss(ops.mean(ops.square(y)))
        return y


class UsesAuxLoss(layers.Layer):
    """Correct: the sublayer's output is discarded, but the sublayer adds a loss.
    MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.aux = AuxLossLayer()
        self.body = layers.Dense(FEATURES)

    def call(self, x):
        h = self.aux(x)
        h = self.body(x)
        return h


class StatsOnly(layers.Layer):
    """Correct on purpose: BatchNormalization runs for its moving statistics, its output discarded.
    MEASURED: gamma and beta get a None gradient (2 of 4 weights), but moving_mean/moving_variance are
    updated in training: the call is kept for its side effect; lint stays silent."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bn = layers.BatchNormalization()
        self.body = layers.Dense(FEATURES)

    def call(self, x, training=None):
        stats = self.bn(x, training=training)
        stats = self.body(x)
        return stats


class ReadInBranch(layers.Layer):
    """Correct: the result is read in a branch before it is overwritten.
    MEASURED: None gradient for 0 of 4 weights (training=True)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = layers.Dense(FEATURES)
        self.body = layers.Dense(FEATURES)

    def call(self, x, training=None):
        g = self.gate(x)
        if training:
            x = x * ops.sigmoid(g)
        g = self.body(x)
        return g


class OverwrittenInIf(layers.Layer):
    """Correct: the value is overwritten only inside an `if`; the other path returns it.
    MEASURED (use_body=False): None gradient for 0 of 2 weights (body is never called, so never built
    nor counted); the stem gets a gradient."""

    def __init__(self, use_body=False, **kwargs):
        super().__init__(**kwargs)
        self.use_body = use_body
        self.stem = layers.Dense(FEATURES)
        self.body = layers.Dense(FEATURES)

    def call(self, x):
        h = self.stem(x)
        if self.use_body:
            h = self.body(x)
        return h


class Heads(layers.Layer):
    """Correct: every head's output is appended to a list that is returned.
    MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head_a = layers.Dense(2)
        self.head_b = layers.Dense(2)

    def call(self, x):
        outputs = []
        outputs.append(self.head_a(x))
        out = self.head_b(x)
        outputs.append(out)
        return ops.concatenate(outputs, axis=-1)


class ThroughLocals(layers.Layer):
    """Correct: the results are read through locals(), which a name-by-name reading cannot see.
    MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.left = layers.Dense(FEATURES)
        self.right = layers.Dense(FEATURES)

    def call(self, x):
        left = self.left(x)
        right = self.right(x)
        parts = locals()
        return parts["left"] + parts["right"]


class ThroughKwargs(layers.Layer):
    """Correct: the result is overwritten after it went into a dict unpacked with `**`.
    MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.enc = layers.Dense(FEATURES)
        self.dec = layers.Dense(FEATURES)

    def _merge(self, x, enc):
        return x + enc

    def call(self, x):
        h = self.enc(x)
        features = {"enc": h}
        h = self.dec(x)
        return h + self._merge(x, **features)


class LossOnTheSide(layers.Layer):
    """Correct: the result only feeds self.add_loss, then the name is reused.
    MEASURED: None gradient for 0 of 4 weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.recon = layers.Dense(FEATURES)
        self.body = layers.Dense(FEATURES)

    def call(self, x):
        r = self.recon(x)
        self.add_loss(ops.mean(ops.square(r - x)))
        r = self.body(x)
        return r


class UsedOutside(keras.Model):
    """Correct: call() throws the encoder's result away, but code outside reads model.encoder.
    MEASURED: None gradient through call() for 2 of 4 weights; the file's loss on model.encoder(x) trains them."""

    def __init__(self):
        super().__init__()
        self.encoder = layers.Dense(FEATURES)
        self.out = layers.Dense(1)

    def call(self, x):
        z = self.encoder(x)
        z = self.out(x)
        return z


class TryFallback(layers.Layer):
    """Correct: the first result is what is returned when the second call raises.
    MEASURED: None gradient for 0 of 2 weights (the second call raises: `wide` is never built)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.narrow = layers.Dense(FEATURES)
        self.wide = layers.Conv1D(FEATURES, 3)

    def call(self, x):
        h = self.narrow(x)
        try:
            h = self.wide(x)
        except ValueError:
            pass
        return h


def pretrain_loss(model, x):
    return ops.mean(ops.square(model.encoder(x) - x))
