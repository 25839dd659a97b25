"""bfseg's EWC continual-learning model keeps the previous task's weights and the Fisher matrix as lists of
`tf.Variable`s on a `keras.Model`: on Keras 3 none of them is tracked, counted or saved with the model.

From ethz-asl/background_foreground_segmentation (`src/bfseg/cl_models/ewc_model.py` at e3389fb, with its base
class `BaseCLModel` from `base_cl_model.py`). `EWC(BaseCLModel)` loads the model of the previous task, then
`_store_weights_prev_task()` copies every trainable weight into `tf.Variable(param, trainable=False)` appended to
`self._weights_prev_task`, and `_create_fisher_matrix()` averages squared log-likelihood gradients into
`tf.Variable(curr_fisher_param, trainable=False)` appended to `self._fisher_params`;
`_compute_consolidation_loss()` reads both lists. On tf.keras 2 those variables were tracked by the Model
(in `model.weights`, in checkpoints); on Keras 3 a `tf.Variable` is a foreign variable (LD003) and the lists
hold them out of Keras' sight (LD011 second): the EWC anchors and Fisher are not in `weights`, not in
`save_weights()`, and a reloaded EWC model has no consolidation state. They are meant to be frozen, so "never
trained" is by design here; the defect is that they are untracked and unsaved.

Doubt kept as decided: the EWC `__init__` also sets `self._lambda_ewc`/`self._lambda_type` before
`super().__init__()`; these are plain settings that Keras 3 keeps (measured below), so LD013 is not claimed.

Porting edits: sacred's `run` is a SimpleNamespace with the config keys the code reads; `bfseg.utils.models.create_model`
is replaced by a small conv encoder + 1x1 head (two functional models sharing layers, as the original returns);
`load_weights(pretrained_dir)` is skipped (the path is a placeholder), `_make_dirs()` does not create folders
and `warnings.warn` in the Fisher loop is kept; `tf.keras.losses.Reduction.SUM_OVER_BATCH_SIZE` (gone in Keras 3)
becomes the string "sum_over_batch_size". BaseCLModel is trimmed to `__init__`, `_build_model`,
`_build_loss_and_metric` and `forward_pass`; the train/test steps and logging are left out. build_model() builds
the EWC model on a 4-sample Fisher dataset of 16x16 RGB images with 2-class masks and returns it (the original
Model has no `call()`; its forward pass is `self.new_model`).
"""

