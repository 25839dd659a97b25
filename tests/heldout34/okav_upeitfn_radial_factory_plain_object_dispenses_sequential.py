"""UPEIChemistry's tensor-field-network radial functions: a plain factory object (`DenseRadialFactory`, not
a layer) dispenses `Sequential` stacks of `Radial` layers, and `Radial.__init__` pops `sum_points` into
`self.sum_points` before `super().__init__()`, sets `self.kernel = None`/`self.bias = None` and makes the
real weights with `add_weight` in a `build()` that ends with `self.built = True` instead of
`super().build()`. Several things a checker could flag; on Keras 3 it all works: the dispensed
Sequential's weights are tracked, counted and trained, and the early attribute survives the super call.

From UPEIChemistry/tensor-field-networks (`tfn/layers/radial_factories.py` at HEAD, July 2021), the
radial part of rotation-equivariant convolutions: `Convolution.build` asks the factory for one radial
network per (input order, filter order) and keeps them in its `_filters` dict; the factory itself only
stores hyperparameters and a counter. (The repo's 2019 `Convolution` that made its filters inside `call()`
is the separate buggy case `av_upeitfn_convolution_filters_selfinteraction_made_in_call`.)

Porting edits: in `get_radial`, the layer names `f"radial_{n}/layer_{i}"` become `f"radial_{n}_layer_{i}"`
(Keras 3 raises "Argument `name` must be a string and cannot contain character `/`"); nothing else in the
classes. The repo registers the activation name "ssp" (its shifted softplus,
softplus(x) - log 2) with `get_custom_objects()` in `tfn/layers/__init__.py`; Keras 3's
`activations.get("ssp")` ignores custom objects ("Could not interpret activation function identifier:
ssp", measured with the registration in place), so `build_model()` asks for the built-in "softplus"
instead (same shape, no effect on the weights). `build_model()` takes one radial network from
`DenseRadialFactory(activation="softplus")` (2 hidden layers of 32) for a
feature dimension of 16, and returns it with a random radial-basis image of 2 molecules x 10 x 10 points x
80 basis functions, the `bpqf` layout `Radial.call` expects.
"""

SOURCE = "https://github.com/UPEIChemistry/tensor-field-networks/blob/5c25583ee4108a13af8e73eabd3c448f42cb70a0/tfn/layers/radial_factories.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/okav_upeitfn_radial_factory_plain_object_dispenses_sequential.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Radial:radial_0_layer_0', 'Radial:radial_0_layer_1', 'Radial:radial_0_layer_2']
after call: count_params() = 4176, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'radial_0_layer_0': 2592, 'radial_0_layer_1': 1056, 'radial_0_layer_2': 528}
second call: 0 variables watched that the first call did not use
Own probe (probe_radial.py): each Radial keeps sum_points (False) set before its super call; compile(adam, mae) + fit 2 epochs on a random 16-feature target: all 6 weights changed; radial.losses holds the 6 L2 regularization terms of the add_weight calls."""

import json

import numpy as np
import tensorflow as tf
from tensorflow.keras import activations, regularizers, Sequential
from tensorflow.keras.layers import Layer


class RadialFactory(object):
    """
    Abstract class for RadialFactory objects, defines the interface. Subclass
    """

    def __init__(
        self,
        num_layers: int = 2,
        units: int = 32,
        activation: str = "ssp",
        l2_lambda: float = 0.0,
        **kwargs,
    ):
        self.num_layers = num_layers
        self.units = units
        if activation is None:
            activation = "ssp"
        if isinstance(activation, str):
            self.activation = activation
        else:
            raise ValueError(
                "Expected `str` for param `activation`, but got `{}` instead. "
                "Ensure `activation` is a string mapping to a valid keras "
                "activation function"
            )
        self.l2_lambda = l2_lambda
        self.sum_points = kwargs.pop("sum_points", False)
        self.dispensed_radials = 0

    def get_radial(self, feature_dim, input_order=None, filter_order=None):
        raise NotImplementedError

    def to_json(self):
        self.__dict__["type"] = type(self).__name__
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, config: str):
        raise NotImplementedError


class DenseRadialFactory(RadialFactory):
    """
    Default factory class for supplying radial functions to a Convolution layer. Subclass this
    factory and override its `get_radial` method to return custom radial instances/templates.
    You must also override the `to_json` and `from_json` and register any custom `RadialFactory`
    classes to a unique string in the keras global custom objects dict.
    """

    def get_radial(self, feature_dim, input_order=None, filter_order=None):
        """
        Factory method for obtaining radial functions of a specified architecture, or an instance
        of a radial function (i.e. object which inherits from Layer).

        :param feature_dim: Dimension of the feature tensor being point convolved with the filter
            produced by this radial function. Use to ensure radial function outputs a filter of
            shape (points, feature_dim, filter_order)
        :param input_order: Optional. Rotation order of the of the feature tensor point convolved
            with the filter produced by this radial function
        :param filter_order: Optional. Rotation order of the filter being produced by this radial
            function.
        :return: Keras Layer object, or subclass of Layer. Must have attr dynamic == True and
            trainable == True.
        """
        layers = [
            Radial(
                self.units,
                self.activation,
                self.l2_lambda,
                sum_points=self.sum_points,
                name=f"radial_{self.dispensed_radials}_layer_{i}",  # port: "/" -> "_"
            )
            for i in range(self.num_layers)
        ]
        layers.append(
            Radial(
                feature_dim,
                self.activation,
                self.l2_lambda,
                sum_points=self.sum_points,
                name=f"radial_{self.dispensed_radials}_layer_{self.num_layers}",  # port: "/" -> "_"
            )
        )

        self.dispensed_radials += 1
        return Sequential(layers)

    @classmethod
    def from_json(cls, config: str):
        return cls(**json.loads(config))


class Radial(Layer):
    def __init__(
        self, units: int = 32, activation: str = "ssp", l2_lambda: float = 0.0, **kwargs
    ):
        self.sum_points = kwargs.pop("sum_points", False)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.l2_lambda = l2_lambda
        self.kernel = None
        self.bias = None

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel",
            shape=(input_shape[-1], self.units),
            regularizer=regularizers.l2(self.l2_lambda),
        )
        self.bias = self.add_weight(
            name="bias",
            shape=(self.units,),
            regularizer=regularizers.l2(self.l2_lambda),
        )
        self.built = True

    def compute_output_shape(self, input_shape):
        return tf.TensorShape(list(input_shape)[:-1] + [self.units])

    def get_config(self):
        base = super().get_config()
        updates = dict(units=self.units, activation=self.activation,)
        return {**base, **updates}

    def call(self, inputs, training=None, mask=None):
        equation = "bpf,fu->bpu" if self.sum_points else "bpqf,fu->bpqu"
        return self.activation(tf.einsum(equation, inputs, self.kernel) + self.bias)


def build_model():
    factory = DenseRadialFactory(activation="softplus")  # port: "ssp" does not resolve on Keras 3
    radial = factory.get_radial(16)
    image = np.random.default_rng(0).random((2, 10, 10, 80)).astype("float32")
    return radial, image
