"""mixturemapping's `LinearMapping` makes its weight distributions in `build()`:
`self.kernel = tfd.Normal(self.kernel_mean, tf.exp(self.kernel_std))` (and the same for the bias). `tf.exp` of
the weight runs once, eagerly, when the layer is built, so the scale the distribution keeps is a constant copy of
the initial `kernel_std`: `call()` samples from it, and `kernel_std` / `bias_std` never get a gradient (LD010, a
frozen copy of a weight made in build and used in call; LD009 is the symptom).

From mixturemapping (Viktor Kruckl, 2023; a Keras library that maps Gaussian mixtures through layers, used to
propagate measurement uncertainty in physics analyses), `src/layers/linearmapping.py` and its base `_M` in
`src/layers/_mapping.py` of the 0.5.5 wheel (`mixturemapping-binning` on PyPI, mirrored in pypi-data). The layer
takes a dict of mixture parameters (means, std devs, weights) and returns the mapped means and covariances; with
`self.sampling` on (the default, set in `_M.__init__`) the means come from `self.kernel.sample(batch)`. TFP's
`Normal` keeps a `tf.Variable` it is given as a reference (so the mean side trains), but `tf.exp(self.kernel_std)`
is already a tensor when it is passed: on TF 1 graph mode it was an op on the variable, in eager Keras it is a
value. The author's `tf.stop_gradient(self.kernel_mean)` in the covariance path is intentional (the kernel mean is
trained through the means) and is not the defect.

Porting edits: TensorFlow Probability is not installed where this is measured, so `_tfd.Normal(loc, scale)` is
`_Normal`, a six-line stand-in that keeps `loc` and `scale` exactly as passed (as TFP does: a variable stays a
variable, a tensor stays that tensor) and samples `loc + scale * N(0, 1)` with a leading sample dimension, as
`Normal.sample(n)` does. `_M` (the base class, `sampling_ON/OFF`, `compute_output_shape`, `get_config`) and
`regularizeCovMatrix` are copied from the same wheel. The `@_tf.function(autograph=False)` on `call` is kept. The
long docstrings are shortened. build_model() wires the docstring's example: 3 mixture components of 2-d Gaussians
mapped to 3-d, the same input layout as the library's notebooks.
"""

