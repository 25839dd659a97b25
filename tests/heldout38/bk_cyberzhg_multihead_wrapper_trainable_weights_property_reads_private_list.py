"""keras-multi-head's `MultiHead` wrapper overrides the `trainable_weights` / `non_trainable_weights` properties to return `self._trainable_weights[:]` plus its sublayers' weights: a private weight list that Keras 3 layers no longer have, so asking for the model's weights raises AttributeError.

From CyberZHG/keras-multi-head, `keras_multi_head/multi_head.py` (PyPI `keras-multi-head`, the base of keras-bert /
keras-transformer). The wrapper keeps its parallel copies in `self.layers` and, because Keras 2 did not look inside
plain lists assigned before `super().__init__()`, collects their weights itself by overriding the public weight
properties on top of the private `_trainable_weights` / `_non_trainable_weights` lists that Keras 2's `add_weight`
filled. Keras 3 layers keep their variables in `_trainable_variables` / `_non_trainable_variables`, so the two
overridden properties raise AttributeError whenever they are read: `layer.trainable_weights`, the list users hand to
a GradientTape or an optimizer, and freezing checks. Measured nuance: Keras 3 itself does not go through these
properties (the Model collects `trainable_variables`, and the Conv1D copies are tracked even though the list was
assigned before `super().__init__()`), so count_params, summary, fit and saving still work; the breakage is the
wrapper's public weight API. This is the catalog's private-weight-list defect (LD006) in its read-and-extend form;
doubt kept: the code reads rather than mutates the private list, but the failure is the AttributeError LD006 names.

Porting edits (only what Keras 3 needs to reach the properties): `keras.engine.InputSpec` -> `keras.InputSpec`;
`keras.utils.generic_utils.has_arg` -> a local `has_arg` using `inspect`; the `K.*` ops in `build()`/`call()` ->
`keras.ops` (`expand_dims`, `concatenate`, `matmul`, `flatten` -> `reshape(-1)`, `stack`, `transpose`, `eye`, `sum`,
`square`); the Keras 2-only `updates` / `get_updates_for` / `get_losses_for` overrides are dropped (never called by
Keras 3); `get_config` / `from_config` kept. build_model() is the README's "Use Multiple-Layers" example (a list of
three Conv1D layers after an Embedding in a Sequential) with the sequence length fixed to 10.
"""

