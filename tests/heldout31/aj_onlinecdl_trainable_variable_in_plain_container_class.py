"""A convolutional-dictionary-learning project's own minimal reproduction of a "glitch": a layer
`multiply_and_add` keeps its bias layer inside a plain Python helper object (`layer_container`) and
reads that layer's `tf.Variable` through it (`self.layer_container_object.add.a + self.b*inputs`); the
author's notebook shows `model.trainable_variables` listing only `b`.

From lrr0001/ML-onlineCDL-LRU (`Keras_TrainableVariableInClass_Glitch.ipynb`, next to the repository's
ADMM/FISTA unrolled sparse-coding layers in which learned dictionaries and step parameters live on
helper objects). On tf.keras 2 the plain container hid `a` (only `b` was tracked); on Keras 3 it is
worse: both `a` and `b` are raw `tf.Variable`s, which Keras 3 never tracks, so the model has no
trainable variables at all, while the call uses both.

Porting edits: the notebook cells joined into a module; `build_model()` is the notebook's third cell
(`a = 1.`, `b = 2.`, a functional model on a (1,) input) without its `print`; the unused
`add_layer.call` (which reads the global `a`) kept as written.
"""

SOURCE = "https://github.com/lrr0001/ML-onlineCDL-LRU/blob/ad2c511389bfedf566592b622e2c43e26c6bbcbc/Keras_TrainableVariableInClass_Glitch.ipynb"
CODES = ("LD011", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/aj_onlinecdl_trainable_variable_in_plain_container_class.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'multiply_and_add': 0}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31d/p_cdl.py): model.trainable_variables == [] (the notebook printed [b] on tf.keras 2);
the add_layer inside the plain `layer_container` object is not among the outer layer's sublayers;
compile(SGD(0.1), 'mse') + fit warns "The model does not have any trainable weights." and leaves
b = 2.0 and a = 1.0 unchanged."""

import tensorflow as tf


class add_layer(tf.keras.layers.Layer):
    def __init__(self,a,*args,**kwargs):
        self.a = tf.Variable(initial_value = a,trainable=True)
        super().__init__(*args,**kwargs)
    def call(self,inputs):
        return inputs + a

class layer_container:
    def __init__(self,a,*args,**kwargs):
        self.add = add_layer(a,*args,**kwargs)
    def my_add(self,x):
        return self.add(x)

class multiply_and_add(tf.keras.layers.Layer):
    def __init__(self,a,b,*args,**kwargs):
        self.b = tf.Variable(initial_value=b,trainable=True)
        self.layer_container_object = layer_container(a)
        super().__init__(*args,**kwargs)
    def call(self,inputs):
        return self.layer_container_object.add.a + self.b*inputs


def build_model():
    a = 1.
    b = 2.
    inputs = tf.keras.Input(shape=(1,))
    outputs = multiply_and_add(a,b)(inputs)
    model = tf.keras.Model(inputs,outputs)
    return model
