"""bfseg's distillation continual-learning model sets its settings before `super().__init__()`, builds a frozen
teacher encoder in an overridden `_build_model()` that the base class calls from its own `__init__`, and feeds the
teacher's features through `tf.stop_gradient`: it looks like a late super call, a never-trained network and a
blocked gradient, but on Keras 3 the settings survive, the teacher is tracked as non-trainable, and the student
gets its gradients.

From ethz-asl/background_foreground_segmentation (`src/bfseg/cl_models/distillation_model.py` at e3389fb; the
base class `BaseCLModel` as in the EWC case from the same repository). `DistillationModel.__init__` stores
`self._lambda_distillation`, `self._lambda_type` and `self._distillation_type` from the sacred config, then calls
`super().__init__(run=..., root_output_dir=...)`; `BaseCLModel.__init__` calls `super().__init__()` (keras.Model)
and then `self._build_model()`, which DistillationModel overrides to call the base version (the trainable
`new_model`) and add `self.old_encoder` from `create_model(..., freeze_encoder=True, freeze_whole_model=True)`.
`forward_pass` (feature distillation) computes `MSE(tf.stop_gradient(old_encoder(x)), new_model(x)[0])` mixed with
the cross-entropy by `lambda_distillation`. The early attributes are plain settings Keras 3 keeps (LD013 is about
`trainable`/`name` and sublayers; `_build_model()` reads `_distillation_type` after the Keras init and finds it);
the teacher is meant to be frozen (stop_gradient and `trainable = False` are deliberate, not LD009).

Porting edits: as in the EWC case: sacred's `run` -> SimpleNamespace, `create_model` -> a small conv encoder + head
with the original freezing lines, `load_weights(pretrained_dir)` and `os.makedirs` skipped, BaseCLModel trimmed to
`__init__`, `_build_model`, `_build_loss_and_metric`, `forward_pass`. build_model() builds the feature-distillation
model and returns it (the Model has no `call()`; it is driven by `forward_pass`/`train_step`).
"""

