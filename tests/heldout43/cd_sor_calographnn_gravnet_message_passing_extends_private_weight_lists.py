"""The `GravNet` layer in jkiesele's SOR (its copy of caloGraphNN's `caloGraphNN_keras.py`, a graph network for calorimeter point clouds with optional extra message-passing steps) builds its Dense transforms by hand in `build()`, adds one `add_weight` distance weight per message-passing step, and then pushes every sublayer's weights into `self._trainable_weights` / `self._non_trainable_weights`; Keras 3 layers have no such lists, so the first call raises AttributeError and no model can be wired. The same repository's `GravNet_simple` (modules/Layers.py, see the okcd_ pair) does the same hand-building without the private lists and works.

From jkiesele/SOR, `modules/caloGraphNN_keras.py` (commit 4162064, March 2020; identical loop in jkiesele/caloGraphNN
and in hls4ml's GarNet excerpt): `GravNet.__init__` creates `input_feature_transform`, `input_spatial_transform`,
`output_feature_transform` and `additional_message_passing` Dense layers, lists them in `self._sublayers`; `build()`
builds them, creates `message_parsing_distance_weights` with `self.add_weight(...)`, then runs
`for layer in self._sublayers: self._trainable_weights.extend(layer.trainable_weights)` (LD006). The sublayers are
attributes (and a tracked list), so Keras 3 would count them without the loop.

Porting edits: the class is unchanged; `euclidean_squared`/`gauss_of_lin` are copied from the repository's
`modules/caloGraphNN.py` and `GlobalExchange` from the same `caloGraphNN_keras.py`. SOR's training script wires
`GravNet_simple`; build_model() wires the same `minimodel` block of `Train/pf_graph.py` (BatchNorm, then
GlobalExchange, three Dense(64, elu), the graph layer, BatchNorm, here two blocks) with `GravNet(n_neighbours=10,
n_dimensions=4, n_filters=128, n_propagate=64, subname=..., additional_message_passing=1)` in place of
`GravNet_simple`, on 64 hits with 9 features.
"""

