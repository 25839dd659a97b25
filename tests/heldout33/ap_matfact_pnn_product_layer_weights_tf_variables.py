"""A TF2 Product-based Neural Network (PNN) keeps the product layer's linear weights and its
outer-product (or inner-product theta) weights as raw `tf.Variable`s on a `tf.keras.Model`: on Keras 3
they are not tracked, so the feature-crossing part of the model is neither counted, trained nor saved.

From l-tang/MatFact (`sui/dl/pnn.py` at the commit cited), the "sui" recommender toolkit, whose file at
this commit also carries `PNN_layer`, a TF 2.0 port of a PNN for Criteo CTR prediction (adapted from
Atomu2014/product-nets). `PNN_layer.__init__` makes a field Embedding, then
`self.linear_weights = tf.Variable(initializer(shape=(product_layer_dim, num_field, embedding_size)))`
and, for `product_type='outer'` (the configuration its `__main__` trains), `self.quadratic_weights =
tf.Variable(initializer(shape=(product_layer_dim, embedding_size, embedding_size)))` (`self.theta` for
'inner'), followed by a stack of Dense/BatchNorm/ReLU/Dropout layers set with `setattr` and a final
Dense. `call(feat_index, feat_value)` computes lz = einsum(embeddings, linear_weights) and
lp = einsum(outer(sum of embeddings), quadratic_weights) and feeds [lz, lp] to the deep part. The repo's
training helper (`train_test_model_demo`) applies gradients to `model.trainable_variables`, which on
Keras 3 omits both product-layer variables (on tf.keras 2 they were tracked).

Porting edits: none in the class. The per-call `tf.keras.layers.Dropout(...)` inside `call` is kept as
written; it holds no trainable weight, but on Keras 3 its seed variable would also break a
`@tf.function` training step (the defect of ap_awesomerecsys_deepfm_..., not the one labelled here;
the measurement below calls the model eagerly). `build_model()` wraps the subclassed model functionally because `call` takes
two tensors (`feat_index` ids of 4 fields among 30 features, `feat_value` floats), with
`PNN_layer(num_feat=30, num_field=4, dropout_deep=[0.5, 0.5, 0.5], deep_layer_sizes=[16, 16],
product_layer_dim=5, embedding_size=4, product_type='outer')`.
"""

SOURCE = "https://github.com/l-tang/MatFact/blob/099480930e6641e629003ce1733a3c2d8e46ac86/sui/dl/pnn.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/ap_matfact_pnn_product_layer_weights_tf_variables.py:
as returned: Functional, count_params() = 713, 15 weights, unbuilt: none
after call: count_params() = 713, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'pnn_layer': 713}
second call: 0 variables watched that the first call did not use
713 = field Embedding 120 + Dense 176 + BatchNorm 64 + Dense 272 + BatchNorm 64 + output Dense 17: linear_weights (5x4x4 = 80) and quadratic_weights (5x4x4 = 80), the whole product layer, are missing; the tape reads the two 'Variable:0's the model does not track, so an optimizer over model.trainable_variables never updates them."""

import tensorflow as tf
import keras


class PNN_layer(tf.keras.Model):

    def __init__(self, num_feat, num_field, dropout_deep, deep_layer_sizes, product_layer_dim=10,
                 reg_l1=0.01, reg_l2=1e-5, embedding_size=10, product_type='outer'):
        super().__init__()  # Python2 下使用 super(PNN_layer, self).__init__()
        self.reg_l1 = reg_l1
        self.reg_l2 = reg_l2
        self.num_feat = num_feat  # Denoted as
        self.num_field = num_field  # Denoted as N
        self.product_layer_dim = product_layer_dim  # Denoted as D1
        self.dropout_deep = dropout_deep

        # Embedding
        feat_embeddings = tf.keras.layers.Embedding(num_feat, embedding_size, embeddings_initializer='uniform')
        self.feat_embeddings = feat_embeddings

        initializer = tf.initializers.GlorotUniform()

        # linear part
        self.linear_weights = tf.Variable(initializer(shape=(product_layer_dim, num_field, embedding_size)))

        # quadratic part
        self.product_type = product_type
        if product_type == 'inner':
            self.theta = tf.Variable(initializer(shape=(product_layer_dim, num_field)))  # D1 * N
        else:
            self.quadratic_weights = tf.Variable(initializer(shape=(product_layer_dim, embedding_size,
                                                                    embedding_size)))  # D1 * M * M

        # fc layer
        self.deep_layer_sizes = deep_layer_sizes

        for i in range(len(deep_layer_sizes)):
            setattr(self, 'dense_' + str(i), tf.keras.layers.Dense(deep_layer_sizes[i]))
            setattr(self, 'batchNorm_' + str(i), tf.keras.layers.BatchNormalization())
            setattr(self, 'activation_' + str(i), tf.keras.layers.Activation('relu'))
            setattr(self, 'dropout_' + str(i), tf.keras.layers.Dropout(dropout_deep[i]))

        # last layer
        self.fc = tf.keras.layers.Dense(1, activation=None, use_bias=True)

    def call(self, feat_index, feat_value, use_dropout=True):
        # embedding part
        feat_embedding = self.feat_embeddings(feat_index)  # Batch * N * M

        # linear part
        lz = tf.einsum('bnm,dnm->bd', feat_embedding, self.linear_weights)  # Batch * D1

        # quadratic part
        if self.product_type == 'inner':
            theta = tf.einsum('bnm,dn->bdnm', feat_embedding, self.theta)  # Batch * D1 * N * M
            lp = tf.einsum('bdnm,bdnm->bd', theta, theta)
        else:
            embed_sum = tf.reduce_sum(feat_embedding, axis=1)
            p = tf.einsum('bm,bn->bmn', embed_sum, embed_sum)
            lp = tf.einsum('bmn,dmn->bd', p, self.quadratic_weights)  # Batch * D1

        y_deep = tf.concat((lz, lp), axis=1)
        if use_dropout:
            y_deep = tf.keras.layers.Dropout(self.dropout_deep[0])(y_deep)

        for i in range(len(self.deep_layer_sizes)):
            y_deep = getattr(self, 'dense_' + str(i))(y_deep)
            y_deep = getattr(self, 'batchNorm_' + str(i))(y_deep)
            y_deep = getattr(self, 'activation_' + str(i))(y_deep)
            if use_dropout:
                y_deep = getattr(self, 'dropout_' + str(i))(y_deep)

        output = self.fc(y_deep)
        return output


def build_model():
    feat_index = keras.Input(shape=(4,), dtype="int32", name="feat_index")
    feat_value = keras.Input(shape=(4,), name="feat_value")
    pnn = PNN_layer(num_feat=30, num_field=4, dropout_deep=[0.5, 0.5, 0.5], deep_layer_sizes=[16, 16],
                    product_layer_dim=5, embedding_size=4, product_type='outer')
    output = pnn(feat_index, feat_value)
    return keras.Model([feat_index, feat_value], output, name="pnn")
