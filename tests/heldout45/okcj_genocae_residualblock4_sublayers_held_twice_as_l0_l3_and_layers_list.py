"""GenoCAE's `ResidualBlock4` (two Conv1D + LeakyReLU pairs with a skip connection, used twice in the encoder of the shipped model `M3j10U.json`) keeps each of its four sublayers under two names: as `self.l0`, `self.l1`, `self.l2`, `self.l3` and again in the list `self.layers`, and its `call()` runs them from the list. One layer object reachable from two attributes looks like a double count or an accidental share (LD007), but on Keras 3 each Conv1D is tracked once, its weights are counted once and trained; the block is also instantiated twice in the model JSON, giving two separate blocks with their own weights, which is what the architecture wants. The `tf.keras.layers.Add()` made inside `call()` has no state.

From filtho/GenoCAE, `utils/layers.py`, class `ResidualBlock4` (as written, prints included); the surrounding model
follows the layer list of `models/M3j10U.json` from its first Conv1D to the encoding Dense (Conv1D 8/5 same, LeakyReLU,
ResidualBlock4, MaxPool1D 5/2 same, ResidualBlock4, Flatten, Dropout, Dense 75, LeakyReLU, Dense 2 "encoded").

Porting edits: the JSON-driven GenoCAE model class is replaced by a Sequential over that layer list; the three leading
`tf.keras.layers.LocallyConnected1D` layers of M3j10U.json (removed from Keras 3) and the decoder half are left out;
the genotype input is 100 markers x 2 channels; the JSON's custom "flum" initializer is not used. build_model() builds
the Sequential and returns it.
"""

SOURCE = "https://github.com/filtho/GenoCAE/blob/175bc96822a8ff301c233ca87f5f7b8454c22cd2/utils/layers.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcj_genocae_residualblock4_sublayers_held_twice_as_l0_l3_and_layers_list.py:
--- conv1d  filters: 8 kernel_size: 5
--- conv1d  filters: 8 kernel_size: 5
--- conv1d  filters: 8 kernel_size: 5
--- conv1d  filters: 8 kernel_size: 5
as returned: Sequential, count_params() = 31627, 14 weights, unbuilt: none
after call: count_params() = 31627, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block4': 656, 'residual_block4_1': 656}
second call: 0 variables watched that the first call did not use
probes/probe_genocae_rb4.py (same model): in each block l0 is layers[0] and l2 is layers[2] (the same Conv1D objects), yet each block reports 4 weights with 4 distinct ids and 656 params (2 x (5*8*8 + 8)); the two blocks share no Conv1D; one SGD train_on_batch step changes all 8 block weights. Total 31627 = 88 + 2 * 656 + 30075 + 152, nothing counted twice. (The '--- conv1d' lines are the block's own prints.)"""

import tensorflow as tf
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer
import tensorflow.keras.activations
import tensorflow.keras.layers as layers


class ResidualBlock4(tf.keras.layers.Layer):
    '''
    Define a residual block with conv act bn.
    :param filters:
    :param kernel_size:
    :return: list of layers.py added
    '''

    def __init__(self, filters, kernel_size, name="res_block1"):
        super(ResidualBlock4, self).__init__()
        self.cname=name
        layers = []

        layers.append(tf.keras.layers.Conv1D(filters, kernel_size, padding='same'))
        layers.append(tf.keras.layers.LeakyReLU())
        print("--- conv1d  filters: {0} kernel_size: {1}".format(filters, kernel_size))


        layers.append(tf.keras.layers.Conv1D(filters, kernel_size, padding='same'))
        layers.append(tf.keras.layers.LeakyReLU())
        print("--- conv1d  filters: {0} kernel_size: {1}".format(filters, kernel_size))

        self.l0 = layers[0]
        self.l1 = layers[1]
        self.l2 = layers[2]
        self.l3 = layers[3]
        self.layers = layers


    def call(self, input_data):
        '''
        Call a residual block.
        :param residual_block: list of layers.py in the block
        :return: output tensor
        '''

        # print("--- adding {0} ".format(type(self.layers[0])))
        x = self.layers[0](input_data)

        for layer in self.layers[1:]:
            # print("--- adding {0} ".format(type(layer)))
            x = layer(x)


        # print("--- performing addition ")
        x = tf.keras.layers.Add()([x, input_data])


        return x


def build_model():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(100, 2)),
        tf.keras.layers.Conv1D(filters=8, kernel_size=5, padding="same", strides=1),
        tf.keras.layers.LeakyReLU(),
        ResidualBlock4(filters=8, kernel_size=5),
        tf.keras.layers.MaxPool1D(pool_size=5, strides=2, padding="same"),
        ResidualBlock4(filters=8, kernel_size=5),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dropout(rate=0.01),
        tf.keras.layers.Dense(units=75),
        tf.keras.layers.LeakyReLU(),
        tf.keras.layers.Dense(units=2, name="encoded"),
    ])
    return model
