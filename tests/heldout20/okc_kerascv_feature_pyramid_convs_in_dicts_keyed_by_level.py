"""keras-cv's FeaturePyramid layer: the lateral 1x1 and output 3x3 convolutions are held in plain dicts
keyed by the integer pyramid level, built in a loop in `__init__`, and one `UpSampling2D` and one `Add`
layer are shared by every level.

From keras-team/keras-cv (`keras_cv/layers/feature_pyramid.py`, added by PR #803). Looks like the
"sublayers in a dict keyed by level" and "one layer applied to every FPN level" traps (a dict with int
keys assigned to `self`, layers looked up by `self.lateral_layers[level]`, shared merge layers fed the
feature maps of every level). On Keras 3 the dicts are tracked, every per-level Conv2D is counted,
built on its own level's channel count (the backbone levels have 16, 32 and 64 channels) and trained;
the shared `UpSampling2D` and `Add` have no weights.

Porting edits: `from tensorflow import keras` -> `import keras`; the `keras_cv_export` decorator
dropped; the docstring's EfficientNet backbone replaced by a three-stage strided-conv backbone
(C3/C4/C5 with 16/32/64 channels on a 64x64 image) and `num_channels=8`; `build_model()` wires the
docstring's usage (`{level: feature}` dict in, dict out) into a functional model whose outputs are the
three pyramid levels.
"""

SOURCE = "https://github.com/keras-team/keras-cv/blob/1f667e687288de640023909bbad7cb2755485910/keras_cv/layers/feature_pyramid.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/okc_kerascv_feature_pyramid_convs_in_dicts_keyed_by_level.py:
as returned: Functional, count_params() = 27200, 20 weights, unbuilt: none
after call: count_params() = 27200, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'feature_pyramid': 2672}
second call: 0 variables watched that the first call did not use
Own scripts: lateral_layers is a TrackedDict; lateral kernels (1,1,16,8), (1,1,32,8), (1,1,64,8) for
levels 3/4/5 (2672 = 920 lateral + 1752 output params); /tmp/mine20a/fitprobe2.py (SGD(0.1), mse on
the three outputs, one fit step): fit ok, 20/20 trainable weights change, all six per-level convs
included."""

import keras


class FeaturePyramid(keras.layers.Layer):
    """Implements a Feature Pyramid Network (Lin et al., https://arxiv.org/pdf/1612.03144).

    The inputs to the layer should be a dict with int keys should match the
    pyramid_levels, e.g. for `pyramid_levels` = [2,3,4,5], the expected input
    dict should be `{2:c2, 3:c3, 4:c4, 5:c5}`.
    """

    def __init__(
        self,
        min_level,
        max_level,
        num_channels=256,
        lateral_layers=None,
        output_layers=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.min_level = min_level
        self.max_level = max_level
        self.pyramid_levels = list(range(min_level, max_level + 1))
        self.num_channels = num_channels

        # required for successful serialization
        self.lateral_layers_passed = lateral_layers
        self.output_layers_passed = output_layers

        if not lateral_layers:
            # populate self.lateral_ops with default FPN Conv2D 1X1 layers
            self.lateral_layers = {}
            for i in self.pyramid_levels:
                self.lateral_layers[i] = keras.layers.Conv2D(
                    self.num_channels,
                    kernel_size=1,
                    strides=1,
                    padding="same",
                    name=f"lateral_P{i}",
                )
        else:
            self._validate_user_layers(lateral_layers, "lateral_layers")
            self.lateral_layers = lateral_layers

        # Output conv2d layers.
        if not output_layers:
            self.output_layers = {}
            for i in self.pyramid_levels:
                self.output_layers[i] = keras.layers.Conv2D(
                    self.num_channels,
                    kernel_size=3,
                    strides=1,
                    padding="same",
                    name=f"output_P{i}",
                )
        else:
            self._validate_user_layers(output_layers, "output_layers")
            self.output_layers = output_layers

        # the same upsampling layer is used for all levels
        self.top_down_op = keras.layers.UpSampling2D(size=2)
        # the same merge layer is used for all levels
        self.merge_op = keras.layers.Add()

    def _validate_user_layers(self, user_input, param_name):
        if (
            not isinstance(user_input, dict)
            or sorted(user_input.keys()) != self.pyramid_levels
        ):
            raise ValueError(
                f"Expect {param_name} to be a dict with keys as "
                f"{self.pyramid_levels}, got {user_input}"
            )

    def call(self, features):
        if (
            not isinstance(features, dict)
            or sorted(features.keys()) != self.pyramid_levels
        ):
            raise ValueError(
                "FeaturePyramid expects input features to be a dict with int "
                "keys that match the values provided in pyramid_levels. "
                f"Expect feature keys: {self.pyramid_levels}, got: {features}"
            )
        return self.build_feature_pyramid(features)

    def build_feature_pyramid(self, input_features):
        output_features = {}
        reversed_levels = list(sorted(input_features.keys(), reverse=True))
        top_level = reversed_levels[0]
        for level in reversed_levels:
            output = self.lateral_layers[level](input_features[level])
            if level < top_level:
                # for the top most output, it doesn't need to merge with any
                # upper stream outputs
                upstream_output = self.top_down_op(output_features[level + 1])
                output = self.merge_op([output, upstream_output])
            output_features[level] = output

        # Post apply the output layers so that we don't leak them to the down
        # stream level
        for level in reversed_levels:
            output_features[level] = self.output_layers[level](
                output_features[level]
            )

        return output_features

    def get_config(self):
        config = {
            "min_level": self.min_level,
            "max_level": self.max_level,
            "num_channels": self.num_channels,
            "lateral_layers": self.lateral_layers_passed,
            "output_layers": self.output_layers_passed,
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inp = keras.layers.Input((64, 64, 3))
    x = keras.layers.Conv2D(8, 3, strides=4, padding="same", activation="relu")(inp)
    backbone_outputs = {}
    for level, filters in zip((3, 4, 5), (16, 32, 64)):
        x = keras.layers.Conv2D(filters, 3, strides=2, padding="same", activation="relu",
                                name=f"C{level}")(x)
        backbone_outputs[level] = x
    output_dict = FeaturePyramid(min_level=3, max_level=5, num_channels=8)(backbone_outputs)
    return keras.Model(inp, [output_dict[level] for level in (3, 4, 5)])
