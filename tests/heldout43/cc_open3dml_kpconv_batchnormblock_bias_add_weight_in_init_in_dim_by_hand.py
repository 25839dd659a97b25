"""Open3D-ML's TensorFlow KPConv blocks create weights in `__init__` with widths typed by hand (LD004):
`BatchNormBlock(in_dim, use_bn, bn_momentum)`, when batch norm is off, calls
`self.add_weight(name=..., shape=(self.in_dim,), ...)` in `__init__` for the bias it adds to its input, and
`UnaryBlock(in_dim, out_dim, ...)` passes it `out_dim`, re-typing the width its own `Dense(out_dim)` will produce.
It works while every caller types the same number, but the layer has no `build()`: it owns a weight before it has
seen an input, and any other feature width fails with a shape error inside `call()`, far from where the number
was written.

From isl-org/Open3D-ML (3D point-cloud semantic segmentation and detection for Open3D), `ml3d/tf/models/
network_blocks.py` at 5e81f52 (HEAD, "Fix errors due to API change in Tensorflow 2.20"). `KPFCNN` (Kernel Point
Convolution, Thomas et al. 2019) in `ml3d/tf/models/kpconv.py` ends with a per-point classification head: without
`reduce_fc`, `self.head_mlp = UnaryBlock(out_dim, cfg.first_features_dim, False, 0, l_relu=...)` and
`self.head_softmax = UnaryBlock(cfg.first_features_dim, self.C, False, 0, l_relu=...)`, i.e. both blocks take the
bias branch of `BatchNormBlock`. (`KPConv.__init__` of the same file does the same for its kernel weights,
`shape=(self.K, self.in_channels, self.out_channels)`.)

Porting edits: none in `BatchNormBlock`/`UnaryBlock` (copied as written, `__repr__` included). The model is the
KPFCNN head on its own, as a functional model over the stacked points of a batch ([N, D] features, points on the
batch axis as in KPConv): 64 decoder features per point -> `UnaryBlock(64, 128, False, 0, l_relu=0.1)` ->
`UnaryBlock(128, 13, False, 0, l_relu=0.1)` (S3DIS's 13 classes), as `cfg.first_features_dim = 128`.
"""

SOURCE = "https://github.com/isl-org/Open3D-ML/blob/5e81f52340c2ef40da9bb05065b5549c7d8ca49f/ml3d/tf/models/network_blocks.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_open3dml_kpconv_batchnormblock_bias_add_weight_in_init_in_dim_by_hand.py:
as returned: Functional, count_params() = 9997, 4 weights, unbuilt: none
after call: count_params() = 9997, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'unary_block': 8320, 'batch_norm_block': 128, 'unary_block_1': 1677, 'batch_norm_block_1': 13}
second call: 0 variables watched that the first call did not use
(Inside UnaryBlock the hand-typed widths match, so the head works: 4 weights, all with gradients.) probe_o3d.py: a fresh BatchNormBlock(128, False, 0) owns batch_norm_block/batch_norm_block_b of shape (128,) before seeing any input (built False: no build()); on a (5, 96) input it raises InvalidArgumentError 'Incompatible shapes: [5,96] vs. [128] [Op:AddV2]', and wired on a 96-wide Input it raises ValueError 'Dimensions must be equal, but are 96 and 128 ... input shapes: [?,96], [128]'. UnaryBlock's own in_dim is only stored: UnaryBlock(64, 128, ...) on 48 features works (its Dense adapts). No warning printed."""

import tensorflow as tf
import numpy as np


class BatchNormBlock(tf.keras.layers.Layer):

    def __init__(self, in_dim, use_bn, bn_momentum):
        """Initialize a batch normalization block. If network does not use batch
        normalization, replace with biases.

        :param in_dim: dimension input features.
        :param use_bn: boolean indicating if we use Batch Norm.
        :param bn_momentum: Batch norm momentum.
        """
        super(BatchNormBlock, self).__init__()
        self.bn_momentum = bn_momentum
        self.use_bn = use_bn
        self.in_dim = in_dim

        if (self.use_bn):
            self.batch_norm = tf.keras.layers.BatchNormalization(
                epsilon=1e-5, momentum=bn_momentum)
        else:
            self.bias = self.add_weight(name="{}_b".format(self.name),
                                        shape=(self.in_dim,),
                                        initializer='zeros',
                                        trainable=True)

    def call(self, x, training=False):
        if (self.use_bn):
            return self.batch_norm(x, training=training)
        else:
            return x + self.bias

    def __repr__(self):
        return 'BatchNormBlock(in_feat: {:d}, momentum: {:.3f}, only_bias: {:s})'.format(
            self.in_dim, self.bn_momentum, str(not self.use_bn))


class UnaryBlock(tf.keras.layers.Layer):

    def __init__(self,
                 in_dim,
                 out_dim,
                 use_bn,
                 bn_momentum,
                 no_relu=False,
                 l_relu=0.2):
        """Initialize a standard unary block with its ReLU and BatchNorm.

        :param in_dim: dimension input features.
        :param out_dim: dimension input features.
        :param use_bn: boolean indicating if we use Batch Norm.
        :param bn_momentum: Batch norm momentum.
        """
        super(UnaryBlock, self).__init__()
        self.bn_momentum = bn_momentum
        self.use_bn = use_bn
        self.no_relu = no_relu
        self.in_dim = in_dim
        self.out_dim = out_dim

        self.mlp = tf.keras.layers.Dense(out_dim, use_bias=False)
        self.batch_norm = BatchNormBlock(out_dim, self.use_bn, self.bn_momentum)

        if not no_relu:
            self.leaky_relu = tf.keras.layers.LeakyReLU(l_relu)

    def call(self, x, *, batch=None, training=False):
        x = self.mlp(x)
        x = self.batch_norm(x, training=training)
        if not self.no_relu:
            x = self.leaky_relu(x)
        return x

    def __repr__(self):
        return 'UnaryBlock(in_feat: {:d}, out_feat: {:d}, BN: {:s}, ReLU: {:s})'.format(
            self.in_dim, self.out_dim, str(self.use_bn), str(not self.no_relu))


def build_model(out_dim=64, first_features_dim=128, num_classes=13):
    feats = tf.keras.Input(shape=(out_dim,), name='point_features')
    head_mlp = UnaryBlock(out_dim, first_features_dim, False, 0, l_relu=0.1)
    head_softmax = UnaryBlock(first_features_dim, num_classes, False, 0, l_relu=0.1)
    x = head_mlp(feats)
    x = head_softmax(x)
    return tf.keras.Model(feats, x, name='kpfcnn_head')
