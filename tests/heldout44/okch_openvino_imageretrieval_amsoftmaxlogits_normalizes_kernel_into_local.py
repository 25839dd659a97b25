"""OpenVINO training_extensions' image-retrieval toolkit trains its embedding network with an AM-softmax head,
`AMSoftmaxLogits`, that L2-normalises its class-weight matrix on every call: the shape of the metric-learning
AM-softmax/ArcFace heads that write `self.kernel = tf.nn.l2_normalize(self.kernel, ...)` in `call()` (LD010, the
variable replaced by a tensor derived from it). Here it is fine: the normalised matrix goes into a local, `kernel =
tf.nn.l2_normalize(self.kernel, axis=0, epsilon=1e-13)`, and `self.kernel` stays the `add_weight` variable created in
`build()`; `self.kernel = None` in `__init__` is only a placeholder that `build()` replaces with the variable. The
kernel is tracked, counted and gets a gradient through the normalisation on every step.

From openvinotoolkit/training_extensions, `tensorflow_toolkit/image_retrieval/image_retrieval/losses.py`
(`AMSoftmaxLogits`, `am_softmax_loss`) at 3321ea1, with `image_retrieval/model.py` (`l2_normalized_embeddings`,
`keras_applications_mobilenetv2`) and the wiring of `tools/train.py` for an `amsoftmax_<s>_<m>` loss
(`tf.keras.Sequential([model, AMSoftmaxLogits(num_classes)])`).

Porting edits: `tf.keras.regularizers.l2(l=WEIGHT_DECAY)` becomes `l2(WEIGHT_DECAY)` (Keras 3 renamed the keyword); `MobileNetV2(..., weights='imagenet')` becomes `weights=None` (no download); in
`l2_normalized_embeddings` the final `tf.nn.l2_normalize(output * 1000, ...)` applied to a symbolic tensor is wrapped
in a `tf.keras.layers.Lambda` with the same expression (Keras 3 refuses raw TF ops on KerasTensors; the Lambda reads
only its input and constants); `triplet_loss` (tensorflow_addons) is left out. build_model() builds the MobileNetV2
embedding model (alpha 0.35) on 96x96 images and the training Sequential with 10 classes, compiles it with
`am_softmax_loss(10, 30.0, 0.35)` and Adam as train.py does, and returns it with a random batch of 2 images.
"""

SOURCE = "https://github.com/openvinotoolkit/training_extensions/blob/3321ea15c8fc08529588411c20a3eb293d17eb48/tensorflow_toolkit/image_retrieval/image_retrieval/losses.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Sequential, count_params() = 740704, 263 weights, unbuilt: none
after call: count_params() = 740704, 159 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 159 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'am_softmax_logits': 2560}
second call: 0 variables watched that the first call did not use
python probes/probe_amsoft.py <this file>: after a call head.kernel is still the keras Variable and is in model.weights; fit (2 epochs on the batch, labels [1, 3], the compiled am_softmax_loss) changes its value."""

import math

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K

EMBEDDINGS_DIM = 256
WEIGHT_DECAY = 0.0001


class AMSoftmaxLogits(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(AMSoftmaxLogits, self).__init__(**kwargs)
        self.units = units
        self.kernel = None

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer=tf.keras.initializers.get('glorot_uniform'))

    def call(self, inputs):
        kernel = tf.nn.l2_normalize(self.kernel, axis=0, epsilon=1e-13)
        inputs = tf.nn.l2_normalize(inputs, axis=1, epsilon=1e-13)

        cos_theta = K.dot(inputs, kernel)
        cos_theta = K.clip(cos_theta, -1.0, 1.0)

        return tf.identity(cos_theta)


def am_softmax_loss(num_classes, s, m):
    if s is None:
        s = math.sqrt(2) * math.log(num_classes - 1)

    def loss(y_true, cos_theta):
        phi_theta = cos_theta - m
        y_true_reshaped = tf.reshape(y_true, (-1,))
        y_true_one_hot = tf.one_hot(tf.cast(y_true_reshaped, tf.int32), num_classes)

        output = tf.where(tf.cast(y_true_one_hot, tf.bool), phi_theta, cos_theta)
        output = output * s

        loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y_true, output)

        return loss

    return loss


def l2_normalized_embeddings(inputs):
    output = tf.keras.layers.GlobalAveragePooling2D()(inputs)
    output = tf.keras.layers.Reshape([1, 1, output.shape[-1]])(output)
    output = tf.keras.layers.Conv2D(
        filters=EMBEDDINGS_DIM, kernel_size=1, padding='same',
        kernel_regularizer=tf.keras.regularizers.l2(WEIGHT_DECAY))(output)

    output = tf.keras.layers.Flatten()(output)
    output = tf.keras.layers.Lambda(
        lambda t: tf.nn.l2_normalize(t * 1000, axis=-1, epsilon=1e-13))(output)
    return output


def keras_applications_mobilenetv2(inputs, alpha=1.0):
    from tensorflow.keras.applications.mobilenet_v2 import MobileNetV2

    base_model = MobileNetV2(alpha=alpha, include_top=False,
                             weights=None, input_tensor=inputs)

    output = l2_normalized_embeddings(base_model.output)
    return tf.keras.Model(inputs, output)


def build_model():
    input_size, num_classes = 96, 10
    model = keras_applications_mobilenetv2(
        tf.keras.layers.Input(shape=(input_size, input_size, 3)), alpha=0.35)
    s, m = 30.0, 0.35
    loss_function = am_softmax_loss(num_classes, s, m)
    training_model = tf.keras.Sequential([
        model,
        AMSoftmaxLogits(num_classes)
    ])
    training_model.compile(loss=loss_function, optimizer=tf.keras.optimizers.Adam(0.001))
    inputs = np.random.default_rng(0).random((2, input_size, input_size, 3)).astype("float32")
    return training_model, inputs
