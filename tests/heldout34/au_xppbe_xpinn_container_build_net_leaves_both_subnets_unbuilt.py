"""The XPINN container of the same PINN project holds its two sub-networks in a list and "builds" them
with each sub-model's `self.build((None, 3))`; on Keras 3 neither sub-model builds its Dense layers (or
the adaptive-activation layers passed to them), so both summaries the script prints show 0 params.

From MartinAchondo/XPPBE (`code/NN/NeuralNet.py` at the commit cited; a later revision of the network in
`NeuralNet_Fourier.py`, the repository's other case). `XPINN_NeuralNet(tf.keras.Model)` keeps
`self.NNs = [NeuralNet(..., name='Molecule_NN'), NeuralNet(..., name='Solvent_NN')]` and dispatches
`call(X, flag)` on a string flag ('molecule', 'solvent', 'interface'); its `build_Net()` calls each
`NeuralNet.build_Net()`, which is `self.build(self.input_shape_N)` on a subclassed model with no
`build()`. Each `NeuralNet` has a scaling `Lambda` over `tf.constant` bounds, an optional Fourier
`Sequential`, and hidden `Dense` layers whose `activation=` is a `CustomActivation` layer with its own
weight `a` (trainable when `adaptative_activation=True`). The file's `__main__` builds
`XPINN_NeuralNet([hp, hp])`, calls `build_Net()` and prints both sub-model summaries; on tf.keras 2 this
ran `call()` on placeholders and created all weights, on Keras 3 it only marks the models built
(keras-team/keras#19229) and warns.

Labelled LD005 (sublayers never built by the only `build()` the sub-models have). Doubt kept as decided:
a real forward pass (the training loop's first `model(X, flag)`) still builds and tracks everything,
including the activation weights `a`; what breaks is every use between `build_Net()` and that pass
(summaries, `load_weights` as in the project's `load_NeuralNet`, weight counting).

Porting edits: none to the classes (they run as written through `tf.keras`); the ResNet branch of
`NeuralNet.__init__`/`call` is left out (the `__main__` block uses FCNN). `build_model()` is the file's
`__main__` block: `XPINN_NeuralNet([hp, hp])` with its hyperparameters (2 hidden layers of 50 tanh units,
adaptive activation, 128 Fourier features, scale [-1, 1]^3) and `build_Net()`, returning the container
and a (4, 3) batch; the measurement harness calls `model(x, training=True)`, which this `call(X, flag)`
signature does not accept, so the probe calls `model(X, flag='interface')` (Keras 3 also rejects the
string flag passed positionally, "Only input tensors may be passed as positional arguments", measured).
"""

