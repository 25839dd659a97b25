"""VoxelMorph's `GaussianBlur` sets `self.sigma` before `super().__init__()`, builds its Gaussian kernel as a plain
tensor in `build()` and keeps it inside a lambda stored as `self.conv`: it looks like LD013 (setting before super),
LD001 (a kernel tensor on the layer) and an untracked closure, but all of it is correct. `sigma` is a plain
hyper-parameter `Layer.__init__` does not reset; the kernel is a fixed smoothing filter computed from `sigma` and the
input rank (identical on every rebuild, nothing to learn); the layer has no weights by design.

From voxelmorph/voxelmorph (learning-based medical image registration, MRI brain scans), `voxelmorph/tf/layers.py` at
fc04535 (2020-06-19, "nf: add robust GaussianBlur layer"). `GaussianBlur(level)` checks the level, sets
`self.sigma = (level - 1) ** 2`, then calls `super().__init__(**kwargs)`; `build()` takes
`ne.utils.gaussian_kernel([self.sigma] * ndims)`, reshapes it to a conv filter and stores `self.conv = lambda x:
convnd(tf.expand_dims(x, -1), kernel, ...)`; `call()` blurs each channel with it. In the same commit
`networks.VxmAffine` blurs the source and target with `layers.GaussianBlur(blur, name=prefix+'source_blur')` at
each scale of its multi-scale affine encoder.

Porting edits: `ne.utils.gaussian_kernel` (neurite, then `neuron/utils.py`) is inlined as written at that time, with
its `volshape_to_meshgrid` replaced by `tf.meshgrid(*[tf.range(0, d) ...], indexing='ij')` and `K` from
`tensorflow.keras.backend`. build_model() is the per-scale encoder of `VxmAffine(inshape=(64, 64), enc_nf=[16, 32,
32, 32], blurs=[3])` up to the affine parameters: source and target inputs, one `GaussianBlur(3)` each (sigma 4),
concatenated into the `core_model` Sequential (strided Conv2D + LeakyReLU, Flatten, Dense(6)); the
`RescaleValues`/`ComposeTransform`/`SpatialTransformer` stages that follow are left out.
"""

SOURCE = "https://github.com/voxelmorph/voxelmorph/blob/fc0453598bc95d5d095b4e95e6c3c4f9644d9670/voxelmorph/tf/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/okbz_voxelmorph_gaussianblur_sigma_before_super_kernel_tensor_in_build_conv_lambda.py:
as returned: Functional, count_params() = 26518, 10 weights, unbuilt: none
after call: count_params() = 26518, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'blur_0_source_blur': 0, 'blur_0_target_blur': 0}
second call: 0 variables watched that the first call did not use
probe_blur.py: after construction and build the layer keeps sigma == 4 (set before super().__init__(), not reset)
and the name passed through kwargs; an impulse through blur_0_source_blur comes out as a normalised Gaussian (sum
1.0000, centre 0.0100, spread over many pixels); a freshly built GaussianBlur(3) gives the same output (the kernel
is a function of the settings only). The shared core_model Sequential is called once here. No warning printed."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
import tensorflow.keras.layers as KL
from tensorflow.keras.layers import Layer


class ne:  # stand-in for `import neurite as ne` (neuron/utils.py of June 2020)
    class utils:
        @staticmethod
        def gaussian_kernel(sigma, windowsize=None, indexing='ij'):
            if not isinstance(sigma, (list, tuple)):
                sigma = [sigma]
            sigma = [np.maximum(f, np.finfo(float).eps) for f in sigma]

            nb_dims = len(sigma)

            # compute windowsize
            if windowsize is None:
                windowsize = [np.round(f * 3) * 2 + 1 for f in sigma]

            if len(sigma) != len(windowsize):
                raise ValueError('sigma and windowsize should have the same length.'
                                 'Got vectors: ' + str(sigma) + 'and' + str(windowsize))

            # ok, let's get to work.
            mid = [(w - 1)/2 for w in windowsize]

            # list of volume ndgrid
            # N-long list, each entry of shape volshape
            mesh = tf.meshgrid(*[tf.range(0, int(d)) for d in windowsize], indexing=indexing)  # was: volshape_to_meshgrid
            mesh = [tf.cast(f, 'float32') for f in mesh]

            # compute independent gaussians
            diff = [mesh[f] - mid[f] for f in range(len(windowsize))]
            exp_term = [- K.square(diff[f])/(2 * (sigma[f]**2)) for f in range(nb_dims)]
            norms = [exp_term[f] - np.log(sigma[f] * np.sqrt(2 * np.pi)) for f in range(nb_dims)]

            # add an all-ones entry and transform into a large matrix
            norms_matrix = tf.stack(norms, axis=-1)  # *volshape x N
            g = K.sum(norms_matrix, -1)  # volshape
            g = tf.exp(g)
            g /= tf.reduce_sum(g)

            return g


class GaussianBlur(Layer):
    """ 
    Applies gaussian blur to an input image.
    """

    def __init__(self, level, **kwargs):
        if level < 1:
            raise ValueError('Gaussian blur level must not be less than 1')
        self.sigma = (level - 1) ** 2
        super().__init__(**kwargs)

    def build(self, input_shape):
        ndims = len(input_shape) - 2
        kernel = ne.utils.gaussian_kernel([self.sigma] * ndims)
        kernel = tf.reshape(kernel, kernel.shape.as_list() + [1, 1])
        convnd = getattr(tf.nn, 'conv%dd' % ndims)
        self.conv = lambda x : convnd(tf.expand_dims(x, -1), kernel, [1] * (ndims + 2), padding='SAME')
        self.nfeat = input_shape[-1]

    def call(self, x):
        return x if self.sigma == 0 else tf.concat([self.conv(x[..., n]) for n in range(self.nfeat)], -1)

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model(inshape=(64, 64), enc_nf=(16, 32, 32, 32), blurs=(3,), nchannels=1):
    ndims = len(inshape)

    # configure base encoder CNN
    Conv = getattr(KL, 'Conv%dD' % ndims)   
    basenet = tf.keras.Sequential(name='core_model')
    for nf in enc_nf:
        basenet.add(Conv(nf, kernel_size=3, padding='same', kernel_initializer='he_normal', strides=2))
        basenet.add(KL.LeakyReLU(0.2))
    
    # dense layer to affine matrix
    basenet.add(KL.Flatten())
    basenet.add(KL.Dense(ndims * (ndims + 1), name='dense'))

    # inputs
    source = tf.keras.Input(shape=[*inshape, nchannels], name='source_input')
    target = tf.keras.Input(shape=[*inshape, nchannels], name='target_input')

    y_source = source
    scale_affines = []
    for blur_num, blur in enumerate(blurs):
        # get layer name prefix
        prefix = 'blur_%d_' % blur_num

        # set input and blur using gaussian kernel  
        source_blur = GaussianBlur(blur, name=prefix+'source_blur')(y_source)
        target_blur = GaussianBlur(blur, name=prefix+'target_blur')(target)

        # per-scale affine encoder
        curr_affine_scaled = basenet(KL.concatenate([source_blur, target_blur], name=prefix+'concat'))
        scale_affines.append(curr_affine_scaled)

    return tf.keras.Model([source, target], scale_affines[-1], name='vxm_affine_encoder')
