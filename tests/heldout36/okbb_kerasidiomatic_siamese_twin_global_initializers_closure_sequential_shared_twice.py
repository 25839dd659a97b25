"""Google's keras-idiomatic-programmer Siamese twin builds its tower through nested helper functions that add to a
closed-over `Sequential`, keeps the weight initializers in module globals (`global dense_weights, biases`) reused by
the final Dense, and measures L1 distance with a `Lambda`: it looks like layers in a closure, state in globals and a
Lambda with captured state, but on Keras 3 every weight is tracked, counted once and gets a gradient.

From GoogleCloudPlatform/keras-idiomatic-programmer (`zoo/siamese_twin/siamese_twin.py` at 3897a6c), the "academic"
Koch et al. one-shot Siamese net. `twin(input_shape)` declares `global dense_weights, biases`, makes a `Sequential`
and three inner functions `stem()`, `block()`, `encoder()` that call `model.add(...)` on the enclosing `model`; the
module then calls the twin on a left and a right input (one shared tower, LD007 info), joins them with
`Lambda(lambda tensors: K.abs(tensors[0] - tensors[1]))` and ends with
`Dense(1, kernel_initializer=dense_weights, bias_initializer=biases)`, reading the globals set inside `twin()`.
The globals hold initializer objects, not layers or variables (LD011 is about layers/variables used by a layer's
`call()`); the closures only build the Sequential, which owns its layers; the Lambda captures nothing stateful
(LD012 needs a captured variable or layer).

Doubt kept as decided: the same unseeded `RandomNormal` instances initialise several layers, and on Keras 3 a
reused instance returns the same draw each time (measured below: conv1 and conv2 start with identical kernel and
bias prefixes). That is an initialisation-quality quirk (symmetric starts across layers, not within one), not lost
or untracked weights, so the case stays correct for the catalog.

Porting edits: `K.abs` (gone from Keras 3's backend module) -> `keras.ops.abs`; the module-level script is wrapped in
build_model() (the globals are still set by `twin()` with `global`). Shapes are the author's (105x105x3 Omniglot).
"""

SOURCE = "https://github.com/GoogleCloudPlatform/keras-idiomatic-programmer/blob/3897a6c9d425f8c0353cd94c27fb790b832b3247/zoo/siamese_twin/siamese_twin.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 38964545, 12 weights, unbuilt: none
after call: count_params() = 38964545, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine36/bb/p_twin.py:
layers: ['InputLayer', 'InputLayer', 'Sequential', 'Lambda', 'Dense']
tower params: 38960448 + head Dense: 4097 = model 38964545   (the twin is counted once)
biases share initializer object; first 3 values per conv bias: [[0.671, 0.407, 0.528], [0.671, 0.407, 0.528]] identical: True
global dense_weights/biases are initializers: RandomNormal RandomNormal
conv kernels: first 4 values of conv1 vs conv2: [0.1303, -0.1079, -0.0807, -0.0074] [0.1303, -0.1079, -0.0807, -0.0074]"""

import tensorflow as tf
from tensorflow.keras import Input, Sequential, Model
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Lambda
from tensorflow.keras.initializers import RandomNormal
from tensorflow.keras import ops as K


def twin(input_shape):
    ''' Construct the model for both twins of the Siamese (connected) Network
        input_shape : input shape for input vector
    '''
    global dense_weights, biases

    model = Sequential()

    # The weights for the convolutional layers are initialized from a normal distribution
    # with a zero_mean and standard deviation of 10e-2
    conv_weights = RandomNormal(mean=0.0, stddev=10e-2)

    # The weights for the dense layers are initialized from a normal distribution
    # with a mean of 0 and standard deviation of 2 * 10e-1
    dense_weights = RandomNormal(mean=0.0, stddev=(2 * 10e-1))

    # The biases for all layers are initialized from a normal distribution
    # with a mean of 0.5 and standard deviation of 10e-2
    biases = RandomNormal(mean=0.5, stddev=10e-2)

    def stem(input_shape):
        ''' Construct the Stem Group
            input_shape: input shape for input vector
        '''
        model.add(Conv2D(64, (10, 10), activation='relu', kernel_initializer=conv_weights, bias_initializer=biases, input_shape=input_shape))
        model.add(MaxPooling2D((2, 2), strides=2))

    def block():
        ''' Construct a Convolutional Block '''
        model.add(Conv2D(128, (7, 7), activation='relu', kernel_initializer=conv_weights, bias_initializer=biases))
        model.add(MaxPooling2D((2, 2), strides=2))
        model.add(Conv2D(128, (4, 4), activation='relu', kernel_initializer=conv_weights, bias_initializer=biases))
        model.add(MaxPooling2D((2, 2), strides=2))
        model.add(Conv2D(256, (4, 4), activation='relu', kernel_initializer=conv_weights, bias_initializer=biases))

    def encoder():
        ''' Construct the Encoding block '''
        model.add(Flatten())
        model.add(Dense(4096, activation='sigmoid', kernel_initializer=dense_weights, bias_initializer=biases))

    # Build the model
    stem(input_shape)
    block()
    encoder()
    return model


def build_model():
    """The module-level script of siamese_twin.py: returns the two-input Siamese model."""
    # Input shape for the Omniglot dataset
    input_shape = (105, 105, 3)

    # Create the twin model using the Sequential API
    model = twin(input_shape)

    # Create input tensors for the left and right side (twins) of the network.
    left_input = Input(input_shape)
    right_input = Input(input_shape)

    # Create the encoders for the left and right side (twins)
    left = model(left_input)
    right = model(right_input)

    # Use Lambda method to create a custom layer for implementing a L1 distance layer.
    L1Distance = Lambda(lambda tensors: K.abs(tensors[0] - tensors[1]))

    # Connect the left and right twins (via encoders) to the layer that calculates the
    # distance between the encodings.
    connected = L1Distance([left, right])

    # Create the output layer for predicting the similarity from the distance layer
    outputs = Dense(1, activation='sigmoid', kernel_initializer=dense_weights, bias_initializer=biases)(connected)

    # Create the Siamese Network model
    # Connect the left and right inputs to the outputs
    model = Model(inputs=[left_input, right_input], outputs=outputs)
    return model