SOURCE = "https://github.com/jkiesele/SOR/blob/4162064c9bdd47f44cd7160ca7a9b23c3ce4fff2/modules/caloGraphNN_keras.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cd_sor_calographnn_gravnet_message_passing_extends_private_weight_lists.py:
build_model() raised AttributeError: 'GravNet' object has no attribute '_trainable_weights'
probes/probe_tb.py: raised at GravNet.build(), line 'self._trainable_weights.extend(layer.trainable_weights)', while build_model() wires the first GravNet (after the Dense builds and the add_weight distance weight ran). probes/sor_gravnet_fixed.py (this file with the two .extend lines removed): builds, count_params() = 131310, each GravNet 41,477 params (its Dense transforms, the message-passing Dense and the add_weight distance weight all tracked), gradient None for 0 of 42 trainable weights."""

import tensorflow as tf
import tensorflow.keras as keras


# modules/caloGraphNN.py
def gauss_of_lin(x):
    return tf.exp(-1*(tf.abs(x)))


def euclidean_squared(A, B):
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


class GlobalExchange(tf.keras.layers.Layer):
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


class GravNet(tf.keras.layers.Layer):
    def __init__(self, 
                 n_neighbours, 
                 n_dimensions, 
                 n_filters, 
                 n_propagate, 
                 subname, 
                 also_coordinates=False, feature_dropout=-1, 
                 coordinate_kernel_initializer=tf.keras.initializers.Orthogonal(),
                 other_kernel_initializer='glorot_uniform',
                 fix_coordinate_space=False, 
                 coordinate_activation=None,
                 masked_coordinate_offset=None,
                 additional_message_passing=0,
                 **kwargs):
        super(GravNet, self).__init__(**kwargs)

        self.n_neighbours = n_neighbours
        self.n_dimensions = n_dimensions
        self.n_filters = n_filters
        self.n_propagate = n_propagate
        
        self.subname = subname
        name = self.name+subname
        
        self.also_coordinates = also_coordinates
        self.feature_dropout = feature_dropout
        self.masked_coordinate_offset = masked_coordinate_offset
        self.additional_message_passing = additional_message_passing
        
        self.input_feature_transform = tf.keras.layers.Dense(n_propagate, name = name+'_FLR', kernel_initializer=other_kernel_initializer)
        self.input_spatial_transform = tf.keras.layers.Dense(n_dimensions, name = name+'_S', kernel_initializer=coordinate_kernel_initializer, activation=coordinate_activation)
        self.output_feature_transform = tf.keras.layers.Dense(n_filters, activation='tanh', name = name+'_Fout', kernel_initializer=other_kernel_initializer)

        self._sublayers = [self.input_feature_transform, self.input_spatial_transform, self.output_feature_transform]
        if fix_coordinate_space:
            self.input_spatial_transform = None
            self._sublayers = [self.input_feature_transform, self.output_feature_transform]
        
        self.message_passing_layers = []
        for i in range(additional_message_passing):
            self.message_passing_layers.append(
                tf.keras.layers.Dense(n_propagate, activation='elu', 
                                   name = name+'_mp_'+str(i), kernel_initializer=other_kernel_initializer)
                )
        if additional_message_passing>0:
            self._sublayers += self.message_passing_layers


    def build(self, input_shape):
        if self.masked_coordinate_offset is not None:
            input_shape = input_shape[0]
            
        self.input_feature_transform.build(input_shape)
        if self.input_spatial_transform is not None:
            self.input_spatial_transform.build(input_shape)
        
        # tf.ragged FIXME?
        self.output_feature_transform.build((input_shape[0], input_shape[1], input_shape[2] + self.input_feature_transform.units * 2))

        self.message_parsing_distance_weights=[]
        for i in range(len(self.message_passing_layers)):
            l = self.message_passing_layers[i]
            l.build((input_shape[0], input_shape[1], input_shape[2] + self.n_propagate * 2))
            d_weight = self.add_weight(name=self.subname+'_mp_distance_weight_'+str(i), 
                                      shape=(1,),
                                      initializer='uniform',
                                      constraint=tf.keras.constraints.NonNeg() ,
                                      trainable=True)
            self.message_parsing_distance_weights.append(d_weight)

        for layer in self._sublayers:
            self._trainable_weights.extend(layer.trainable_weights)
            self._non_trainable_weights.extend(layer.non_trainable_weights)
        
        super(GravNet, self).build(input_shape)

    def call(self, x):
        
        mask = None
        if self.masked_coordinate_offset is not None:
            if not isinstance(x, list):
                raise Exception('GravNet: in mask mode, input must be list of input,mask')
            mask = x[1]
            x = x[0]
            
        
        if self.input_spatial_transform is not None:
            coordinates = self.input_spatial_transform(x)
        else:
            coordinates = x[:,:,0:self.n_dimensions]
            
        if self.masked_coordinate_offset is not None:
            sel_mask = tf.tile(mask, [1,1,tf.shape(coordinates)[2]])
            coordinates = tf.where(sel_mask>0., coordinates, tf.zeros_like(coordinates)-self.masked_coordinate_offset)

        collected_neighbours = self.collect_neighbours(coordinates, x, mask)

        updated_features = tf.concat([x, collected_neighbours], axis=-1)
        output = self.output_feature_transform(updated_features)
        
        if self.masked_coordinate_offset is not None:
            output *= mask

        if self.also_coordinates:
            return [output, coordinates]
        return output
        

    def compute_output_shape(self, input_shape):
        if self.masked_coordinate_offset is not None:
            input_shape = input_shape[0]
        if self.also_coordinates:
            return [(input_shape[0], input_shape[1], self.output_feature_transform.units),
                    (input_shape[0], input_shape[1], self.n_dimensions)]
        
        # tf.ragged FIXME? tf.shape() might do the trick already
        return (input_shape[0], input_shape[1], self.output_feature_transform.units)

    def collect_neighbours(self, coordinates, x, mask):
        
        # tf.ragged FIXME?
        # for euclidean_squared see caloGraphNN.py
        distance_matrix = euclidean_squared(coordinates, coordinates)
        ranked_distances, ranked_indices = tf.nn.top_k(-distance_matrix, self.n_neighbours)

        neighbour_indices = ranked_indices[:, :, 1:]
        
        features = self.input_feature_transform(x)
        
        n_batches = tf.shape(features)[0]
        
        # tf.ragged FIXME? or could that work?
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
        
    
        for i in range(len(self.message_passing_layers)+1):
            if i:
                features = self.message_passing_layers[i-1](tf.concat([features,x],axis=-1))
                w=self.message_parsing_distance_weights[i-1]
                weights = gauss_of_lin(w*distance)
                weights = tf.expand_dims(weights, axis=-1)
                
            if self.feature_dropout>0 and self.feature_dropout < 1:
                features = tf.keras.layers.Dropout(self.feature_dropout)(features)
                
            neighbour_features = tf.gather_nd(features, indices) # (B, V, N-1, F)
            # weight the neighbour_features
            neighbour_features *= weights
            
            neighbours_max = tf.reduce_max(neighbour_features, axis=2)
            neighbours_mean = tf.reduce_mean(neighbour_features, axis=2)
            
            features = tf.concat([neighbours_max, neighbours_mean], axis=-1)
            if mask is not None:
                features *= mask
        
        return features

    def get_config(self):
            config = {'n_neighbours': self.n_neighbours, 
                      'n_dimensions': self.n_dimensions, 
                      'n_filters': self.n_filters, 
                      'n_propagate': self.n_propagate,
                      'subname':self.subname,
                      'also_coordinates': self.also_coordinates,
                      'feature_dropout' : self.feature_dropout,
                      'masked_coordinate_offset'       : self.masked_coordinate_offset,
                      'additional_message_passing'    : self.additional_message_passing}
            base_config = super(GravNet, self).get_config()
            return dict(list(base_config.items()) + list(config.items()))




def build_model():
    from tensorflow.keras.layers import Dense, BatchNormalization, Concatenate
    from tensorflow.keras.models import Model

    inp = keras.Input((64, 9))
    x = BatchNormalization(momentum=0.6)(inp)
    feat = [x]
    for i in range(2):
        x = GlobalExchange()(x)
        x = Dense(64, activation='elu')(x)
        x = Dense(64, activation='elu')(x)
        x = Dense(64, activation='elu')(x)
        x = GravNet(n_neighbours=10,
                    n_dimensions=4,
                    n_filters=128,
                    n_propagate=64,
                    subname='gn%d' % i,
                    additional_message_passing=1)(x)
        x = BatchNormalization(momentum=0.6)(x)
        feat.append(Dense(32, activation='elu')(x))
    x = Concatenate()(feat)
    x = Dense(64, activation='elu')(x)
    return Model(inputs=inp, outputs=x)
