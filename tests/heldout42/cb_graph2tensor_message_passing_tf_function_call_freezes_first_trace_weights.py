"""graph2tensor's `MessagePassing` model decorates its `call()` with `@tf.function(experimental_relax_shapes=True)`,
and its `GCNConv` layers (each wrapping a `Dense`) create their weights lazily on first use, i.e. inside that first
trace. On Keras 3 + TF 2.21 the traced graph then holds the weights' initial values as constants instead of reading
the variables: every trainable weight gets a `None` gradient in an eager `GradientTape` loop (LD009), and the model's
direct calls keep returning the initial-weight output whatever is assigned, loaded or trained afterwards. The layers
themselves are fine: they are passed in as a plain Python list of lists (one list per meta-path, the project's test
passes the same list three times to share weights), and Keras tracks those nested lists, so all 6 weights are in
`model.trainable_weights` (the LD011-looking part is not a defect here).

From deepest-stack/graph2tensor (a graph sampling / ego-graph-to-tensor library for GNN training on TensorFlow),
`python/graph2tensor/model/models/message_passing.py` (`MessagePassing`), with `GCNConv` from
`python/graph2tensor/model/layers/gcn_layer.py`, `AttrCompact` from
`python/graph2tensor/model/layers/attr_compact_layer.py` and the reserved attribute names from
`python/graph2tensor/converter/ego2tensor.py`, all at d648cef. build_model() follows
`python/test/test_message_passing.py`: three `GCNConv` layers (32, 32, 8 units) in one list, passed three times,
`concat_hidden=False`, on three identical 3-hop paths of random node features (4 -> 10 -> 55 -> 110 nodes).

Porting edits: the three modules are inlined in one file (`NID/EID/UID/VID` copied from ego2tensor.py); the
`explain_call` methods (integrated-gradients explainer) and `get_config`/`from_config` are kept as written; the
test's module-level `tf.config.run_functions_eagerly(True)` is not applied (the library does not set it; with it the
tf.function runs eagerly and the gradients are present, see MEASURED); the input batch is built in build_model()
with a fixed NumPy seed instead of at test-module level.
Doubt kept: the code pattern is not one of LD009's usual ones (unused weight, stop_gradient, NumPy, argmax): the
missing gradient comes from creating the variables inside a `tf.function`-decorated `call()` on Keras 3 (under
tf.keras 2 the same code read the variables). Calling `GCNConv(...).build(...)` before the first call avoids it.
"""

