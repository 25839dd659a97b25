"""CBRAIN-CAM's climate-physics conservation layers keep five NumPy arrays (input normalization, pressure
coefficients) and a dozen index settings on `self` before `super().__init__()`: they are constants, no weight is lost.

From raspstephan/CBRAIN-CAM (`cbrain/layers.py`, Beucler/Rasp "architecture-constrained" neural networks that
emulate sub-grid convection in a climate model, SPCAM). `SurRadLayer`, `MassConsLayer` and `EntConsLayer` each
take the data generator's input normalization (`inp_sub`, `inp_div`), the moisture scaling `norm_q` and the hybrid
pressure coefficients `hyai`/`hybi`, store them as `np.array(...)` attributes, set variable indices
(`self.PS_idx = 300`, `self.PHQ_idx = slice(0, 29)`, ...) and only then call `super().__init__(**kwargs)`;
`build()` just calls `super().build()`. `call([inp, prior])` computes pressure thicknesses from those arrays and
appends the missing outputs (surface fluxes, the lowest-level moisture and temperature tendencies) as residuals
of column mass and enthalpy budgets, so the network's outputs conserve mass and energy exactly. A naive checker
sees raw arrays on `self` in `__init__` (LD001) and attributes before the base initializer (LD013). Neither
applies: the arrays are fixed physical/normalization constants that must not train (they are not weight-like),
and plain attributes set before `super().__init__()` are not reset and hold no sublayer. The trainable weights
are the Dense stack's, all tracked and trained; the three layers rightly have 0 params.

Porting edits: none to the layers (the repo's `from .imports import *` supplies `np`/`tf`; the constants
`P0`, `G`, `L_V`, `L_I`, `L_S` are copied from `cbrain/cam_constants.py`; the layers' docstrings are
trimmed and `get_config` is kept only on SurRadLayer). `LeakyReLU(alpha=0.3)` is written with Keras 3's
keyword `negative_slope=0.3`. `build_model()` is the notebook's architecture-constrained network ("NNA":
Input(304) → 5 × Dense(512)+LeakyReLU(0.3) → Dense(214)+LeakyReLU → SurRad → MassCons → EntCons), run
eagerly instead of in a `tf.Session`, with synthetic normalization arrays and a 31-level hybrid grid in
place of the data files; Dense(512) is reduced to Dense(64).
"""

