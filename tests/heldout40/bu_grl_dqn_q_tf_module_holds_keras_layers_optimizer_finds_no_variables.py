"""xlnwel/grl's DQN `Q` network is a `tf.Module` (the repository's `Module` base) that keeps Keras Dense layers in an `MLP` `tf.Module`, and the repository's `Optimizer` trains `[m.trainable_variables for m in models]`: on Keras 3, `tf.Module` does not see Keras variables, so the optimizer finds 0 parameters and the Q network never trains, silently.

From xlnwel/grl (`algo/dqn/nn.py` `Q`, `nn/func.py` `mlp`, `nn/mlp.py` `MLP`, `nn/layers.py` `Layer`, `core/module.py` `Module`,
`core/optimizer.py` `Optimizer`). The framework wraps Keras layers in `tf.Module` subclasses "as an alternative to
keras.layers.Layer when encapsulating multiple layers"; under tf.keras 2 a Keras layer was itself a `tf.Module` and its
`tf.Variable`s were collected by `Module.trainable_variables`. Keras 3 variables are `KerasVariable`s, not `tf.Variable`
instances, and Keras layers are not `tf.Module`s, so `Q(...).trainable_variables` is empty even after the first call.
`Optimizer.__call__` logs "Found 0 parameters", computes `tape.gradient(loss, [])`, its `assert None not in grads`
passes on the empty list, and `apply_gradients` of nothing changes nothing. The layers are held by plain containers
that Keras does not track (LD011: a tf.Module wrapper).

Porting edits: modules inlined; the layer registry replaced by the classes it returns for `layer_type='dense'`;
`get_initializer` reduced to `initializers.get`; the noisy-net and dueling branches of `Q` and its action/epsilon
helpers (tensorflow_probability) left out, `call` kept; logging left out; layer names joined with '_' instead of '/'
(Keras 3 refuses '/' in a layer name); the Optimizer keeps only the path taken without clipping, weight decay, l2 or
mixed precision. build_model() builds `Q({'units_list': [32, 32], 'activation': 'relu'}, action_dim=4)`, calls it once
on a (2, 8) batch of observations and returns it with that batch (it is a tf.Module, not a Keras model: the author's
agent never wraps it in one).
"""

SOURCE = "https://github.com/xlnwel/grl/blob/7d42bb2e78bc3e7b7c3ebbcf356a4d1cf12abebf/algo/dqn/nn.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/bu_grl_dqn_q_tf_module_holds_keras_layers_optimizer_finds_no_variables.py:
as returned: Q, count_params() = count_params() raised AttributeError, 0 weights, unbuilt: none
call 1 raised TypeError: Q.call() got an unexpected keyword argument 'training'  (the script's call; Q is not a Keras layer)
probe (probe_grl_dqn.py): after q(obs), Q.trainable_variables == 0 while its three Dense layers hold 6 Keras weights;
the repository's Optimizer prints "Found 0 parameters for <...Q object ...>", tape.gradient(loss, []) gives [], the
`assert None not in grads` passes, tf.linalg.global_norm([]) == 0.0, and Keras 3's Adam.apply_gradients(zip([], []))
raises ValueError: not enough values to unpack (expected 2, got 0) (keras/src/optimizers/base_optimizer.py:461).
Under tf.keras 2 (not measured here) the Dense variables were tf.Variables inside tf.Modules and were collected."""

import functools
import inspect

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, initializers


class Dummy:
    def __init__(self, **kwargs):
        pass

    def __call__(self, x, **kwargs):
        return x


def get_activation(act_name, **kwargs):
    custom_activations = {None: Dummy, 'relu': layers.ReLU}
    return custom_activations[act_name](**kwargs)


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

    def get_weights(self):
        return [v.numpy() for v in self.variables]


# ---- nn/layers.py (Layer)
class Layer(Module):
    def __init__(self, *args, layer_type=layers.Dense, norm=None,
                activation=None, kernel_initializer='glorot_uniform',
                name=None, **kwargs):
        super().__init__(name=name)
        kernel_initializer = initializers.get(kernel_initializer)
        self._layer = layer_type(
            *args, kernel_initializer=kernel_initializer, name=name, **kwargs)
        self._norm = norm
        self.activation = get_activation(activation)

    def call(self, x, training=True, **kwargs):
        x = self._layer(x, **kwargs)
        if self.activation is not None:
            x = self.activation(x)
        return x


# ---- nn/mlp.py + nn/func.py
class MLP(Module):
    def __init__(self, units_list, out_size=None, layer_type='dense',
                norm=None, activation=None, kernel_initializer='glorot_uniform',
                name=None, out_dtype=None, **kwargs):
        super().__init__(name=name)
        layer_cls = layers.Dense
        self._out_dtype = out_dtype
        self._layers = [
            Layer(u, layer_type=layer_cls, norm=norm,
                activation=activation, kernel_initializer=kernel_initializer,
                name=f'{name}_{layer_type}_{i}', **kwargs)   # porting edit: '/' -> '_'
            for i, u in enumerate(units_list)]
        if out_size:
            self._layers.append(layer_cls(
                out_size, kernel_initializer=initializers.get(kernel_initializer),
                dtype=out_dtype, name=f'{name}_out', **kwargs))

    def call(self, x, **kwargs):
        x = super().call(x, **kwargs)
        if self._out_dtype is not None \
                and self._out_dtype != tf.float32 \
                and self._out_dtype != 'float32':
            x = tf.cast(x, self._out_dtype)
        return x


def mlp(units_list=[], out_size=None, **kwargs):
    return MLP(units_list, out_size=out_size, **kwargs)


# ---- algo/dqn/nn.py
class Q(Module):
    def __init__(self, config, action_dim, name='value'):
        super().__init__(name=name)
        config = config.copy()

        self._action_dim = action_dim
        self._duel = config.pop('duel', False)
        self._layer_type = config.get('layer_type', 'dense')

        self._add_layer(config)

    def _add_layer(self, config):
        """ Network definition """
        self._layers = mlp(
            **config,
            out_size=self.action_dim,
            name=self.name,
            out_dtype='float32')

    @property
    def action_dim(self):
        return self._action_dim

    def call(self, x, action=None, noisy=False, reset=False):
        kwargs = dict(noisy=noisy, reset=reset) if self._layer_type == 'noisy' else {}
        q = self._layers(x, **kwargs)
        if action is not None:
            if action.dtype.is_integer:
                action = tf.one_hot(action, self.action_dim, dtype=q.dtype)
            q = tf.reduce_sum(q * action, -1)
        return q


# ---- core/optimizer.py (the path without clipping / weight decay / mixed precision)
class Optimizer(tf.Module):
    def __init__(self, name, models, lr, **kwargs):
        self._models = models if isinstance(models, (list, tuple)) else [models]
        self._opt = tf.keras.optimizers.Adam(lr, **kwargs)
        self._variables = None

    def __call__(self, tape, loss, output_gradients=None):
        if self._variables is None:
            variables = [m.trainable_variables for m in self._models]
            for v, m in zip(variables, self._models):
                print(f'Found {len(v)} parameters for {m}')
            self._variables = tf.nest.flatten(variables)
        grads = tape.gradient(loss, self._variables, output_gradients=output_gradients)
        assert None not in grads, f'No grads for {self._variables[grads.index(None)].name}'
        norm = tf.linalg.global_norm(grads)
        self._opt.apply_gradients(zip(grads, self._variables))
        return norm


def build_model():
    q = Q({'units_list': [32, 32], 'activation': 'relu'}, action_dim=4)
    obs = np.random.default_rng(0).random((2, 8)).astype('float32')
    q(obs)
    return q, obs
