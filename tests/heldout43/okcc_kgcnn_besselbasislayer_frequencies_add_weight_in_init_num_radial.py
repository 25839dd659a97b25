"""kgcnn's `BesselBasisLayer` (the radial basis of DimeNet/DimeNet++) calls `self.add_weight(shape=(self.num_radial,))`
in `__init__` and keeps `self.inv_cutoff = ops.convert_to_tensor(1 / cutoff)` on the layer. It looks like LD004
(a weight made in `__init__` with a width typed by hand) and LD001 (a tensor stored on `self`), but it is correct:
the `frequencies` weight has one entry per radial basis function, a hyper-parameter of the layer that does not
depend on the input (the input is a distance of width 1), so it needs no `build()`; and `1 / cutoff` is a fixed
scalar setting, not a parameter. The frequencies are tracked, trained, and start at the canonical `n * pi`.

From aimat-lab/gcnn_keras (kgcnn, graph neural networks for chemistry and materials), `kgcnn/layers/geom.py` at
ab2a914 (HEAD, 2025-01-05, Keras 3 `keras.ops` version). `kgcnn/literature/DimeNetPP/_model.py` of the same commit
computes edge distances and expands them with `BesselBasisLayer(num_radial=num_radial, cutoff=cutoff,
envelope_exponent=envelope_exponent)(d)` (defaults 6, 5.0, 5), then embeds them with a `Dense(emb_size, ...,
activation=activation)`.

Porting edits: none in the class (copied whole). build_model() is that first step of DimeNet++ on its own, over the
edges of a batch of molecules as the batch axis (edge distances of shape `([K], 1)`): distances -> `BesselBasisLayer(6,
5.0, 5)` -> `Dense(128, activation='swish')` (the `kgcnn>glorot_orthogonal` initializer is left at Keras' default).
"""

SOURCE = "https://github.com/aimat-lab/gcnn_keras/blob/ab2a914301e2ff3fe2d231153e4f8b785fc9996a/kgcnn/layers/geom.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_kgcnn_besselbasislayer_frequencies_add_weight_in_init_num_radial.py:
as returned: Functional, count_params() = 902, 3 weights, unbuilt: none
after call: count_params() = 902, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bessel_basis_layer': 6}
second call: 0 variables watched that the first call did not use
probe_bessel.py: a fresh BesselBasisLayer(6, 5.0) owns bessel_basis_layer/frequencies (6,), trainable, initialised to [1..6] * pi, and inv_cutoff 0.2 (a scalar tensor setting); one fit step changes the frequencies; the model gives (16, 128) and (7, 128) for 16 and 7 edges (only the edge count varies; the input width is always 1). No warning printed."""

import numpy as np
import keras as ks
from keras import ops
from keras.layers import Layer, Dense


class BesselBasisLayer(Layer):
    r"""Expand a distance into a Bessel Basis with :math:`l=m=0`, according to
    `Gasteiger et al. (2020) <https://arxiv.org/abs/2011.14115>`__ .

    For :math:`l=m=0` the 2D spherical Fourier-Bessel simplifies to
    :math:`\Psi_{\text{RBF}}(d)=a j_0(\frac{z_{0,n}}{c}d)` with roots at :math:`z_{0,n} = n\pi`. With normalization
    on :math:`[0,c]` and :math:`j_0(d) = \sin{(d)}/d` yields
    :math:`\tilde{e}_{\text{RBF}} \in \mathbb{R}^{N_{\text{RBF}}}`:

    .. math::

        \tilde{e}_{\text{RBF}, n} (d) = \sqrt{\frac{2}{c}} \frac{\sin{\left(\frac{n\pi}{c} d\right)}}{d}

    Additionally, applies an envelope function :math:`u(d)` for continuous differentiability on the basis
    :math:`e_{\text{RBF}} = u(d)\tilde{e}_{\text{RBF}}`.
    By Default this is a polynomial of the form:

    .. math::

        u(d) = 1 − \frac{(p + 1)(p + 2)}{2} d^p + p(p + 2)d^{p+1} − \frac{p(p + 1)}{2} d^{p+2},

    where :math:`p \in \mathbb{N}_0` and typically :math:`p=6`.
    """

    def __init__(self, num_radial: int,
                 cutoff: float,
                 envelope_exponent: int = 5,
                 envelope_type: str = "poly",
                 **kwargs):
        r"""Initialize :obj:`BesselBasisLayer` layer.

        Args:
            num_radial (int): Number of radial basis functions to use.
            cutoff (float): Cutoff distance.
            envelope_exponent (int): Degree of the envelope to smoothen at cutoff. Default is 5.
            envelope_type (str): Type of envelope to use. Default is "poly".
        """
        super(BesselBasisLayer, self).__init__(**kwargs)
        # Layer variables
        self.num_radial = num_radial
        self.cutoff = cutoff
        self.inv_cutoff = ops.convert_to_tensor(1 / cutoff, dtype=self.dtype)
        self.envelope_exponent = envelope_exponent
        self.envelope_type = str(envelope_type)

        if self.envelope_type not in ["poly"]:
            raise ValueError("Unknown envelope type '%s' in `BesselBasisLayer` ." % self.envelope_type)

        # Initialize frequencies at canonical positions.
        def freq_init(shape, dtype):
            return ops.convert_to_tensor(np.pi * np.arange(1, shape[0] + 1, dtype=np.float64), dtype=dtype)

        self.frequencies = self.add_weight(
            name="frequencies",
            shape=(self.num_radial,),
            dtype=self.dtype,
            initializer=freq_init,
            trainable=True
        )

    def envelope(self, inputs):
        p = self.envelope_exponent + 1
        a = -(p + 1) * (p + 2) / 2
        b = p * (p + 2)
        c = -p * (p + 1) / 2
        env_val = 1.0 / inputs + a * inputs ** (p - 1) + b * inputs ** p + c * inputs ** (p + 1)
        return ops.where(inputs < 1, env_val, ops.zeros_like(inputs))

    def expand_bessel_basis(self, inputs):
        d_scaled = inputs * self.inv_cutoff
        d_cutoff = self.envelope(d_scaled)
        out = d_cutoff * ops.sin(self.frequencies * d_scaled)
        return out

    def call(self, inputs, **kwargs):
        r"""Forward pass.

        Args:
            inputs: distance

                - distance (Tensor): Edge distance of shape `([K], 1)`

        Returns:
            Tensor: Expanded distance. Shape is `([K], num_radial)` .
        """
        return self.expand_bessel_basis(inputs)

    def get_config(self):
        """Update config."""
        config = super(BesselBasisLayer, self).get_config()
        config.update({"num_radial": self.num_radial, "cutoff": self.cutoff,
                       "envelope_exponent": self.envelope_exponent, "envelope_type": self.envelope_type})
        return config


def build_model(num_radial=6, cutoff=5.0, envelope_exponent=5, emb_size=128):
    d = ks.Input(shape=(1,), name="edge_distance")
    rbf = BesselBasisLayer(num_radial=num_radial, cutoff=cutoff, envelope_exponent=envelope_exponent)(d)
    rbf_emb = Dense(emb_size, use_bias=True, activation="swish")(rbf)
    model = ks.Model(d, rbf_emb, name="dimenetpp_rbf_embedding")
    distances = np.random.default_rng(0).uniform(0.8, 4.5, size=(16, 1)).astype("float32")
    return model, distances