SOURCE = "https://github.com/raspstephan/CBRAIN-CAM/blob/9ee7efcc492c7c50a80e1bf728a114e02b9f4047/cbrain/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okat_cbrain_conservation_layers_numpy_normalization_arrays_on_self_before_super_init.py:
as returned: Functional, count_params() = 50070, 12 weights, unbuilt: none
after call: count_params() = 50070, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sur_rad_layer': 0, 'mass_cons_layer': 0, 'ent_cons_layer': 0}
second call: 0 variables watched that the first call did not use
(the 12 weights are the six Dense layers'; the output has 218 columns = 214 + 2 + 1 + 1 residual outputs.)"""

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Layer, Input, Dense, LeakyReLU

# cbrain/cam_constants.py
L_V = 2.501e6   # Latent heat of vaporization
L_I = 3.337e5   # Latent heat of freezing
L_S = L_V + L_I # Sublimation
G = 9.80616
P0 = 1e5


# Helpers
def compute_dP_tilde(PS, PS_div, PS_sub, norm_q, hyai, hybi):
    """
    Computes dP_tilde in Tom's notation.
    """
    PS = PS * PS_div + PS_sub
    P = P0 * hyai + PS[:, None] * hybi
    dP = P[:, 1:] - P[:, :-1]
    dP_norm = norm_q * G / L_V   # Why L_V?
    dP_tilde = dP / dP_norm
    return dP_tilde


class SurRadLayer(Layer):
    def __init__(self, inp_sub, inp_div, norm_q, hyai, hybi, **kwargs):
        self.inp_sub, self.inp_div, self.norm_q, self.hyai, self.hybi = \
            np.array(inp_sub), np.array(inp_div), np.array(norm_q), np.array(hyai), np.array(hybi)
        # Define variable indices here
        # Input
        self.PS_idx = 300
        # Output
        self.QRL_idx = slice(118, 148)  # Odd numbers because residuals
        self.QRS_idx = slice(148, 178)  # for Q and T are still missing
        self.FSNT_idx = 208
        self.FLNT_idx = 209
        super().__init__(**kwargs)

    def build(self, input_shape):
        super().build(input_shape)

    def get_config(self):
        config = {'inp_sub': list(self.inp_sub), 'inp_div': list(self.inp_div),
                  'norm_q': list(self.norm_q), 'hyai': list(self.hyai),
                  'hybi': list(self.hybi)}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def call(self, arrs):
        inp, prior = arrs

        # 1. Compute dP_tilde
        dP_tilde = compute_dP_tilde(
            inp[:, self.PS_idx],
            self.inp_div[self.PS_idx], self.inp_sub[self.PS_idx],
            self.norm_q, self.hyai, self.hybi
        )

        # 2. Compute radiative integrals
        SWINT = K.sum(dP_tilde * prior[:, self.QRS_idx], 1)
        LWINT = K.sum(dP_tilde * prior[:, self.QRL_idx], 1)

        # 3. Infer surface fluxes from residual
        FSNS = prior[:, self.FSNT_idx] - SWINT
        FLNS = prior[:, self.FLNT_idx] + LWINT

        # 4. Concatenate output vector
        post = tf.concat([
            prior[:, :self.FLNT_idx], FSNS[:, None],
            prior[:, self.FLNT_idx][:, None], FLNS[:, None],
            prior[:, (self.FLNT_idx + 1):]
        ], axis=1)
        return post

    def compute_output_shape(self, input_shape):
        """Input shape + 2"""
        return (input_shape[0][0], input_shape[0][1] + 2)


class MassConsLayer(Layer):
    def __init__(self, inp_sub, inp_div, norm_q, hyai, hybi, **kwargs):
        self.inp_sub, self.inp_div, self.norm_q, self.hyai, self.hybi = \
            np.array(inp_sub), np.array(inp_div), np.array(norm_q), np.array(hyai), np.array(hybi)
        # Define variable indices here
        # Input
        self.PS_idx = 300
        self.LHFLX_idx = 303
        # Output
        self.PHQ_idx = slice(0, 29)  # Residual still missing
        self.PHCLDLIQ_idx = slice(29, 59)
        self.PHCLDICE_idx = slice(59, 89)
        self.PRECT_idx = 212
        self.PRECTEND_idx = 213

        super().__init__(**kwargs)

    def build(self, input_shape):
        super().build(input_shape)

    def call(self, arrs):
        inp, prior = arrs

        # 1. Compute dP_tilde
        dP_tilde = compute_dP_tilde(
            inp[:, self.PS_idx],
            self.inp_div[self.PS_idx], self.inp_sub[self.PS_idx],
            self.norm_q, self.hyai, self.hybi
        )

        # 2. Compute vertical cloud water integral
        CLDINT = K.sum(dP_tilde *
                       (prior[:, self.PHCLDLIQ_idx] + prior[:, self.PHCLDICE_idx]),
                       axis=1)

        # 3. Compute water vapor integral
        VAPINT = K.sum(dP_tilde[:, :29] * prior[:, self.PHQ_idx], 1)

        # 4. Compute forcing (see Tom's note for details, I am just copying)
        LHFLX = (inp[:, self.LHFLX_idx] * self.inp_div[self.LHFLX_idx] +
                 self.inp_sub[self.LHFLX_idx])
        PREC = prior[:, self.PRECT_idx] + prior[:, self.PRECTEND_idx]

        # 5. Compute water vapor tendency at level 30 as residual
        PHQ30 = (LHFLX - PREC - CLDINT - VAPINT) / dP_tilde[:, 29]

        # 6. Concatenate output vector
        post = tf.concat([
            prior[:, self.PHQ_idx], PHQ30[:, None],
            prior[:, 29:]
        ], axis=1)
        return post

    def compute_output_shape(self, input_shape):
        """Input shape + 1"""
        return (input_shape[0][0], input_shape[0][1] + 1)


class EntConsLayer(Layer):
    def __init__(self, inp_sub, inp_div, norm_q, hyai, hybi, **kwargs):
        self.inp_sub, self.inp_div, self.norm_q, self.hyai, self.hybi = \
            np.array(inp_sub), np.array(inp_div), np.array(norm_q), np.array(hyai), np.array(hybi)
        # Define variable indices here
        # Input
        self.PS_idx = 300
        self.SHFLX_idx = 302
        self.LHFLX_idx = 303

        # Output
        self.PHQ_idx = slice(0, 30)
        self.PHCLDLIQ_idx = slice(30, 60)
        self.TPHYSTND_idx = slice(90, 119)  # Residual still missing
        self.DTVKE_idx = slice(179, 209)
        self.FSNT_idx = 209
        self.FSNS_idx = 210
        self.FLNT_idx = 211
        self.FLNS_idx = 212
        self.PRECT_idx = 213
        self.PRECTEND_idx = 214
        self.PRECST_idx = 215
        self.PRECSTEND_idx = 216

        super().__init__(**kwargs)

    def build(self, input_shape):
        super().build(input_shape)

    def call(self, arrs):
        inp, prior = arrs

        # 1. Compute dP_tilde
        dP_tilde = compute_dP_tilde(
            inp[:, self.PS_idx],
            self.inp_div[self.PS_idx], self.inp_sub[self.PS_idx],
            self.norm_q, self.hyai, self.hybi
        )

        # 2. Compute net energy input from phase change and precipitation
        PHAS = L_I / L_V * (
                (prior[:, self.PRECST_idx] + prior[:, self.PRECSTEND_idx]) -
                (prior[:, self.PRECT_idx] + prior[:, self.PRECTEND_idx])
        )

        # 3. Compute net energy input from radiation, SHFLX and TKE
        RAD = (prior[:, self.FSNT_idx] - prior[:, self.FSNS_idx] -
               prior[:, self.FLNT_idx] + prior[:, self.FLNS_idx])
        SHFLX = (inp[:, self.SHFLX_idx] * self.inp_div[self.SHFLX_idx] +
                 self.inp_sub[self.SHFLX_idx])
        KEDINT = K.sum(dP_tilde * prior[:, self.DTVKE_idx], 1)

        # 4. Compute tendency of vapor due to phase change
        LHFLX = (inp[:, self.LHFLX_idx] * self.inp_div[self.LHFLX_idx] +
                 self.inp_sub[self.LHFLX_idx])
        VAPINT = K.sum(dP_tilde * prior[:, self.PHQ_idx], 1)
        SPDQINT = (VAPINT - LHFLX) * L_S / L_V

        # 5. Same for cloud liquid water tendency
        SPDQCINT = K.sum(dP_tilde * prior[:, self.PHCLDLIQ_idx], 1) * L_I / L_V

        # 6. And the same for T but remember residual is still missing
        DTINT = K.sum(dP_tilde[:, :29] * prior[:, self.TPHYSTND_idx], 1)

        # 7. Compute DT30 as residual
        DT30 = (
                       PHAS + RAD + SHFLX + KEDINT - SPDQINT - SPDQCINT - DTINT
               ) / dP_tilde[:, 29]

        # 8. Concatenate output vector
        post = tf.concat([
            prior[:, :119], DT30[:, None], prior[:, 119:]
        ], axis=1)
        return post

    def compute_output_shape(self, input_shape):
        """Input shape + 1"""
        return (input_shape[0][0], input_shape[0][1] + 1)


def _normalization():
    rng = np.random.default_rng(0)
    sub = rng.normal(size=304).astype("float32")
    div = (1.0 + rng.random(304)).astype("float32")
    sub[300], div[300] = 98000.0, 5000.0           # surface pressure PS [Pa]
    hyai = np.linspace(0.002, 0.0, 31).astype("float32")
    hybi = np.linspace(0.0, 1.0, 31).astype("float32")
    norm_q = np.full(30, 2.5e6, dtype="float32")  # scale_dict['PHQ'] per level
    return sub, div, norm_q, hyai, hybi


def build_model():
    sub, div, norm_q, hyai, hybi = _normalization()
    inpC = Input(shape=(304,))
    densout = Dense(64, activation='linear')(inpC)
    densout = LeakyReLU(negative_slope=0.3)(densout)
    for i in range(4):
        densout = Dense(64, activation='linear')(densout)
        densout = LeakyReLU(negative_slope=0.3)(densout)
    densout = Dense(214, activation='linear')(densout)
    densout = LeakyReLU(negative_slope=0.3)(densout)
    surfout = SurRadLayer(
        inp_div=div, inp_sub=sub, norm_q=norm_q, hyai=hyai, hybi=hybi
    )([inpC, densout])
    massout = MassConsLayer(
        inp_div=div, inp_sub=sub, norm_q=norm_q, hyai=hyai, hybi=hybi
    )([inpC, surfout])
    enthout = EntConsLayer(
        inp_div=div, inp_sub=sub, norm_q=norm_q, hyai=hyai, hybi=hybi
    )([inpC, massout])
    NNA = tf.keras.models.Model(inpC, enthout)
    x = np.random.default_rng(1).normal(size=(4, 304)).astype("float32")
    return NNA, x