SOURCE = "https://github.com/ethz-asl/background_foreground_segmentation/blob/e3389fbab3407f18292973ebc3a9032fa3a99352/src/bfseg/cl_models/ewc_model.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: EWC, count_params() = count_params() raised ValueError, 6 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine36/bb/p_ewc.py (the Model has no call(), so it is never built as a whole):
lambda kept after super().__init__: 0.5 both_ce_and_regularization
model.weights: 6 new_model.weights: 6
prev-task tf.Variables: 6 tracked: 0
fisher tf.Variables: 6 tracked: 0
consolidation loss now: 0.0
(model.save_weights() refuses: "You are saving a model that has not yet been built", so the 12 EWC variables
could not be saved even if tracked; model.weights lists only new_model's 6.)"""

import os
import types
import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras


def create_model(model_name, freeze_encoder, freeze_whole_model, normalization_type, **model_params):
  # Stand-in for bfseg.utils.models.create_model: returns (encoder, full model) sharing layers.
  inputs = keras.Input(shape=(16, 16, 3))
  x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
  features = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(x)
  encoder = keras.Model(inputs, features, name="encoder")
  outputs = keras.layers.Conv2D(2, 1)(features)
  model = keras.Model(inputs, outputs, name="model")
  return encoder, model


class BaseCLModel(keras.Model):
  r"""Base class to specify a CL model."""

  def __init__(self, run, root_output_dir):
    super(BaseCLModel, self).__init__()
    self.run = run
    self.model_save_dir = os.path.join(
        root_output_dir, self.run.config['logging_params']['exp_name'],
        'models')
    self.current_batch = 0
    self.performed_test_evaluation = False
    self.evaluation_type = "val"
    self._make_dirs()
    self._build_model()
    self._build_loss_and_metric()

  def _make_dirs(self):
    pass  # porting edit: the original calls os.makedirs(self.model_save_dir)

  def _build_model(self):
    cl_framework = self.run.config['cl_params']['cl_framework']
    assert (cl_framework in [
        "distillation", "ewc", "finetune"
    ]), "Currently, only distillation, EWC and fine-tuning are supported."
    pretrained_dir = self.run.config['cl_params']['pretrained_dir']
    should_freeze_encoder = self.run.config['network_params']['freeze_encoder']
    self.encoder, self.model = create_model(
        model_name=self.run.config['network_params']['architecture'],
        freeze_encoder=should_freeze_encoder,
        freeze_whole_model=False,
        normalization_type=self.run.config['network_params']
        ['normalization_type'],
        **self.run.config['network_params']['model_params'])
    self.new_model = keras.Model(
        inputs=self.model.input,
        outputs=[self.encoder.output, self.model.output])
    # porting edit: self.new_model.load_weights(pretrained_dir) skipped

  def _build_loss_and_metric(self):
    self.loss_ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    self.loss_tracker = keras.metrics.Mean('loss', dtype=tf.float32)
    self.accuracy_tracker = keras.metrics.Accuracy('accuracy', dtype=tf.float32)
    self.miou_tracker = keras.metrics.MeanIoU(num_classes=2, name='mean_iou')
    self.logs_test = {}
    self._tracked_auxiliary_losses = None
    self._use_balanced_loss = False

  def forward_pass(self, training, x, y, mask):
    [_, pred_y] = self.new_model(x, training=training)
    pred_y_masked = tf.boolean_mask(pred_y, mask)
    y_masked = tf.boolean_mask(y, mask)
    loss = self.loss_ce(y_masked, pred_y_masked)
    return pred_y, pred_y_masked, y_masked, loss


class EWC(BaseCLModel):
  r"""EWC model."""

  def __init__(self, run, root_output_dir, fisher_params_ds):
    if (run.config['cl_params']['pretrained_dir'] is None):
      raise KeyError("Pre-trained weights must be specified when using EWC.")
    try:
      self._lambda_ewc = run.config['cl_params']['lambda_ewc']
      self._lambda_type = run.config['cl_params']['lambda_type']
      if (self._lambda_type == "both_ce_and_regularization"):
        if (not (isinstance(self._lambda_ewc, float) and
                 0. <= self._lambda_ewc <= 1.)):
          raise ValueError(
              "The parameter `lambda_ewc` must be a float between 0.0 and 1.0.")
      elif (self._lambda_type == "regularization_only"):
        if (not (isinstance(self._lambda_ewc, float) and
                 self._lambda_ewc >= 0.)):
          raise ValueError(
              "The parameter `lambda_ewc` must be a non-negative float.")
      else:
        raise KeyError("The CL parameter `lambda_type` must be one of: "
                       "'both_ce_and_regularization', 'regularization_only'.")
    except KeyError:
      raise KeyError(
          "EWC model requires the CL parameters `lambda_ewc` and `lambda_type` "
          "to be specified.")

    super(EWC, self).__init__(run=run, root_output_dir=root_output_dir)

    self._fisher_params_ds = fisher_params_ds

    self._store_weights_prev_task()
    self._create_fisher_matrix()

  def _store_weights_prev_task(self):
    self._weights_prev_task = []
    for param in self.new_model.trainable_weights:
      old_param_name = param.name.replace(':0', '_old')
      self._weights_prev_task.append(
          tf.Variable(param, trainable=False, name=old_param_name))

  def _create_fisher_matrix(self):
    self._fisher_params = []
    grads_over_samples = []
    for sample in self._fisher_params_ds:
      x, y, mask = sample
      with tf.GradientTape() as tape:
        [_, pred_y] = self.new_model(x, training=False)
        pred_y_masked = tf.boolean_mask(pred_y, mask)
        warnings.warn(
            "NOTE: Computing the Fisher matrix assuming that the network does "
            "not produce normalized activations, i.e., that its activation "
            "function is *not* softmax.")
        if (self.run.config['cl_params']['ewc_fisher_params_use_gt']):
          gt_y_masked = tf.boolean_mask(y, mask)
        else:
          gt_y_masked = tf.argmax(pred_y_masked, axis=-1)
        sum_log_likelihood = -tf.keras.losses.SparseCategoricalCrossentropy(
            reduction="sum_over_batch_size",
            from_logits=True)(gt_y_masked, pred_y_masked)
      grads = tape.gradient(sum_log_likelihood,
                            self.new_model.trainable_weights)
      grads_over_samples.append(grads)

    fisher_param_names = [
        param.name.replace(':0', '_fisher')
        for param in self.new_model.trainable_weights
    ]
    for weight_idx, curr_weight_name in enumerate(fisher_param_names):
      single_fisher_param_list = [
          tf.square(param_from_curr_sample[weight_idx])
          for param_from_curr_sample in grads_over_samples
      ]
      curr_fisher_param = tf.reduce_mean(tf.stack(single_fisher_param_list,
                                                  axis=0),
                                         axis=0)
      self._fisher_params.append(
          tf.Variable(curr_fisher_param, trainable=False,
                      name=curr_weight_name))

  def _compute_consolidation_loss(self):
    losses = []
    for i, param in enumerate(self.new_model.trainable_weights):
      losses.append(
          tf.reduce_sum(self._fisher_params[i] *
                        (param - self._weights_prev_task[i])**2))
    return tf.reduce_sum(losses)

  def forward_pass(self, training, x, y, mask):
    [_, pred_y] = self.new_model(x, training=training)
    pred_y_masked = tf.boolean_mask(pred_y, mask)
    y_masked = tf.boolean_mask(y, mask)
    output_loss = self.loss_ce(y_masked, pred_y_masked)
    consolidation_loss = self._compute_consolidation_loss()
    if (self._lambda_type == "both_ce_and_regularization"):
      loss = (1 - self._lambda_ewc
             ) * output_loss + self._lambda_ewc * consolidation_loss
    else:
      loss = output_loss + self._lambda_ewc * consolidation_loss
    loss = {'loss': loss, 'consolidation_loss': consolidation_loss}
    return pred_y, pred_y_masked, y_masked, loss


def _run():
  config = {
      'logging_params': {'exp_name': 'ewc_demo'},
      'cl_params': {'cl_framework': 'ewc', 'pretrained_dir': 'pretrained/model.h5',
                    'lambda_ewc': 0.5, 'lambda_type': 'both_ce_and_regularization',
                    'ewc_fisher_params_use_gt': True},
      'network_params': {'architecture': 'tiny', 'freeze_encoder': False,
                         'normalization_type': 'batch', 'model_params': {}},
      'training_params': {'use_balanced_loss': False},
  }
  return types.SimpleNamespace(config=config)


def _fisher_ds():
  rng = np.random.default_rng(0)
  return [(rng.random((1, 16, 16, 3)).astype("float32"),
           rng.integers(0, 2, (1, 16, 16)).astype("int32"),
           np.ones((1, 16, 16), dtype=bool)) for _ in range(4)]


def build_model():
  """Returns the EWC model (the original has no call(); its network is `.new_model`)."""
  with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    return EWC(_run(), "/tmp/unused", _fisher_ds())
