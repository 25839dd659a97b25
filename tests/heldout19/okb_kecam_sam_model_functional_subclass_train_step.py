"""SAMModel (keras_cv_attention_models): a functional Model subclass whose train_step perturbs
every trainable variable in place between two GradientTapes, then restores it.

Looks suspicious in several ways: `self.rho` is a tf.constant and `self.tf` holds the
tensorflow module on the model; `train_step` reads `self.trainable_variables` once, adds
`grad * scale` to each variable with `assign_add`, takes a second tape, subtracts the same
amount and applies the *second* gradients. On Keras 3 it is right: the functional
sublayers are tracked through the functional graph, both tapes reach every weight, and one
`fit` step moves all of them.

Porting edits: `self.compiled_loss(y, y_pred, sample_weight, regularization_losses=...)` and
`self.compiled_metrics` (Keras 2 API) replaced by `self.compute_loss(...)` and
`self.compute_metrics(...)`; a tiny Dense model instead of an image backbone. The constructor
and the two-tape SAM step are the repository's.
"""

SOURCE = ("https://github.com/leondgarse/keras_cv_attention_models/blob/"
          "687943d88f7a7beea4807e8f4db00f4b49da9ea8/keras_cv_attention_models/model_surgery/model_surgery.py")
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/okb_kecam_sam_model_functional_subclass_train_step.py
  as returned: SAMModel, count_params() = 115, 8 weights, unbuilt: none
  after call: count_params() = 115, 6 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 6 trainable weights: []
  tape watched 0 variables the model does not track: []
/tmp/mine19b/m_sam.py (one fit step, batch of 8):
  no warnings; trainable 6, changed trainable 6, changed non-trainable (BN moving stats) 2
Every weight is tracked, reached by both tapes and updated."""

import keras
from keras import layers, models


class SAMModel(models.Model):
    def __init__(self, *args, rho=0.05, **kwargs):
        super().__init__(*args, **kwargs)
        import tensorflow as tf

        self.rho = tf.constant(rho, dtype=tf.float32)
        self.tf = tf

    def train_step(self, data):
        if len(data) == 3:
            x, y, sample_weight = data
        else:
            sample_weight = None
            x, y = data

        # 1st step
        with self.tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)

        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)

        norm = self.tf.linalg.global_norm(gradients)
        scale = self.rho / (norm + 1e-12)
        e_w_list = []
        for v, grad in zip(trainable_vars, gradients):
            e_w = grad * scale
            v.assign_add(e_w)
            e_w_list.append(e_w)

        # 2nd step
        with self.tf.GradientTape() as tape:
            y_pred_adv = self(x, training=True)
            loss_adv = self.compute_loss(x=x, y=y, y_pred=y_pred_adv, sample_weight=sample_weight)
        gradients_adv = tape.gradient(loss_adv, trainable_vars)
        for v, e_w in zip(trainable_vars, e_w_list):
            v.assign_sub(e_w)

        # optimize
        self.optimizer.apply_gradients(zip(gradients_adv, trainable_vars))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)


def build_model():
    inputs = keras.Input((6,))
    nn = layers.Dense(8, activation="relu")(inputs)
    nn = layers.BatchNormalization()(nn)
    outputs = layers.Dense(3, activation="softmax")(nn)
    model = SAMModel(inputs, outputs, rho=0.05, name="sam_model")
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["acc"])
    return model