SOURCE = "https://github.com/deepest-stack/graph2tensor/blob/d648cefae66b4d1712f77a8369bb73b1ff77d3c4/python/graph2tensor/model/models/message_passing.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: MessagePassing, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['GCNConv:layer1', 'Dense:dense', 'GCNConv:layer2', 'Dense:dense_1', 'GCNConv:layer3', 'Dense:dense_2', 'AttrCompact:attr_reduce_layer']
after call: count_params() = 1864, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 6 trainable weights: ['sage/layer1/dense/kernel', 'sage/layer1/dense/bias', 'sage/layer2/dense_1/kernel', 'sage/layer2/dense_1/bias', 'sage/layer3/dense_2/kernel', 'sage/layer3/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer1': 544, 'layer2': 1056, 'layer3': 264, 'attr_reduce_layer': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_g2t2.py and probes/probe_g2t3.py <this file> (eager tape loop, assign, save/load, compile + train_on_batch):
the 6 trainable weights are tracked (nested lists became TrackedList; sublayers layer1/dense, layer2/dense_1, layer3/dense_2, attr_reduce_layer), but the first traced graph captures no variables: a second eager GradientTape call again gives None for 6 of 6 and watches 0 variables, and opt.apply_gradients raises ValueError: No gradients provided for any variable.
after assigning 0 to all 6 weights, the model's output is unchanged (it would be all zeros);
a fresh MessagePassing called once, then load_weights(...): its output is still its own initial one;
compile('adam', 'mse') + 5 train_on_batch steps: loss falls 13.40 -> 5.14 and 6 of 6 weights change, but the model's direct call output does not change;
with the test's tf.config.run_functions_eagerly(True): gradient None for 0 of 6.
probes/probe_tffunc.py, probes/probe_tffunc2.py (a 1-Dense model with @tf.function call): same None gradients and frozen output when the Dense is built inside the first trace; none when it is built before."""

import numpy as np
import tensorflow as tf


# --- graph2tensor/converter/ego2tensor.py (reserved attribute names) ---
NID = '_NID'
EID = '_EID'
UID = '_UID'
VID = '_VID'


# --- graph2tensor/model/layers/attr_compact_layer.py ---
reserved_attrs = {NID, EID, UID, VID}


class AttrCompact(tf.keras.layers.Layer):

    """
    Pre-processing layers that transform nodes & edges attributes from `dict` of tensor
    into one compact tensor. Usually used as the last pre-processing layer.

    :param mode: how to compact attributes, expected 'concat', 'mean' or 'sum', default to 'concat'
    :param name: name of layer
    :param kwargs: args passed to `tf.keras.layers.Layer`
    """

    def __init__(self, mode='concat', name=None, **kwargs):
        super(AttrCompact, self).__init__(name=name, **kwargs)
        self.mode = mode

    def get_config(self):
        config = super(AttrCompact, self).get_config()
        config["mode"] = self.mode
        return config

    def compact(self, attrs):
        attrs_ = {}
        for k in attrs:
            if k not in reserved_attrs: attrs_[k] = attrs[k]
        if attrs_:
            if self.mode == 'mean':
                return tf.reduce_mean(
                    [tf.cast(v, tf.float32) for v in attrs_.values()],
                    axis=0
                )
            elif self.mode == 'sum':
                return tf.reduce_sum(
                    [tf.cast(v, tf.float32) for v in attrs_.values()],
                    axis=0
                )
            else:
                keys = sorted(attrs_.keys())
                if len(keys) > 1:
                    return tf.concat(
                        [tf.cast(attrs_[k], tf.float32) for k in keys],
                        axis=1
                    )
                else:
                    return tf.cast(attrs_[keys[0]], tf.float32)

        else:
            return tf.constant([], dtype=tf.float32)

    def call(self, inputs, **kwargs):
        out = []
        for path in inputs:
            path_compact = []
            for src, edge, dst, segment_ids in path:
                src_compact = self.compact(src)
                edge_compact = self.compact(edge)
                dst_compact = self.compact(dst)
                path_compact.append((src_compact, edge_compact, dst_compact, segment_ids))
            out.append(tuple(path_compact))
        return tuple(out)

    def explain_call(self, inputs, **kwargs):
        out = []
        for path in inputs:
            path_compact = []
            for src, edge, dst, segment_ids, weights in path:
                src_compact = self.compact(src)
                edge_compact = self.compact(edge)
                dst_compact = self.compact(dst)
                path_compact.append((src_compact, edge_compact, dst_compact, segment_ids, weights))
            out.append(tuple(path_compact))
        return tuple(out)


# --- graph2tensor/model/layers/gcn_layer.py ---
class GCNConv(tf.keras.layers.Layer):
    r"""
    GCN convolution layer

    .. math::
        h_i^{(l+1)} = h_i^{(l)} + avg(\mathbf{W} h_j^{(l)} + b, j \in \mathcal{N}_i)

    :param units: number of hidden units
    :param add_self_loop: whether add self loop to each node, default to `True`
    :param activation: layer activation, `str` or `tf.keras.activations` object,
                        default to linear activation
    :param use_bias: whether add bias or not, default to `True`
    :param kwargs: args passed to `tf.keras.layers.Layer`
    """

    def __init__(self, units=32, add_self_loop=True, activation=None, use_bias=True, **kwargs):
        super(GCNConv, self).__init__(**kwargs)
        self.linear = tf.keras.layers.Dense(
            units=units,
            activation=activation,
            use_bias=use_bias
        )
        self.add_self_loop = add_self_loop

    def get_config(self):
        config = super(GCNConv, self).get_config()
        linear_config = self.linear.get_config()
        config.update(
            {
                "units": linear_config["units"],
                "add_self_loop": self.add_self_loop,
                "activation": linear_config["activation"],
                "use_bias": linear_config["use_bias"]
            }
        )
        return config

    def call(self, inputs, **kwargs):
        src, _, dst, segment_ids = inputs
        x = tf.math.segment_mean(dst, tf.squeeze(segment_ids))
        if self.add_self_loop:
            x = x + src
        return self.linear(x)

    def explain_call(self, inputs):
        src, edge, dst, segment_ids, weights = inputs
        dst =  tf.multiply(dst, tf.reshape(weights, (-1, 1)))
        return self.call((src, edge, dst, segment_ids))


# --- graph2tensor/model/models/message_passing.py ---
class MessagePassing(tf.keras.Model):
    """
    A model framework that implemented message-passing programing paradigm.

    :param conv_layers: graph convolution layers, which receive a tuple
                        (src, edge, dst, offset) as inputs and output
                        aggregated messages from dst to each src.
                        Since there are usually several paths in sub-graph
                        and each path corresponding to a list of layers,
                        `conv_layers` should contain several lists of layers.
                        Different layer lists could be consisted of different layers
                        to handle different paths within ego-graph distinctively
    :param attr_reduce_mode: how to reduce attributes of nodes/edges, expected 'concat',
                             'mean' or 'sum', default to 'concat'
    :param pre_proc_layers: feature pre-processing layers, the first layer of it receive a
                            ego-graph tuple, see :class:`graph2tensor.converter.Converter`
                            for detail, the last layer outputs a ego-graph in which each
                            path is represented as a tuple of hops, (hop#1, hop#2, hop#3),
                            and each hop represented as (src, edge, dst, offset), in which
                            src, edge and dst are 2-d tensor and offset is 1-d tensor.
    :param reduce_layer: the layer reduce the message passed to centre nodes from each path
                            in ego-graph, if not specified, mean pooling will be applied
    :param out_layers: out layers, applied after convolution layers
    :param name: the name of model
    :param concat_hidden: whether concatenate the outputs of the last pre-processing layer
                            and every convolution layer
    :param kwargs: other args passed to super class
    """

    def __init__(self,
                 conv_layers,
                 attr_reduce_mode='concat',
                 pre_proc_layers=None,
                 reduce_layer=None,
                 out_layers=None,
                 name=None,
                 concat_hidden=False,
                 **kwargs):
        super(MessagePassing, self).__init__(name=name, **kwargs)
        self.conv_layers = conv_layers
        self.attr_reduce_layer = AttrCompact(mode=attr_reduce_mode, name='attr_reduce_layer')
        self.pre_proc_layers = pre_proc_layers
        self.reduce_layer = reduce_layer
        self.out_layers = out_layers
        self.concat_hidden = concat_hidden

    def call_pre_proc_layers(self, inputs, explaining=False):
        if self.pre_proc_layers is None:
            return inputs
        x = inputs
        for layer in self.pre_proc_layers:
            x = layer.explain_call(x) if explaining else layer(x)
        return x

    def call_attr_reduce_layer(self, inputs, explaining=False):
        return self.attr_reduce_layer.explain_call(inputs) if explaining \
            else self.attr_reduce_layer(inputs)

    def call_conv_layers(self, inputs, explaining=False):
        if len(self.conv_layers) != len(inputs):
            raise ValueError("path count in input do not match the convolution layers")
        outs = []
        for path, layers in zip(inputs, self.conv_layers):
            if len(path) != len(layers):
                raise ValueError("Hop count in path do not match the convolution layers")
            conv_out = []
            for layer in layers:
                msg_agg = []
                for hop in path:
                    msg_agg.append(layer.explain_call(hop) if explaining else layer(hop))
                conv_out.append(msg_agg[0])
                new_path = []
                for i in range(len(msg_agg)-1):
                    hop = [msg_agg[i], path[i][1], msg_agg[i+1], path[i][3]]
                    if explaining: hop.append(path[i][4])
                    new_path.append(tuple(hop))
                path = tuple(new_path)
            if self.concat_hidden:
                outs.append(tf.concat(conv_out, axis=1))
            else:
                outs.append(conv_out[-1])
        return outs

    def call_reduce_layer(self, inputs):
        if self.reduce_layer is None:
            return tf.reduce_mean(inputs, axis=0)
        return self.reduce_layer(inputs)

    def call_out_layers(self, inputs):
        if self.out_layers is None:
            return inputs
        x = inputs
        for layer in self.out_layers:
            x = layer(x)
        return x

    # The input tensors may have different shapes,
    # so set `experimental_relax_shapes` to `True`
    @tf.function(experimental_relax_shapes=True)
    def call(self, inputs, training=None):
        x = self.call_pre_proc_layers(inputs)
        x = self.call_attr_reduce_layer(x)
        x = self.call_conv_layers(x)
        x = self.call_reduce_layer(x)
        x = self.call_out_layers(x)
        return x

    def explain_call(self, inputs):
        x = self.call_pre_proc_layers(inputs, True)
        x = self.call_attr_reduce_layer(x, True)
        x = self.call_conv_layers(x, True)
        x = self.call_reduce_layer(x)
        x = self.call_out_layers(x)
        return x

    def get_config(self):
        config = {
            "name": self.name,
            "concat_hidden": self.concat_hidden,
            "attr_reduce_mode": self.attr_reduce_layer.mode,
            "pre_proc_layers": None if self.pre_proc_layers is None else [tf.keras.layers.serialize(layer)
                                                                          for layer in self.pre_proc_layers],
            "reduce_layer": None if self.reduce_layer is None else tf.keras.layers.serialize(self.reduce_layer),
            "out_layers": None if self.out_layers is None else [tf.keras.layers.serialize(layer)
                                                                for layer in self.out_layers],
            "conv_layers": [
                [tf.keras.layers.serialize(layer) for layer in layers]
                for layers in self.conv_layers
            ]
        }
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        pre_proc_layers = None if config["pre_proc_layers"] is None else [
            tf.keras.layers.deserialize(serialized_layer, custom_objects)
            for serialized_layer in config["pre_proc_layers"]
        ]
        conv_layers = [
            [tf.keras.layers.deserialize(serialized_layer, custom_objects) for serialized_layer in layers]
            for layers in config["conv_layers"]
        ]
        reduce_layer = None if config["reduce_layer"] is None else tf.keras.layers.deserialize(
            config["reduce_layer"], custom_objects)
        out_layers = None if config["out_layers"] is None else [
            tf.keras.layers.deserialize(serialized_layer, custom_objects)
            for serialized_layer in config["out_layers"]
        ]
        return cls(conv_layers, config["attr_reduce_mode"], pre_proc_layers,
                   reduce_layer, out_layers, config["name"], config["concat_hidden"])


def build_model():
    # as in python/test/test_message_passing.py
    rng = np.random.default_rng(0)
    conv_layers = [
        GCNConv(units=32, name="layer1"),
        GCNConv(units=32, name="layer2"),
        GCNConv(units=8, name="layer3"),
    ]
    mp = MessagePassing([conv_layers, conv_layers, conv_layers], name="sage", concat_hidden=False)
    src = {'feat': tf.constant(rng.random(size=(4, 16)), dtype=tf.float32)}
    hop1 = {'feat': tf.constant(rng.random(size=(10, 16)), dtype=tf.float32)}
    hop2 = {'feat': tf.constant(rng.random(size=(55, 16)), dtype=tf.float32)}
    hop3 = {'feat': tf.constant(rng.random(size=(110, 16)), dtype=tf.float32)}
    edge = {}
    hops = (
        (src, edge, hop1, tf.repeat(tf.range(4), tf.range(1, 5))),
        (hop1, edge, hop2, tf.repeat(tf.range(10), tf.range(1, 11))),
        (hop2, edge, hop3, tf.repeat(tf.range(55), 2))
    )
    return mp, (hops, hops, hops)
