"""CAGE's unsupervised twin-encoder variant with `encoder_type='transformer'` builds its attention blocks by calling a
Keras-functional helper `transformer_encoder(x, ...)` inside `TransformerEncoder.call()`: every call makes new
MultiHeadAttention/Conv1D/LayerNormalization layers, which are never tracked, never trained and never saved.

From lky473736/CAGE (`models/unsupervised/unsupervised_CAGE.py` at d5ca83c), used by train_unsupervised_CAGE.py and
the repository's testing-3 script with `--encoder_type transformer`. The module-level
`transformer_encoder(inputs, head_size, num_heads, ff_dim, dropout)` is the keras.io "timeseries transformer"
block written for the functional API (`layers.MultiHeadAttention(...)(inputs, inputs)`, two `Conv1D`, two
`LayerNormalization`); `TransformerEncoder.call()` runs it `num_blocks` times on eager/graph tensors. Inside a
subclassed `call()` those are fresh layers on every forward pass (LD002): only `input_proj`, `pos_encoding` and
`output_proj` belong to the model; each step's attention weights are new random ones that the optimizer never
sees. The twin `enc_A`/`enc_G` each have the defect.

Doubt kept as decided: the same file keeps CAGE's contrastive temperature as `tf.Variable(0.07, trainable=True)`,
a second, unrelated defect (LD003) measured in the companion case from models/CAGE.py; only LD002 is listed here.

Porting edits: the unused `sklearn` import is commented out (not installed here). build_model() builds `CAGE(3, 6, proj_dim=64, encoder_type='transformer')` with
the defaults train_unsupervised_CAGE.py passes through kwargs (8 heads, 3 blocks, ff_dim 256, dropout 0.1) and
calls it once on two 16-step windows; it returns the model (its `call(x_accel, x_gyro)` takes two positional
tensors, so the probe drives it).
"""