SOURCE = "https://github.com/ethz-asl/background_foreground_segmentation/blob/e3389fbab3407f18292973ebc3a9032fa3a99352/src/bfseg/cl_models/distillation_model.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: DistillationModel, count_params() = count_params() raised ValueError, 10 weights, unbuilt: none
no inputs known: not called
(count_params() refuses because the wrapper Model has no call() and is never built as a whole.)
Own probe /tmp/mine36/bb/p_distill.py (one forward_pass under a GradientTape):
settings after super().__init__: 0.5 both_ce_and_regularization feature
model.weights: 10 trainable: 6 non-trainable: 4
old_encoder.trainable: False | its weights among model.non_trainable_weights: 4 of 4
student (new_model) trainable weights with None gradient: 0 of 6 | distillation_loss: 0.05048"""

import os
import types
import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras


def create_model(model_name, freeze_encoder, freeze_whole_model, normalization_type, **model_params):
  # Stand-in for bfseg.utils.models.create_model: (encoder, full model) sharing layers; the freezing is the
  # original's (encoder.trainable = False / model.trainable = False).
  inputs = keras.Input(shape=(16, 16, 3))
  x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
  features = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(x)
  encoder = keras.Model(inputs, features, name="encoder")
  outputs = keras.layers.Conv2D(2, 1)(features)
  model = keras.Model(inputs, outputs, name="model")
  if (freeze_encoder):
    encoder.trainable = False
  if (freeze_whole_model):
    model.trainable = False
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


class DistillationModel(BaseCLModel):
  r"""Model with distillation loss (feature or output distillation)."""

  def __init__(self, run, root_output_dir):
    if (run.config['cl_params']['pretrained_dir'] is None):
      raise KeyError(
          "Pre-trained weights must be specified when using distillation.")
    try:
      self._lambda_distillation = run.config['cl_params']['lambda_distillation']
      self._lambda_type = run.config['cl_params']['lambda_type']
      if (self._lambda_type == "both_ce_and_regularization"):
        if (not (isinstance(self._lambda_distillation, float) and
                 0. <= self._lambda_distillation <= 1.)):
          raise ValueError(
              "The parameter `lambda_distillation` must be a float between 0.0 "
              "and 1.0.")
      elif (self._lambda_type == "regularization_only"):
        if (not (isinstance(self._lambda_distillation, float) and
                 self._lambda_distillation >= 0.)):
          raise ValueError(
              "The parameter `lambda_distillation` must be a non-negative "
              "float.")
      else:
        raise KeyError("The CL parameter `lambda_type` must be one of: "
                       "'both_ce_and_regularization', 'regularization_only'.")
    except KeyError:
      raise KeyError(
          "Distillation model requires the CL parameters `lambda_distillation` "
          "and `lambda_type` to be specified.")
    try:
      self._distillation_type = run.config['cl_params']['distillation_type']
      if (self._distillation_type not in ["feature", "output"]):
        raise ValueError(
            f"Invalid value {self._distillation_type} for parameter "
            "`distillation_type`. Valid values are: 'feature', 'output'.")
    except KeyError:
      raise KeyError(
          "Distillation model requires the CL parameter `distillation_type` "
          "to be specified.")

    super(DistillationModel, self).__init__(run=run,
                                            root_output_dir=root_output_dir)

  def _build_model(self):
    super()._build_model()
    if (self._distillation_type == "feature"):
      self.old_encoder, _ = create_model(
          model_name=self.run.config['network_params']['architecture'],
          freeze_encoder=True,
          freeze_whole_model=True,
          normalization_type=self.run.config['network_params']
          ['normalization_type'],
          **self.run.config['network_params']['model_params'])
    elif (self._distillation_type == "output"):
      _, self.old_model = create_model(
          model_name=self.run.config['network_params']['architecture'],
          freeze_encoder=True,
          freeze_whole_model=True,
          normalization_type=self.run.config['network_params']
          ['normalization_type'],
          **self.run.config['network_params']['model_params'])

  def _build_loss_and_metric(self):
    super()._build_loss_and_metric()
    self.loss_distillation = keras.losses.MeanSquaredError()

  def forward_pass(self, training, x, y, mask):
    y_masked = tf.boolean_mask(y, mask)
    if (self._distillation_type == "feature"):
      [pred_feature, pred_y] = self.new_model(x, training=True)
      pred_y_masked = tf.boolean_mask(pred_y, mask)
      old_feature = self.old_encoder(x, training=False)
      distillation_loss = self.loss_distillation(tf.stop_gradient(old_feature),
                                                 pred_feature)
    elif (self._distillation_type == "output"):
      [_, pred_y] = self.new_model(x, training=True)
      pred_y_masked = tf.boolean_mask(pred_y, mask)
      pseudo_y = self.old_model(x, training=False)
      pseudo_y = tf.argmax(pseudo_y, axis=-1)
      pseudo_y_masked = tf.boolean_mask(pseudo_y, mask)
      distillation_loss = self.loss_ce(tf.stop_gradient(pseudo_y_masked),
                                       pred_y_masked)
    output_loss = self.loss_ce(y_masked, pred_y_masked)
    if (self._lambda_type == "both_ce_and_regularization"):
      loss = (1 - self._lambda_distillation
             ) * output_loss + self._lambda_distillation * distillation_loss
    else:
      loss = output_loss + self._lambda_distillation * distillation_loss
    loss = {
        'loss': loss,
        'cross_entropy_loss': output_loss,
        'distillation_loss': distillation_loss
    }
    return pred_y, pred_y_masked, y_masked, loss


def _run():
  config = {
      'logging_params': {'exp_name': 'distillation_demo'},
      'cl_params': {'cl_framework': 'distillation', 'pretrained_dir': 'pretrained/model.h5',
                    'lambda_distillation': 0.5, 'lambda_type': 'both_ce_and_regularization',
                    'distillation_type': 'feature'},
      'network_params': {'architecture': 'tiny', 'freeze_encoder': False,
                         'normalization_type': 'batch', 'model_params': {}},
      'training_params': {'use_balanced_loss': False},
  }
  return types.SimpleNamespace(config=config)


def build_model():
  """Returns the feature-distillation model (no call(); its network is `.new_model`)."""
  return DistillationModel(_run(), "/tmp/unused")
