"""KerasCV 3D augmentation on Keras 3 draws fresh random tensors in call() from a SeedGenerator (correct).

KerasCV's 3D (point cloud) preprocessing layers were rewritten for Keras 3 to drop the legacy
`RandomGenerator` and use `keras.random.SeedGenerator`, created in `__init__` and passed as the
`seed=` of `keras.random.uniform(...)` inside `call()`/`get_random_transformation()`. Random
tensors made in `call()` look like state created in call, but they are per-batch transformation
parameters, not weights; the seed generator's own state is tracked by the layer. The layers sit
in front of a small PointNet-style encoder (shared per-point Dense + max pool).
"""

SOURCE = "https://github.com/keras-team/keras-cv/pull/2252"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py oki_kerascv_pointcloud_seedgenerator_aug.py:
as returned: Functional, count_params() = 2532, 6 weights, unbuilt: none
after call: count_params() = 2532, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pointnet': 2532, 'global_random_dropping_points': 0, 'global_random_scaling': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops

POINT_CLOUDS = "point_clouds"
BOUNDING_BOXES = "bounding_boxes"


class BaseAugmentationLayer3D(layers.Layer):
    """Minimal stand-in for keras_cv's base 3D augmentation layer (Keras 3 branch)."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self._random_generator = keras.random.SeedGenerator(seed)

    def get_random_transformation(self, point_clouds):
        return None

    def augment_point_clouds(self, point_clouds, transformation):
        raise NotImplementedError

    def call(self, inputs, training=True):
        if not training:
            return inputs
        transformation = self.get_random_transformation(inputs)
        return self.augment_point_clouds(inputs, transformation)

    def get_config(self):
        config = super().get_config()
        config.update({"seed": self.seed})
        return config


class GlobalRandomScaling(BaseAugmentationLayer3D):
    """Scales every point of a frame by one random factor per axis."""

    def __init__(self, x_factor=(0.95, 1.05), y_factor=(0.95, 1.05), z_factor=(0.95, 1.05),
                 preserve_aspect_ratio=False, **kwargs):
        super().__init__(**kwargs)
        self._min_x, self._max_x = x_factor
        self._min_y, self._max_y = y_factor
        self._min_z, self._max_z = z_factor
        self._preserve_aspect_ratio = preserve_aspect_ratio

    def get_random_transformation(self, point_clouds):
        batch = ops.shape(point_clouds)[0]
        random_scaling_x = keras.random.uniform(
            (batch, 1, 1), minval=self._min_x, maxval=self._max_x, seed=self._random_generator)
        random_scaling_y = keras.random.uniform(
            (batch, 1, 1), minval=self._min_y, maxval=self._max_y, seed=self._random_generator)
        random_scaling_z = keras.random.uniform(
            (batch, 1, 1), minval=self._min_z, maxval=self._max_z, seed=self._random_generator)
        if self._preserve_aspect_ratio:
            random_scaling_y = random_scaling_x
            random_scaling_z = random_scaling_x
        ones = ops.ones_like(random_scaling_x)
        return {"scale": ops.concatenate([random_scaling_x, random_scaling_y, random_scaling_z, ones], axis=-1)}

    def augment_point_clouds(self, point_clouds, transformation):
        return point_clouds * transformation["scale"]


class GlobalRandomDroppingPoints(BaseAugmentationLayer3D):
    def __init__(self, drop_rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self._drop_rate = drop_rate

    def get_random_transformation(self, point_clouds):
        keep = keras.random.uniform(ops.shape(point_clouds)[:2], seed=self._random_generator)
        return {"mask": ops.cast(keep > self._drop_rate, point_clouds.dtype)}

    def augment_point_clouds(self, point_clouds, transformation):
        return point_clouds * ops.expand_dims(transformation["mask"], -1)


class PointNetEncoder(keras.Model):
    def __init__(self, num_classes=4, **kwargs):
        super().__init__(**kwargs)
        self.augment = [GlobalRandomScaling(seed=1), GlobalRandomDroppingPoints(drop_rate=0.05, seed=2)]
        self.point_mlp = [layers.Dense(32, activation="relu"), layers.Dense(64, activation="relu")]
        self.pool = layers.GlobalMaxPooling1D()
        self.head = layers.Dense(num_classes)

    def call(self, point_clouds, training=False):
        x = point_clouds
        for aug in self.augment:
            x = aug(x, training=training)
        for dense in self.point_mlp:
            x = dense(x)
        return self.head(self.pool(x))


def build_model():
    inputs = keras.Input((128, 4), name=POINT_CLOUDS)
    outputs = PointNetEncoder(num_classes=4, name="pointnet")(inputs)
    return keras.Model(inputs, outputs)
