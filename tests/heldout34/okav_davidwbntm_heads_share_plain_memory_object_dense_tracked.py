"""david-wb's NTM read and write heads are `keras.Model`s that keep a reference to one shared memory, a
plain Python object (`NTMMemory`, not a layer) which their `call()` reads from and writes to: it looks like
state in an untracked container, but the memory holds only tensors (the memory matrix is the NTM's
recurrent state, passed in and out each step), while each head's one weight-bearing part, its `Dense`,
is an attribute of the head: tracked, counted and trained.

From david-wb/neural-turing-machine (`src/tf/read_write_heads.py`, with `NTMMemory` from
`src/tf/memory.py`). `NTMHeadBase.__init__` stores `self.mem = mem` (the shared plain object) and its size;
`NTMReadHead` adds `self.fc_read = Dense(n_cols + 6, ...)` and returns `(r, w)` from
`self.mem.read(w)`; `NTMWriteHead` adds `self.fc_write = Dense(3 * n_cols + 6, ...)` and calls
`self.mem.write(w, e, a)`, which rebinds `mem.mem` to a new tensor. A checker that flags "a plain
object used in `call()`" (LD011) would flag both heads. The NTM model that owns the heads keeps its own
start-state vectors as raw tf.Variables: that is the separate buggy case
`av_davidwbntm_ntm_init_weightings_and_read_bias_tf_variables_on_model`; this case uses the heads alone.

Porting edits: none to the classes (inlined from their two modules). `build_model()` makes the memory the
way `NTM.__init__` does (100 x 20 matrix of 1e-8), one read and one write head on it with controller size
200, runs one step of each as `NTM.call` does (controller output, previous weighting = softmax of a
one-hot start), and returns the read head (its call takes the previous weighting as a second positional
argument, so the standard measurement does not call it; the probe does). Doubt kept as decided: the
write head, called standalone for the first time, crashes on Keras 3 (TypeError: "The tensor
<tf.Tensor 'add_5:0' shape=(100, 20)> cannot be accessed from here, because it was defined in
FuncGraph(name=scratch_graph_1)"): Keras 3 builds a build()-less Model by tracing `call` in a scratch graph,
the trace's `mem.write` leaves a graph tensor in the plain memory object, and the real call reads it. This
is a side-effect hazard of plain-object state, not lost weights; inside the author's NTM the heads are built
during the NTM's own trace and `NTM.call` starts every step with `self.mem.update(...)`, so it does not
bite there. `build_model()` therefore marks the write head built before its first call and re-seeds the
memory, as `NTM.call` does.
"""

SOURCE = "https://github.com/david-wb/neural-turing-machine/blob/969754e3912b60af0dee35e8db0f925b64b99214/src/tf/read_write_heads.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/okav_davidwbntm_heads_share_plain_memory_object_dense_tracked.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. (twice, the heads' Dense)
as returned: NTMReadHead, count_params() = 5226, 2 weights, unbuilt: none
no inputs known: not called
Own probe (probe_heads.py): read head weights ['ntm_read_head/dense/kernel', 'ntm_read_head/dense/bias'] (5226), write head weights ['ntm_write_head/dense_1/kernel', 'ntm_write_head/dense_1/bias'] (13266); one write step then one read step under a GradientTape, loss = sum of the read vector: no None gradient for any of the 4 weights, the write head's kernel gets its gradient through the shared memory (norm 14.5 and 45.7 in two runs, read kernel 1.14 and 7.74; unseeded init); the tape watched no variable the heads do not track; the memory object holds only n_rows (int), n_cols (int) and mem (EagerTensor).
Before the port edit in build_model(), the write head's first standalone call raised TypeError (scratch-graph tensor left in the memory, see the docstring)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Dense


def _convolve(w, s):
    assert s.shape[1] == 3
    first_col = tf.slice(w, [0, 0], [-1, 1])
    last_col = tf.slice(w, [0, w.shape[1] - 1], [-1, 1])
    t = tf.concat([last_col, w, first_col], axis=1)
    s = tf.cast(s, dtype='float32')
    c = tf.nn.conv1d(tf.reshape(t, (1, -1, 1)), tf.reshape(s, (-1, 1, 1)), stride=1, padding='VALID')
    c = tf.reshape(c, (-1,))
    return c


