"""FewShotLearning's `CosineLayer` (the cosine classifier of the "Baseline++" few-shot model) keeps a direction
kernel `self.v` and a per-class gain `self.g`, both from `add_weight` in `build()`, and multiplies the input by the
weight-normalised kernel `self.g * self.v / tf.norm(self.v, axis=-2, keepdims=True)`. That is the shape of LD010
(a weight turned into a derived tensor: a norm, a product, a division, as in the cosine-softmax layers that rebind
`self.scale = softplus(self.scale)` or `self.kernel = normalise(self.kernel)` once in `build()`). It is fine: the
derived kernel is an expression inside `call()`, recomputed from the variables on every call, and never stored back
on `self`; `pairwise_cosine` is a plain function of its arguments. Both weights are tracked and get gradients.

From konev-artem/FewShotLearning, `fewshot/algorithms/special_layers/layers.py` (`pairwise_cosine`, `CosineLayer`)
at 7c6959b, used as the head in `simple_cosine_layer_cross_entropy_train` of
`fewshot/algorithms/backbone_train/backbone_trainer.py` (joined to a backbone by `join_models` of
`fewshot/utils/utils.py`).

Porting edits: Keras 3 passes `input_shape` as a tuple of ints, so `input_shape[1].value` (TF1 `Dimension`) is
`input_shape[1]`; `from tensorflow.python.keras import initializers` is `tf.keras.initializers`. The repository's
ConvNet backbone (whose `ConvBlock` assigns its sublayers before `super().__init__()`, another pattern, left out of
this case) is replaced by `SmallBackbone`, an object with the same `get_inputs()`/`get_outputs()` interface around
two Conv2D+BatchNorm+ReLU+MaxPool stages on 16x16 RGB images. build_model() builds the head as
`simple_cosine_layer_cross_entropy_train` does (`Sequential([Flatten(), CosineLayer(n_classes, scale_factor)])`, 5
classes, scale 10), joins it with `join_models` and compiles it as `_train` does (Adam, the from-logits categorical
cross-entropy lambda, accuracy); it returns the compiled model.
"""

SOURCE = "https://github.com/konev-artem/FewShotLearning/blob/7c6959bf69a802d4345a54de308cd0f10cafd91c/fewshot/algorithms/special_layers/layers.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 1517, 14 weights, unbuilt: none
after call: count_params() = 1517, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cosine_layer': 645}
second call: 0 variables watched that the first call did not use
(Keras 3 also prints a UserWarning at the call that the inputs structure does not match: built with a list of one input, called with a bare tensor; harmless.)
python probes/probe_fewshot.py <this file>: CosineLayer holds 'sequential/cosine_layer/kernel' (128, 5) and 'sequential/cosine_layer/g' (1, 5); fit (the compiled Adam, 2 epochs, 4 steps) changes both; v and g are still Variables after training."""

import tensorflow as tf
initializers = tf.keras.initializers

def pairwise_cosine(X, Y, transpose_Y=True):
    if transpose_Y:
        Y = tf.transpose(Y)

    dot_product = tf.matmul(X, Y)
    x_norm = tf.pow(tf.reduce_sum(tf.multiply(X, X), axis=1, keepdims=True) + 1e-7, 0.5)

    return dot_product / x_norm


class CosineLayer(tf.keras.layers.Layer):
    def __init__(self, num_classes, scale_factor=10):
        self.num_classes = num_classes
        self.scale_factor = scale_factor
        super(CosineLayer, self).__init__()

    def build(self, input_shape):
        assert len(input_shape) == 2, input_shape

        self.v = self.add_weight(
            name='kernel',
            shape=(input_shape[1], self.num_classes),
            initializer='uniform',
            trainable=True
        )
        self.g = self.add_weight(
                  name="g",
                  shape=(1,self.num_classes),
                  initializer=initializers.get('ones'),
                  dtype= tf.float32,
                  trainable=True)

        super(CosineLayer, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        return (input_shape[1], self.num_classes)

    def call(self, input, **kwargs):
        return self.scale_factor * pairwise_cosine(input, self.g * self.v / tf.norm(self.v, axis=-2, keepdims=True), transpose_Y=False)


def join_models(base_model, head_layer_to_apply):
    outputs = head_layer_to_apply(*base_model.get_outputs())
    return tf.keras.models.Model(base_model.get_inputs(), outputs)


class SmallBackbone:  # stand-in for fewshot.backbones.ConvNet (same get_inputs/get_outputs interface)
    def __init__(self, input_size, outdim=8, depth=2):
        input = tf.keras.layers.Input(shape=input_size)
        x = input
        for _ in range(depth):
            x = tf.keras.layers.Conv2D(outdim, 3, padding='same')(x)
            x = tf.keras.layers.BatchNormalization()(x)
            x = tf.keras.layers.Activation('relu')(x)
            x = tf.keras.layers.MaxPool2D()(x)
        self.inputs, self.outputs = [input], [x]

    def get_inputs(self):
        return self.inputs

    def get_outputs(self):
        return self.outputs


def build_model():
    n_classes, scale_factor = 5, 10
    backbone = SmallBackbone((16, 16, 3))
    head = tf.keras.Sequential([
        tf.keras.layers.Flatten(),
        CosineLayer(n_classes, scale_factor),
    ])
    loss = lambda y_true, y_pred: tf.keras.losses.categorical_crossentropy(
        y_true, y_pred, from_logits=True)
    model = join_models(backbone, head)
    model.compile(tf.keras.optimizers.Adam(), loss, metrics=["accuracy"])
    return model
