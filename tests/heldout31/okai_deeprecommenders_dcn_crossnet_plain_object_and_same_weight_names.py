"""A Deep & Cross Network whose cross tower is built by `CrossNet`, a plain Python `object` (not a
Layer) whose `__call__` instantiates one `CrossLayer` per cross degree; each `CrossLayer` names both
its kernel and its bias "cross_layer_weight" and passes initializer classes
(`initializers.glorot_uniform`, `initializers.zeros`) instead of instances.

From LongmaoTeamTf/deep_recommenders (`deep_recommend/recommend/ctr/dcn/cross_net.py`, Wang Yao).
Looks like the "layers made by an untracked helper object" and "two weights with the same name"
traps. On Keras 3 it is fine: `CrossNet` keeps no layer -- it only wires new `CrossLayer`s into the
functional graph, which the functional model tracks -- and the duplicate names do not matter (Keras 3
saves variables by position inside each layer); initializer classes are instantiated by
`initializers.get`.

Porting edits: the repository's Criteo `DenseFeatures` input pipeline (removed in Keras 3) is
replaced by one dense `Input` of 8 stacked features, as `build_dcn` in `dcn.py` of the same folder
feeds `stack_embeddings`; a `Dense(1, sigmoid)` head on the cross output, 3 cross layers.
"""

SOURCE = "https://github.com/LongmaoTeamTf/deep_recommenders/blob/f7fa547612a08d5642d7ca1929cf4102483ad051/deep_recommend/recommend/ctr/dcn/cross_net.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okai_deeprecommenders_dcn_crossnet_plain_object_and_same_weight_names.py:
as returned: Functional, count_params() = 57, 8 weights, unbuilt: none
after call: count_params() = 57, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cross_layer_0': 16, 'cross_layer_1': 16, 'cross_layer_2': 16}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31c/probe_dcn.py): weight paths are cross_layer_i/cross_layer_weight twice per
layer; one fit step (adam, 16 rows) changes 8 of 8 trainable weights; save_weights/load_weights and
model.save/.keras load_model (custom_objects CrossLayer) into a fresh model both restore every value."""

import tensorflow as tf
from tensorflow.keras import initializers
from tensorflow.keras.layers import Layer


class CrossLayer(Layer):

    def __init__(self, **kwargs):
        super(CrossLayer, self).__init__(**kwargs)
        
    def build(self, input_shape):
        self.W = self.add_weight(
            shape=(input_shape[0][-1], 1),
            initializer=initializers.glorot_uniform,
            trainable=True, 
            name="cross_layer_weight"
        )
        self.b = self.add_weight(
            shape=(input_shape[0][-1], ),
            initializer=initializers.zeros,
            trainable=True, 
            name="cross_layer_weight"
        )
        super(CrossLayer, self).build(input_shape)

    def call(self, inputs, **kwargs):
        stack_embeddings, cross_inputs = inputs
        linear_project = tf.matmul(cross_inputs, self.W)
        feature_crossing = tf.math.multiply(stack_embeddings, linear_project)
        outputs = feature_crossing + self.b + cross_inputs # residual connect
        return outputs


class CrossNet(object):
    """ Cross Network """
    __layer_name__ = "cross_layer_"

    def __init__(self, cross_layers_num, **kwargs):
        super(CrossNet, self).__init__(**kwargs)
        self._cross_layers_num = cross_layers_num

    def __call__(self, concat_embeddings):
        """ build model """
        x = concat_embeddings
        for i in range(self._cross_layers_num):
            x = CrossLayer(name=self.__layer_name__+str(i))([concat_embeddings, x])
        return x


def build_model():
    stack_embeddings = tf.keras.Input(shape=(8,), name="stack_embeddings")
    cross_output = CrossNet(3)(stack_embeddings)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(cross_output)
    return tf.keras.Model(inputs=stack_embeddings, outputs=outputs, name="DCN")
