"""Scene-Rep-Transformer's `Ego_Neighbours_Encoder` builds its two post-attention norms as `[LayerNormalization()]*2`:
one LayerNormalization instance (one gamma/beta) normalises both the attention output and the FFN output (LD007,
unintended sharing; nothing crashes because both positions are `units` wide).

From georgeliu233/Scene-Rep-Transformer (Liu, Huang, Mo, Lv, "Augmenting RL with Transformer-based Scene
Representation Learning", NTU AutoMan lab), `algos/modules/policy.py`. With `use_trans_encode=True` the layer keeps
`self.FFN_layers = [Dense(4*units, 'elu'), Dense(units)]`, `self.dropout_layers = [Dropout(drop_rate)]*len(FFN_layers)`
and `self.norm_layers = [LayerNormalization()]*2`; `call()` applies `norm_layers[0]` after the MultiHeadAttention
and `norm_layers[-1]` after the FFN, i.e. the same object twice: the transformer block has one set of norm
parameters where the design (post-norm transformer) has two. The multiplied Dropout list is harmless (no state).
The GRU (`self.lstm_layer`) run on the ego track and on each of the five neighbour tracks is shared on purpose
(one trajectory encoder for every actor); that part is intended sharing. A later PyTorch port of this policy
(an SB3 re-implementation) comments "The source creates [LayerNormalization()] * 2, so both calls share the same
gamma/beta variables" and reproduces the quirk with one `nn.LayerNorm`.

Porting edits: none to the class apart from dropping the unused `tensorflow_probability` import and the
`Rotater` class above it (not used with make_rotation=False). build_model() builds the encoder as
`GaussianActorCritic`/`RLEncoder` do for the ego-surrounding PPO (`use_trans_encode=True`, `num_heads=6`,
`neighbours=5`, bptt=False), with make_rotation=False as in the CARLA configs, units=256, and returns it with a
(2, 6, 10, 5) batch of [actor, timestep, feature] tracks.
"""

SOURCE = "https://github.com/georgeliu233/Scene-Rep-Transformer/blob/55596b992a39f3253312ba7f696f978091998564/algos/modules/policy.py"
CODES = ("LD007",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/bs_scenereptransformer_ego_neighbours_encoder_norm_layers_list_times_two_one_layernorm.py:
as returned: Ego_Neighbours_Encoder, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['GRU:gru', 'GRUCell:gru_cell', 'LayerNormalization:layer_normalization', 'MultiHeadAttention:multi_head_attention', 'Dense:dense', 'Dense:dense_1', 'LayerNormalization:layer_normalization_1']
after call: count_params() = 987636, 19 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_scenerep.py, after one call): "norm_layers distinct objects: 1 of 2", "dropout_layers distinct objects: 1";
LayerNormalization weights tracked: ego_norm's gamma/beta and ONE more gamma/beta (layer_normalization_1) for both
post-attention and post-FFN positions (two separate norms would add 512 parameters); no warning or exception."""

import numpy as np
import tensorflow as tf
layers = tf.keras.layers


class Ego_Neighbours_Encoder(tf.keras.layers.Layer):
    def __init__(self, state_shape,name='ego_surr_encode',units=256,
        use_trans_encode=False,num_heads=6,drop_rate=0.1,neighbours=5,
        make_rotation=True,time_step=8,bptt=False):
        super().__init__(name=name)
        self.neighbours = neighbours
        self.make_rotation=make_rotation
        self.time_step=time_step
        self.lstm_layer = layers.GRU(units,return_sequences=False)
        self.use_trans = use_trans_encode
        self.ego_norm = layers.LayerNormalization()
        self.bptt = bptt
        if use_trans_encode:
            self.rel_layer = layers.MultiHeadAttention(num_heads,units//num_heads,dropout=drop_rate)
            self.FFN_layers = [
                layers.Dense(4*units,activation='elu'),
                layers.Dense(units)
            ]
            self.dropout_layers = [
                layers.Dropout(drop_rate)
            ]*len(self.FFN_layers)

            self.norm_layers = [
                layers.LayerNormalization()
            ]*2
        else:
            self.encode_layer = layers.Dense(
                units,activation='elu'
            )

    def wrap_to_pi(self,theta):
        pi = tf.constant(np.pi)
        return (theta+pi) % (2*pi) - pi

    def _split_ego(self,states,mask):

        if self.make_rotation:
            states = self._make_rotations(states,mask)
        else:
            x = states[:,:,:,0]
            y = states[:,:,:,1]
            v = states[:,:,:,2]
            dis = states[:,:,:,3]
            angle = self.wrap_to_pi(states[:,:,:,4])
            rotated_state = [
            tf.expand_dims(x,3),
            tf.expand_dims(y,3),
            tf.expand_dims(v,3),
            tf.expand_dims(dis,3),
            tf.expand_dims(angle,3)
            ]
            states = tf.concat(rotated_state, axis=-1)

        e_states,n_states = states[:,0,:,:] , states[:,1:,:,:]

        return e_states , n_states

    def call(self,states,mask=None,test=False,debug=False,init_state=None):
        mask = tf.not_equal(states[:,:,:,0],0)
        mask = tf.cast(mask,tf.int32)
        training= bool(1-test)
        ego_states , neighbor_states = self._split_ego(states,mask)
        actor_mask = tf.not_equal(tf.concat([tf.expand_dims(tf.ones_like(ego_states), 1), neighbor_states], axis=1), 0)[:, :, 0, 0]
        if self.bptt:
            ego,full_ego = self._lstm_with_mask(ego_states,mask,return_hidden=True,init_state=init_state)
        else:
            ego= self.lstm_layer(ego_states)
        neighbors =[
            self.lstm_layer(neighbor_states[:,i,:,:])for i in range(5)
        ]
        neighbors = tf.stack(neighbors, axis=1)
        actor = tf.concat([ego[:, tf.newaxis], neighbors], axis=1)
        if self.use_trans:
            value = self.rel_layer(tf.expand_dims(ego, axis=1), actor,attention_mask=actor_mask[:, tf.newaxis], training=training)
            value = tf.squeeze(value,axis=1)
            value = self.norm_layers[0](value)
            for i in range(len(self.FFN_layers)):
                value = self.FFN_layers[i](value)
                value = self.dropout_layers[i](value,training=training)
            value = self.norm_layers[-1](value)
        else:
            value = self.encode_layer(actor)
        feature = tf.concat([value,self.ego_norm(ego)],axis=-1)
        return feature


def build_model():
    state_shape = (6, 10, 5)
    encoder = Ego_Neighbours_Encoder(state_shape, use_trans_encode=True, neighbours=5, time_step=10,
                                     num_heads=6, bptt=False, make_rotation=False)
    states = np.random.default_rng(0).random((2,) + state_shape).astype("float32") + 0.1
    return encoder, states
