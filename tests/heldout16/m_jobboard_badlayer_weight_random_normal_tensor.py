"""A blog post on "why aren't TensorFlow custom model weights updating" builds `BadLayer`, whose
only weight is `self.my_weight = tf.random.normal((1, 1))` - a plain tensor, not a variable -
inside a subclassed `ModelWithBadLayer` trained with a `GradientTape` loop: nothing is trainable.

The post's third example ("Incorrect Variable Handling") multiplies the input by `my_weight` in
`call()`. The tensor is stored on the layer in `__init__`, so Keras never creates a variable: the
layer and the model report no weights, `model.trainable_variables` is empty, the tape has nothing
to differentiate, and the loop's `apply_gradients` gets an empty list while the "weight" keeps its
random initial value for every epoch.

Porting edits: `tf.keras.*` -> `keras.*` (the layer keeps its `tf.*` ops); the training loop kept
only in MEASURED (one step run by the measuring script); `build_model()` returns the model with the
post's (100, 1) regression inputs shrunk to (8, 1).
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/79975aa2db0354ab7266c0d3063adbd87b21f484/gpu-blog-data/why-arent-tensorflow-custom-model-weights-updating-during.md"
CODES = ("LD001",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/m_jobboard_badlayer_weight_random_normal_tensor.py:
as returned: ModelWithBadLayer, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bad_layer': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_bad.py), the post's loop (Adam 0.1, MSE, GradientTape over model.trainable_variables) for 2
epochs: model.trainable_variables is empty, optimizer.apply_gradients(zip([], [])) raises ValueError: not enough values to
unpack (expected 2, got 0) on Keras 3; my_weight is an EagerTensor and stays equal to its initial random value; count_params() 0."""

import tensorflow as tf
import keras


class BadLayer(keras.layers.Layer):
    def __init__(self):
        super(BadLayer, self).__init__()
        self.my_weight = tf.random.normal((1,1), dtype=tf.float32) # NOT tf.Variable

    def call(self, x):
      return tf.matmul(x,self.my_weight)

class ModelWithBadLayer(keras.Model):
    def __init__(self):
        super(ModelWithBadLayer, self).__init__()
        self.bad_layer = BadLayer()


    def call(self,x):
        return self.bad_layer(x)


def build_model():
    X = tf.random.normal((8, 1), dtype=tf.float32)
    model = ModelWithBadLayer()
    model(X)
    return model, X
