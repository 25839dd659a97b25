"""CAGE's twin accelerometer/gyroscope encoders are scored with a learnable temperature kept as
`tf.Variable(0.07, trainable=True)` on the `keras.Model`: on Keras 3 it is not in `model.trainable_variables`, so
the training step never updates it, it is not saved, and weight transfer between models skips it.

From lky473736/CAGE (`models/CAGE.py` at 3193d02), a TensorFlow port of "Contrastive Accelerometer-Gyroscope
Embedding" for human activity recognition. `CAGE.__init__` builds two twin `Encoder` models (`enc_A` for the
accelerometer, `enc_G` for the gyroscope), optional projections, a classifier head and
`self.temperature = tf.Variable(0.07, trainable=True)`; `call()` computes
`logits = matmul(e_accel, e_gyro^T) * exp(self.temperature)` for the contrastive loss. train_CAGE.py trains with
`tape.gradient(total_loss, model.trainable_variables)` / `optimizer.apply_gradients(...)`, and its `get_model()`
transfers a pretrained model layer by layer (`layer.set_weights(pre_trained_model.layers[i].get_weights())`).
On tf.keras 2 the variable was tracked and trained; on Keras 3 a `tf.Variable` is foreign (LD003): the encoders and
head train, the temperature stays at 0.07 forever and is in no checkpoint or layer weight list.

Porting edits: none to the model. build_model() builds CAGE as train_CAGE.py does (`CAGE(n_feat // 2, n_cls,
proj_dim)` with 3 accelerometer + 3 gyroscope channels, 6 classes, proj_dim 64) and calls it once on a batch of
two 32-step windows so that it is built; it returns the model (its `call(x_accel, x_gyro)` takes two positional
tensors, which the standard measurement cannot pass, so the probe drives the training step).
"""

SOURCE = "https://github.com/lky473736/CAGE/blob/3193d02fc99718c8cbff0edaf646714607baa541/models/CAGE.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: CAGE, count_params() = 94982, 26 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine36/bb/p_cage.py (train_CAGE.py's train_step, 3 steps, Adam 1e-2; then save/load):
count_params: 94982 | trainable_variables: 22
temperature: ResourceVariable in trainable_variables: False in weights: False
trainable variables changed by 3 steps: 22 of 22
temperature after 3 steps: 0.07000000029802322
gradient w.r.t. temperature if asked for explicitly: True
after save_weights/load_weights into a fresh CAGE: temperature 0.07000000029802322 (saved model had 1.5)"""

import tensorflow as tf
from tensorflow.keras import layers, Model
import numpy as np

class Encoder(Model):
    def __init__(self, in_feat, out_feat):
        super(Encoder, self).__init__()
        
        '''
            key point here is that in tf, activation functions can be passed as an argument to a layer, whereas in pytorch, 
            even a single activation like "relu" is treated as a separate layer. this was quite confusing at first
        '''
        self.conv1 = layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu') 
        self.maxpool1 = layers.MaxPooling1D(pool_size=2, padding='same')
        self.conv2 = layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu')
        self.maxpool2 = layers.MaxPooling1D(pool_size=2, padding='same')
        self.conv3 = layers.Conv1D(filters=out_feat, kernel_size=3, padding='same', activation='relu')
        
    def call(self, x, training=False) :
        x = self.conv1(x)
        x = self.maxpool1(x)
        x = self.conv2(x)
        x = self.maxpool2(x)
        x = self.conv3(x)
        return tf.reduce_mean(x, axis=1) # pooling 

class CAGE(Model) :
    def __init__(self, n_feat, n_cls, proj_dim=0):
        super(CAGE, self).__init__()
        self.proj_dim = proj_dim
        self.enc_A = Encoder(n_feat, 64)
        self.enc_G = Encoder(n_feat, 64)
        if self.proj_dim > 0:
            self.proj_A = layers.Dense(proj_dim, use_bias=False)
            self.proj_G = layers.Dense(proj_dim, use_bias=False)
        self.temperature = tf.Variable(0.07, trainable=True)
        
        self.classifier = tf.keras.Sequential([ # classifier (is at last in this model)
            layers.BatchNormalization(),
            layers.Dropout(0.5),
            layers.Dense(256, activation='relu'),
            layers.BatchNormalization(),
            layers.Dropout(0.5),
            layers.Dense(n_cls)
        ])
        
    def call(self, x_accel, x_gyro, return_feat=False, training=False):
        f_accel = self.enc_A(x_accel, training=training)
        f_gyro = self.enc_G(x_gyro, training=training)
        if self.proj_dim > 0:
            e_accel = self.proj_A(f_accel)
            e_gyro = self.proj_G(f_gyro)
        else:
            e_accel = f_accel
            e_gyro = f_gyro
        # normalization
        e_accel = tf.math.l2_normalize(e_accel, axis=1)
        e_gyro = tf.math.l2_normalize(e_gyro, axis=1)
        # compute
        logits = tf.matmul(e_accel, e_gyro, transpose_b=True) * tf.exp(self.temperature)
        # concatanation (and send to classifier)
        combined_features = tf.concat([f_accel, f_gyro], axis=1)
        cls_output = self.classifier(combined_features, training=training)
        
        if return_feat:
            return logits, cls_output, (f_accel, f_gyro)
        
        return logits, cls_output
    
    def freeze_enc(self) :
        self.enc_A.trainable = False # 처음에는 freezing
        self.enc_G.trainable = False
        if self.proj_dim > 0: #proj_dim <= 0 --> 굳이 proj_A할 필요 없음 (기존에도)
            self.proj_A.trainable = False 
            self.proj_G.trainable = False


def build_model():
    """CAGE as train_CAGE.py's get_model() makes it (n_feat 6 -> 3 per sensor), built by one call."""
    n_feat, n_cls, proj_dim = 6, 6, 64
    model = CAGE(n_feat // 2, n_cls, proj_dim)
    x = np.random.default_rng(0).random((2, 32, 3)).astype("float32")
    model(x, x)
    return model
