"""Image-colouring GAN: the combined model turns the colouriser's per-pixel class probabilities into
ab colours with `Lambda(lambda x: K.dot(x, self.class_to_color))`, where `class_to_color` is a
K.variable made on the Model before super().__init__().

`CombinedGan` is a functional Model subclass: its __init__ wires generator -> (hook method) ->
frozen critic and then calls `super().__init__(inputs=..., outputs=...)`. The classifier variant
overrides the hook `colorizer_output_to_critic_input` and closes a Lambda over
`self.class_to_color = K.variable(class_to_color)`, created before the base constructor runs.
On Keras 3 the colour table is a backend tf.Variable that only the Lambda's closure knows about:
it is not among the model's weights (not counted, not saved with save_weights / .keras), yet it is
a trainable variable that every forward pass reads, so a GradientTape over the model watches a
variable the model does not own.
"""

SOURCE = "https://github.com/MartinXPN/ImageColoring/blob/master/models/gan.py"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_imagecoloring_gan_lambda_closes_over_class_color_variable.py:
as returned: ClassifierCombinedGan, count_params() = 403, 8 weights, unbuilt: none
after call: count_params() = 403, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 5 variables the model does not track: ['conv2d_2/kernel:0', 'conv2d_2/bias:0', 'dense/kernel:0', 'dense/bias:0', 'Variable:0']
second call: 0 variables watched that the first call did not use
(Of the 5 watched variables, the four conv2d_2/dense ones are the frozen critic's weights, which the
model does own as non-trainable; 'Variable:0' is class_to_color, 10x2 = 20 values, absent from the
8 model weights / 403 params, trainable=True, read by every call through the Lambda's closure.)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Input
from tensorflow.keras import backend as K
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Concatenate, Lambda, Conv2D, GlobalAveragePooling2D, Dense


# ---- models/gan.py ----------------------------------------------------------------------------
class CombinedGan(Model):
    def __init__(self, generator=None, critic=None, input_shape=(None, None, 1), include_colorizer_output=True,
                 inputs=None, outputs=None, name='Combined'):
        if inputs and outputs:
            super(CombinedGan, self).__init__(inputs=inputs, outputs=outputs, name=name)
            return

        gray = Input(shape=input_shape)
        colorizer_output = generator(gray)
        critic_input = self.colorizer_output_to_critic_input(gray, colorizer_output)

        # we only want to be able to train generator/colorizer for the combined model
        critic.trainable = False
        critic_output = critic(critic_input)

        # Include colorizer output as one of the outputs or not
        outputs = [critic_output, colorizer_output] if include_colorizer_output else critic_output
        super(CombinedGan, self).__init__(inputs=gray,
                                          outputs=outputs,
                                          name=name)

    def colorizer_output_to_critic_input(self, gray, colorizer_output):
        return Concatenate()([gray, colorizer_output])


class ClassifierCombinedGan(CombinedGan):
    def __init__(self, class_to_color=None, **kwargs):
        self.class_to_color = K.variable(class_to_color)
        super(ClassifierCombinedGan, self).__init__(**kwargs)

    def colorizer_output_to_critic_input(self, gray, colorizer_output):
        colorizer_output = Lambda(lambda x: K.dot(x, self.class_to_color))(colorizer_output)
        return Concatenate()([gray, colorizer_output])


def get_combined_gan(classifier, class_to_color=None,
                     generator=None, critic=None,
                     image_size=224, include_colorizer_output=True):
    input_shape = (image_size, image_size, 1)
    if classifier:
        return ClassifierCombinedGan(generator=generator, critic=critic,
                                     input_shape=input_shape,
                                     include_colorizer_output=include_colorizer_output,
                                     class_to_color=class_to_color)
    else:
        return CombinedGan(generator=generator, critic=critic, input_shape=input_shape,
                           include_colorizer_output=include_colorizer_output)


# ---- models/colorizer.py, models/critic.py (small stand-ins) -----------------------------------
def get_colorizer(image_size, nb_classes):
    gray = Input(shape=(image_size, image_size, 1))
    x = Conv2D(8, 3, padding='same', activation='relu')(gray)
    x = Conv2D(nb_classes, 1, padding='same', activation='softmax')(x)
    return Model(gray, x, name='colorizer')


def get_critic(image_size):
    lab = Input(shape=(image_size, image_size, 3))
    x = Conv2D(8, 3, strides=2, padding='same', activation='relu')(lab)
    x = GlobalAveragePooling2D()(x)
    return Model(lab, Dense(1)(x), name='critic')


# util/colorspace/initialize.py: the quantised ab colour of every class
def get_mapping(nb_classes, seed=0):
    return np.random.default_rng(seed).uniform(-1., 1., size=(nb_classes, 2)).astype('float32')


IMAGE_SIZE = 16
NB_CLASSES = 10


def build_model():
    return get_combined_gan(classifier=True,
                            class_to_color=get_mapping(NB_CLASSES),
                            generator=get_colorizer(IMAGE_SIZE, NB_CLASSES),
                            critic=get_critic(IMAGE_SIZE),
                            image_size=IMAGE_SIZE)
