"""xlnwel/grl's `MLP` is a `tf.Module` (not a Keras layer) holding its Dense/LayerNormalization layers in `self._layers`, but the file's own demo calls it on a `keras.Input` and wraps the result in a functional `tf.keras.Model`: every layer becomes a graph node, so all weights are tracked and trained (look-alike of LD011).

From xlnwel/grl (`nn/mlp.py`, with `core/module.py`'s `Module` base, `nn/layers.py`'s `Layer` wrapper and the helpers
`get_activation`/`get_norm`/`call_norm`/`calculate_gain`/`Dummy` from `nn/utils.py`). The framework deliberately uses
`tf.Module` "as an alternative to keras.layers.Layer when encapsulating multiple layers" for a finer `Model.summary`.
A naive checker sees Keras layers kept in a list on a plain `tf.Module` (and on Keras 3 `tf.Module.trainable_variables`
does find none of them: that is what breaks the repository's RL agents, which optimise `module.trainable_variables`).
But `nn/mlp.py`'s `__main__` wires the module functionally: `x = layers.Input((64)); y = MLP(**config)(x);
model = tf.keras.Model(x, y)`; the functional model collects the Dense and LayerNormalization layers from the graph.

Porting edits: modules inlined; the layer registry replaced by the classes it returns for `layer_type='dense'`
(`Layer` wrapper and `layers.Dense`); `Module.__call__`'s filtering of `Dummy` layers kept; `get_initializer` reduced
to `initializers.get` (the config uses 'glorot_uniform'); logging left out; `layers.Input((64))` written `(64,)`
(Keras 3 refuses an int shape); layer names joined
with '_' instead of '/' (Keras 3 refuses '/' in a layer name). build_model() builds the demo's model (units_list [64, 64, 64], relu, layer norm
after activation, epsilon 1e-5) with input width 16 and returns it.
"""

