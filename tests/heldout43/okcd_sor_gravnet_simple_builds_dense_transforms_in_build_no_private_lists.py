"""jkiesele's SOR (object-condensation particle reconstruction on calorimeter point clouds) defines `GravNet_simple`, a GravNet graph layer that creates its three Dense transforms in `__init__` and builds them by hand in `build()` (the output transform with the widened `F + 2 * n_propagate` input) without touching any weight list; the sublayers are attributes, so Keras 3 tracks, counts and trains them. A look-alike of LD006: the same hand-building as caloGraphNN's GarNet/GravNet, minus the `self._trainable_weights.extend(...)` loop that breaks those on Keras 3.

From jkiesele/SOR, `modules/Layers.py` (`GravNet_simple`, registered in `global_layers_list`), with the neighbour helpers
`euclidean_squared` and `gauss_of_lin` from jkiesele/caloGraphNN's `caloGraphNN.py` (imported with `from caloGraphNN
import *`) and `GlobalExchange` from its `caloGraphNN_keras.py`. The training script `Train/pf_graph.py` wires
`minimodel()`: BatchNorm, then six blocks of GlobalExchange, three Dense(64, elu), `GravNet_simple(n_neighbours=10,
n_dimensions=4, n_filters=128, n_propagate=64)` and BatchNorm, a Dense(32) tap per block, a concatenation and the
`output_block` heads.

Porting edits: `GravNet_simple`, `GlobalExchange`, `euclidean_squared`, `gauss_of_lin`, `minimodel` and `output_block`
are unchanged; DeepJetCore's `SelectFeatures` and `ScalarMultiply` (from `DeepJetCore.DJCLayers`) are reduced to
small Layers doing the same slicing / scaling; `training_base`, the loss, the plotting callbacks and the training run
are left out. build_model() calls `minimodel([Input((64, 9))])` (64 hits with 9 features; the real inputs come from
DeepJetCore's data collection) and returns the functional model.
"""

SOURCE = "https://github.com/jkiesele/SOR/blob/4162064c9bdd47f44cd7160ca7a9b23c3ce4fff2/modules/Layers.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcd_sor_gravnet_simple_builds_dense_transforms_in_build_no_private_lists.py:
as returned: Functional, count_params() = 349444, 124 weights, unbuilt: none
after call: count_params() = 349444, 110 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 110 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'global_exchange': 0, 'grav_net_simple': 29124, 'global_exchange_1': 0, 'grav_net_simple_1': 29124, 'global_exchange_2': 0, 'grav_net_simple_2': 29124, 'global_exchange_3': 0, 'grav_net_simple_3': 29124, 'global_exchange_4': 0, 'grav_net_simple_4': 29124, 'global_exchange_5': 0, 'grav_net_simple_5': 29124, 'scalar_multiply': 0, 'scalar_multiply_1': 0, 'select_features_1': 0, 'select_features': 0}
second call: 0 variables watched that the first call did not use
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/models/functional.py:259: UserWarning: The structure of `inputs` doesn't match the expected structure.
Expected: ['keras_tensor']
Received: inputs=Tensor(shape=(2, 64, 9))
  warnings.warn(msg)
