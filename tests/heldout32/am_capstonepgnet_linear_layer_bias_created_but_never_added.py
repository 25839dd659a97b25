"""Pointer-generator attention decoder whose LinearLayer always creates a `bias` weight but adds it only when `use_bias=True`, and the default is False: every linear projection of the decoder carries a dead, counted bias.

wweschen/Capstone `pgnet/pgnet_modeling.py` (a TF2/Keras port of See et al.'s pointer-generator with
coverage): `LinearLayer(output_size, use_bias=False, ...)` builds `kernel` and `bias` with `add_weight`
in `build()`, and `call()` returns `res` before touching the bias unless `self.use_bias`. The
AttentionDecoder (called once with a Python list of per-step decoder inputs; it loops over the steps
with an `LSTMCell`, re-runs `AttentionLayer` and computes p_gen) makes `self.linear`, `self.linear2` and,
inside AttentionLayer, `self.linear_layer` with the default, so three bias vectors are listed in
`trainable_weights`, counted by `count_params()`, saved, and never receive a gradient. Porting edits:
`tf_utils.get_shape_list(x)[0]` (a BERT helper module of the repository) -> `tf.shape(x)[0]`, and the
positional weight names of LinearLayer made keyword (`add_weight("kernel", ...)` -> `add_weight(name="kernel",
...)`: Keras 3 raises "`name` must be passed as a keyword argument" first).
build_model() makes the decoder as `PGNetSummaryModel.build` does (vector size = hidden size = embedding
size, the initializer passed positionally) and calls it eagerly once, as `PGNetSummaryModel.call` does, on
a 3-step decoder input list, the encoder state pair, encoder states and the padding mask; it returns the
built decoder layer (its packed `__call__` signature cannot be replayed by a functional model, which
passes one tuple). `_probe_gradients()` runs the same call under a GradientTape.
"""

