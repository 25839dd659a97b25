"""A physics-informed tf.keras model "builds" itself with `self.build((None, 3))` before training and
before `load_weights`; on Keras 3 the default `build()` of a subclassed model marks it built without
building any sublayer, so the summary shows 0 params and `load_weights` silently restores nothing.

From MartinAchondo/XPPBE (`code/NN/NeuralNet_Fourier.py` at the commit cited), a TF2 XPINN solver for the
Poisson-Boltzmann equation. `NeuralNet(tf.keras.Model)` makes a scaling `Lambda` over `self.lb`/`self.ub`,
a `Sequential` Fourier-feature block (a frozen random `Dense(256, use_bias=False, trainable=False)` and a
`SinCosLayer` declared inside `__init__`), a list of hidden Dense layers and an output Dense, all called
only from `call()`; the class has no `build()`. `build_Net()` is `self.build(self.input_shape_N)`, and the
project's `XPINN_utils.create_NeuralNet` calls it right after construction; `load_NeuralNet` then calls
`self.model.load_weights(...)` on that freshly "built" model, and `plot_model()` prints
`self.summary()` after `build_Net()`. On tf.keras 2, `Model.build(shape)` ran `call()` on a placeholder and
created every weight; Keras 3 does not (keras-team/keras#19229), it only warns.

Labelled LD005: the sublayers are left unbuilt by the only `build()` the model has (the default), Keras 3
warns "looks like it has unbuilt state", and the summary shows 0. Doubt kept as decided: the first real
forward pass still builds and tracks everything (training from scratch works); what is lost is every
weight restored by `load_weights` after `build_Net()` (measured: no error, 0 weights, outputs differ).

Porting edits: none (runs as written through `tf.keras` on Keras 3). `build_model()` builds
`NeuralNet(lb=-1, ub=1, ...)` with the hyperparameters of the file's `__main__` block (FCNN, 4 hidden
layers of 200 tanh units), calls `build_Net()` as `create_NeuralNet` does and returns the model with a
(2, 3) input batch; `plot_model()` (which writes a PNG) is left out.
"""

