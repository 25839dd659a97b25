"""david-wb's TF2 Neural Turing Machine keeps its learned start state (`reads_bias`, `init_read`,
`init_read_w`, `init_write_w`) as raw `tf.Variable`s on a `keras.Model`: on Keras 3 the training loop,
which differentiates `ntm.trainable_variables`, never sees them, so the learned initial read vector and
head weightings stay at their initial values and are not saved by `save_weights`.

From david-wb/neural-turing-machine (`src/tf/ntm.py`, with `NTMMemory` from `src/tf/memory.py` and the heads
from `src/tf/read_write_heads.py`), a copy-task NTM after the PyTorch implementation. `NTM.__init__` makes
a plain-object memory, a read and a write head (each a `Model` with a `Dense`), three Dense layers and
four `tf.Variable`s; `get_start_state()` feeds `softmax(init_read_w)`, `softmax(init_write_w)` and
`init_read` as the first state, and `call` adds `reads_bias` to the previous read. `train_copy_model.py`
does `tape.gradient(loss, ntm.trainable_variables)` and `optimizer.apply_gradients(...)`. On tf.keras 2
the Model's attribute tracking collected the four variables; on Keras 3 they are foreign variables.

Porting edits: none to the classes (inlined from their three modules; the memory stays the author's plain
object, which holds only tensors). `build_model()` builds `NTM()` with the defaults and runs one step the
way the training script does (`ntm(x, ntm.get_start_state())`) so that the sublayers are built; it
returns the model alone, since its call takes the state as a second positional argument. One edit: the
`@tf.function` on `call` is commented out; with it, Keras 3's symbolic build trace leaves a graph tensor in
the plain memory object and the first real call raises "Creating variables on a non-first call to a
function decorated with tf.function" (a crash of the port, not the defect measured here).
"""

SOURCE = "https://github.com/david-wb/neural-turing-machine/blob/f2736bc4ef5c021e6fc4e08b0c7c0f009f9cdb1e/src/tf/ntm.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/av_davidwbntm_ntm_init_weightings_and_read_bias_tf_variables_on_model.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. (twice, the heads' Dense)
warning: Layer 'ntm' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically.
warning: `build()` was called on layer 'ntm', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state.
as returned: NTM, count_params() = 45093, 10 weights, unbuilt: none
no inputs known: not called
Own probe (probe_ntm.py), the author's train_step (GradientTape over a 3-bit copy sequence, grads on ntm.trainable_variables, clip_by_norm, Nadam) for 2 steps: 10 trainable variables, all Dense kernels/biases; reads_bias, init_read, init_read_w, init_write_w are not among them and are unchanged after the steps; asked directly, the loss's gradient is nonzero for reads_bias and init_read (norms 0.0747 and 0.0041 in one run, 0.0386 and 0.0035 in another: the Dense init is unseeded) and 0.0 for the two saturated start weightings; model.weights holds 10 variables, so save_weights drops the four."""

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


class NTM(Model):
    def __init__(self, n_heads=1, memory_dim=20, memory_size=100, external_output_size=1):
        super(NTM, self).__init__()

        self.memory_size = memory_size
        self.memory_dim = memory_dim
        self.n_heads = n_heads
        self.mem = NTMMemory(tf.ones(shape=(memory_size, memory_dim), dtype='float32') * 1e-8)
        self.read_head = NTMReadHead(self.mem, 200)
        self.write_head = NTMWriteHead(self.mem, 200)

        self.reads_bias = tf.Variable(tf.zeros(shape=(1, memory_dim), dtype='float32'))
        self.fc1 = Dense(200, activation='relu')
        self.fc_out1 = Dense(100, activation='relu')
        self.fc_external_out = Dense(external_output_size)
        self.init_read = tf.Variable(tf.ones(shape=(1, self.memory_dim), dtype='float32') * 1e-8)

        w_init = np.zeros((1, self.memory_size), dtype='float32')
        w_init[0, 0] = 100
        self.init_read_w = tf.Variable(w_init, name='init_read_w')
        self.init_write_w = tf.Variable(w_init, name='init_write_w')

    def get_start_state(self):

        return {
            'M': tf.ones(shape=(self.memory_size, self.memory_dim), dtype='float32') * 1e-8,
            'read_w': tf.nn.softmax(self.init_read_w),
            'write_w': tf.nn.softmax(self.init_write_w),
            'read_prev': self.init_read,
        }

    # @tf.function  (removed in the port: see the docstring)
    def call(self, x, prev_state):
        self.mem.update(prev_state['M'])

        x = tf.cast(x, dtype='float32')
        x = tf.reshape(x, [1, -1])
        x = tf.concat([x, prev_state['read_prev'] + self.reads_bias], axis=-1)
        x = self.fc1(x)

        read, read_w = self.read_head(x, prev_state['read_w'])
        write, write_w = self.write_head(x, prev_state['write_w'])

        x = tf.concat([x, read], axis=-1)
        x = self.fc_out1(x)

        out = self.fc_external_out(x)
        state = {
            'M': self.mem.mem,
            'read_w': read_w,
            'write_w': write_w,
            'read_prev': read
        }

        return out, state


def build_model():
    ntm = NTM()
    state = ntm.get_start_state()
    ntm(tf.convert_to_tensor([[1]]), state)
    return ntm
