"""A 3-D registration pyramid (PWC-Net style) whose `Upsampling` layer owns two branches: the flow
branch (`upsampling_flow` + `conv3d_flow`) and the feature branch (`upsampling_feat` +
`conv3d_feat`), but only runs the feature branch when it is given a second input. In the
affine-only configuration (`use_def=False`) `create_model` calls `ups[l-1]([flow])`, so
`conv3d_feat` is never called and never built.

From ngunnar/learning-a-deformable-registration-pyramid (`src/CustomLayers/UpsamplingLayer.py`,
wired in `src/create_model.py`: `up_flow, up_feat = ups[l-1]([flow, upfeat])` if `use_def`, else
`up_flow = ups[l-1]([flow])`). `Upsampling.build()` only calls `super().build()`, so nothing builds
the feature branch: on Keras 3 `conv3d_feat` stays unbuilt (no weights, shown as unbuilt), its
`kernel_regularizer` never contributes a loss, and the saved model has a layer whose weights do not
exist until some later call with two inputs.

Porting edits: `tensorflow.keras` -> `keras`; the pyramid, cost volume, `Affine` and
`TransformAffineFlow` layers of the affine path replaced by one `Conv3D` that predicts the coarse
flow from the concatenated fixed/moving volumes (the part the bug is about, the `Upsampling` layer
and its `[flow]`-only call, is as written); 4^3 volumes at the coarse level, one pyramid step.
"""

SOURCE = "https://github.com/ngunnar/learning-a-deformable-registration-pyramid/blob/1d8ba6110eaa32ed7c27ace099a605f7b4c46051/src/CustomLayers/UpsamplingLayer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/l_deformregpyramid_upsampling_feat_conv_unbuilt_in_affine_mode.py:
as returned: Functional, count_params() = 411, 4 weights, unbuilt: ['Conv3D:conv3d_1', 'UpSampling3D:up_sampling3d_1']
after call: count_params() = 411, 4 trainable weights, unbuilt: ['Conv3D:conv3d_1', 'UpSampling3D:up_sampling3d_1']; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'upsampling_0': 246}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_up.py): upsampling_0.conv3d_feat.built == False with 0 weights after the model
is built and called; model.losses has 1 entry (conv3d_flow's L2 only; conv3d_feat's regularizer never runs).
The 246 params of upsampling_0 are conv3d_flow only (3*3*3*3*3 + 3); 'conv3d_1' above is conv3d_feat."""

import keras
from keras.layers import Layer, UpSampling3D, Conv3D, BatchNormalization, Concatenate
from keras.regularizers import l2
from keras.initializers import he_normal


class Upsampling(Layer):
    def __init__(self, gamma, i,**kwargs):
        super(Upsampling, self).__init__(name='upsampling_{0}'.format(i),**kwargs)
        self.gamma = gamma
        self.i = i
        self.upsampling_flow = UpSampling3D(size = 2)
        self.conv3d_flow = Conv3D(filters = 3,
                                  kernel_size= 3,
                                  strides = 1,
                                  padding='same',
                                  kernel_initializer=he_normal(),
                                  kernel_regularizer=l2(self.gamma))
        self.upsampling_feat = UpSampling3D(size = 2)
        self.conv3d_feat = Conv3D(filters = 32,
                                  kernel_size= 3,
                                  strides = 1,
                                  padding='same',
                                  kernel_initializer=he_normal(),
                                  kernel_regularizer=l2(self.gamma))
    def get_config(self):
        config = super(Upsampling, self).get_config()
        config.update({"gamma": self.gamma,
               "i": self.i})
        return config
    def build(self, input_shape):
        super(Upsampling, self).build(input_shape)

    def call(self, inputs):
        flow = inputs[0]
        up_flow = self.upsampling_flow(flow)
        up_flow = self.conv3d_flow(up_flow)

        if len(inputs) > 1:
            feat = inputs[1]
            up_feat = self.upsampling_feat(feat)
            up_feat = self.conv3d_feat(up_feat)
            return up_flow, up_feat
        return up_flow


def build_model(use_def=False):
    fixed = keras.Input(shape=(4, 4, 4, 1), name='fixed_img')
    moving = keras.Input(shape=(4, 4, 4, 1), name='moving_img')
    ups = [Upsampling(i=0, gamma=0.001)]
    # stand-in for the affine branch: predicts the coarse flow at level l = 1
    flow = Conv3D(3, 3, padding='same', name='affine_flow_stub')(Concatenate(axis=-1)([fixed, moving]))
    l = 1
    if use_def:
        upfeat = Conv3D(8, 3, padding='same')(fixed)
        up_flow, up_feat = ups[l-1]([flow, upfeat])
    else:
        up_flow = ups[l-1]([flow])
    return keras.Model(inputs=[fixed, moving], outputs=up_flow * 2.0)