SOURCE = "https://github.com/MartinAchondo/XPPBE/blob/1a1c4f32338552e9dbc8afc4ec7486a5d203e4ba/code/NN/NeuralNet.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/au_xppbe_xpinn_container_build_net_leaves_both_subnets_unbuilt.py:
warning: `build()` was called on layer 'Molecule_NN', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, des
warning: `build()` was called on layer 'Solvent_NN', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: XPINN_NeuralNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:output_layer', 'Dense:layer_1', 'CustomActivation:custom_activation_1', 'Dense:layer_0', 'CustomActivation:custom_activation', 'Sequential:fourier_layer', 'SinCosLayer:fourier_sincos_layer', 'Dense:fourier_features', 'Lambda:scale_layer', 'Dense:output_layer', 'Dense:layer_1', 'CustomActiva[...]
call 1 raised TypeError: missing a required argument: 'flag'
probe (probe_xpinn.py): after build_Net both sub-models are built=True with 0 weights and count_params() == 0 (the summaries the
__main__ block prints); after model(X, flag='interface') each has 15935 params, 16 trainable weights in all, no None gradient, and
the four adaptive-activation weights 'a' (Molecule_NN/layer_0/custom_activation/a, ...) are tracked: only a real forward pass builds."""

import numpy as np
import tensorflow as tf


class XPINN_NeuralNet(tf.keras.Model):

    def __init__(self, hyperparameters, **kwargs):
        super().__init__(name='XPINN_NN', **kwargs)
        param_1, param_2 = hyperparameters
        self.NNs = [NeuralNet(**param_1, name='Molecule_NN'), NeuralNet(**param_2, name='Solvent_NN')]

    def call(self, X, flag):
        outputs = tf.zeros([tf.shape(X)[0], 2])   
        if flag == 'molecule':
            output = self.NNs[0](X)
            outputs = tf.concat([output, tf.zeros_like(output)], axis=1)
        elif flag == 'solvent':
            output = self.NNs[1](X)
            outputs = tf.concat([tf.zeros_like(output), output], axis=1)
        elif flag =='interface':
            outputs = tf.concat([self.NNs[0](X), self.NNs[1](X)], axis=1)
        return outputs
    
    def build_Net(self):
        self.NNs[0].build_Net()
        self.NNs[1].build_Net()


class NeuralNet(tf.keras.Model):

    def __init__(self, 
                 input_shape=(None, 3),
                 output_dim=1,
                 num_hidden_layers=2,
                 num_neurons_per_layer=20,
                 num_hidden_blocks=2,
                 activation='tanh',
                 adaptative_activation=False,
                 kernel_initializer='glorot_normal',
                 architecture_Net='FCNN',
                 fourier_features=False, 
                 num_fourier_features=128, 
                 fourier_sigma=1,
                 scale=([-1.,-1.,-1.],[1.,1.,1.]),
                 **kwargs):
        super().__init__(**kwargs)

        self.input_shape_N = input_shape
        self.num_hidden_layers = num_hidden_layers
        self.num_hidden_blocks = num_hidden_blocks
        self.output_dim = output_dim
        self.lb = tf.constant(scale[0])
        self.ub = tf.constant(scale[1])
        self.architecture_Net = architecture_Net
        self.num_fourier_features = num_fourier_features
        self.sigma = fourier_sigma
        self.use_fourier_features = fourier_features

        # Scale layer
        self.scale = tf.keras.layers.Lambda(
            lambda x: 2.0 * (x - self.lb) / (self.ub - self.lb) - 1.0, 
            name=f'scale_layer')

        # Fourier feature layer
        if self.use_fourier_features:
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

        # Custom activation function
        class CustomActivation(tf.keras.layers.Layer):
            def __init__(self, units=1, adaptative_activation=False, **kwargs):
                super(CustomActivation, self).__init__(**kwargs)
                self.units = units
                self.adaptative_activation = adaptative_activation
            def build(self, input_shape):
                self.a = self.add_weight(name='a',
                                        shape=(self.units,),
                                        initializer='ones',
                                        trainable=self.adaptative_activation)
                super(CustomActivation, self).build(input_shape)
            def call(self, inputs):
                a_expanded = tf.expand_dims(self.a, axis=0) 
                activation_func = tf.keras.activations.get(activation)
                return activation_func(inputs * a_expanded)

        # FCNN architecture
        if self.architecture_Net == 'FCNN':
            self.hidden_layers = list()
            for i in range(self.num_hidden_layers):
                layer = tf.keras.layers.Dense(num_neurons_per_layer,
                                              activation=CustomActivation(units=num_neurons_per_layer,adaptative_activation=adaptative_activation),
                                              kernel_initializer=kernel_initializer,
                                              name=f'layer_{i}')
                self.hidden_layers.append(layer)

        # Output layer
        self.out = tf.keras.layers.Dense(output_dim, name=f'output_layer')

    def build_Net(self):
        self.build(self.input_shape_N)

    def call(self, X):
        if self.architecture_Net == 'FCNN':
            return self.call_FCNN(X)

    def call_FCNN(self, X):
        Z = self.scale(X)
        if self.use_fourier_features:
            Z = self.fourier_features(Z) 
        for layer in self.hidden_layers:
            Z = layer(Z)
        return self.out(Z)


def build_model():
    hyperparameters = {
                'input_shape': (None,3),
                'num_hidden_layers': 2,
                'num_neurons_per_layer': 50,
                'output_dim': 1,
                'activation': 'tanh',
                'adaptative_activation': True,
                'architecture_Net': 'FCNN',
                'fourier_features': True,
                'scale': ([-1.,-1.,-1.],[1.,1.,1.])
        }
    model = XPINN_NeuralNet([hyperparameters,hyperparameters])
    model.build_Net()
    X = np.random.default_rng(0).uniform(-1, 1, (4, 3)).astype("float32")
    return model, X
