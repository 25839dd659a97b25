"""A Kaggle 2nd-place ASL-fingerspelling encoder whose ECA and self-attention layers instantiate
`GlobalAveragePooling1D`, `Reshape`, `Permute` and `Softmax` inside `call()`: looks like state created
in call, but those layers own no weights; the Conv1D/Dense sublayers are made once in `__init__` and
all train.

From hoyso48/Google---American-Sign-Language-Fingerspelling-Recognition-2nd-place-solution (the
training notebook `ASLFR_2nd_place_Hoyeol_Sohn_training.ipynb`, the author's Kaggle solution). `ECA`
makes its `Conv1D(1, k)` in `__init__` and calls `tf.keras.layers.GlobalAveragePooling1D()(inputs,
mask=mask)` afresh in every `call()`; `MultiHeadSelfAttention` makes `qkv`/`proj` Dense and a Dropout
in `__init__` and builds new `Permute`/`Reshape`/`Softmax` layers on every call; `MaskingDWConv1D`
wraps a `DepthwiseConv1D`. `Conv1DBlock` and `TransformerBlock` are factories returning closures that
create BatchNorm/Dense/ECA/attention layers when applied to KerasTensors (a functional graph, so every
layer is wired into the model). A checker that flags any `tf.keras.layers.X(...)` inside `call()` as
LD002 would flag ECA and the attention layer.

Porting edits: in `MaskingDWConv1D`, the inner `DepthwiseConv1D(..., kernel_initializer=...)` became
`depthwise_initializer=` (Keras 3 rejects the unknown keyword); nothing else in the classes or
factories (the notebook's unused `from tensorflow.python.ops...
import filter_dataset_eager_fallback` left out). build_model(): the notebook's `get_model` encoder cut
down to Input(16 frames, 12 channels) -> Masking(PAD) -> Dense 'stem_conv' -> Conv1DBlock ->
TransformerBlock -> BatchNorm, then a GlobalAveragePooling1D + Dense(6) head instead of the CTC and
attention decoders (dim 16, 4 heads, kernel 5).
"""

SOURCE = "https://github.com/hoyso48/Google---American-Sign-Language-Fingerspelling-Recognition-2nd-place-solution/blob/1f5b06329fb878f92911348b9b2b9cd2d5b8d686/ASLFR_2nd_place_Hoyeol_Sohn_training.ipynb"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaq_hoyso48aslfr_eca_and_mhsa_make_weightless_layers_in_call.py:
stderr (printed while the case ran): UserWarning: Layer 'reshape_4' (of type Reshape) was passed an input with a mask attached to it ... (mask dropped by the per-call Reshape)
stderr (printed while the case ran): UserWarning: Layer 'reshape_6' (of type Reshape) was passed an input with a mask attached to it ... (mask dropped by the per-call Reshape)
as returned: Functional, count_params() = 5307, 33 weights, unbuilt: none
after call: count_params() = 5307, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'1_dwconv': 320, 'eca': 5, '1_mhsa': 1024}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

PAD = -100.


