"""A latent-factor recommender `tf.keras.Model` keeps its global bias, user/item biases and user/item factors as `tf.Variable`s: on Keras 3 the model has no weights, and a `GradientTape` loop over `model.trainable_variables` trains nothing.

From evangelato/FashionRecommenderResearch (`LatentFactor.py`, the course-style `LatentFactorModel`).
`__init__` stores `self.alpha = tf.Variable(mu)`, `self.betaU`/`self.betaI` (per-user/per-item biases) and
`self.gammaU`/`self.gammaI` (K-dim factors) as `tf.Variable`s sized from module-level `userIDs`/`itemIDs`;
`predictSample()` looks them up with `tf.nn.embedding_lookup` and `call(sampleU, sampleI, sampleR)` returns the
L2 loss. The usual training step for this model is `with tf.GradientTape() as tape: loss = model(u, i, r) +
model.reg()` then `optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
model.trainable_variables))`. On Keras 3 the five `tf.Variable`s are not tracked (LD003): `trainable_variables`
is empty, so the step applies no update at all.

Porting edits: the module-level `userIDs`/`itemIDs` dicts (built from the data set in the original) are small
literal dicts here; the class is as written. `build_model()` returns the model (its `call` takes three
arguments, so the standard measurement does not call it); probe_be_latentfactor.py runs the author's tape step.
"""

SOURCE = "https://github.com/evangelato/FashionRecommenderResearch/blob/802be4893bdb05a805a90e9f6419ef8208a8ec50/LatentFactor.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py be_fashionrecommender_latentfactor_model_biases_and_factors_tf_variables_untracked.py:
as returned: LatentFactorModel, count_params() raised ValueError, 0 weights, unbuilt: none
no inputs known: not called
probe (probe_be_latentfactor.py, the author's tape step with tensor ids; passing Python lists positionally is
rejected by Keras 3's __call__ "Only input tensors may be passed as positional arguments"):
trainable_variables: 0 weights: 0; tape.gradient(loss, model.trainable_variables) = [];
optimizer.apply_gradients(zip([], [])) raises ValueError "not enough values to unpack (expected 2, got 0)"."""

import tensorflow as tf

userIDs = {f"u{n}": n for n in range(5)}
itemIDs = {f"i{n}": n for n in range(7)}


class LatentFactorModel(tf.keras.Model):
    def __init__(self, mu, K, lamb):
        super(LatentFactorModel, self).__init__()
        # Initialize to average
        self.alpha = tf.Variable(mu)
        # Initialize to small random values
        self.betaU = tf.Variable(tf.random.normal([len(userIDs)], stddev=0.001))
        self.betaI = tf.Variable(tf.random.normal([len(itemIDs)], stddev=0.001))
        self.gammaU = tf.Variable(tf.random.normal([len(userIDs), K], stddev=0.001))
        self.gammaI = tf.Variable(tf.random.normal([len(itemIDs), K], stddev=0.001))
        self.lamb = lamb

    # Prediction for a single instance (useful for evaluation)
    def predict(self, u, i):
        p = self.alpha + self.betaU[u] + self.betaI[i] +\
            tf.tensordot(self.gammaU[u], self.gammaI[i], 1)
        return p

    # Regularizer
    def reg(self):
        return self.lamb * (tf.reduce_sum(self.betaU**2) +
                            tf.reduce_sum(self.betaI**2) +
                            tf.reduce_sum(self.gammaU**2) +
                            tf.reduce_sum(self.gammaI**2))

    # Prediction for a sample of instances
    def predictSample(self, sampleU, sampleI):
        u = tf.convert_to_tensor(sampleU, dtype=tf.int32)
        i = tf.convert_to_tensor(sampleI, dtype=tf.int32)
        beta_u = tf.nn.embedding_lookup(self.betaU, u)
        beta_i = tf.nn.embedding_lookup(self.betaI, i)
        gamma_u = tf.nn.embedding_lookup(self.gammaU, u)
        gamma_i = tf.nn.embedding_lookup(self.gammaI, i)
        pred = self.alpha + beta_u + beta_i +\
            tf.reduce_sum(tf.multiply(gamma_u, gamma_i), 1)
        return pred

    # Loss
    def call(self, sampleU, sampleI, sampleR):
        pred = self.predictSample(sampleU, sampleI)
        r = tf.convert_to_tensor(sampleR, dtype=tf.float32)
        return tf.nn.l2_loss(pred - r) / len(sampleR)


def build_model():
    return LatentFactorModel(mu=3.5, K=4, lamb=1e-5)