SOURCE = "https://github.com/MartinAchondo/XPPBE/blob/2ab65c300a265c3261c693f2d3f3dd173a55c3bc/code/NN/NeuralNet_Fourier.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/au_xppbe_fourier_pinn_build_net_leaves_sublayers_unbuilt.py:
warning: `build()` was called on layer 'neural_net', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: NeuralNet, count_params() = 0, 0 weights, unbuilt: ['Lambda:layer_input', 'Sequential:fourier_layer', 'SinCosLayer:fourier_sincos_layer', 'Dense:fourier_features', 'Dense:layer_0', 'Dense:layer_1', 'Dense:layer_2', 'Dense:layer_3', 'Dense:layer_output']
after call: count_params() = 224169, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 1 variables the model does not track: ['neural_net/fourier_layer/fourier_features/kernel:0']
params of the case's own layers: {'fourier_sincos_layer': 0}
second call: 0 variables watched that the first call did not use
probe (probe_xppbe.py, the project's save/reload path): after build_Net built=True with 0 weights; after a call 11 weights,
224169 params; save_weights, then a fresh NeuralNet + build_Net() + load_weights: no exception (only the same unbuilt-state
UserWarning), the reloaded model still has 0 weights and 4 unbuilt hidden Dense layers, and its first call creates fresh random
weights: outputs differ from the saved model (max abs diff 0.36 to 1.13 across runs). The 'tape watched' line is the frozen
Fourier kernel (layer-level trainable=False), not a defect."""

import tensorflow as tf
import numpy as np
import os

class NeuralNet(tf.keras.Model):

    def __init__(self, lb, ub, 
                 input_shape=(None, 3),
                 output_dim=1,
                 num_hidden_layers=2,
                 num_neurons_per_layer=20,
                 num_hidden_blocks=2,
                 activation='tanh',
                 kernel_initializer='glorot_normal',
                 architecture_Net='FCNN',
                 num_fourier_features=256, 
                 fourier_sigma=1,
                 **kwargs):
        super().__init__(**kwargs)

        self.input_shape_N = input_shape
        self.num_hidden_layers = num_hidden_layers
        self.num_hidden_blocks = num_hidden_blocks
        self.output_dim = output_dim
        self.lb = lb
        self.ub = ub
        self.architecture_Net = architecture_Net
        self.num_fourier_features = num_fourier_features
        self.sigma = fourier_sigma

        # Scale layer
        self.scale = tf.keras.layers.Lambda(
            lambda x: 2.0 * (x - self.lb) / (self.ub - self.lb) - 1.0, 
            name=f'layer_input')

        # Fourier feature layer
        self.fourier_features = tf.keras.Sequential(name=f'fourier_layer')
        self.fourier_features.add(tf.keras.layers.Dense(num_fourier_features, 
                                                      activation=None, 
                                                      use_bias=False,
                                                      trainable=False, 
                                                      kernel_initializer=tf.initializers.RandomNormal(stddev=self.sigma),
                                                      name='fourier_features'))
        class SinCosLayer(tf.keras.layers.Layer):
            def call(self, Z):
                return tf.concat([tf.sin(2.0*np.pi*Z), tf.cos(2.0*np.pi*Z)], axis=-1)
        self.fourier_features.add(SinCosLayer(name='fourier_sincos_layer'))

        # FCNN architecture
        if self.architecture_Net == 'FCNN':
            self.hidden_layers = list()
            for i in range(self.num_hidden_layers):
                layer = tf.keras.layers.Dense(num_neurons_per_layer,
                                              activation=tf.keras.activations.get(activation),
                                              kernel_initializer=kernel_initializer,
                                              name=f'layer_{i}')
                self.hidden_layers.append(layer)

        # ResNet architecture
        elif self.architecture_Net == 'ResNet':
            self.first = tf.keras.layers.Dense(num_neurons_per_layer,
                                               activation=tf.keras.activations.get(activation),
                                               kernel_initializer=kernel_initializer,
                                               name=f'layer_0')
            self.hidden_blocks = list()
            self.hidden_blocks_activations = list()
            for i in range(self.num_hidden_blocks):
                block = tf.keras.Sequential(name=f"block_{i}")
                block.add(tf.keras.layers.Dense(num_neurons_per_layer,
                                                activation=tf.keras.activations.get(activation),
                                                kernel_initializer=kernel_initializer))
                block.add(tf.keras.layers.Dense(num_neurons_per_layer,
                                                activation=None,
                                                kernel_initializer=kernel_initializer))
                self.hidden_blocks.append(block)
                activation_layer = tf.keras.layers.Activation(tf.keras.activations.get(activation))
                self.hidden_blocks_activations.append(activation_layer)
            
            self.last = tf.keras.layers.Dense(num_neurons_per_layer,
                                              activation=tf.keras.activations.get(activation),
                                              kernel_initializer=kernel_initializer,
                                              name=f'layer_1')

        # Output layer
        self.out = tf.keras.layers.Dense(output_dim, name=f'layer_output')
        


    def build_Net(self):
        self.build(self.input_shape_N)

    def call(self, X):
        if self.architecture_Net == 'FCNN':
            return self.call_FCNN(X)
        elif self.architecture_Net == 'ResNet':
           return self.call_ResNet(X)

    # Call NeuralNet functions with the desired architecture

    def call_FCNN(self, X):
        Z = self.scale(X)
        Z = self.fourier_features(Z) 
        for layer in self.hidden_layers:
            Z = layer(Z)
        return self.out(Z)

    def call_ResNet(self, X):
        Z = self.scale(X)
        Z = self.fourier_features(Z)  
        Z = self.first(Z)
        for block,activation in zip(self.hidden_blocks,self.hidden_blocks_activations):
            Z = activation(block(Z) + Z)
        Z = self.last(Z)
        return self.out(Z)


def build_model():
    hyperparameters = {
                'input_shape': (None,3),
                'num_hidden_layers': 4,
                'num_neurons_per_layer': 200,
                'output_dim': 1,
                'activation': 'tanh',
                'architecture_Net': 'FCNN'
        }
    model = NeuralNet(lb=-1,ub=1,**hyperparameters)
    model.build_Net()
    inputs = np.random.default_rng(0).uniform(-1, 1, (2, 3)).astype("float32")
    return model, inputs
