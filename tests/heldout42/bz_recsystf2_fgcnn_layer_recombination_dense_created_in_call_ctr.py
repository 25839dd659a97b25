"""The FGCNN (Feature Generation by CNN, a CTR model) layer of a TF 2 recommender-algorithms repository creates its
recombination `Dense` inside `call()` (LD002): `out = Dense(self.dnn_maps[i]*x.shape[1]*x.shape[2],
activation='relu')(out)` runs on every forward pass, so each call gets a fresh, randomly initialised Dense whose
weights belong to no layer, are never in `model.variables` and are never trained; the generated features are random
projections that change from call to call.

From jc-LeeHub/Recommend-System-tf2.0 (TF 2 implementations of CTR models on Criteo), `FGCNN/layer.py` at 921da9f
(2021-01-07). `FGCNN_layer.build()` creates the `Conv2D`/`MaxPool2D` lists and a `Flatten` correctly, and also an
empty `self.dense_layers = []` that is never filled; `call()` then convolves and pools the field embeddings and, per
stage, flattens and applies a `Dense` constructed on the spot before reshaping to new feature maps. `FGCNN/model.py`
concatenates those generated features with the 26 sparse-field embeddings and feeds a `DNN`; `FGCNN/train.py`
trains with a `GradientTape` over `model.variables`, so the recombination Dense layers are never updated.

Porting edits: `from layer import DNN, FGCNN_layer` (a sibling module) is inlined; the Criteo CSV loading of
`utils.create_criteo_dataset` is replaced by the feature columns it returns (13 dense `I*` features, 26 sparse `C*`
features with embed_dim 8; the vocabulary sizes are ours) and a random batch of 4 rows laid out like its `X` (dense
columns first, then label-encoded sparse ids); `train.py`'s loop is kept as `train()` and not run. build_model()
builds `FGCNN(feature_columns, hidden_units=[128], dropout=0.2, filters=[14, 16], kernel_width=[7, 7], dnn_maps=[3,
3])` as `train.py` does and returns it with the batch.
"""

SOURCE = "https://github.com/jc-LeeHub/Recommend-System-tf2.0/blob/921da9f9b5bbe92676156050d80b29ad2f23886d/FGCNN/layer.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_recsystf2_fgcnn_layer_recombination_dense_created_in_call_ctr.py:
as returned: FGCNN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'Embedding:embedding_2', 'Embedding:embedding_3', 'Embedding:embedding_4', 'Embedding:embedding_5', 'Embedding:embedding_6', 'Embedding:embedding_7', 'Embedding:embedding_8', 'Embedding:embedding_9', 'Embedding:embedding_10', 'Embedding:embedding_11', 'Embedding:embedding_12', 'Embedding:embedding_13', 'Embedding:embedding_14', 'Embedding:embedding_15', 'Embedding:embedding_16', 'Embedding:embedding_17', 'Embedding:embedding_18', 'Embedding:embedding_19', 'Embedding:embedding_20', 'Embedding:embedding_21', 'Embedding:embedding_22', 'Embedding:embedding_23', 'Embedding:embedding_24', 'Embedding:embedding_25', 'DNN:dnn', 'Dense:dense_1', 'Dense:dense', 'FGCNN_layer:fgcnn_layer']
after call: count_params() = 99009, 34 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 34 trainable weights: []
tape watched 4 variables the model does not track: ['fgcnn/fgcnn_layer/dense_4/kernel:0', 'fgcnn/fgcnn_layer/dense_4/bias:0', 'fgcnn/fgcnn_layer/dense_5/kernel:0', 'fgcnn/fgcnn_layer/dense_5/bias:0']
params of the case's own layers: {'dnn': 86913, 'fgcnn_layer': 1696}
second call: 4 variables watched that the first call did not use
(As returned the subclassed model is uncalled, hence unbuilt; the case is about what a call does.)
probe_fgcnn.py: two calls on the same batch give outputs that differ (max abs diff 0.0040: new random recombination
Dense layers each call); model.variables stays at 35 and fgcnn_layer.weights holds only the two Conv2D kernels and
biases (dense_layers == []); one train.py step (GradientTape over model.variables) gives gradients to 34 variables,
none of them a recombination Dense. No warning or exception printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer, Dense, Dropout, Flatten, Conv2D, MaxPool2D
import tensorflow.keras.backend as K
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Embedding
from tensorflow.keras import optimizers, losses


class DNN(Layer):
    def __init__(self, hidden_units, out_dim=1, activation='relu', dropout=0.0):
        super(DNN, self).__init__()
        self.dnn_layer = [Dense(i, activation=activation) for i in hidden_units]
        self.out_layer = Dense(out_dim, activation=None)
        self.drop_layer = Dropout(dropout)

    def call(self, inputs, **kwargs):
        if K.ndim(inputs)!=2:
            raise ValueError("Input dim is not 2 but {}".format(K.ndim(inputs)))
        x = inputs
        for layer in self.dnn_layer:
            x = layer(x)
            x = self.drop_layer(x)
        output = self.out_layer(x)
        return tf.nn.sigmoid(output)

