"""AdvFish AM-Softmax head: build() replaces the class-weight variable by its L2-normalised tensor.

The AdvFish repository (fish recognition under adversarial attack) trains its backbones with an
`AMSoftmax(num_classes)` head on the flattened features and `amsoftmax_loss`. The layer creates
`self.kernel` with add_weight and, on the next line of build(), rebinds
`self.kernel = K.l2_normalize(self.kernel, 0)`. call() multiplies the normalised features by that
tensor: the normalisation is computed once from the initial values, the variable stays counted in
the model but call() never reads it again, so the class centres never move while the backbone
trains against fixed random directions.

Port: `keras.engine.topology.Layer`/`keras.backend` -> `keras.layers.Layer`/`keras.ops`
(`K.l2_normalize` -> `keras.ops.normalize(..., order=2)`, `K.dot` -> `keras.ops.matmul`); the
ResNet/EfficientNet backbone is replaced by a two-conv stand-in; `Model(input=..., output=...)` ->
`Model(inputs, outputs)`.
"""

SOURCE = "https://github.com/UnderwaterDL/AdvFish/blob/79089ab5d25a870a3503ce6caab97dcdab4e17a1/amsoftmax.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_advfish_amsoftmax_kernel_normalized_once_in_build.py:
as returned: Functional, count_params() = 848, 5 weights, unbuilt: none
after call: count_params() = 848, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['am_softmax/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'am_softmax': 40}
Own script (fit 2 epochs with amsoftmax_loss): warning "Gradients do not exist for variables ['am_softmax/kernel'] when
minimizing the loss" at each step; the kernel variable is unchanged after fit; `layer.kernel` is an EagerTensor (the
normalised copy), the variable am_softmax/kernel is still listed in the weights and counted (40 params)."""

import keras
from keras import ops
from keras.layers import Conv2D, Flatten, GlobalAveragePooling2D, Input, Layer
from keras.models import Model


class AMSoftmax(Layer):
    def __init__(self, units, **kwargs):
        self.units = units
        super(AMSoftmax, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight(name='kernel',
                                      shape=(input_dim, self.units),
                                      initializer='uniform',
                                      trainable=True)
        self.kernel = ops.normalize(self.kernel, axis=0, order=2)

    def call(self, inputs, **kwargs):
        inputs = ops.normalize(inputs, axis=-1, order=2)  # input_l2norm
        output = ops.matmul(inputs, self.kernel)   # cos = input_l2norm * W_l2norm
        return output

    def compute_output_shape(self, input_shape):
        outputshape = list(input_shape)
        outputshape[-1] = self.units
        return tuple(outputshape)


def amsoftmax_loss(y_true, y_pred, scale=30.0, margin=0.35):
    y_pred = y_true * (y_pred - margin) + (1 - y_true) * y_pred
    y_pred *= scale
    return keras.losses.categorical_crossentropy(y_true, y_pred, from_logits=True)


def build_model(image_size=16, num_classes=5):
    """train(): backbone -> Flatten(name='flatten') -> AMSoftmax(num_classes), compiled with amsoftmax_loss."""
    inputs = Input(shape=(image_size, image_size, 3))
    x = Conv2D(8, 3, padding='same', activation='relu')(inputs)
    x = Conv2D(8, 3, strides=2, padding='same', activation='relu')(x)
    x = GlobalAveragePooling2D()(x)
    features = Flatten(name='flatten')(x)
    x = AMSoftmax(num_classes)(features)
    model = Model(inputs, x, name='main_model')
    model.compile(loss=amsoftmax_loss, optimizer=keras.optimizers.SGD(learning_rate=1e-2, momentum=0.9, nesterov=True),
                  metrics=['accuracy'])
    return model