class NTMMemory:
    def __init__(self, mem):
        self.n_rows = mem.shape[0]
        self.n_cols = mem.shape[1]
        self.mem = mem

    def update(self, mem):
        self.mem = tf.identity(mem)

    def size(self):
        return self.n_rows, self.n_cols

    def read(self, weights: tf.Tensor):
        return tf.linalg.matvec(tf.transpose(self.mem), weights)

    def write(self, w, e, a):
        erase = tf.matmul(tf.transpose(w), e)
        add = tf.matmul(tf.transpose(w), a)
        self.mem = self.mem * (1 - erase) + add

    def address(self, k, beta, g, s, gamma, w_prev):
        # Content focus
        wc = self._similarity(k, beta)

        # Location focus
        wg = self._interpolate(w_prev, wc, g)
        w_hat = self._shift(wg, s)
        w = self._sharpen(w_hat, gamma)

        return w

    def _similarity(self, k, beta):
        cos_sim = 1 - tf.keras.losses.cosine_similarity(self.mem + 1e-16, k + 1e-16)
        w = tf.nn.softmax(beta * cos_sim, axis=-1)
        return w

    def _interpolate(self, w_prev, wc, g):
        return g * wc + (1 - g) * w_prev

    def _shift(self, wg, s):
        result = _convolve(wg, s)
        return result

    def _sharpen(self, w_hat, gamma):
        w = tf.pow(w_hat, gamma)
        w = w / (tf.math.reduce_sum(w) + 1e-16)
        return w


class NTMHeadBase(Model):
    def __init__(self, mem):
        super(NTMHeadBase, self).__init__()

        self.n_rows, self.n_cols = mem.size()
        self.mem = mem

    def _address_memory(self, k, beta, g, s, gamma, w_prev):
        # Handle Activations
        beta = tf.nn.softplus(beta)
        g = tf.nn.sigmoid(g)
        s = tf.nn.softmax(s)
        gamma = 1 + tf.nn.softplus(gamma)
        w = self.mem.address(k, beta, g, s, gamma, w_prev)
        return w


class NTMReadHead(NTMHeadBase):
    def __init__(self, memory, controller_output_size):
        super(NTMReadHead, self).__init__(memory)
        self.output_size = self.n_cols + 6
        self.fc_read = Dense(self.output_size, input_shape=(controller_output_size,))

    def call(self, x, w_prev):
        x = self.fc_read(x)
        k, beta, g, s, gamma = tf.split(x, [self.n_cols, 1, 1, 3, 1], axis=-1)

        # Read from memory
        w = self._address_memory(k, beta, g, s, gamma, w_prev)
        r = self.mem.read(w)
        return r, w


class NTMWriteHead(NTMHeadBase):
    def __init__(self, memory, controller_output_size):
        super(NTMWriteHead, self).__init__(memory)
        self.output_size = self.n_cols * 3 + 6
        self.fc_write = Dense(self.output_size, input_shape=(controller_output_size,))

    def call(self, x, w_prev):
        x = self.fc_write(x)
        k, beta, g, s, gamma, e, a = tf.split(x, [self.n_cols, 1, 1, 3, 1, self.n_cols, self.n_cols], axis=-1)

        # e should be in [0, 1]
        e = tf.nn.sigmoid(e)

        # Write to memory
        w = self._address_memory(k, beta, g, s, gamma, w_prev)
        self.mem.write(w, e, a)
        return x, w


def _start():
    w_init = np.zeros((1, 100), dtype='float32')
    w_init[0, 0] = 100
    w_prev = tf.nn.softmax(w_init)
    x = tf.random.stateless_normal((1, 200), seed=(3, 4))
    return x, w_prev


def build_heads():
    mem = NTMMemory(tf.ones(shape=(100, 20), dtype='float32') * 1e-8)
    read_head = NTMReadHead(mem, 200)
    write_head = NTMWriteHead(mem, 200)
    x, w_prev = _start()
    read_head(x, w_prev)
    write_head.built = True  # see the docstring: skip Keras 3's symbolic build trace for the writer
    mem.update(tf.ones(shape=(100, 20), dtype='float32') * 1e-8)
    write_head(x, w_prev)
    return mem, read_head, write_head


def build_model():
    return build_heads()[1]