class FGCNN_layer(Layer):
    def __init__(self, filters=[14, 16], kernel_width=[7, 7], dnn_maps=[3, 3], pooling_width=[2, 2]):
        super(FGCNN_layer, self).__init__()
        self.filters = filters
        self.kernel_width = kernel_width
        self.dnn_maps = dnn_maps
        self.pooling_width = pooling_width

    def build(self, input_shape):
        # input_shape: [None, n, k]
        n = input_shape[1]
        k = input_shape[-1]
        self.conv_layers = []
        self.pool_layers = []
        self.dense_layers = []
        for i in range(len(self.filters)):
            self.conv_layers.append(
                Conv2D(filters=self.filters[i],
                       kernel_size=(self.kernel_width[i], 1),
                       strides=(1, 1),
                       padding='same',
                       activation='tanh')
            )
            self.pool_layers.append(
                MaxPool2D(pool_size=(self.pooling_width[i], 1))
            )
        self.flatten_layer = Flatten()

    def call(self, inputs, **kwargs):
        # inputs: [None, n, k]
        k = inputs.shape[-1]
        dnn_output = []
        x = tf.expand_dims(inputs, axis=-1) # [None, n, k, 1]最后一维为通道
        for i in range(len(self.filters)):
            x = self.conv_layers[i](x)      # [None, n, k, filters[i]]
            x = self.pool_layers[i](x)      # [None, n/poolwidth[i], k, filters[i]]
            out = self.flatten_layer(x)
            out = Dense(self.dnn_maps[i]*x.shape[1]*x.shape[2], activation='relu')(out)
            out = tf.reshape(out, shape=(-1, out.shape[1]//k, k))
            dnn_output.append(out)
        output = tf.concat(dnn_output, axis=1) # [None, new_N, k]
        return output


class FGCNN(Model):
    def __init__(self, feature_columns, hidden_units, out_dim=1, activation='relu', dropout=0.0,
                 filters=[14, 16], kernel_width=[7, 7], dnn_maps=[3, 3], pooling_width=[2, 2]):
        super(FGCNN, self).__init__()
        self.dense_feature_columns, self.sparse_feature_columns = feature_columns
        self.emb_layers = [Embedding(feat['feat_onehot_dim'], feat['embed_dim'])
                                for i,feat in enumerate(self.sparse_feature_columns)]
        self.dnn_layer = DNN(hidden_units, out_dim=out_dim, activation=activation, dropout=dropout)
        self.fgcnn_layer = FGCNN_layer(filters=filters, kernel_width=kernel_width, dnn_maps=dnn_maps, pooling_width=pooling_width)

    def call(self, inputs, training=None, mask=None):
        # dense_inputs:  [None, 13]
        # sparse_inputs: [None, 26]
        dense_inputs, sparse_inputs = inputs[:, :13], inputs[:, 13:]
        sparse_embed = [layer(sparse_inputs[:, i]) for i, layer in enumerate(self.emb_layers)] # 26 * [None, k]
        sparse_embed = tf.transpose(tf.convert_to_tensor(sparse_embed), [1, 0, 2])             # [None, 26, k]

        fgcnn_out = self.fgcnn_layer(sparse_embed)          # [None, new_n, k]
        sparse_embed = tf.concat([sparse_embed, fgcnn_out], axis=1)
        sparse_embed = tf.reshape(sparse_embed, shape=[-1, sparse_embed.shape[1]*sparse_embed.shape[2]])

        input = tf.concat([dense_inputs, sparse_embed], axis=-1)
        output = self.dnn_layer(input)
        return output


# utils.sparseFeature / denseFeature, as create_criteo_dataset returns them
def sparseFeature(feat, feat_onehot_dim, embed_dim):
    return {'feat': feat, 'feat_onehot_dim': feat_onehot_dim, 'embed_dim': embed_dim}

def denseFeature(feat):
    return {'feat': feat}


def train(model, train_dataset, optimizer):
    # train.py's loop (not run here)
    for epoch in range(30):
        sum_loss = []
        for batch, data_batch in enumerate(train_dataset):
            X_train, y_train = data_batch[0], data_batch[1]
            with tf.GradientTape() as tape:
                pre = model(X_train)
                loss = tf.reduce_mean(losses.binary_crossentropy(y_train, pre))
                grad = tape.gradient(loss, model.variables)
                optimizer.apply_gradients(zip(grad, model.variables))
            sum_loss.append(loss.numpy())


def build_model():
    embed_dim = 8
    dense_features = ['I' + str(i) for i in range(1, 14)]
    sparse_features = ['C' + str(i) for i in range(1, 27)]
    vocab = [50] * len(sparse_features)
    feature_columns = [[denseFeature(feat) for feat in dense_features]] + \
           [[sparseFeature(feat, vocab[i], embed_dim) for i, feat in enumerate(sparse_features)]]

    hidden_units = [128]
    dropout = 0.2
    filters = [14, 16]
    kernel_width = [7, 7]
    dnn_maps = [3, 3]
    model = FGCNN(feature_columns, hidden_units, dropout=dropout, filters=filters, kernel_width=kernel_width, dnn_maps=dnn_maps)

    rng = np.random.default_rng(0)
    X = np.concatenate([rng.random((4, 13)), rng.integers(0, 50, (4, 26))], axis=1).astype("float32")
    return model, X
