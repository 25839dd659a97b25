"""A darknet-to-Keras YOLO decoding layer keeps its anchors and network size as `K.constant` tensors on
`self` in `__init__` (after setting its config attributes *before* `super().__init__()`) and its grid
offsets as `K.arange` tensors in `build()`: fixed constants, not weights, so nothing is lost on Keras 3.

From jaltmayerpizzorno/d2k (`d2k/layers.py`, commit b254575 "rewrote Yolo layer using keras.backend
tensors"), a converter that turns Darknet .cfg/.weights files into tf.keras models; the generated code
ends each detection scale with `d2k.layers.Yolo(classes=..., anchors=[...], net_dims=(h, w))`. The layer
decodes the raw head into boxes: sigmoid(x, y) plus the `range_w`/`range_h` grid, exp(w, h) times the
anchors divided by the network size. It looks like the catalog's LD001 (weight-like tensors from
`K.constant` / `K.arange` stored on self in `__init__`/`build`) and like LD013 (four attributes assigned
before `super().__init__(**kwargs)`), but the tensors are anchor priors that must not be trained, and
the attributes set early are plain Python settings, which Keras 3 keeps.

Porting edits: none; `tensorflow.keras.backend` of TF 2.21 is Keras 3's legacy backend module, which
still has `constant`, `arange`, `reshape` and `concatenate`, and the `tf.function` with an input
signature on `call()` still traces. `build_model()` wires the layer the way the converter does: an input
of 8x8x3, a 1x1 Conv2D with 2 anchors x (5 + 3 classes) = 16 filters, then `Yolo(classes=3,
anchors=[(10, 13), (16, 30)], net_dims=(64, 64))`.
"""

SOURCE = "https://github.com/jaltmayerpizzorno/d2k/blob/b2545758da5622b4e4815a5b8544f0cfb88c6e59/d2k/layers.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/okak_d2k_yolo_anchor_constants_on_self_before_super_init.py:
as returned: Functional, count_params() = 64, 2 weights, unbuilt: none
after call: count_params() = 64, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'yolo': 0}
second call: 0 variables watched that the first call did not use
Own probe (probe_misc.py): after the early assignments and super().__init__(), yolo.classes == 3, yolo.anchors == [(10, 13), (16, 30)], name 'yolo'; anchors_w is an EagerTensor constant; output shape (1, 8, 8, 2, 8). The 64 params are the Conv2D's (3*16 + 16)."""

import tensorflow as tf
import tensorflow.keras as keras
import tensorflow.keras.backend as K


class Yolo(keras.layers.Layer):
    """Implements a Keras YOLO layer.  Training is not yet supported."""
    def __init__(self, classes=None, anchors=None, net_dims=None, just_activate=False, **kwargs):
        self.classes = classes
        self.anchors = anchors
        self.just_activate = just_activate
        self.net_dims = net_dims
        super(Yolo, self).__init__(**kwargs)

        self.anchors_w = K.constant([a[0] for a in anchors], dtype='float32', shape=(1,1,1,len(anchors),1))
        self.anchors_h = K.constant([a[1] for a in anchors], dtype='float32', shape=(1,1,1,len(anchors),1))

        self.net_height = K.constant(net_dims[0], dtype='float32')
        self.net_width = K.constant(net_dims[1], dtype='float32')


    def get_config(self):
        config = super(Yolo, self).get_config().copy()
        config.update({
            'classes': self.classes,
            'anchors': self.anchors,
            'net_dims': self.net_dims,
            'just_activate': self.just_activate,
        })
        return config


    def build(self, input_shape):
        super(Yolo, self).build(input_shape)

        self.l_h, self.l_w = input_shape[1], input_shape[2]
        self.l_a = len(self.anchors)

        self.range_w = K.reshape(K.arange(start=0, stop=self.l_w, dtype='float32'), (1, 1, self.l_w, 1, 1))
        self.range_h = K.reshape(K.arange(start=0, stop=self.l_h, dtype='float32'), (1, self.l_h, 1, 1, 1))


    @tf.function(input_signature=[tf.TensorSpec([None, None, None, None], tf.float32)])
    def call(self, input):
        input = K.reshape(input, shape=(-1, self.l_h, self.l_w, self.l_a, 4+1+self.classes))
        if self.just_activate:
            # that's how far Darknet takes it within the network (when not training)
            return K.concatenate((
                keras.activations.sigmoid(input[...,:2]),   # x, y
                input[...,2:4],
                keras.activations.sigmoid(input[...,4:])    # objectness, array of class detections
            ))

        objectness = keras.activations.sigmoid(input[...,4:5])
        x = (keras.activations.sigmoid(input[...,0:1]) + self.range_w) / self.l_w
        y = (keras.activations.sigmoid(input[...,1:2]) + self.range_h) / self.l_h
        w = (keras.activations.exponential(input[...,2:3]) * self.anchors_w) / self.net_width
        h = (keras.activations.exponential(input[...,3:4]) * self.anchors_h) / self.net_height
        classes = keras.activations.sigmoid(input[...,5:]) * objectness

        return K.concatenate((x, y, w, h, objectness, classes))


def build_model():
    layer_in = keras.Input(shape=(8, 8, 3))
    layer_0 = keras.layers.Conv2D(16, 1, padding='same')(layer_in)
    layer_1 = Yolo(classes=3, anchors=[(10, 13), (16, 30)], net_dims=(64, 64))(layer_0)
    return keras.Model(layer_in, layer_1)
