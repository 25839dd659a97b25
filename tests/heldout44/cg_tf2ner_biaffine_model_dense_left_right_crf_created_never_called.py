"""KATEhuang920909's tensorflow2.0_NER `BiaffineModel` (a BERT + biaffine span-scoring NER model on a `tf.keras.Model` subclass) creates `self.dense_left`, `self.dense_right` (Dense(128, relu) projections for the start/end representations) and `self.CRF` (bert4keras' ConditionalRandomField) in `__init__`, but its `build()` makes its own start/end projection matrices with `add_weight` and `call()` never uses the three sublayers. The training script builds the model with `model.build(input_shape={...})` and trains it; the Dense layers and the CRF are never called, so they stay unbuilt forever and their weights never exist (LD005) - dead layers left over from the CRF model the file was copied from.

From KATEhuang920909/tensorflow2.0_NER, `tf2_ner/models/biaffine/model.py`, class `BiaffineModel`; `train.py` in the same
folder does `BiaffineModel(num_classes=len(categories)+1, mask=False)` then
`.build(input_shape={"token_id": [None, maxlen], "segment_id": [None, maxlen], "label": [...]})` and trains it with
`forward_step` (kept, not run). `config.py`: maxlen=50, units=128, batch_size=4, crf_lr_multiplier=1000.

Porting edits: `build_transformer_model(config_path, checkpoint_path)` (a pretrained 12-layer BERT from a local
checkpoint) is replaced by a small functional stand-in with the same two inputs (token ids, segment ids) and a
(batch, seq, 32) output; bert4keras' `Dense` is keras Dense (bert4keras re-exports it) and its
`ConditionalRandomField` is pasted trimmed to `__init__`/`build`/`trans`/`call` (the loss/accuracy methods are unused
here); the config values are module constants; the `print` in `call` is kept. build_model() follows train.py:
constructs the model with 4 classes, calls `.build(input_shape=dict)` as the script does, and returns it with a
dict batch of 2 (token ids, segment ids, one-hot span labels).
"""

SOURCE = "https://github.com/KATEhuang920909/tensorflow2.0_NER/blob/e51265d55122934f812f5008ada66f1aa2f6f5aa/tf2_ner/models/biaffine/model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_tf2ner_biaffine_model_dense_left_right_crf_created_never_called.py:
as returned: BiaffineModel, count_params() = 6368, 7 weights, unbuilt: ['Dense:dense_1', 'Dense:dense_2', 'ConditionalRandomField:conditional_random_field']
after call: count_params() = 6368, 7 trainable weights, unbuilt: ['Dense:dense_1', 'Dense:dense_2', 'ConditionalRandomField:conditional_random_field']; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conditional_random_field': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
The three unbuilt layers are self.dense_left, self.dense_right and self.CRF (no weights: count_params() of the CRF raises ValueError 'not built'); the 7 weights that exist are the stand-in encoder's 4 and the three add_weight matrices of BiaffineModel.build(), all with gradients. Before the call, model.build(input_shape=dict) as in train.py already leaves the same three unbuilt."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Layer

# config.py
maxlen = 50
units = 128
batch_size = 4
crf_lr_multiplier = 1000  # 必要时扩大CRF层的学习率


class ConditionalRandomField(Layer):
    """纯Keras实现CRF层 (bert4keras, trimmed)"""

    def __init__(self, lr_multiplier=1, **kwargs):
        super(ConditionalRandomField, self).__init__(**kwargs)
        self.lr_multiplier = lr_multiplier  # 当前层学习率的放大倍数

    def build(self, input_shape):
        super(ConditionalRandomField, self).build(input_shape)
        output_dim = input_shape[-1]
        self._trans = self.add_weight(
            name='trans',
            shape=(output_dim, output_dim),
            initializer='glorot_uniform'
        )

    @property
    def trans(self):
        if self.lr_multiplier != 1:
            return self.lr_multiplier * self._trans
        else:
            return self._trans

    def call(self, inputs, mask=None):
        return inputs


def build_transformer_model(config_path=None, checkpoint_path=None, hidden=32, vocab=100):
    """Porting stand-in for bert4keras.models.build_transformer_model (pretrained BERT)."""
    token_id = tf.keras.Input((None,), dtype="int32", name="Input-Token")
    segment_id = tf.keras.Input((None,), dtype="int32", name="Input-Segment")
    x = tf.keras.layers.Embedding(vocab, hidden)(token_id)
    s = tf.keras.layers.Embedding(2, hidden)(segment_id)
    x = tf.keras.layers.Add()([x, s])
    x = tf.keras.layers.Dense(hidden, activation="gelu")(x)
    return tf.keras.Model([token_id, segment_id], x)


config_path = checkpoint_path = None