SOURCE = "https://github.com/CyberZHG/keras-multi-head/blob/5eba09af4c3e017d92c4bbe49c11a12d2ceca182/keras_multi_head/multi_head.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/bk_cyberzhg_multihead_wrapper_trainable_weights_property_reads_private_list.py:
as returned: Sequential, count_params() = 11696, 7 weights, unbuilt: none
after call: count_params() = 11696, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'Multi-CNNs': 9696}
second call: 0 variables watched that the first call did not use
probe (probe_bk_multihead.py, probe_bk_multihead2.py): MultiHead tracks its 3 Conv1D copies; mh.trainable_weights raises AttributeError "'MultiHead' object has no attribute '_trainable_weights'", mh.non_trainable_weights raises the same for '_non_trainable_weights', model.get_layer('Multi-CNNs').trainable_weights raises too; mh.trainable_variables has 6 and model.trainable_weights 7; model.summary(), fit (1 epoch), save_weights/load_weights (weights equal) and model.save all work; after mh.trainable = False the model has 1 trainable and 6 non-trainable weights."""

import copy
import inspect

import keras
from keras import ops as K


def has_arg(fn, name):
    return name in inspect.signature(fn).parameters


class MultiHead(keras.layers.Wrapper):

    def __init__(self,
                 layer,
                 layer_num=1,
                 hidden_dim=None,
                 use_bias=True,
                 reg_index=None,
                 reg_slice=None,
                 reg_factor=0.0,
                 **kwargs):
        if type(layer) is list:
            self.layer = layer[0]
            self.layers = layer
            self.layer_num = len(self.layers)
            self.rename = False
        else:
            self.layer = layer
            self.layers = []
            self.layer_num = layer_num
            self.rename = True
        self.hidden_dim = hidden_dim
        self.use_bias = use_bias
        if reg_index is None or type(reg_index) is list:
            self.reg_index = reg_index
        else:
            self.reg_index = [reg_index]
        if type(reg_slice) is list or reg_index is None:
            self.reg_slice = reg_slice
        else:
            self.reg_slice = [reg_slice] * len(self.reg_index)
        if reg_factor is None or type(reg_factor) is list or reg_index is None:
            self.reg_weight = reg_factor
        else:
            self.reg_weight = [reg_factor] * len(self.reg_index)

        self.W, self.b = None, None
        self.supports_masking = self.layer.supports_masking
        super(MultiHead, self).__init__(self.layer, **kwargs)

    def get_config(self):
        slices = None
        if self.reg_slice:
            slices = []
            for interval in self.reg_slice:
                if interval is None:
                    slices.append(None)
                elif type(interval) is slice:
                    slices.append([interval.start, interval.stop, interval.step])
                else:
                    slices.append([])
                    for sub in interval:
                        slices[-1].append([sub.start, sub.stop, sub.step])
        config = {
            'layers': [],
            'hidden_dim': self.hidden_dim,
            'use_bias': self.use_bias,
            'reg_index': self.reg_index,
            'reg_slice': slices,
            'reg_factor': self.reg_weight,
        }
        for layer in self.layers:
            config['layers'].append({
                'class_name': layer.__class__.__name__,
                'config': layer.get_config(),
            })
        base_config = super(MultiHead, self).get_config()
        base_config.pop('layer')
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        reg_slice = config.pop('reg_slice')
        if reg_slice is not None:
            slices = []
            for interval in reg_slice:
                if interval is None:
                    slices.append(None)
                elif type(interval[0]) is list:
                    slices.append([])
                    for sub in interval:
                        slices[-1].append(slice(sub[0], sub[1], sub[2]))
                    slices[-1] = tuple(slices[-1])
                else:
                    slices.append(slice(interval[0], interval[1], interval[2]))
            reg_slice = slices
        layers = [keras.layers.deserialize(layer, custom_objects=custom_objects) for layer in config.pop('layers')]
        return cls(layers, reg_slice=reg_slice, **config)

    def build(self, input_shape):
        if type(input_shape) == list:
            self.input_spec = list(map(lambda x: keras.InputSpec(shape=x), input_shape))
        else:
            self.input_spec = keras.InputSpec(shape=input_shape)
        if not self.layers:
            self.layers = [copy.deepcopy(self.layer) for _ in range(self.layer_num)]
        if self.hidden_dim is not None:
            self.W = self.add_weight(
                shape=(input_shape[-1], self.hidden_dim * self.layer_num),
                name='{}_W'.format(self.name),
                initializer=keras.initializers.get('uniform'),
            )
            if self.use_bias:
                self.b = self.add_weight(
                    shape=(self.hidden_dim * self.layer_num,),
                    name='{}_b'.format(self.name),
                    initializer=keras.initializers.get('zeros'),
                )
            input_shape = input_shape[:-1] + (self.hidden_dim,)
        for i, layer in enumerate(self.layers):
            if not layer.built:
                if self.rename:
                    layer.name = layer.name + '_%d' % (i + 1)
                layer.build(input_shape)
        if self.reg_index:
            for i, (index, interval, weight) in enumerate(zip(self.reg_index, self.reg_slice, self.reg_weight)):
                weights = []
                if type(interval) is slice:
                    interval = (interval,)
                for layer in self.layers:
                    if interval is None:
                        weights.append(K.reshape(layer.get_weights()[index], (-1,)))
                    else:
                        weights.append(K.reshape(layer.get_weights()[index][interval], (-1,)))
                weights = K.stack(weights)
                self.add_loss(weight * K.sum(K.square(K.matmul(weights, K.transpose(weights)) - K.eye(len(self.layers)))))
        super(MultiHead, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        if self.hidden_dim is not None:
            input_shape = input_shape[:-1] + (self.hidden_dim,)
        child_output_shape = self.layers[0].compute_output_shape(input_shape)
        return child_output_shape + (self.layer_num,)

    def compute_mask(self, inputs, mask=None):
        return self.layers[0].compute_mask(inputs, mask)

    def call(self, inputs, training=None, mask=None):
        kwargs = {}
        if has_arg(self.layer.call, 'training'):
            kwargs['training'] = training
        if has_arg(self.layer.call, 'mask') and mask is not None:
            kwargs['mask'] = mask
        if self.hidden_dim is None:
            outputs = [K.expand_dims(layer.call(inputs, **kwargs), -1) for layer in self.layers]
        else:
            outputs = []
            for i, layer in enumerate(self.layers):
                begin = i * self.hidden_dim
                end = begin + self.hidden_dim
                transformed = K.matmul(inputs, self.W[:, begin:end])
                if self.use_bias:
                    transformed += self.b[begin:end]
                outputs.append(K.expand_dims(layer.call(transformed, **kwargs), -1))
        return K.concatenate(outputs, axis=-1)

    @property
    def trainable_weights(self):
        weights = self._trainable_weights[:]
        for layer in self.layers:
            weights += layer.trainable_weights
        return weights

    @property
    def non_trainable_weights(self):
        weights = self._non_trainable_weights[:]
        for layer in self.layers:
            weights += layer.non_trainable_weights
        return weights





def build_model():
    model = keras.models.Sequential()
    model.add(keras.Input((10,)))
    model.add(keras.layers.Embedding(input_dim=100, output_dim=20, name='Embedding'))
    model.add(MultiHead([
        keras.layers.Conv1D(filters=32, kernel_size=3, padding='same'),
        keras.layers.Conv1D(filters=32, kernel_size=5, padding='same'),
        keras.layers.Conv1D(filters=32, kernel_size=7, padding='same'),
    ], name='Multi-CNNs'))
    return model