SOURCE = "https://github.com/lky473736/CAGE/blob/d5ca83cbf4b4214799870913e41105a2a5b317a1/models/unsupervised/unsupervised_CAGE.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: CAGE, count_params() = 19200, 14 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine36/bb/p_cage_tr.py (two training-mode calls under a GradientTape, then two inference calls):
count_params: 19200 | enc_A params: 5504 | enc_A sublayers: ['Dense', 'Dense', 'Dense']
call 1: tape watched 111 variables, 97 not in model.trainable_variables, e.g. ['Variable:0', 'cage/transformer_encoder/multi_head_attention_18/query/kernel:0', 'cage/transformer_encoder/multi_head_attention_18/query/bias:0', 'cage/transformer_encoder/multi_head_attention_18/key/kernel:0']
call 2: tape watched 111 variables, 97 not in model.trainable_variables, e.g. ['Variable:0', 'cage/transformer_encoder/multi_head_attention_24/query/kernel:0', ...]
untracked variables of call 2 that call 1 also used: 1   (only the tf.Variable temperature; the 96 attention/conv/norm weights are new each call)
same input twice, outputs equal: False
No warning or error is printed."""

import tensorflow as tf
from tensorflow.keras import layers, Model
import numpy as np
# from sklearn.neighbors import KNeighborsClassifier  (porting edit: unused here, not installed)

class DefaultEncoder(Model):
    def __init__(self, in_feat, out_feat, num_encoders=1, use_skip=True):
        super(DefaultEncoder, self).__init__()
        self.use_skip = use_skip
        self.num_encoders = num_encoders
        
        for i in range(num_encoders) :
            setattr(self, f'conv1_{i}', layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu'))
            setattr(self, f'maxpool1_{i}', layers.MaxPooling1D(pool_size=2, padding='same'))
            setattr(self, f'conv2_{i}', layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu'))
            setattr(self, f'maxpool2_{i}', layers.MaxPooling1D(pool_size=2, padding='same'))
            setattr(self, f'conv3_{i}', layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu'))
    
    def call (self, x, training=False) :
        for i in range (self.num_encoders) :
            if self.use_skip and i > 0:
                identity = x
            
            x = getattr(self, f'conv1_{i}')(x)
            x = getattr(self, f'maxpool1_{i}')(x)
            x = getattr(self, f'conv2_{i}')(x)
            x = getattr(self, f'maxpool2_{i}')(x)
            x = getattr(self, f'conv3_{i}')(x)
            
            if self.use_skip and i > 0:
                x = x + identity
        
        return tf.reduce_mean(x, axis=1)

def transformer_encoder(inputs, head_size, num_heads, ff_dim, dropout=0):
    x = layers.MultiHeadAttention(
        key_dim=head_size, num_heads=num_heads, dropout=dropout
    )(inputs, inputs)
    x = layers.Dropout(dropout)(x)
    x = layers.LayerNormalization(epsilon=1e-6)(x)
    res = x + inputs

    x = layers.Conv1D(filters=ff_dim, kernel_size=1, activation="relu")(res)
    x = layers.Dropout(dropout)(x)
    x = layers.Conv1D(filters=inputs.shape[-1], kernel_size=1)(x)
    x = layers.Dropout(dropout)(x)
    x = layers.LayerNormalization(epsilon=1e-6)(x)
    return x + res

class TransformerEncoder(Model):
    def __init__(self, in_feat, out_feat, num_heads=8, ff_dim=None, num_blocks=3, dropout=0.1):
        super(TransformerEncoder, self).__init__()
        if ff_dim is None:
            ff_dim = out_feat * 4
            
        self.input_proj = layers.Dense(out_feat)
        self.pos_encoding = layers.Dense(out_feat)
        
        self.num_blocks = num_blocks
        self.head_size = out_feat // num_heads
        self.num_heads = num_heads
        self.ff_dim = ff_dim
        self.dropout = dropout
        
        self.output_proj = layers.Dense(out_feat)
    
    def call(self, x, training=False):
        x = self.input_proj(x)
        
        positions = tf.range(start=0, limit=tf.shape(x)[1], delta=1)
        positions = tf.expand_dims(positions, 0)
        pos_encoding = self.pos_encoding(tf.cast(positions, tf.float32))
        x = x + pos_encoding
        
        for _ in range(self.num_blocks):
            x = transformer_encoder(
                x,
                self.head_size,
                self.num_heads,
                self.ff_dim,
                self.dropout if training else 0
            )
        
        x = tf.reduce_mean(x, axis=1)
        return self.output_proj(x)

class UNetEncoder(Model):
    def __init__(self, in_feat, out_feat):
        super(UNetEncoder, self).__init__()
        
        #### encoder
        self.enc1 = layers.Conv1D(32, 3, activation='relu', padding='same')
        self.pool1 = layers.MaxPooling1D(2)
        self.enc2 = layers.Conv1D(64, 3, activation='relu', padding='same')
        self.pool2 = layers.MaxPooling1D(2)
        self.enc3 = layers.Conv1D(128, 3, activation='relu', padding='same')
        
        #### decoder
        self.up2 = layers.UpSampling1D(2)
        self.dec2 = layers.Conv1D(64, 3, activation='relu', padding='same')
        self.up1 = layers.UpSampling1D(2)
        self.dec1 = layers.Conv1D(out_feat, 3, activation='relu', padding='same')
    
    def call(self, x, training=False) :
        # encoder path
        e1 = self.enc1(x)
        p1 = self.pool1(e1)
        e2 = self.enc2(p1)
        p2 = self.pool2(e2)
        e3 = self.enc3(p2)
        
        # decoder path
        d2 = self.up2(e3)
        d2 = tf.concat([d2, e2], axis=-1)
        d2 = self.dec2(d2)
        d1 = self.up1(d2)
        d1 = tf.concat([d1, e1], axis=-1)
        d1 = self.dec1(d1)
        
        return tf.reduce_mean(d1, axis=1)

class CAGE(Model):
    def __init__(self, n_feat, n_cls, proj_dim=0, encoder_type='default', num_encoders=1, use_skip=True, **kwargs):
        super(CAGE, self).__init__()
        self.proj_dim = proj_dim
        
        if encoder_type == 'default':
            self.enc_A = DefaultEncoder(n_feat, 64, num_encoders, use_skip)
            self.enc_G = DefaultEncoder(n_feat, 64, num_encoders, use_skip)
        elif encoder_type == 'transformer':
            num_heads = kwargs.get('num_heads', 8)
            num_blocks = kwargs.get('num_transformer_blocks', 3)
            ff_dim = kwargs.get('ff_dim', 256)
            dropout = kwargs.get('transformer_dropout', 0.1)
            self.enc_A = TransformerEncoder(n_feat, 64, num_heads, ff_dim, num_blocks, dropout)
            self.enc_G = TransformerEncoder(n_feat, 64, num_heads, ff_dim, num_blocks, dropout)
        elif encoder_type == 'unet':
            self.enc_A = UNetEncoder(n_feat, 64)
            self.enc_G = UNetEncoder(n_feat, 64)
        else:
            raise ValueError(f"Unknown encoder type: {encoder_type}")
        
        if self.proj_dim > 0:
            self.proj_A = layers.Dense(proj_dim, use_bias=False)
            self.proj_G = layers.Dense(proj_dim, use_bias=False)
        
        self.temperature = tf.Variable(0.07, trainable=True)
    
    def call(self, x_accel, x_gyro, return_feat=False, training=False):
        f_accel = self.enc_A(x_accel, training=training)
        f_gyro = self.enc_G(x_gyro, training=training)
        
        if self.proj_dim > 0:
            e_accel = self.proj_A(f_accel)
            e_gyro = self.proj_G(f_gyro)
        else:
            e_accel = f_accel
            e_gyro = f_gyro
        
        e_accel = tf.math.l2_normalize(e_accel, axis=1)
        e_gyro = tf.math.l2_normalize(e_gyro, axis=1)
        
        logits = tf.matmul(e_accel, e_gyro, transpose_b=True) * tf.exp(self.temperature)
        
        if return_feat:
            return logits, (f_accel, f_gyro)
        
        return logits


def build_model():
    """CAGE with twin transformer encoders, built by one call on (accelerometer, gyroscope) windows."""
    model = CAGE(3, 6, proj_dim=64, encoder_type='transformer')
    x = np.random.default_rng(0).random((2, 16, 3)).astype("float32")
    model(x, x)
    return model
