# LD005 unbuilt-sublayer: a sublayer no method of its class runs, which code outside the class may run
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix18a/measure_x.py on this file): each
# make_* function is run as written, then the sublayer's `built` and weight count are read.
# Buggy (code outside the class only reads the sublayer, never calls or builds it): make_seq2seq:
# Seq2Seq.embedder (Embedding) built False, trainable_variables [] (the hand-made variable list it
# feeds misses it); make_tagger: Tagger.crf_proj (Dense) built False, only its get_config() is read;
# make_scorer: Scorer.bias_head (Dense) built False, `len(...weights)` is 0.
# Twins (code outside the class runs the sublayer): make_autoencoder: a module function calls
# `ae.encoder(x)` (Autoencoder.call never does): built, 2 weights; make_siamese: module code runs
# `net.tower.build((None, 6))`: built, 2 weights; make_runner: another class's call() runs
# `self.inner.head(x)` on a held Heads layer whose own call() never runs `head`: built, 2 weights.
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD005x", "a sublayer only code outside its class could run, and does not"


class Seq2Seq(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embedder = layers.Embedding(20, 4)  # LD005
        self.rnn = layers.GRU(4)
        self.out = layers.Dense(3)

    def call(self, tokens):
        return self.out(self.rnn(keras.ops.one_hot(tokens, 4)))


def make_seq2seq():
    model = Seq2Seq()
    model(np.zeros((2, 5), "int32"))
    variables = model.rnn.trainable_variables + model.out.trainable_variables + model.embedder.trainable_variables
    return model, variables


class Tagger(keras.layers.Layer):
    def __init__(self, tags, **kwargs):
        super().__init__(**kwargs)
        self.encode = layers.Dense(8)
        self.crf_proj = layers.Dense(tags)  # LD005

    def call(self, x):
        return self.encode(x)


def make_tagger():
    tagger = Tagger(5)
    tagger(np.zeros((2, 6), "float32"))
    return tagger, tagger.crf_proj.get_config()


class Scorer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.score = layers.Dense(1)
        self.bias_head = layers.Dense(1)  # LD005

    def call(self, x):
        return self.score(x)


def make_scorer():
    scorer = Scorer()
    scorer(np.zeros((2, 6), "float32"))
    print("bias head weights:", len(scorer.bias_head.weights))
    return scorer


class Encoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def call(self, x):
        return self.proj(x)


class Autoencoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Encoder()
        self.decoder = layers.Dense(6)

    def call(self, codes):
        return self.decoder(codes)


def pretrain_step(ae, x):
    return ae(ae.encoder(x))


def make_autoencoder():
    ae = Autoencoder()
    pretrain_step(ae, np.zeros((2, 6), "float32"))
    return ae


class Siamese(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tower = layers.Dense(3)
        self.merge = layers.Dense(1)

    def call(self, pair):
        return self.merge(pair)


def make_siamese():
    net = Siamese()
    net.tower.build((None, 6))
    net(np.zeros((2, 3), "float32"))
    return net


class Heads(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(6)
        self.head = layers.Dense(2)

    def call(self, x):
        return self.body(x)


class Runner(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = Heads()

    def call(self, x):
        return self.inner.head(self.inner(x))


def make_runner():
    runner = Runner()
    runner(np.zeros((2, 6), "float32"))
    return runner