class ECA(tf.keras.layers.Layer):
    def __init__(self, kernel_size=5, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.kernel_size = kernel_size
        self.conv = tf.keras.layers.Conv1D(1, kernel_size=kernel_size, strides=1, padding="same", use_bias=False)

    def call(self, inputs, mask=None):
        nn = tf.keras.layers.GlobalAveragePooling1D()(inputs, mask=mask)
        nn = tf.expand_dims(nn, -1)
        nn = self.conv(nn)
        nn = tf.squeeze(nn, -1)
        nn = tf.nn.sigmoid(nn)
        nn = nn[:,None,:]
        return inputs * nn

class MaskingDWConv1D(tf.keras.layers.Layer):
    def __init__(self, kernel_size, strides=1,
        dilation_rate=1,
        padding='same',
        use_bias=False,
        kernel_initializer='glorot_uniform',**kwargs):
        super().__init__(**kwargs)
        assert padding == 'same' or padding == 'causal'
        self.strides = strides
        self.kernel_size = kernel_size
        self.dilation_rate = dilation_rate
        self.use_bias = use_bias
        self.padding = padding
        self.conv = tf.keras.layers.DepthwiseConv1D(
                            kernel_size,
                            strides=strides,
                            dilation_rate=dilation_rate,
                            padding=padding,
                            use_bias=use_bias,
                            depthwise_initializer=kernel_initializer)
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
      if mask is not None:
        if self.strides > 1:
          mask = mask[:,::self.strides]
      return mask

    def call(self, inputs, mask=None):
        x = inputs
        if mask is not None:
            x = tf.where(mask[...,None], x, tf.constant(0., dtype=x.dtype))
        x = self.conv(x)
        return x

def Conv1DBlock(channel_size,
          kernel_size,
          dilation_rate=1,
          strides=1,
          drop_rate=0.0,
          expand_ratio=2,
          activation='swish',
          name=None):
    '''
    efficient conv1d block, @hoyso48
    '''
    if name is None:
        name = str(tf.keras.backend.get_uid("conv1dblock"))
    # Expansion phase
    def apply(inputs):
        channels_in = tf.keras.backend.int_shape(inputs)[-1]
        channels_expand = channels_in * expand_ratio

        skip = inputs

        x = tf.keras.layers.BatchNormalization(momentum=0.95, name=name + 'pre_bn')(inputs)

        x = tf.keras.layers.Dense(
            channels_expand,
            use_bias=True,
            activation=activation,
            name=name + '_expand_conv')(x)

        # Depthwise Convolution
        x = MaskingDWConv1D(kernel_size,
            dilation_rate=dilation_rate,
            strides=strides,
            use_bias=False,
            name=name + '_dwconv')(x)

        x = tf.keras.layers.BatchNormalization(momentum=0.95, name=name + 'conv_bn')(x)

        x = ECA()(x)

        x = tf.keras.layers.Dense(
            channel_size,
            use_bias=True,
            name=name + '_project_conv')(x)

        if drop_rate > 0:
            x = tf.keras.layers.Dropout(drop_rate, noise_shape=(None,1,1), name=name + '_drop')(x)

        if (channels_in == channel_size) and (strides == 1):
            x = tf.keras.layers.add([x, skip], name=name + '_add')
        return x

    return apply


class MultiHeadSelfAttention(tf.keras.layers.Layer):
    def __init__(self, dim=256, num_heads=4, dropout=0, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.scale = self.dim ** -0.5
        self.num_heads = num_heads
        self.qkv = tf.keras.layers.Dense(3 * dim, use_bias=False)
        self.drop1 = tf.keras.layers.Dropout(dropout)
        self.proj = tf.keras.layers.Dense(dim, use_bias=False)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        qkv = self.qkv(inputs)
        qkv = tf.keras.layers.Permute((2, 1, 3))(tf.keras.layers.Reshape((-1, self.num_heads, self.dim * 3 // self.num_heads))(qkv))
        q, k, v = tf.split(qkv, [self.dim // self.num_heads] * 3, axis=-1)

        attn = tf.matmul(q, k, transpose_b=True) * self.scale

        if mask is not None:
            mask = mask[:, None, None, :]

        attn = tf.keras.layers.Softmax(axis=-1)(attn, mask=mask)
        attn = self.drop1(attn)

        x = attn @ v
        x = tf.keras.layers.Reshape((-1, self.dim))(tf.keras.layers.Permute((2, 1, 3))(x))
        x = self.proj(x)
        return x

def TransformerBlock(dim=256, num_heads=4, expand=4, attn_dropout=0.2, drop_rate=0.2, activation='swish', name=None):
    if name is None:
        name = str(tf.keras.backend.get_uid("transformerblock"))
    def apply(inputs):
        x = inputs
        x = tf.keras.layers.BatchNormalization(momentum=0.95, name=name + '_bn1')(x)
        x = MultiHeadSelfAttention(dim=dim,num_heads=num_heads,dropout=attn_dropout, name=name + '_mhsa')(x)
        x = tf.keras.layers.Dropout(drop_rate, noise_shape=(None,1,1), name=name + '_drop1')(x)
        x = tf.keras.layers.Add(name=name + '_add1')([inputs, x])
        attn_out = x

        x = tf.keras.layers.BatchNormalization(momentum=0.95, name=name + 'bn2')(x)
        x = tf.keras.layers.Dense(dim*expand, use_bias=False, activation=activation, name=name + '_fc1')(x)
        x = tf.keras.layers.Dense(dim, use_bias=False, name=name + '_fc2')(x)
        x = tf.keras.layers.Dropout(drop_rate, noise_shape=(None,1,1), name=name + '_drop2')(x)
        x = tf.keras.layers.Add(name=name + '_add2')([attn_out, x])
        return x
    return apply


def build_model(max_len=16, channels=12, dim=16):
    inp1 = tf.keras.Input((max_len, channels))
    x = tf.keras.layers.Masking(mask_value=PAD)(inp1)
    ksize = 5
    drop_rate = 0.2
    x = tf.keras.layers.Dense(dim, use_bias=False, name='stem_conv')(x)
    x = Conv1DBlock(dim, ksize, expand_ratio=4, drop_rate=drop_rate)(x)
    x = TransformerBlock(dim, expand=2, num_heads=4, drop_rate=drop_rate, attn_dropout=0.2)(x)
    x = tf.keras.layers.BatchNormalization(momentum=0.95)(x)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    x = tf.keras.layers.Dense(6)(x)
    return tf.keras.Model(inp1, x, name='encoder')
