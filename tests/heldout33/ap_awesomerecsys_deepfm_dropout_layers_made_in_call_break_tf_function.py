"""A TF2 DeepFM constructs fresh `tf.keras.layers.Dropout(rate)` layers inside `call()`: on Keras 3 a
Dropout with rate > 0 owns a SeedGenerator state variable, so every traced call creates a new variable
and the repo's `@tf.function` training step (and `model.fit`) crash with "tf.function only supports
singleton tf.Variables created on the first call".

From JianzhouZhan/Awesome-RecSystem-Models (`Model/DeepFM_TensorFlow.py` at the commit cited), a
collection of CTR models. `DeepFM.__init__` (a `tf.keras.Model`) makes the first-order weights as an
`Embedding(num_feat, 1)`, the field embeddings, a deep tower of Dense/BatchNorm/ReLU/Dropout layers
created in a loop with `setattr`, and the output Dense. `call(feat_index, feat_value)` computes the
first-order term, the FM second-order term (square of sum minus sum of squares) and the deep tower, and
wraps three intermediate tensors in `tf.keras.layers.Dropout(rate)(...)` layers constructed on the spot
(rates `dropout_fm[0]`, `dropout_fm[1]`, `dropout_deep[0]`; the repo's `__main__` uses 0, 0 and 0.5).
`util/train_model_util_TensorFlow.py` trains it with `@tf.function def train_one_step(...)`, a
GradientTape over `model.trainable_variables`.

LD002 (a stateful sublayer created in `call()`). No trainable weight is lost: all 16 trainable weights
are tracked and get gradients, and eager training works; the state created per call is the Dropout's
seed variable, which is enough to break every compiled training path. Doubt kept: the catalog row
speaks of "never trained"; here the symptom is a crash, measured below. tf.keras 2's Dropout had no
variable, so this code trained there.

Porting edits: the unused `torch` import and `DEVICE` line are dropped. `build_model()` wraps the
subclassed model functionally (its `call` takes two tensors): 4 fields among 30 features,
`DeepFM(num_feat=30, num_field=4, dropout_deep=[0.5, 0.5, 0.5, 0.5], dropout_fm=[0, 0],
layer_sizes=[16, 16, 16], embedding_size=4)`, the repo's dropout settings.
"""

SOURCE = "https://github.com/JianzhouZhan/Awesome-RecSystem-Models/blob/096dfbcc3d48e447f34f4561fe2b20a658d08ba6/Model/DeepFM_TensorFlow.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/ap_awesomerecsys_deepfm_dropout_layers_made_in_call_break_tf_function.py:
as returned: Functional, count_params() = 1183, 22 weights, unbuilt: none
after call: count_params() = 1183, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'deep_fm': 1183}
second call: 0 variables watched that the first call did not use
Own probes (probe_deepfm.py, probe_deepfm2.py): the repo's @tf.function train_one_step on the subclassed DeepFM raises ValueError 'tf.function only supports singleton tf.Variables created on the first call' at `y_deep = tf.keras.layers.Dropout(self.dropout_deep[0])(y_deep)`; model.fit on build_model() raises the same ValueError; two eager GradientTape steps change all 16 of 16 trainable variables; Dropout(0.0) has 0 variables, Dropout(0.5) has 1 ('seed_generator_state')."""

import tensorflow as tf
import keras


class DeepFM(tf.keras.Model):
    def __init__(self, num_feat, num_field, dropout_deep, dropout_fm,
                 reg_l1=0.01, reg_l2=0.01, layer_sizes=[400, 400, 400], embedding_size=10):
        super().__init__()  # Python2 下使用 super(DeepFM, self).__init__()
        self.reg_l1 = reg_l1
        self.reg_l2 = reg_l2                  # L1/L2正则化并没有去使用
        self.num_feat = num_feat              # denote as M
        self.num_field = num_field            # denote as F
        self.embedding_size = embedding_size  # denote as K
        self.layer_sizes = layer_sizes

        self.dropout_deep = dropout_deep
        self.dropout_fm = dropout_fm

        # first order term parameters embedding
        self.first_weights = tf.keras.layers.Embedding(num_feat, 1, embeddings_initializer='uniform')  # None * M * 1

        self.feat_embeddings = tf.keras.layers.Embedding(num_feat, embedding_size, embeddings_initializer='uniform')

        for i in range(len(layer_sizes)):
            setattr(self, 'dense_' + str(i), tf.keras.layers.Dense(layer_sizes[i]))
            setattr(self, 'batchNorm_' + str(i), tf.keras.layers.BatchNormalization())
            setattr(self, 'activation_' + str(i), tf.keras.layers.Activation('relu'))
            setattr(self, 'dropout_' + str(i), tf.keras.layers.Dropout(dropout_deep[i + 1]))

        self.fc = tf.keras.layers.Dense(1, activation=None, use_bias=True)

    def call(self, feat_index, feat_value):
        feat_value = tf.expand_dims(feat_value, axis=-1)                     # None * F * 1

        first_weights = self.first_weights(feat_index)                        # None * F * 1
        first_weight_value = tf.math.multiply(first_weights, feat_value)

        y_first_order = tf.math.reduce_sum(first_weight_value, axis=2)         # None * F
        y_first_order = tf.keras.layers.Dropout(self.dropout_fm[0])(y_first_order)  # None * F

        secd_feat_emb = self.feat_embeddings(feat_index)                      # None * F * K
        feat_emd_value = tf.math.multiply(secd_feat_emb, feat_value)          # None * F * K

        summed_feat_emb = tf.math.reduce_sum(feat_emd_value, axis=1)          # None * K
        interaction_part1 = tf.math.pow(summed_feat_emb, 2)                   # None * K

        squared_feat_emd_value = tf.math.pow(feat_emd_value, 2)                # None * K
        interaction_part2 = tf.math.reduce_sum(squared_feat_emd_value, axis=1)  # None * K
        y_secd_order = 0.5 * tf.math.subtract(interaction_part1, interaction_part2)
        y_secd_order = tf.keras.layers.Dropout(self.dropout_fm[1])(y_secd_order)

        y_deep = tf.reshape(feat_emd_value, (-1, self.num_field * self.embedding_size))  # None * (F * K)
        y_deep = tf.keras.layers.Dropout(self.dropout_deep[0])(y_deep)

        for i in range(len(self.layer_sizes)):
            y_deep = getattr(self, 'dense_' + str(i))(y_deep)
            y_deep = getattr(self, 'batchNorm_' + str(i))(y_deep)
            y_deep = getattr(self, 'activation_' + str(i))(y_deep)
            y_deep = getattr(self, 'dropout_' + str(i))(y_deep)

        concat_input = tf.concat((y_first_order, y_secd_order, y_deep), axis=1)
        output = self.fc(concat_input)
        return output


def make_deepfm():
    return DeepFM(num_feat=30, num_field=4, dropout_deep=[0.5, 0.5, 0.5, 0.5], dropout_fm=[0, 0],
                  layer_sizes=[16, 16, 16], embedding_size=4)


def build_model():
    feat_index = keras.Input(shape=(4,), dtype="int32", name="feat_index")
    feat_value = keras.Input(shape=(4,), name="feat_value")
    output = make_deepfm()(feat_index, feat_value)
    return keras.Model([feat_index, feat_value], output, name="deepfm")