# define model
class BiaffineModel(tf.keras.Model):

    def __init__(self, num_classes, mask=False):
        super(BiaffineModel, self).__init__()
        self.num_classes = num_classes
        # output_layer = 'Transformer-%s-FeedForward-Norm' % (bert_layers - 1)
        self.bert_model = build_transformer_model(config_path, checkpoint_path)
        # self.bert_model = Model(bert_model.input, bert_model.get_layer(output_layer).output, name="BERT-MODEL")
        # print(self.bert_model.output.shape)
        self.dense_left = Dense(units=units, activation="relu")
        self.dense_right = Dense(units=units, activation="relu")
        self.CRF = ConditionalRandomField(lr_multiplier=crf_lr_multiplier)
        self.mask = mask

    def build(self, input_shape):
        self.ffns_weights = self.add_weight(name="biaffine_matrix",
                                            shape=(
                                                self.bert_model.output.shape[-1],
                                                self.bert_model.output.shape[-1] // 2),
                                            initializer="uniform",
                                            trainable=True)
        self.ffne_weights = self.add_weight(name="biaffine_matrix",
                                            shape=(
                                                self.bert_model.output.shape[-1],
                                                self.bert_model.output.shape[-1] // 2),
                                            initializer="uniform",
                                            trainable=True)
        self.biaffine_weights = self.add_weight(name="biaffine_matrix",
                                                shape=(
                                                    self.bert_model.output.shape[-1] // 2,
                                                    self.num_classes,
                                                    self.bert_model.output.shape[-1] // 2),
                                                initializer="uniform",
                                                trainable=True)

    def call(self, inputs):
        outputs = self.bert_model([inputs["token_id"], inputs["segment_id"]])  # batch_size,seq_len,hidden_size

        start = tf.nn.leaky_relu(tf.matmul(outputs, self.ffns_weights))  # batch_size,seq_len,hidden_size//2
        end = tf.nn.leaky_relu(tf.matmul(outputs, self.ffne_weights))  # batch_size,seq_len,hidden_size//2
        logits = tf.einsum("bxi,ioj,byj->bxyo", start, self.biaffine_weights, end)
        print(logits.shape, inputs["label"].shape, self.num_classes)
        if self.mask:
            mask = tf.ones(shape=[batch_size, maxlen, maxlen])
            mask = tf.linalg.LinearOperatorLowerTriangular(mask).to_dense()
            mask = tf.expand_dims(mask, -1)
            mask = tf.concat([mask] * (self.num_classes + 1), axis=-1)
            logits = tf.multiply(logits, mask)  # 下三角
            y_true = tf.multiply(inputs["label"], mask)  # 下三角
            loss = tf.nn.softmax_cross_entropy_with_logits(y_true, logits)
            loss = tf.reduce_mean(loss)
        else:
            loss = tf.nn.softmax_cross_entropy_with_logits(inputs["label"], logits,axis=-1)
            loss = tf.reduce_mean(loss,axis=-1)
        y_pred = tf.cast(tf.argmax(logits, -1), "int32")
        y_true = tf.cast(tf.argmax(inputs["label"], -1), "int32")
        f1_marco = []
        shapes = tf.shape(y_true)
        ones_, zeros_ = tf.ones(shapes), tf.zeros(shapes)

        for i in range(self.num_classes):
            tp = tf.reduce_sum(tf.keras.backend.switch((y_pred == i) & (y_true == i), ones_, zeros_))
            fp = tf.reduce_sum(tf.keras.backend.switch((y_pred == i) & (y_true != i), ones_, zeros_))
            fn = tf.reduce_sum(tf.keras.backend.switch((y_pred != i) & (y_true == i), ones_, zeros_))
            p = tp / (tp + fp + 1e-7)
            r = tp / (tp + fn + 1e-7)
            f1 = 2 * p * r / (p + r + 1e-7)
            f1_marco.append(f1)

        return loss, f1_marco


# @tf.function(experimental_relax_shapes=True)
def forward_step(batch_inputs, trainer, optimizer=None, is_training=True):
    if is_training:
        with tf.GradientTape() as tape:
            loss, f1_score = trainer(batch_inputs)
        gradients = tape.gradient(loss, trainer.trainable_variables)
        optimizer.apply_gradients(zip(gradients, trainer.trainable_variables))
    else:
        loss, f1_score = trainer(batch_inputs)
    return loss, f1_score


def build_model():
    categories = ["PER", "LOC", "ORG"]
    BertCrfmodel = BiaffineModel(num_classes=len(categories) + 1, mask=False)
    BertCrfmodel.build(input_shape={"token_id": [None, maxlen],
                                    "segment_id": [None, maxlen],
                                    "label": [None, maxlen, maxlen, len(categories)]})
    rng = np.random.default_rng(0)
    labels = np.eye(len(categories) + 1, dtype="float32")[rng.integers(0, len(categories) + 1, (2, maxlen, maxlen))]
    inputs = {"token_id": rng.integers(1, 100, (2, maxlen)).astype("int32"),
              "segment_id": np.zeros((2, maxlen), dtype="int32"),
              "label": labels}
    return BertCrfmodel, inputs
