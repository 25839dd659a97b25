"""CyberZHG's `SuccReg` wrapper (a successive-regularisation layer that keeps the previous step's copy of every
wrapped weight and penalises the change) overrides `non_trainable_weights` to return
`self._non_trainable_weights + self.layer.non_trainable_weights`: Keras 3 has no `_non_trainable_weights`, so the
layer's own `non_trainable_weights` raises AttributeError.

From CyberZHG/keras-succ-reg-wrapper (`keras_succ_reg_wrapper/wrapper.py` at 18a4cb6, published on PyPI as
keras-succ-reg-wrapper). `build()` builds the wrapped layer, adds a non-trainable `iter` counter and one
non-trainable `W_i` per trainable weight of the wrapped layer (the previous values), and registers
`regularizer(weight - prev)` as a loss; `call()` increments the counter and copies the current weights into the
`W_i`, then runs the wrapped layer. The class also overrides the `non_trainable_weights` property to splice its own
private list with the wrapped layer's, a tf.keras 2 idiom: there `Layer._non_trainable_weights` was the private
list behind the property. On Keras 3 the private list does not exist (LD006: the catalog's private weight lists):
`layer.non_trainable_weights` raises `AttributeError: 'SuccReg' object has no attribute '_non_trainable_weights'`.
Keras 3 itself collects the model's weights through its trackers, so `model.weights`, `count_params()`, `fit()` and
`.keras` save/load do not call the override and work; any user code or tool that asks the wrapper for its
non-trainable weights (to copy the previous-weight buffers between models, say) crashes.

Doubt kept as decided: on Keras 3 the regulariser registered with `add_loss` in `build()` is dropped (measured:
`layer.losses` is empty before and after fit), so the wrapper silently stops slowing the updates; that loss of the
penalty is not a catalog code and is recorded here only as a second consequence of the tf.keras-2 idioms.

Porting edits (Keras 2 -> Keras 3, only to reach the property): `keras.engine.InputSpec` -> `keras.InputSpec`;
`K.switch(K.equal(...), 0.0, ...)` -> `keras.ops.where(keras.ops.equal(...), 0.0, ...)`; `K.update_add`/`K.update`
with `self.add_update(updates, inputs)` (gone in Keras 3) -> `self.iteration.assign_add(1.0)` and
`self.prev_weights[i].assign(weight)`; `self.input_spec = InputSpec(shape=input_shape)` is kept. build_model()
wires the wrapper as the package's test does: `Input((1,)) -> SuccReg(Dense(1), regularizer=L1L2(l2=1e-3))`.
"""

SOURCE = "https://github.com/CyberZHG/keras-succ-reg-wrapper/blob/18a4cb66c1f0683ca3386e517aad45c1f2d46b1f/keras_succ_reg_wrapper/wrapper.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: Functional, count_params() = 5, 5 weights, unbuilt: none
after call: count_params() = 5, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'Output': 5}
second call: 0 variables watched that the first call did not use
Own probes /tmp/mine36/bb/p_succreg.py and p_succreg2.py:
model.weights -> 5 | model.count_params() -> int | model.trainable_weights -> 2 | model.fit(...) -> History
layer.non_trainable_weights raised AttributeError: 'SuccReg' object has no attribute '_non_trainable_weights'
layer.weights -> 5 ['Output/iter', 'Output/W_0', 'Output/W_1', 'Output/Dense/kernel', 'Output/Dense/bias']
model.non_trainable_weights -> 3 ['Output/iter', 'Output/W_0', 'Output/W_1']
save/load_model ok, weights: 5
losses registered in build: [] | after fit (2 epochs): iter = 4.0 | losses: []"""

import keras
from keras import ops as K


class SuccReg(keras.layers.Wrapper):

    def __init__(self, layer, regularizer, **kwargs):
        super(SuccReg, self).__init__(layer, **kwargs)
        self.supports_masking = True
        self.regularizer = keras.regularizers.get(regularizer)
        self.iteration = None
        self.prev_weights = None

    def get_config(self):
        config = {
            'regularizer': keras.regularizers.serialize(self.regularizer),
        }
        base_config = super(SuccReg, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def build(self, input_shape=None):
        self.input_spec = keras.InputSpec(shape=input_shape)
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        self.iteration = self.add_weight(
            shape=(),
            trainable=False,
            initializer='zeros',
            name='iter',
        )
        self.prev_weights = []
        for i, weight in enumerate(self.layer.trainable_weights):
            self.prev_weights.append(self.add_weight(
                shape=weight.shape,
                trainable=False,
                initializer='zeros',
                name='W_%d' % i,
            ))
            self.add_loss(K.where(
                K.equal(self.iteration, 0.0),
                0.0,
                self.regularizer(weight - self.prev_weights[-1]),
            ))
        super(SuccReg, self).build()

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def compute_mask(self, inputs, mask=None):
        return self.layer.compute_mask(inputs, mask)

    def call(self, inputs, **kwargs):
        self.iteration.assign_add(1.0)
        for i, weight in enumerate(self.layer.trainable_weights):
            self.prev_weights[i].assign(weight)
        return self.layer.call(inputs, **kwargs)

    @property
    def non_trainable_weights(self):
        return self._non_trainable_weights + self.layer.non_trainable_weights


def build_model():
    """The package test's model: Input(1) -> SuccReg(Dense(1)), compiled with adam/mse."""
    input_layer = keras.layers.Input(shape=(1,), name='Input')
    dense_layer = SuccReg(
        layer=keras.layers.Dense(units=1, name='Dense'),
        regularizer=keras.regularizers.L1L2(l2=1e-3),
        name='Output',
    )(input_layer)
    model = keras.models.Model(inputs=input_layer, outputs=dense_layer)
    model.compile(optimizer='adam', loss='mse')
    return model
