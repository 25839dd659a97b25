"""neka-nat's async-rl-noreward (A3C with the Intrinsic Curiosity Module of Pathak et al., "curiosity-driven exploration" for game-playing agents) builds one feature-map `Sequential` (four stride-2 convolutions with ELU, then Flatten) and calls it on both the current frame `s_t0` and the next frame `s_t1`, whose shapes are identical; the inverse model concatenates the two 288-wide feature vectors and the forward model predicts the next features. Sharing one encoder between the two frames is what ICM prescribes (both must live in the same feature space): a look-alike of LD008 (one layer object applied to two inputs) and of an unintended LD007 sharing, but the inputs fit the built weights and the sharing is the design.

From neka-nat/async-rl-noreward, `a3c/noreward_models.py`: `build_feature_map(input_shape)` returns the Sequential,
`inverse_model()` and `forward_model()` return closures that add Dense heads, and `build_icm_model(state_shape,
action_shape)` makes the three Inputs, calls `fmap` on `s_t0` and `s_t1`, and returns `Model([s_t0, s_t1, a_t],
[s_t1_hat, act_hat])`; its `__main__` builds it for `(3, 42, 42)` frames and 4 actions and prints the summary.

Porting edits (Keras 1 API to Keras 3): `Convolution2D(32, 3, 3, border_mode='same', subsample=(2, 2),
dim_ordering='th')` is `Conv2D(32, (3, 3), padding='same', strides=(2, 2), data_format='channels_first')`, the
`input_shape=` of the first layer is an `Input` at the top of the Sequential, `merge([...], mode='concat')` is
`Concatenate()([...])`, and `ELU` comes from `keras.layers`. build_model() calls `build_icm_model((3, 42, 42), (4,))`
as the file's `__main__` does and returns the model.
"""

SOURCE = "https://github.com/neka-nat/async-rl-noreward/blob/d621630b57e05779057758c8506b257079e9c8ab/a3c/noreward_models.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcd_asyncrlnoreward_icm_feature_map_shared_by_state_and_next_state.py:
as returned: Functional, count_params() = 326404, 16 weights, unbuilt: none
after call: count_params() = 326404, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_icm.py (same model): one Sequential feature map with 2 inbound nodes (s_t0 and s_t1), 28,640 params counted once, output (None, 288) on both calls; no shape error (both inputs are (3, 42, 42))."""

from keras.models import Sequential, Model
from keras.layers import Input, Conv2D, Flatten, Dense, Concatenate
from keras.layers import ELU


def build_feature_map(input_shape):
    model = Sequential()
    model.add(Input(shape=input_shape))
    model.add(Conv2D(32, (3, 3), padding='same', strides=(2, 2),
                     data_format='channels_first'))
    model.add(ELU(alpha=1.0))
    model.add(Conv2D(32, (3, 3), padding='same',
                     strides=(2, 2), data_format='channels_first'))
    model.add(ELU(alpha=1.0))
    model.add(Conv2D(32, (3, 3), padding='same',
                     strides=(2, 2), data_format='channels_first'))
    model.add(ELU(alpha=1.0))
    model.add(Conv2D(32, (3, 3), padding='same',
                     strides=(2, 2), data_format='channels_first'))
    model.add(ELU(alpha=1.0))
    model.add(Flatten())
    return model

def inverse_model(output_dim=4):
    """
    s_t, s_t+1 -> a_t
    """
    def func(ft0, ft1):
        h = Concatenate()([ft0, ft1])
        h = Dense(256, activation='relu')(h)
        h = Dense(output_dim, activation='softmax')(h)
        return h
    return func

def forward_model(output_dim=288):
    """
    s_t, a_t -> s_t+1
    """
    def func(ft, at):
        h = Concatenate()([ft, at])
        h = Dense(256, activation='relu')(h)
        h = Dense(output_dim, activation='linear')(h)
        return h
    return func

def build_icm_model(state_shape, action_shape):
    s_t0 = Input(shape=state_shape)
    s_t1 = Input(shape=state_shape)
    a_t = Input(shape=action_shape)
    fmap = build_feature_map(state_shape)
    f_t0 = fmap(s_t0)
    f_t1 = fmap(s_t1)
    act_hat = inverse_model()(f_t0, f_t1)
    s_t1_hat = forward_model()(f_t0, a_t)
    return Model([s_t0, s_t1, a_t], [s_t1_hat, act_hat])


def build_model():
    return build_icm_model((3, 42, 42), (4,))
