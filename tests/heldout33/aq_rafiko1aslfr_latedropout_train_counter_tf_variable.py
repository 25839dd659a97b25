"""A Kaggle ASL-fingerspelling model's `LateDropout` counts training steps in a raw `tf.Variable`
made in `build()`: on Keras 3 the counter is not one of the layer's weights, so it is not saved
and a resumed or reloaded model restarts the "late" schedule from step 0.

From rafiko1/kaggle_asl_fingerspelling_competition (`models/architectures/model_1dcnn_encoder_v2.py`,
a team's 1D-CNN + transformer CTC model for the Google ASL Fingerspelling Recognition competition;
`LateDropout` is the layer popularised by the ISLR 1st-place Kaggle notebook, here with its settings
read from a global CFG dict). `build()` calls `super().build()` and then makes
`self._train_counter = tf.Variable(0, dtype="int64", aggregation=ONLY_FIRST_REPLICA, trainable=False)`;
`call()` applies the wrapped Dropout only once the counter has reached `late_drop_start_epoch`, and
increments it with `assign_add` on every training call. The counter is backend-native state on a
Keras 3 layer: Keras does not track it (not in `weights`/`non_trainable_weights`, not in
`save_weights`/`.keras` files).

Porting edits: CFG given as a module-level dict with small values (the author fills the global from
`get_model(config, dtype)`); the Encoder (1D-CNN and transformer blocks) and the CTC loss layer of
`get_model` left out, the head kept as written: Input frames -> Dense 'pre_classifier' ->
AveragePooling1D -> LateDropout -> Dense 'classifier'. build_model() returns that model.
"""

SOURCE = "https://github.com/rafiko1/kaggle_asl_fingerspelling_competition/blob/c1b3e0909ffe6f4453f8a6ef25008d773deedbc3/models/architectures/model_1dcnn_encoder_v2.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_rafiko1aslfr_latedropout_train_counter_tf_variable.py:
as returned: Functional, count_params() = 310, 4 weights, unbuilt: none
after call: count_params() = 310, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'LateDropout': 0}
second call: 0 variables watched that the first call did not use
probe (_probe_latedropout.py, in this folder): counter type: ResourceVariable; LateDropout.weights: [], model non_trainable_weights: [];
counter after 3 training-mode calls: 3; after model.save_weights + build_model().load_weights: reloaded counter 0"""

import tensorflow as tf

CFG = {
    "max_len_frames": 16,
    "encoder_dim": 8,
    "avg_pool_size": 2,
    "late_drop_rate": 0.5,
    "late_drop_start_epoch": 2,
    "num_classes": 6,
}
CHANNELS = 12


class LateDropout(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__(name='LateDropout')
        self.dropout = tf.keras.layers.Dropout(CFG['late_drop_rate'], noise_shape=None)
      
    def build(self, input_shape):
        super().build(input_shape)
        agg = tf.VariableAggregation.ONLY_FIRST_REPLICA
        self._train_counter = tf.Variable(0, dtype="int64", aggregation=agg, trainable=False)

    def call(self, inputs, training=False):
        x = tf.cond(self._train_counter < CFG['late_drop_start_epoch'], lambda:inputs, lambda:self.dropout(inputs, training=training))
        if training:
            self._train_counter.assign_add(1)
        return x


def build_model():
    inp1 = tf.keras.layers.Input([CFG['max_len_frames'], CHANNELS], dtype=tf.float32, name='frames')
    x = tf.keras.layers.Dense(CFG['encoder_dim']*2, activation=None, name='pre_classifier')(inp1)
    x = tf.keras.layers.AveragePooling1D(CFG['avg_pool_size'], name='avg_pooling1d')(x)
    x = LateDropout()(x)
    x = tf.keras.layers.Dense(CFG['num_classes'], name='classifier')(x)
    model = tf.keras.models.Model(inputs=inp1, outputs=x)
    return model
