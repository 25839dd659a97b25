"""Pointer-generator head of a style-transfer Transformer keeps its learned pointer scale and offset as raw `tf.Variable`s in `__init__`: Keras 3 neither lists nor trains them.

JRice15/csc582-styleshift `pointer_net.py` at commit 5a8af31 ("pointer net works I think"): `PointerNet`
(a `tf.keras.layers.Layer` the Transformer creates as `self.pointer_net` when `use_pointer_net=True`)
computes p_gen with a Dense, builds the copy distribution by weighting one-hot source tokens with the
averaged attention heads, maps it to logit space with `log_softmax` and then scales it with
`self.pointer_scale_w * pointer_output + self.pointer_scale_b`, two scalars made with
`tf.Variable(initial_value=..., trainable=True)` in `__init__`. On Keras 3 these are not Keras variables:
the layer's weights are only the Dense kernel and bias, `count_params()` misses them, `model.fit` never
updates them and they are not saved with the model's weights (a later commit of the repository removed the scaling). Porting
edits: none to the layer (the unused `import tensorflow_probability` is dropped). build_model() wires the
layer as `Transformer.call` does, with keyword tensors (source token ids, target embeddings, generator
logits, encoder output, decoder state, attention heads), into a functional model.
"""

SOURCE = "https://github.com/JRice15/csc582-styleshift/blob/5a8af31107b03e24d6e5031c2367451f5bf31109/pointer_net.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: Functional, count_params() = 19, 2 weights, unbuilt: none; after call: 19, 2 trainable
weights (the Dense kernel and bias only), gradient None for 0 of 2; tape watched 2 variables the model does
not track: ['pointer_scale_weight:0', 'pointer_scale_bias:0']; params of the case's own layers:
{'pointer_net': 19}. Case probe (python <file>): layer weights ['pointer_net/dense/kernel',
'pointer_net/dense/bias']; after one SGD(0.5) fit epoch on an MSE target: pointer_scale_w 1.0,
pointer_scale_b 0.0 (unchanged). Separate check: pointer_scale_w assigned 3.0, save_weights, fresh model
load_weights -> reloaded pointer_scale_w 1.0. No warning."""

import numpy as np
import tensorflow as tf


class PointerNet(tf.keras.layers.Layer):

    def __init__(self, vocab_size, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = vocab_size

        self.p_gen_dense = tf.keras.layers.Dense(1)

        self.pointer_scale_w = tf.Variable(
            initial_value=1.0,
            name="pointer_scale_weight",
            trainable=True,
        )
        self.pointer_scale_b = tf.Variable(
            initial_value=0.0,
            name="pointer_scale_bias",
            trainable=True,
        )

    def call(self, inp_tokens, tar_embedded, generator_output, enc_output,
             dec_state, attn_heads):
        attn = tf.reduce_mean(attn_heads, axis=1)  # (B, T, I)
        context = tf.einsum("bti,bid->btd", attn, enc_output)
        p_gen_inputs = tf.concat([context, dec_state, tar_embedded], axis=-1)  # (B, T, D*3)
        p_gen = self.p_gen_dense(p_gen_inputs)  # (B, T, 1)
        p_gen = tf.math.sigmoid(p_gen)
        inp = tf.one_hot(inp_tokens, depth=self.vocab_size)  # (B, I, V)
        pointer_output = tf.einsum("bti,biv->btv", attn, inp)
        pointer_output = tf.nn.log_softmax(pointer_output, axis=-1)
        pointer_output = (self.pointer_scale_w * pointer_output) + self.pointer_scale_b
        final_output = (p_gen * generator_output) + ((1 - p_gen) * pointer_output)
        pointer_data = {
            "pointer_logits": pointer_output,
            "p_gen": tf.squeeze(p_gen, axis=-1)
        }
        return final_output, pointer_data

    def get_config(self):
        return {
            "vocab_size": self.vocab_size,
            **super().get_config(),
        }


B_I, B_T, D, H, V = 5, 4, 6, 2, 11


def build_model():
    inp_tokens = tf.keras.Input(shape=(B_I,), dtype="int32", name="inp_tokens")
    tar_emb = tf.keras.Input(shape=(B_T, D), name="tar_embedded")
    gen_out = tf.keras.Input(shape=(B_T, V), name="generator_output")
    enc_output = tf.keras.Input(shape=(B_I, D), name="enc_output")
    dec_state = tf.keras.Input(shape=(B_T, D), name="dec_state")
    attn_heads = tf.keras.Input(shape=(H, B_T, B_I), name="attn_heads")
    pointer_net = PointerNet(vocab_size=V)
    final_output, pointer_data = pointer_net(inp_tokens=inp_tokens, tar_embedded=tar_emb,
                                             generator_output=gen_out, enc_output=enc_output,
                                             dec_state=dec_state, attn_heads=attn_heads)
    return tf.keras.Model([inp_tokens, tar_emb, gen_out, enc_output, dec_state, attn_heads], final_output)


def _probe_fit():
    model = build_model()
    layer = model.layers[-1]
    print("layer weights", [w.path for w in layer.weights], "count_params", model.count_params())
    rng = np.random.default_rng(0)
    xs = [rng.integers(0, V, (3, B_I)).astype("int32")] + [
        rng.random((3,) + tuple(i.shape[1:])).astype("float32") for i in model.inputs[1:]]
    model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
    model.fit(xs, np.ones((3, B_T, V), "float32"), epochs=1, verbose=0)
    print("after fit: pointer_scale_w", float(layer.pointer_scale_w.numpy()),
          "pointer_scale_b", float(layer.pointer_scale_b.numpy()))


if __name__ == "__main__":
    _probe_fit()