Each GravNet_simple holds 29,124 params = Dense 64->64 (4,160) + Dense 64->4 (260) + Dense (64+2*64)->128 (24,704): all three hand-built transforms are tracked and all get gradients. (The structure warning comes from minimodel passing its one Input as a list.)"""

import keras
import tensorflow as tf
from keras.layers import Layer
from keras.models import Model
from keras.layers import Dense, BatchNormalization, Concatenate

global_layers_list = {}


# caloGraphNN.py
def gauss_of_lin(x):
    return tf.exp(-1*(tf.abs(x)))


def euclidean_squared(A, B):
    """
    Returns euclidean distance between two batches of shape [B,N,F] and [B,M,F] where B is batch size, N is number of
    examples in the batch of first set, M is number of examples in the batch of second set, F is number of spatial
    features.
    """

    shape_A = A.get_shape().as_list()
    shape_B = B.get_shape().as_list()

    assert (A.dtype == tf.float32 or A.dtype == tf.float64) and (B.dtype == tf.float32 or B.dtype == tf.float64)
    assert len(shape_A) == 3 and len(shape_B) == 3
    assert shape_A[0] == shape_B[0]# and shape_A[1] == shape_B[1]

    # Finds euclidean distance using property (a-b)^2 = a^2 + b^2 - 2ab
    sub_factor = -2 * tf.matmul(A, tf.transpose(B, perm=[0, 2, 1]))  # -2ab term
    dotA = tf.expand_dims(tf.reduce_sum(A * A, axis=2), axis=2)  # a^2 term
    dotB = tf.expand_dims(tf.reduce_sum(B * B, axis=2), axis=1)  # b^2 term
    return tf.abs(sub_factor + dotA + dotB)


# caloGraphNN_keras.py
class GlobalExchange(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(GlobalExchange, self).__init__(**kwargs)

    def build(self, input_shape):
        # tf.ragged FIXME?
        self.num_vertices = input_shape[1]
        super(GlobalExchange, self).build(input_shape)

    def call(self, x):
        mean = tf.reduce_mean(x, axis=1, keepdims=True)
        # tf.ragged FIXME?
        # maybe just use tf.shape(x)[1] instead?
        mean = tf.tile(mean, [1, self.num_vertices, 1])
        return tf.concat([x, mean], axis=-1)

    def compute_output_shape(self, input_shape):
        return input_shape[:2] + (input_shape[2] * 2,)

global_layers_list['GlobalExchange']=GlobalExchange


# DeepJetCore.DJCLayers (porting stand-ins)
class SelectFeatures(Layer):
    def __init__(self, index_left, index_right, **kwargs):
        super(SelectFeatures, self).__init__(**kwargs)
        self.index_left = index_left
        self.index_right = index_right

    def call(self, inputs):
        return inputs[..., self.index_left:self.index_right]


class ScalarMultiply(Layer):
    def __init__(self, factor, **kwargs):
        super(ScalarMultiply, self).__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor


class GravNet_simple(tf.keras.layers.Layer):
    def __init__(self, 
                 n_neighbours, 
                 n_dimensions, 
                 n_filters, 
                 n_propagate,**kwargs):
        super(GravNet_simple, self).__init__(**kwargs)
        
        self.n_neighbours = n_neighbours
        self.n_dimensions = n_dimensions
        self.n_filters = n_filters
        self.n_propagate = n_propagate
        
        self.input_feature_transform = tf.keras.layers.Dense(n_propagate)
        self.input_spatial_transform = tf.keras.layers.Dense(n_dimensions)
        self.output_feature_transform = tf.keras.layers.Dense(n_filters, activation='tanh')

    def build(self, input_shape):
        
        self.input_feature_transform.build(input_shape)
        self.input_spatial_transform.build(input_shape)
        
        self.output_feature_transform.build((input_shape[0], input_shape[1], 
                                             input_shape[2] + self.input_feature_transform.units * 2))
 
        super(GravNet_simple, self).build(input_shape)
        
    def call(self, x):
        
        coordinates = self.input_spatial_transform(x)
        features = self.input_feature_transform(x)
        collected_neighbours = self.collect_neighbours(coordinates, features)
        
        updated_features = tf.concat([x, collected_neighbours], axis=-1)
        return self.output_feature_transform(updated_features)
    

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self.output_feature_transform.units)
    
    def collect_neighbours(self, coordinates, features):
        
        distance_matrix = euclidean_squared(coordinates, coordinates)
        ranked_distances, ranked_indices = tf.nn.top_k(-distance_matrix, self.n_neighbours)

        neighbour_indices = ranked_indices[:, :, 1:]
        
        n_batches = tf.shape(features)[0]
        n_vertices = tf.shape(features)[1]
        n_features = tf.shape(features)[2]
        
        batch_range = tf.range(0, n_batches)
        batch_range = tf.expand_dims(batch_range, axis=1)
        batch_range = tf.expand_dims(batch_range, axis=1)
        batch_range = tf.expand_dims(batch_range, axis=1) # (B, 1, 1, 1)

        # tf.ragged FIXME? n_vertices
        batch_indices = tf.tile(batch_range, [1, n_vertices, self.n_neighbours - 1, 1]) # (B, V, N-1, 1)
        vertex_indices = tf.expand_dims(neighbour_indices, axis=3) # (B, V, N-1, 1)
        indices = tf.concat([batch_indices, vertex_indices], axis=-1)
    
    
        distance = -ranked_distances[:, :, 1:]
    
        weights = gauss_of_lin(distance * 10.)
        weights = tf.expand_dims(weights, axis=-1)
        
        neighbour_features = tf.gather_nd(features, indices)
        neighbour_features *= weights
        neighbours_max = tf.reduce_max(neighbour_features, axis=2)
        neighbours_mean = tf.reduce_mean(neighbour_features, axis=2)
        
        return tf.concat([neighbours_max, neighbours_mean], axis=-1)
    
    def get_config(self):
        config = {'n_neighbours': self.n_neighbours, 
                  'n_dimensions': self.n_dimensions, 
                  'n_filters': self.n_filters, 
                  'n_propagate': self.n_propagate}
        base_config = super(GravNet_simple, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))



global_layers_list['GravNet_simple']=GravNet_simple   


# Train/pf_graph.py
def output_block(x,ids,energy_raw):
    p_beta    = Dense(1,activation='sigmoid')(x)
    p_tpos    = ScalarMultiply(10.)(Dense(2)(x))
    p_ID      = Dense(2,activation='softmax')(x)

    p_E       = (Dense(1)(x))
    p_ccoords = ScalarMultiply(10.)(Dense(2)(x))
    
    predictions=Concatenate()([p_beta , 
                               p_E    , 
                               p_tpos   ,
                               p_ID     ,
                               p_ccoords,
                               ids,
                               energy_raw])
    
    return predictions
    
def checkids(Inputs):
    
    
    return SelectFeatures(5,6)(Inputs[0])
    

    
def minimodel(Inputs,feature_dropout=-1.):
    x = Inputs[0] #this is the self.x list from the TrainData data structure
    energy_raw = SelectFeatures(0,3)(x)
    x = BatchNormalization(momentum=0.6)(x)
    
    feat=[x]
    
    for i in range(6):
        #add global exchange and another dense here
        x = GlobalExchange()(x)
        x = Dense(64, activation='elu')(x)
        x = Dense(64, activation='elu')(x)
        x = Dense(64, activation='elu')(x)
        x = GravNet_simple(n_neighbours=10, 
                 n_dimensions=4, 
                 n_filters=128, 
                 n_propagate=64)(x)
        x = BatchNormalization(momentum=0.6)(x)
        feat.append(Dense(32, activation='elu')(x))
    
    x = Concatenate()(feat)
    x = Dense(64, activation='elu')(x)

    return Model(inputs=Inputs, outputs=output_block(x,checkids(Inputs),energy_raw))


def build_model():
    return minimodel([keras.Input((64, 9))])
