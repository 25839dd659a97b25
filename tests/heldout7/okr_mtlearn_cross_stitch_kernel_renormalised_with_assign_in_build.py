"""mtlearn's `CrossStitchBlock` normalises its freshly made `cross_stitch_kernel` in `build()` with `kernel.assign(kernel / column_sum)`: the variable keeps its identity, is counted and trained.

AmazaspShumik/mtlearn implements cross-stitch units (Misra et al. 2016) as a layer without
`__init__` that, in `build()`, creates a (tasks x tasks) kernel with `add_weight(RandomUniform(0,
1))` and then rescales each column to a convex combination by assigning `self.cross_stitch_kernel
/ normalizer` back into the variable (not by rebinding the attribute). `call()` stacks the task
tensors, multiplies by the kernel and splits the result per task. It sits between two task
towers of a hard-parameter-sharing network; the kernel is tracked and gets a gradient.
"""

SOURCE = "https://github.com/AmazaspShumik/mtlearn/blob/8dc623e354df604c062288d8306768f7465fda97/mtlearn/layers/cross_stitch_block.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_mtlearn_cross_stitch_kernel_renormalised_with_assign_in_build.py:
as returned: Functional, count_params() = 230, 9 weights, unbuilt: none
after call: count_params() = 230, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cross_stitch': 4}
second call: 0 variables watched that the first call did not use"""

from typing import List

import tensorflow as tf
from tensorflow.keras.initializers import RandomUniform
from tensorflow.keras.layers import Dense, Layer


class CrossStitchBlock(Layer):
    """Cross-stitch block (Misra et al., 2017)."""

    def build(self, batch_input_shape: List[tf.TensorShape]) -> None:
        stitch_shape = len(batch_input_shape)
        self.cross_stitch_kernel = self.add_weight(shape=(stitch_shape, stitch_shape),
                                                   initializer=RandomUniform(0., 1.),
                                                   trainable=True,
                                                   name="cross_stitch_kernel")
        # normalize, so that each row will be convex linear combination (section 5.1)
        normalizer = tf.reduce_sum(self.cross_stitch_kernel, keepdims=True, axis=0)
        self.cross_stitch_kernel.assign(self.cross_stitch_kernel / normalizer)

    def call(self, inputs):
        x = tf.concat([tf.expand_dims(e, axis=-1) for e in inputs], axis=-1)
        stitched_output = tf.matmul(x, self.cross_stitch_kernel)
        return [tf.gather(e, 0, axis=-1) for e in tf.split(stitched_output, len(inputs), axis=-1)]


def build_model():
    inputs = tf.keras.Input(shape=(12,))
    task_a = Dense(8, activation="relu", name="tower_a_1")(inputs)
    task_b = Dense(8, activation="relu", name="tower_b_1")(inputs)
    stitched_a, stitched_b = CrossStitchBlock(name="cross_stitch")([task_a, task_b])
    out_a = Dense(1, name="head_a")(stitched_a)
    out_b = Dense(1, activation="sigmoid", name="head_b")(stitched_b)
    return tf.keras.Model(inputs, [out_a, out_b])
