"""A complex-valued residual layer for seismic STFT images whose four real/imaginary projection
matrices are made by a helper method `construct_matrix()` (which returns `add_weight(...)`) from the
shapes of BOTH inputs of a two-input layer; `self` is spelled `sf`, the layer name is made from a
`tf.constant` and a uuid, and complex tensors are carried as a stacked real/imag axis.

From Seismic-DL-Research/seis-deep-learning (`my_notebook_modules/layers/complex_residual_2d.py`,
with `layers/utils/complex_value_manager.py` and `random_name.py`). Looks like several traps: weights
created outside `build()` by a helper, sizes read from a list `input_shape`, no `super().build()`,
a `tf.constant` made in `__init__` before `super().__init__()`, `build()` that returns nothing but
assigns through a non-`self` name. On Keras 3 the helper runs inside `build()`, so the four matrices
are `add_weight` variables tracked on the layer; the `tf.constant` is a local used only to make the
name; every matrix gets a gradient.

Porting edits: `import my_notebook_modules as mynbm` replaced by the three helpers inlined under a
small `mynbm` namespace; `random_name` (a `@tf.function` in the repository, whose later signature
takes two arguments the layer does not pass) made a plain function returning a string tensor so that
`.numpy().decode()` works as the layer expects; the `register_keras_serializable` decorator kept;
`build_model()` wires the layer in a functional model on two stacked-complex inputs
(beta: 2 x 4 x 4 x 3 and alpha: 2 x 6 x 6 x 3 per sample, layout 2 x H x W x C), no activation.
"""

SOURCE = "https://github.com/Seismic-DL-Research/seis-deep-learning/blob/0c861ed924f762153116f619b7e470aa4c66e88a/my_notebook_modules/layers/complex_residual_2d.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okaj_seiscvnn_complex_residual_matrices_made_by_helper_in_build.py:
as returned: Functional, count_params() = 288, 4 weights, unbuilt: none
after call: count_params() = 288, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cr2d.a90ce4e4': 288}
second call: 0 variables watched that the first call did not use
(the uuid part of the layer name differs on each run.) 288 = 2 x P (1, 3, 4, 6) + 2 x Q (1, 3, 6, 4): the
sizes come from both inputs as the author intended. Own probe (/tmp/mine31d/p_fit.py: SGD(0.1), mse,
one fit step on zeros targets): fit ok; changed 4 of 4 (P_matrix_real, P_matrix_imag, Q_matrix_real,
Q_matrix_imag)."""

import types
import uuid

import tensorflow as tf
import tensorflow.linalg as tfl
import keras


def disintegrate_complex(input__):
  return input__[:,0], input__[:,1]

def integrate_complex(inputA__, inputB__):
  inputA = tf.expand_dims(inputA__, axis=1)
  inputB = tf.expand_dims(inputB__, axis=1)
  return tf.concat([inputA, inputB], axis=1)

def random_name(layer_type__):
  return tf.constant(f'{layer_type__.numpy().decode("utf-8")}.{str(uuid.uuid4()).split("-")[0]}')

mynbm = types.SimpleNamespace(layers=types.SimpleNamespace(utils=types.SimpleNamespace(
    disintegrate_complex=disintegrate_complex, integrate_complex=integrate_complex,
    random_name=random_name)))


@tf.keras.utils.register_keras_serializable(
    package="thesis-cvnn",
    name="complex_residual_2d"
)
class complex_residual_2d(tf.keras.layers.Layer):
  def __init__(sf, activation__=None):
    layer_type = tf.constant('cr2d', tf.string)
    layer_name = mynbm.layers.utils.random_name(layer_type)
    super(complex_residual_2d, sf).__init__(name=layer_name.numpy().decode('utf-8'))
    sf.activation = activation__
    
  def construct_matrix(sf, shape__, name__):
    '''
      construct_matrix:
        * called to construct trainable weights in the model.
      receive:
        * shape__ (input shape)
        * name__ (kernel name)
      return:
        * matrix (shape: depends on "shape__")
    '''
    matrix = sf.add_weight(
        shape=shape__,
        initializer=tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.5),
        trainable=True,
        name=name__
    )
    return matrix

  def to_nchw(sf, matrix__):
    # matrix__: N x H x W x C
    return tf.transpose(matrix__, perm=[0,3,1,2])

  def to_nhwc(sf, matrix__):
    # matrix__: N x C x H x W
    return tf.transpose(matrix__, perm=[0,2,3,1])

  def consecutive_matmul(sf, matrix_sets__):
    sum_matrix = 0
    for matrix_set in matrix_sets__:
      sum_matrix += tf.matmul(matrix_set[0], matrix_set[1])
    return sum_matrix

  def build(sf, input_shape__):
    # alpha_shape: (N, 2, H0, W0, C0)
    alpha_shape = input_shape__[1]
    # beta_shape: (N, 2, H1, W1, C0)
    beta_shape = input_shape__[0]

    # P_shape: N x C0 x H1 x H0 (in NCHW format)
    P_shape = (1, alpha_shape[-1], beta_shape[2], alpha_shape[2])
    sf.PR = sf.construct_matrix(P_shape, 'P_matrix_real')
    sf.PJ = sf.construct_matrix(P_shape, 'P_matrix_imag')

    # Q_shape: N x C0 x W0 x W1 (in NCHW format)
    Q_shape = (1, alpha_shape[-1], alpha_shape[3], beta_shape[3])
    sf.QR = sf.construct_matrix(Q_shape, 'Q_matrix_real')
    sf.QJ = sf.construct_matrix(Q_shape, 'Q_matrix_imag')

  def call(sf, input__):
    alphaR, alphaJ = mynbm.layers.utils.disintegrate_complex(input__[1])
    betaR, betaJ = mynbm.layers.utils.disintegrate_complex(input__[0])
    alphaR = sf.to_nchw(alphaR)
    alphaJ = sf.to_nchw(alphaJ)

    u = sf.consecutive_matmul([(alphaR, sf.QR), (-1 * alphaJ, sf.QJ)])
    v = sf.consecutive_matmul([(alphaR, sf.QJ), (alphaJ, sf.QR)])
    
    PalphaQR = sf.consecutive_matmul([(sf.PR, u), (-1 * sf.PJ, v)])
    PalphaQJ = sf.consecutive_matmul([(sf.PR, v), (sf.PJ, u)])

    PalphaQR = sf.to_nhwc(PalphaQR)
    PalphaQJ = sf.to_nhwc(PalphaQJ)

    end_tensor = mynbm.layers.utils.integrate_complex(betaR + PalphaQR, 
                                                      betaJ + PalphaQJ)
    if sf.activation == None: return end_tensor
    return sf.activation(end_tensor)

  def get_config(sf):
    my_config = super(complex_residual_2d, sf).get_config()
    my_config['activation__'] = sf.activation
    return my_config


def build_model():
    beta = keras.Input(shape=(2, 4, 4, 3))   # shortcut branch, N x 2 x H1 x W1 x C0
    alpha = keras.Input(shape=(2, 6, 6, 3))  # deeper branch,   N x 2 x H0 x W0 x C0
    out = complex_residual_2d()([beta, alpha])
    return keras.Model([beta, alpha], out)
