"""WaveGlow's `Invertible1x1Conv` computes the inverse kernel once in `build()` and keeps it as a plain tensor
(`self.W_inverse = tf.expand_dims(tf.transpose(tf.linalg.inv(W)), 0)`); inference (`reverse=True`, the only
path `WaveGlow.call` uses) convolves with that frozen tensor, so the conv kernel gets no gradient there, the
inverse is not a weight, and loading other weights later leaves the stale inverse in place.

From yui-mhcp/text_to_speech (`custom_layers/invertible_conv.py` and `custom_architectures/waveglow_arch.py` at
commit 269e81e), a TensorFlow port of NVIDIA's WaveGlow vocoder used behind Tacotron-2. The forward direction
uses the tracked `Conv1D` and its log-determinant; the reverse direction uses `self.W_inverse`, a raw tensor
derived from the kernel at build time (LD001: weight-like state stored on `self` in `build` instead of being
recomputed from the variable). `WaveGlow.call` is `infer()`, which runs every flow in reverse: the 1x1 conv
kernels are counted but get `None` gradients through it (LD009, same root defect), and after
`load_weights`/`set_weights` (how the repository fills the model from the PyTorch checkpoint) the inverse still
comes from the random initial kernel. The measure script's own call shows no `None` gradient because it is the
call that builds the layers: the inverse is computed inside that tape. The probe's call after build is the
real situation (every later inference/training call).

Porting edits: `tf.squeeze(self.conv.weights)` (three places) -> `tf.squeeze(self.conv.kernel)`: the conv has
no bias, so its weight list is just the kernel, but under Keras 3 `tf.squeeze` of a Python list of Keras
variables raised "AttributeError: 'str' object has no attribute 'base_dtype'". Otherwise none (`from custom_layers import Invertible1x1Conv` becomes the class defined
above it; the `pytorch_waveglow` torch.hub helper is left out). `build_model()` builds a small WaveGlow
(n_mel_channels=4, n_flows=2, n_group=4, n_early_every=4, n_layers=2, n_channels=8) and returns it with a
[1, 2, 4] mel batch; `WaveGlow.call` draws its own latent noise.
"""