SOURCE = "https://github.com/xlnwel/grl/blob/7d42bb2e78bc3e7b7c3ebbcf356a4d1cf12abebf/nn/mlp.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/okbu_grl_mlp_tf_module_of_dense_layers_called_on_keras_input_functional_model.py:
as returned: Functional, count_params() = 9792, 12 weights, unbuilt: none (3 Dense 16->64->64->64 + 3 LayerNormalization)
after call: count_params() = 9792, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []; tape watched 0 untracked variables; second call: 0 new variables
probe (probe_grl.py): the same MLP called eagerly outside a functional model has tf.Module.trainable_variables == 0 on
Keras 3 (the repository's RL optimisers, which read module.trainable_variables, are the broken use; the demo is fine)."""

import functools
import inspect

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, activations, initializers


# ---- nn/utils.py (parts)
class Dummy:
    def __init__(self, **kwargs):
        pass

    def __call__(self, x, **kwargs):
        return x


def get_activation(act_name, return_cls=False, **kwargs):
    custom_activations = {
        None: Dummy,
        'relu': layers.ReLU,
        'leaky_relu': layers.LeakyReLU,
    }
    if isinstance(act_name, str):
        act_name = act_name.lower()
    if act_name in custom_activations:
        act_cls = custom_activations[act_name]
        if return_cls:
            return act_cls
        else:
            return act_cls(**kwargs)
    else:
        return activations.get(act_name)


def get_norm(name):
    norm_layers = {
        None: Dummy,
        'layer': layers.LayerNormalization,
        'batch': layers.BatchNormalization,
    }
    if isinstance(name, str):
        name = name.lower()
    if name in norm_layers:
        return norm_layers[name]
    else:
        return name


def calculate_gain(name, param=None):
    m = {None: 1, 'sigmoid': 1, 'tanh': 5. / 3., 'relu': np.sqrt(2.)}
    return m[name]


def call_norm(norm_type, norm_layer, x, training):
    if norm_type == 'batch':
        y = norm_layer(x, training=training)
    else:
        y = norm_layer(x)
    return y


# ---- core/module.py
class Module(tf.Module):
    """ This class is an alternative to keras.layers.Layer when
    encapsulating multiple layers. """
    def __init__(self, name):
        self.scope_name = name
        self._is_built = False
        self._training_cls = [layers.BatchNormalization, layers.Dropout]
        name = name and name.split('/')[-1]
        super().__init__(name=name)

    def __call__(self, *args, **kwargs):
        if not self._is_built:
            self._build(*tf.nest.map_structure(
                lambda x: x.shape if isinstance(x, tf.Tensor) else x, args))
        if hasattr(self, '_layers') and isinstance(self._layers, (list, tuple)):
            self._layers = [l for l in self._layers if not isinstance(l, Dummy)]

        return self._call(*args, **kwargs)

    def _build(self, *args):
        self.build(*args)
        self._is_built = True

    def build(self, *args, **kwargs):
        pass

    def _call(self, *args, **kwargs):
        return self.call(*args, **kwargs)

    def call(self, x, training=False, training_cls=(), **kwargs):
        training_cls = set(training_cls) | set(self._training_cls)
        training_cls = tuple([c.func if isinstance(c, functools.partial)
            else c for c in training_cls if inspect.isclass(c)])

        for l in self._layers:
            if isinstance(l, training_cls):
                x = l(x, training=training)
            else:
                x = l(x, **kwargs)
        return x


# ---- nn/layers.py (Layer)
class Layer(Module):
    def __init__(self, *args, layer_type=layers.Dense, norm=None,
                activation=None, kernel_initializer='glorot_uniform',
                name=None, norm_after_activation=False,
                norm_kwargs={}, **kwargs):
        super().__init__(name=name)

        gain = kwargs.pop('gain', calculate_gain(activation))
        kernel_initializer = initializers.get(kernel_initializer)

        self._layer = layer_type(
            *args, kernel_initializer=kernel_initializer, name=name, **kwargs)
        self._norm = norm
        self._norm_cls = get_norm(norm)
        if self._norm:
            self._norm_layer = self._norm_cls(**norm_kwargs, name=f'{self.scope_name}_norm')
        self._norm_after_activation = norm_after_activation
        self.activation = get_activation(activation)

    def call(self, x, training=True, **kwargs):
        x = self._layer(x, **kwargs)

        if self._norm is not None and not self._norm_after_activation:
            x = call_norm(self._norm, self._norm_layer, x, training=training)
        if self.activation is not None:
            x = self.activation(x)
        if self._norm is not None and self._norm_after_activation:
            x = call_norm(self._norm, self._norm_layer, x, training=training)

        return x


# ---- nn/mlp.py
class MLP(Module):
    def __init__(self, units_list, out_size=None, layer_type='dense',
                norm=None, activation=None, kernel_initializer='glorot_uniform',
                name=None, out_dtype=None, out_gain=1, norm_after_activation=False,
                norm_kwargs={}, **kwargs):
        super().__init__(name=name)
        layer_cls = layers.Dense          # layer_registry.get('dense')
        Layer_ = Layer                     # layer_registry.get('layer')
        self._out_dtype = out_dtype

        self._layers = [
            Layer_(u, layer_type=layer_cls, norm=norm,
                activation=activation, kernel_initializer=kernel_initializer,
                norm_after_activation=norm_after_activation, norm_kwargs=norm_kwargs,
                name=f'{name}_{layer_type}_{i}', **kwargs)
            for i, u in enumerate(units_list)]
        if out_size:
            kwargs.pop('gain', None)
            kernel_initializer = initializers.get(kernel_initializer)
            self._layers.append(layer_cls(
                out_size, kernel_initializer=kernel_initializer,
                dtype=out_dtype, name=f'{name}_out', **kwargs))

    def call(self, x, **kwargs):
        x = super().call(x, **kwargs)
        if self._out_dtype is not None \
                and self._out_dtype != tf.float32 \
                and self._out_dtype != 'float32':
            x = tf.cast(x, self._out_dtype)
        return x


def build_model():
    config = {
        'units_list': [64, 64, 64],
        'activation': 'relu',
        'norm': 'layer',
        'norm_after_activation': True,
        'norm_kwargs': {
            'epsilon': 1e-5
        }
    }
    x = layers.Input((16,))
    net = MLP(**config)
    y = net(x)

    model = tf.keras.Model(x, y)
    return model
