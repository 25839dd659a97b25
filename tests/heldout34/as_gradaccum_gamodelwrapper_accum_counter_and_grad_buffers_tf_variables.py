"""GradientAccumulator's `GAModelWrapper` (a functional-subclassed `tf.keras.Model` with its own `train_step`) keeps the
accumulation step counter and one gradient buffer per trainable weight as raw `tf.Variable`s: on Keras 3 none of them
is tracked, so the model's weights, `save_weights` and `.keras` files silently leave the accumulation state out.

From andreped/GradientAccumulator (`gradient_accumulator/GAModelWrapper.py` at 038f41b, the early "model wrapper"
version, after https://stackoverflow.com/a/66524901). The user wraps an existing functional model as
`GAModelWrapper(accum_steps=4, inputs=model.input, outputs=model.output)`. `__init__` stores `accum_steps` as a
`tf.constant`, `self.accum_step_counter = tf.Variable(0, trainable=False)` and
`self.gradient_accumulation = [tf.Variable(tf.zeros_like(v), trainable=False) for v in self.trainable_variables]`;
`train_step` adds each batch's gradients into the buffers and, when the counter reaches `accum_steps`, applies the
mean gradient and zeroes the buffers. The counter and buffers are backend-native variables on a Keras 3 model
(LD003); the buffers sit in a list (LD011 second, same root defect). They are updated, but `model.weights`/
`non_trainable_weights` do not contain them, so a checkpoint taken mid-accumulation restores the model weights
with the counter and half-filled buffers lost (tf.keras 2 tracked them as non-trainable weights).

Porting edits: `self.compiled_loss(...)` -> `self.compute_loss(x, y, y_pred, sample_weight)`,
`self.compiled_metrics.update_state(...)` -> updating the `compile_metrics` via `self.metrics` as Keras 3 does
(the loop returning `{m.name: m.result()}` is kept); the `agc` import is dropped (`use_acg=False`); mixed-precision
branches kept but off. build_model() wraps a small Dense functional model as the README shows. The own probe
`p_gamodel.py` runs 3 `fit` steps with `accum_steps=4`.
"""

SOURCE = "https://github.com/andreped/GradientAccumulator/blob/038f41b97284a5d2d01faf0e7e437a405e792178/gradient_accumulator/GAModelWrapper.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/as_gradaccum_gamodelwrapper_accum_counter_and_grad_buffers_tf_variables.py:
as returned: GAModelWrapper, count_params() = 161, 4 weights, unbuilt: none
after call: count_params() = 161, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine34/as/p_gamodel.py:
model.weights: 4 | accum_step_counter in them: False | accumulation buffers in them: 0 of 4
after 3 fit steps: accum_step_counter = 3 | buffer[0] abs-sum = 21.162019729614258
fresh wrapper after load_weights: accum_step_counter = 0 | buffer[0] abs-sum = 0.0"""

import tensorflow as tf


# https://stackoverflow.com/a/66524901
# https://keras.io/guides/customizing_what_happens_in_fit/
class GAModelWrapper(tf.keras.Model):
    def __init__(self, accum_steps=1, mixed_precision=False, use_acg=False, clip_factor=0.01, eps=1e-3, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accum_steps = tf.constant(accum_steps, dtype=tf.int32, name="accum_steps")
        self.accum_step_counter = tf.Variable(0, dtype=tf.int32, trainable=False, name="accum_counter")
        self.gradient_accumulation = [tf.Variable(tf.zeros_like(v, dtype=tf.float32), trainable=False, name="accum_" + str(i)) for i, v in
                                      enumerate(self.trainable_variables)]
        self.mixed_precision = mixed_precision
        self.use_acg = use_acg
        self.clip_factor = clip_factor
        self.eps = eps

    def train_step(self, data):
        self.accum_step_counter.assign_add(1)

        if len(data) == 3:
            x, y, sample_weight = data
        else:
            sample_weight = None
            x, y = data

        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)  # forward pass
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
            if self.mixed_precision:
                loss = self.optimizer.get_scaled_loss(loss)

        gradients = tape.gradient(loss, self.trainable_variables)

        if self.mixed_precision:
            gradients = self.optimizer.get_unscaled_gradients(gradients)

        # Accumulate batch gradients
        for i in range(len(self.gradient_accumulation)):
            self.gradient_accumulation[i].assign_add(gradients[i] / tf.cast(self.accum_steps, tf.float32))  # MEAN reduction here IMPORTANT! Don't do SUM reduction!!

        tf.cond(tf.equal(self.accum_step_counter, self.accum_steps), true_fn=self.apply_accu_gradients, false_fn=lambda: None)

        for m in self.metrics:
            if m.name != "loss":
                m.update_state(y, y_pred, sample_weight=sample_weight)
        return {m.name: m.result() for m in self.metrics}

    def apply_accu_gradients(self):
        self.optimizer.apply_gradients(zip(self.gradient_accumulation, self.trainable_variables))

        self.accum_step_counter.assign(0)
        for i in range(len(self.gradient_accumulation)):
            self.gradient_accumulation[i].assign(tf.zeros_like(self.trainable_variables[i], dtype=tf.float32))

    def get_config(self):
        config = super(GAModelWrapper, self).get_config()
        config["accum_steps"] = self.accum_steps
        config["mixed_precision"] = self.mixed_precision
        config["use_acg"] = self.use_acg
        config["clip_factor"] = self.clip_factor
        config["eps"] = self.eps
        return config


def build_model():
    inp = tf.keras.Input((8,))
    x = tf.keras.layers.Dense(16, activation="relu")(inp)
    out = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inp, out)
    return GAModelWrapper(accum_steps=4, inputs=model.input, outputs=model.output)
