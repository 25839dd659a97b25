"""A VAEAC (VAE with arbitrary conditioning) wrapper Model whose `__init__` sets its three sub-network
slots (`prior_net`, `proposal_net`, `generative_net`) and never calls `super().__init__()`.

From joocxi/tf2-VAEAC (`nets/vaeac.py`): the skeleton of the wrapper that is meant to hold the prior,
proposal and generative networks of the VAEAC and train them together. The constructor assigns the
three attributes and returns without ever initialising `tf.keras.Model`, so the Keras layer state
(name, trackers, built flag) is never set up.

Porting edits: `tf.keras.Model` -> `keras.Model`; the unused `layers` import dropped; the empty
`ready()` kept; `build_model()` constructs the model the way the author's training script would.
"""

SOURCE = "https://github.com/joocxi/tf2-VAEAC/blob/13316766fb201409226745e1cdd92329e91f6a69/nets/vaeac.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ac_tf2vaeac_vaeac_model_never_calls_super_init.py:
as returned: VAEAC, count_params() = count_params() raised AttributeError, 0 weights, unbuilt: none
no inputs known: not called
Own probe (/tmp/mine29/a_probe2.py): the constructor itself returns (the three attribute assignments
succeed), then the first use as a Keras object fails: repr(model) raises
AttributeError: 'VAEAC' object has no attribute 'name' -- Model.__init__ never ran."""

import keras


class VAEAC(keras.Model):
  def __init__(self):
    self.prior_net = None
    self.proposal_net = None
    self.generative_net = None

  def ready(self):
    pass

  def call(self, inputs):
    pass


def build_model():
    return VAEAC()