SOURCE = "https://github.com/yui-mhcp/text_to_speech/blob/269e81e902548e0bf91939cbb26ca6fbfa0b7da8/custom_layers/invertible_conv.py"
CODES = ("LD010", "LD009")  # relabelled at the review (miner: ("LD001", "LD009")): a frozen copy of a weight made in build() is LD010 in this project (heldout11 j_embedding_dense_transposed_kernel_in_init); the first measurement used the miner's labels
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/ar_yuimhcptts_waveglow_inv1x1conv_inverse_kernel_tensor_in_build.py:
as returned: WaveGlow, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv1DTranspose:conv1d_transpose', 'Invertible1x1Conv:invertible1x1_conv', 'Conv1D:conv1d', 'WaveglowBlock:waveglow_block', 'Conv1D:conv1d_8', 'Conv1D:conv1d_7', 'Conv1D:conv1d_6', 'Conv1D:conv1d_5', 'Conv1D:conv1d_4', 'Conv1D:conv1d_3', 'Conv1D:conv1d_2', 'Conv1D:conv1d_1', 'Invertible1x1Conv:invertible1x1_conv_1', 'Conv1D:conv1d_9', 'WaveglowBlock:waveglow_block_1', 'Conv1D:conv1d_17', 'Conv1D:conv1d_16', 'Conv1D:conv1d_15', 'Conv1D:conv1d_14', 'Conv1D:conv1d_13', 'Conv1D:conv1d_12', 'Conv1D:conv1d_11', 'Conv1D:conv1d_10']
after call: count_params() = 19660, 36 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 36 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'invertible1x1_conv': 16, 'waveglow_block': 1620, 'invertible1x1_conv_1': 16, 'waveglow_block_1': 1620}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine33/ar/p_waveglow.py:
W_inverse type: EagerTensor | in conv.weights: False | weights: ['invertible1x1_conv/conv1d/kernel']
round trip before new weights: max|inverse(forward(x)) - x| = 2.384185791015625e-07
after set_weights on the kernel: max|inverse(forward(x)) - x| = 3.3288588523864746
WaveGlow.call after build: gradient None for 2 of 2 Invertible1x1Conv kernels: ['wave_glow/invertible1x1_conv_1/conv1d_1/kernel', 'wave_glow/invertible1x1_conv_2/conv1d_10/kernel']"""

import tensorflow as tf


class Invertible1x1Conv(tf.keras.layers.Layer):
    """
    The layer outputs both the convolution, and the log determinant
    of its weight matrix.  If reverse=True it does convolution with
    inverse
    """
    def __init__(self, c, ** kwargs):
        super().__init__(** kwargs)
        self.c  = c

        self.conv = tf.keras.layers.Conv1D(
            filters     = c,
            kernel_size = 1,
            strides     = 1,
            padding     = 'same',
            use_bias    = False
        )

        self.built_inverse = False

    def build(self, input_shape):
        self.conv.build(input_shape)

        W = tf.transpose(tf.squeeze(self.conv.kernel))

        if tf.linalg.det(W) < 0:
            self.init_random()
            self.build_inverse()
        else:
            self.build_inverse()

        super().build(input_shape)

    def init_random(self):
        # Sample a random orthonormal matrix to initialize weights
        W = tf.linalg.qr(tf.random.normal((self.c, self.c)))[0]

        # Ensure determinant is 1.0 not -1.0
        if tf.linalg.det(W) < 0:
            W = W.numpy()
            W[:,0] = -1*W[:,0]

        W = tf.reshape(W, [1, self.c, self.c])
        self.conv.set_weights([W])

    def build_inverse(self):
        W = tf.transpose(tf.squeeze(self.conv.kernel))

        W_inverse = tf.transpose(tf.linalg.inv(W))
        self.W_inverse = tf.expand_dims(W_inverse, axis = 0)

        self.built_inverse = True

    def call(self, inputs, reverse = False):
        if reverse:
            return tf.nn.conv1d(inputs, self.W_inverse, stride = 1, padding = 'SAME')
        else:
            batch_size  = tf.cast(tf.shape(inputs)[0], tf.float32)
            group_size  = tf.cast(tf.shape(inputs)[2], tf.float32)
            n_of_groups = tf.cast(tf.shape(inputs)[1], tf.float32)

            W = tf.transpose(tf.squeeze(self.conv.kernel))
            # Forward computation
            log_det_W = batch_size * n_of_groups * tf.math.log(tf.linalg.det(W))
            output = self.conv(inputs)
            return output, log_det_W

    def get_config(self):
        config = super().get_config()
        config['c'] = self.c

        return config


def add_tanh_sigmoid_multiply(input_a, input_b, n_channels):
    in_act = input_a + input_b
    t_act = tf.tanh(in_act[:, :, :n_channels])
    s_act = tf.sigmoid(in_act[:, :, n_channels:])
    acts = t_act * s_act
    return acts


class WaveglowBlock(tf.keras.Model):
    def __init__(self,
                 n_in_channels,
                 n_mel_channels,
                 n_layers       = 8,
                 n_channels     = 256,
                 kernel_size    = 3,
                 ** kwargs):
        super().__init__(** kwargs)

        assert(kernel_size % 2 == 1)
        assert(n_channels % 2 == 0)

        self.n_in_channels  = n_in_channels
        self.n_mel_channels = n_mel_channels
        self.n_layers       = n_layers
        self.n_channels     = n_channels
        self.kernel_size    = kernel_size

        self.in_layers          = []
        self.res_skip_layers    = []
        self.cond_layers        = []

        self.start = tf.keras.layers.Conv1D(n_channels, 1)

        # Initializing last layer to 0 makes the affine coupling layers
        # do nothing at first.  This helps with training stability
        self.end = tf.keras.layers.Conv1D(
            2 * n_in_channels, 1, kernel_initializer = 'zeros'
        )

        for i in range(n_layers):
            dilation = 2 ** i

            self.in_layers.append(tf.keras.layers.Conv1D(
                2 * n_channels, kernel_size, dilation_rate = dilation, padding = 'same'
            ))

            self.cond_layers.append(tf.keras.layers.Conv1D(
                2 * n_channels, 1
            ))

            # last one is not necessary
            res_skip_channels = 2 * n_channels if i < n_layers - 1 else n_channels

            self.res_skip_layers.append(tf.keras.layers.Conv1D(
                res_skip_channels, 1
            ))

    def call(self, forward_input):
        audio, spect = forward_input

        audio = self.start(audio)

        for i in range(self.n_layers):
            acts = add_tanh_sigmoid_multiply(
                self.in_layers[i](audio),
                self.cond_layers[i](spect),
                self.n_channels
            )

            res_skip_acts = self.res_skip_layers[i](acts)
            if i < self.n_layers - 1:
                audio = res_skip_acts[:,:,:self.n_channels] + audio
                skip_acts = res_skip_acts[:,:,self.n_channels:]
            else:
                skip_acts = res_skip_acts

            if i == 0:
                output = skip_acts
            else:
                output = skip_acts + output

        return self.end(output)


class WaveGlow(tf.keras.Model):
    """
        This class is a perfect copy of the NVIDIA's WaveGlow implementation
            See https://github.com/NVIDIA/waveglow repository
    """
    def __init__(self,
                 n_mel_channels = 80,
                 n_flows        = 12,
                 n_group        = 8,

                 n_early_every  = 4,
                 n_early_size   = 2,

                 n_layers       = 8,
                 n_channels     = 512,
                 kernel_size    = 3,
                 ** kwargs):
        super().__init__(** kwargs)
        assert(n_group % 2 == 0)

        self.n_mel_channels = n_mel_channels
        self.n_flows        = n_flows
        self.n_group        = n_group

        self.n_early_every  = n_early_every
        self.n_early_size   = n_early_size

        self.n_layers       = n_layers
        self.n_channels     = n_channels
        self.kernel_size    = kernel_size

        self.upsample = tf.keras.layers.Conv1DTranspose(
            n_mel_channels, 1024, strides=256
        )
        self.blocks     = []
        self.convinv    = []

        n_half = int(n_group / 2)

        n_remaining_channels = n_group
        for k in range(n_flows):
            if k % self.n_early_every == 0 and k > 0:
                n_half = n_half - int(self.n_early_size / 2)
                n_remaining_channels = n_remaining_channels - self.n_early_size

            self.convinv.append(Invertible1x1Conv(n_remaining_channels))
            self.blocks.append(WaveglowBlock(
                n_in_channels   = n_half,
                n_mel_channels  = n_mel_channels * n_group,
                n_layers    = n_layers,
                n_channels  = n_channels,
                kernel_size = kernel_size
            ))

        self.n_remaining_channels = n_remaining_channels  # Useful during inference

    def call(self, inputs, training = False):
        return self.infer(inputs)

    def infer(self, spect, sigma = 1.0):
        spect = self.upsample(spect)

        # trim conv artifacts. maybe pad spec to kernel multiple
        time_cutoff = self.upsample.kernel_size[0] - self.upsample.strides[0]
        spect = spect[:, :-time_cutoff, :]

        spect = tf.image.extract_patches(
            tf.expand_dims(spect, -1),
            sizes = [1, self.n_group,1,1],
            strides = [1,self.n_group,1,1],
            rates = [1,1,1,1],
            padding = 'VALID'
        )
        spect = tf.reshape(spect, [tf.shape(spect)[0], tf.shape(spect)[1], -1])

        audio = sigma * tf.random.normal([
            tf.shape(spect)[0], tf.shape(spect)[1], self.n_remaining_channels
        ])

        for i, k in enumerate(reversed(range(self.n_flows))):
            n_half = int(tf.shape(audio)[2] / 2)
            audio_0 = audio[:, :, :n_half]
            audio_1 = audio[:, :, n_half:]

            output = self.blocks[k]((audio_0, spect))

            s = output[:, :, n_half:]
            b = output[:, :, :n_half]

            audio_1 = (audio_1 - b)/tf.exp(s)
            audio = tf.concat([audio_0, audio_1], 2)

            audio = self.convinv[k](audio, reverse=True)

            if k % self.n_early_every == 0 and k > 0:
                z = tf.random.normal([
                    tf.shape(spect)[0], tf.shape(spect)[1], self.n_early_size
                ])
                audio = tf.concat([sigma*z, audio], axis = 2)

        audio = tf.reshape(audio, [tf.shape(audio)[0], -1])

        return audio


def build_model():
    model = WaveGlow(n_mel_channels=4, n_flows=2, n_group=4, n_early_every=4, n_early_size=2,
                     n_layers=2, n_channels=8)
    mels = tf.random.normal((1, 2, 4), seed=0)
    return model, mels