SOURCE = "https://github.com/pypi-data/pypi-mirror-274/blob/411f309da1f0add3318714f8819cff7126bdd4e8/packages/mixturemapping-binning/mixturemapping_binning-0.5.5-py39-none-any.whl/src/layers/linearmapping.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 18, 4 weights, unbuilt: none
after call: count_params() = 18, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['Mapping/kernel_std', 'Mapping/bias_std']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'Mapping': 18}
second call: 0 variables watched that the first call did not use
python probes/probe_mixturemapping.py (the built layer): kernel.loc is the kernel_mean variable: True; kernel.scale is an EagerTensor; after kernel_std.assign(kernel_std + 1) kernel.scale is unchanged: True.
(The means path samples with that constant scale, so kernel_std and bias_std are counted but never trained; kernel_mean and bias_mean train.)"""

# tensorflow imports
import tensorflow as _tf
from tensorflow.keras.layers import Layer as _Layer


class _Normal:
    # stands for tfp.distributions.Normal(loc, scale): parameters kept as passed, reparameterised sample
    def __init__(self, loc, scale):
        self.loc = loc
        self.scale = scale

    def sample(self, n):
        shape = _tf.concat([[n], _tf.shape(self.loc)], axis=0)
        return self.loc + self.scale * _tf.random.normal(shape, dtype=self.loc.dtype)


class _tfd:
    Normal = _Normal


def _r(covMatrix, epsilon=0.999):
    """regularizeCovMatrix from mixturemapping/distributions.py"""

    # extract the diagonal part and compute the square root
    diagMatrix = _tf.sqrt(_tf.linalg.diag_part(covMatrix))

    # compute a covariance matrix with full correlation 1
    n = _tf.expand_dims(diagMatrix, -1)
    maxCorr = n*_tf.linalg.matrix_transpose(n)

    # reduce the covariance matrix
    corr = _tf.clip_by_value(_tf.divide(covMatrix, maxCorr), -epsilon, epsilon)
    # set the diagonal elements back to one
    newCorr = _tf.linalg.set_diag(corr, _tf.ones_like(diagMatrix))

    # compute a new covariance matrix from the max Values and the reduced off diagonal elements
    return _tf.multiply(newCorr, maxCorr)


class _M(_Layer):

    def __init__(self, output_dim, regularize_cov_epsilon=None, **kwargs):
        """
        Args:
          output_dim: size of the output dimension
          regularize_cov_epsilon: if not None cov matrix corelation is restricted (eg. 0.995)
        """

        super(_M, self).__init__(**kwargs)

        self.output_dim = output_dim
        self._regularize_cov_epsilon = regularize_cov_epsilon
        self.sampling = _tf.Variable(True, trainable=False, name="sampling")

    def sampling_ON(self):
        _tf.keras.backend.eval(self.sampling.assign(True))

    def sampling_OFF(self):
        _tf.keras.backend.eval(self.sampling.assign(False))

    def compute_output_shape(self, input_shape):
        return {
            "means": (input_shape["means"][0], input_shape["means"][1], self.output_dim),
            "covariances": (input_shape["means"][0], input_shape["means"][1], self.output_dim, self.output_dim),
            "weights": (input_shape["means"][0], input_shape["means"][1])
        }

    def get_config(self):
        config = super().get_config().copy()
        config.update({
            'regularize_cov_epsilon': self._regularize_cov_epsilon,
            'output_dim': self.output_dim,
        })
        return config


class LinearMapping(_M):
    """ A free linear mapping layer, that maps centers and distributions independently.

    This layers can be used if the relationship between input distributions
    and output distributions is free and linear
    """

    def build(self, input_shapes):
        if not ("means" in input_shapes and "weights" in input_shapes):
            raise Exception(
                "means and weights are needed to construct the mapping layer!")

        # deduce the input shape from the x tensor
        self.mix_dim = input_shapes["means"][1]
        self.input_dim = input_shapes["means"][2]

        # Create a trainable mean and std values of the weight and bias variable for the regression
        self.kernel_mean = self.add_weight(name='kernel_mean', shape=(
            self.input_dim, self.output_dim), initializer='normal', trainable=True)
        self.kernel_std = self.add_weight(name='kernel_std', shape=(
            self.input_dim, self.output_dim), initializer='normal', trainable=True)

        self.bias_mean = self.add_weight(name='bias_mean', shape=(
            self.output_dim,), initializer='normal', trainable=True)
        self.bias_std = self.add_weight(name='bias_std', shape=(
            self.output_dim,), initializer='normal', trainable=True)

        # create the kernel and bias distributions
        self.kernel = _tfd.Normal(self.kernel_mean, _tf.exp(self.kernel_std))
        self.bias = _tfd.Normal(self.bias_mean, _tf.exp(self.bias_std))


        # call build of the base Layer class
        super(LinearMapping, self).build(input_shapes["means"])


    @_tf.function(autograph=False)
    def call(self, x, **kwargs):
        """Compute the output distribution layer based on `x` (dict of `tf.Tensors`)"""

        # extract the batch size from the means tensor
        _batchSize = _tf.shape(x["means"])[0]


        # compute the mean values with our without sampling
        means = _tf.cond(self.sampling,
                         lambda: _tf.matmul(x["means"], self.kernel.sample(_batchSize)) +
                         _tf.expand_dims(self.bias.sample(_batchSize), 1),
                         lambda: _tf.matmul(
                             x["means"], self.kernel_mean) + self.bias_mean
                         )

        # use the unsampled kernel for the distribution mapping
        std_Kernel = _tf.expand_dims(_tf.expand_dims(
            _tf.stop_gradient(self.kernel_mean), 0), 0)


        if "stdDevs" in x:
            # if the input only contains standard deviations

            # extend stdDev Vectors
            bigStdDev = _tf.transpose(_tf.expand_dims(x["stdDevs"], 2), [0, 1, 3, 2])

            # compute the transformed standard deviations
            scaledKernel = _tf.multiply(bigStdDev, std_Kernel)
        else:
            # assume the input contains a covariance matrix x["covariances"]

            # compute the squareroot of the covariance matrix
            sqrtCov = _tf.linalg.sqrtm(x["covariances"])

            # apply the kernel to transform the covariances
            scaledKernel = _tf.matmul(sqrtCov, std_Kernel)



        # compute Cov Matrix just given by the mapping from x to y
        self.mappingCov = _tf.matmul(_tf.transpose(
            scaledKernel, [0, 1, 3, 2]), scaledKernel)
        cov = self.mappingCov

        # add additional covariances if needed
        if("covA" in x):
            if(len(x["covA"].shape.dims) == 3):
                # extend the mixture dimension if input covariance is independent
                cov = cov + _tf.expand_dims(x["covA"], 1)
            else:
                cov = cov + x["covA"]
        if("covB" in x):
            if(len(x["covB"].shape.dims) == 3):
                # extend the mixture dimension if input covariance is independent
                cov = cov + _tf.expand_dims(x["covB"], 1)
            else:
                cov = cov + x["covB"]

        # and regularize it (correlation restricion to prevent cholesky transform errors)
        if(self._regularize_cov_epsilon):
            self.covMatrix = _r(
                cov, self._regularize_cov_epsilon)
        else:
            self.covMatrix = cov

        return {
            "means": means,
            "covariances": self.covMatrix,
            "weights": x["weights"]
        }


def build_model():
    import tensorflow as tf

    mixN = 3  # dimension of Gaussian Mixture
    inputMixM = 2  # dimension of single Gaussian in the input mixture
    outputMixM = 3  # dimension of a single Gaussian in the output mixture
    dataType = "float32"

    inMeans = tf.keras.Input(shape=(mixN, inputMixM), name="Means", dtype=dataType)
    inStdDevs = tf.keras.Input(shape=(mixN, inputMixM), name="StdDevs", dtype=dataType)
    inWeight = tf.keras.Input(shape=(mixN,), name="Weights", dtype=dataType)

    mappingLayer = LinearMapping(outputMixM, name="Mapping", dtype=dataType)
    newDist = mappingLayer({'means': inMeans, 'stdDevs': inStdDevs, 'weights': inWeight})
    return tf.keras.Model(inputs=[inMeans, inStdDevs, inWeight], outputs=[newDist["means"], newDist["covariances"]])
