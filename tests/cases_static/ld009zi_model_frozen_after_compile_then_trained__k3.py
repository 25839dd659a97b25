# LD009 no-gradient (Keras 3): a model compiled, then frozen with `.trainable = False` (the Keras 2 GAN recipe, to
# build the combined model), then trained itself with train_on_batch/fit: Keras 3 reads the flag when it trains, not
# when it compiles, so the model has no trainable weights and never changes (on tf.keras 2 compile() kept a snapshot
# and it trained)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix19a/m_zi.py: each function run on 8 random samples, the critic's
# weights compared before and after): AdversarialPair.step (attributes of a plain class, train_on_batch),
# train_critic_then_stack (locals, train_on_batch) and fit_frozen_critic (fit) leave 4 of 4 critic weights unchanged,
# with "The model does not have any trainable weights." The twins: thaw_before_training (trainable = True before
# train_on_batch, False again for the stack) changes 4 of 4 critic weights; freeze_then_stack_only (the critic
# frozen for the combined model and never trained itself) and frozen_base_in_classifier (transfer learning: a frozen
# base inside a compiled classifier, whose head trains) keep the frozen weights unchanged as meant, no warning.
import keras
import numpy as np
from keras import Sequential
from keras.layers import Dense

CASE, TITLE = "LD009zi", "a model compiled, then frozen, then trained itself: Keras 3 never changes it"


def make_critic():
    critic = Sequential([keras.Input((4,)), Dense(8, activation="relu"), Dense(1, activation="sigmoid")])
    return critic


def make_maker():
    return Sequential([keras.Input((2,)), Dense(4)])


class AdversarialPair:
    def __init__(self):
        self.critic = make_critic()
        self.critic.compile(optimizer="adam", loss="binary_crossentropy")
        self.maker = make_maker()
        self.critic.trainable = False  # LD009
        z = keras.Input((2,))
        self.stack = keras.Model(z, self.critic(self.maker(z)))
        self.stack.compile(optimizer="adam", loss="binary_crossentropy")

    def step(self, real):
        noise = np.random.normal(size=(len(real), 2))
        fake = self.maker.predict(noise, verbose=0)
        self.critic.train_on_batch(real, np.ones((len(real), 1)))
        self.critic.train_on_batch(fake, np.zeros((len(real), 1)))
        return self.stack.train_on_batch(noise, np.ones((len(real), 1)))


def train_critic_then_stack(real, steps=1):
    d = make_critic()
    g = make_maker()
    d.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    d.trainable = False  # LD009
    gan = Sequential([g, d])
    gan.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    for _ in range(steps):
        noise = np.random.normal(size=(len(real), 2))
        batch = np.concatenate([real, g.predict(noise, verbose=0)])
        labels = np.concatenate([np.ones((len(real), 1)), np.zeros((len(real), 1))])
        d.train_on_batch(batch, labels)
        gan.train_on_batch(noise, np.ones((len(real), 1)))
    return d


def fit_frozen_critic(real, fake):
    critic = make_critic()
    critic.compile(optimizer="sgd", loss="binary_crossentropy")
    maker = make_maker()
    critic.trainable = False  # LD009
    z = keras.Input((2,))
    combined = keras.Model(z, critic(maker(z)))
    combined.compile(optimizer="sgd", loss="binary_crossentropy")
    x = np.concatenate([real, fake])
    y = np.concatenate([np.ones((len(real), 1)), np.zeros((len(fake), 1))])
    critic.fit(x, y, epochs=1, verbose=0)
    return critic


def thaw_before_training(real):
    disc = make_critic()
    gen = make_maker()
    disc.compile(optimizer="adam", loss="binary_crossentropy")
    disc.trainable = False
    stacked = Sequential([gen, disc])
    stacked.compile(optimizer="adam", loss="binary_crossentropy")
    noise = np.random.normal(size=(len(real), 2))
    disc.trainable = True
    disc.train_on_batch(real, np.ones((len(real), 1)))
    disc.trainable = False
    stacked.train_on_batch(noise, np.ones((len(real), 1)))
    return disc


def freeze_then_stack_only(real):
    disc = make_critic()
    gen = make_maker()
    disc.compile(optimizer="adam", loss="binary_crossentropy")
    disc.trainable = False
    stacked = Sequential([gen, disc])
    stacked.compile(optimizer="adam", loss="binary_crossentropy")
    noise = np.random.normal(size=(len(real), 2))
    stacked.train_on_batch(noise, np.ones((len(real), 1)))
    return disc


def frozen_base_in_classifier(real):
    base = make_critic()
    base.trainable = False
    inputs = keras.Input((4,))
    classifier = keras.Model(inputs, Dense(3, activation="softmax")(base(inputs)))
    classifier.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    classifier.fit(real, np.zeros(len(real)), epochs=1, verbose=0)
    return classifier