SOURCE = "https://github.com/wweschen/Capstone/blob/52ed3209bd7da9bf5070ded5ecad32b61bbe84cf/pgnet/pgnet_modeling.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: AttentionDecoder, count_params() = 945, 14 weights, unbuilt: none; no inputs known: not
called. Case probe (python <file>, one call under GradientTape, loss = sum of outputs and p_gens):
count_params 945, trainable weights 14; None gradients: [('attention_decoder/linear_layer/bias', (8,)),
('attention_decoder/linear_layer_1/bias', (1,)), ('attention_decoder/attention_layer/linear_layer_2/bias',
(8,))]: 17 of the 945 counted parameters can never train. No warning."""

import itertools

import tensorflow as tf


def get_initializer(initializer_range=0.02):
    return tf.keras.initializers.TruncatedNormal(stddev=initializer_range)


class LinearLayer(tf.keras.layers.Layer):
    def __init__(self, output_size, use_bias=False, kernel_initializer=None, bias_initializer="zeros",
                 activation=None, **kwargs):
        super(LinearLayer, self).__init__(**kwargs)
        self.output_size = output_size
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.activation = activation
        self.use_bias = use_bias

    def build(self, input_shape):
        total_arg_size = 0
        shapes = input_shape
        if type(shapes) is not list:
            shapes = [shapes]
        shapes = list(itertools.chain(*shapes))
        for shape in shapes:
            if len(shape) != 2:
                raise ValueError("Linear is expecting 2D arguments: %s" % str(shapes))
            if not shape[1]:
                raise ValueError("Linear expects shape[1] of arguments: %s" % str(shapes))
            else:
                total_arg_size += shape[1]
        self.kernel = self.add_weight(name="kernel", shape=[total_arg_size, self.output_size],
                                      initializer=self.kernel_initializer, dtype=self.dtype, trainable=True)
        self.bias = self.add_weight(name="bias", shape=[self.output_size], initializer=self.bias_initializer,
                                    dtype=self.dtype, trainable=True)
        super(LinearLayer, self).build(input_shape)

    def call(self, inputs):
        if type(inputs) is not list:
            inputs = [inputs]
        inputs = list(itertools.chain(*inputs))
        if len(inputs) == 1:
            res = tf.matmul(inputs[0], self.kernel)
        else:
            res = tf.matmul(tf.concat(axis=1, values=inputs), self.kernel)
        if not self.use_bias:
            return res
        return res + self.bias


class AttentionLayer(tf.keras.layers.Layer):
    def __init__(self, vector_size, use_coverage, initializer=None, float_type=tf.float32, **kwargs):
        super(AttentionLayer, self).__init__(**kwargs)
        self.initializer = initializer
        self.float_type = float_type
        self.vector_size = vector_size
        self.use_coverage = use_coverage
        self.v = self.add_weight(shape=[self.vector_size], name="v")

    def build(self, unused_input_shapes):
        self.linear_layer = LinearLayer(self.vector_size)
        self.coverage_layer = tf.keras.layers.Conv2D(self.vector_size, (1, 1), padding="SAME")
        super(AttentionLayer, self).build(unused_input_shapes)

    def __call__(self, decoder_state, encoder_features, input_mask, coverage=None, **kwargs):
        inputs = (encoder_features, decoder_state, input_mask, coverage)
        return super(AttentionLayer, self).__call__(inputs, **kwargs)

    def call(self, inputs):
        encoder_features = inputs[0]
        batch_size = tf.shape(encoder_features)[0]
        decoder_states = inputs[1]
        input_mask = inputs[2]
        coverage = inputs[3]
        decoder_features = self.linear_layer([decoder_states])
        decoder_features = tf.expand_dims(tf.expand_dims(decoder_features, 1), 1)

        def masked_attention(e):
            attn_dist = tf.nn.softmax(e)
            attn_dist *= tf.dtypes.cast(input_mask, tf.float32)
            masked_sums = tf.reduce_sum(attn_dist, axis=1)
            return attn_dist / tf.reshape(masked_sums, [-1, 1])

        if self.use_coverage and coverage is not None:
            coverage_features = self.coverage_layer(coverage)
            e = tf.reduce_sum(self.v * tf.tanh(encoder_features + decoder_features + coverage_features), [2, 3])
            attn_dist = masked_attention(e)
            coverage += tf.reshape(attn_dist, [batch_size, -1, 1, 1])
        else:
            e = tf.reduce_sum(self.v * tf.tanh(encoder_features + decoder_features), [2, 3])
            attn_dist = masked_attention(e)
            if self.use_coverage:
                coverage = tf.expand_dims(tf.expand_dims(attn_dist, 2), 2)
        context_vector = tf.reduce_sum(tf.reshape(attn_dist, [batch_size, -1, 1, 1]) * encoder_features, [1, 2])
        context_vector = tf.reshape(context_vector, [-1, self.vector_size])
        return context_vector, attn_dist, coverage


class AttentionDecoder(tf.keras.layers.Layer):
    def __init__(self, hidden_dim, vector_size, attention_length, initializer=None, float_type=tf.float32,
                 initial_state_attention=False, pointer_gen=True, use_coverage=False, **kwargs):
        super(AttentionDecoder, self).__init__(**kwargs)
        self.initializer = initializer
        self.float_type = float_type
        self.hidden_dim = hidden_dim
        self.vector_size = vector_size
        self.attention_length = attention_length
        self.pointer_gen = pointer_gen
        self.use_coverage = use_coverage
        self.initial_state_attention = initial_state_attention

    def build(self, unused_input_shapes):
        self.lstm_layer = tf.keras.layers.LSTMCell(self.vector_size)
        self.encoder_layer = tf.keras.layers.Conv2D(filters=self.vector_size, kernel_size=(1, 1), padding="SAME")
        self.linear = LinearLayer(self.vector_size)
        self.linear2 = LinearLayer(1)
        self.attention_layer = AttentionLayer(self.vector_size, self.attention_length, True)

    def __call__(self, decoder_inputs, dec_initial_state, encoder_states, enc_padding_mask,
                 prev_coverage=None, **kwargs):
        inputs = (decoder_inputs, dec_initial_state, encoder_states, enc_padding_mask, prev_coverage)
        return super(AttentionDecoder, self).__call__(inputs, **kwargs)

    def call(self, inputs):
        decoder_inputs = inputs[0]
        initial_state = inputs[1]
        encoder_states = inputs[2]
        enc_padding_mask = inputs[3]
        prev_coverage = inputs[4]
        outputs = []
        attn_dists = []
        p_gens = []
        encoder_states = tf.expand_dims(encoder_states, axis=2)
        encoder_features = self.encoder_layer(encoder_states)
        state = initial_state
        batch_size = tf.shape(encoder_states)[0]
        coverage = prev_coverage
        context_vector = tf.zeros([batch_size, self.vector_size])
        context_vector.set_shape([None, self.vector_size])
        if self.initial_state_attention:
            context_vector, _, coverage = self.attention_layer(encoder_features=encoder_features,
                                                               decoder_state=state, coverage=coverage,
                                                               input_mask=enc_padding_mask)
        for i, inp in enumerate(decoder_inputs):
            input_size = inp.get_shape().with_rank(2)[1]
            if input_size is None:
                raise ValueError("Could not infer input size from input: %s" % inp.name)
            x = self.linear([[inp], [context_vector]])
            cell_output, state = self.lstm_layer(x, state)
            if i == 0 and self.initial_state_attention:
                context_vector, attn_dist, _ = self.attention_layer(encoder_features=encoder_features,
                                                                    decoder_state=state, coverage=coverage,
                                                                    input_mask=enc_padding_mask)
            else:
                context_vector, attn_dist, coverage = self.attention_layer(encoder_features=encoder_features,
                                                                           decoder_state=state,
                                                                           coverage=coverage,
                                                                           input_mask=enc_padding_mask)
            attn_dists.append(attn_dist)
            if self.pointer_gen:
                p_gen = self.linear2([[context_vector], [state[0]], [state[1]], [x]])
                p_gen = tf.sigmoid(p_gen)
                p_gens.append(p_gen)
                output = self.linear([[cell_output], [context_vector]])
            outputs.append(output)
        if coverage is not None:
            coverage = tf.reshape(coverage, [batch_size, -1])
        return outputs, state, attn_dists, p_gens, coverage


HIDDEN, ENC_LEN, DEC_STEPS = 8, 5, 3


def _step_inputs():
    rng = tf.random.Generator.from_seed(0)
    dec_inputs = [rng.normal((2, HIDDEN)) for _ in range(DEC_STEPS)]
    state = [rng.normal((2, HIDDEN)), rng.normal((2, HIDDEN))]
    enc_states = rng.normal((2, ENC_LEN, HIDDEN))
    enc_mask = tf.ones((2, ENC_LEN))
    return dec_inputs, state, enc_states, enc_mask


def build_model():
    decoder = AttentionDecoder(HIDDEN, HIDDEN, ENC_LEN, get_initializer())
    dec_inputs, state, enc_states, enc_mask = _step_inputs()
    decoder(dec_inputs, state, enc_states, enc_mask, prev_coverage=None)
    return decoder


def _probe_gradients():
    decoder = AttentionDecoder(HIDDEN, HIDDEN, ENC_LEN, get_initializer())
    dec_inputs, state, enc_states, enc_mask = _step_inputs()
    with tf.GradientTape() as tape:
        outputs, state, attn_dists, p_gens, coverage = decoder(dec_inputs, state, enc_states, enc_mask,
                                                               prev_coverage=None)
        loss = tf.add_n([tf.reduce_sum(o) for o in outputs] + [tf.reduce_sum(p) for p in p_gens])
    weights = decoder.trainable_weights
    grads = tape.gradient(loss, weights)
    print("count_params", decoder.count_params(), "trainable weights", len(weights))
    print("None gradients:", [(w.path, tuple(w.shape)) for w, g in zip(weights, grads) if g is None])


if __name__ == "__main__":
    _probe_gradients()
