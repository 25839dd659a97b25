"""RLlib's `Keras_FullyConnectedNetwork` keeps the free-floating Gaussian `log_std` as a `tf.Variable` on the
Model and feeds it into the functional `base_model` through `Lambda(tiled_log_std)`, a closure over
`self.log_std_var`: on Keras 3 neither the Lambda nor the outer Model tracks it, so the policy's log-std is
never counted, saved or trained.

From ray-project/ray (`rllib/models/tf/fcnet.py`, commit 048f73e1). `free_log_std` was added by PR #8380, whose
author wrote next to the Lambda "Couldn't really figure out a better way to add variables in Keras"; issue
#29502 ("free_log_std: True generates Tensorflow Lambda layers warning with TF2 framework", ray 2.0 /
TF 2.10) reports tf.keras's own warning for exactly this: "The following Variables were used a Lambda layer's
call (lambda), but are not present in its tracked objects: <tf.Variable '.../log_std:0' shape=(5,)>".
The file has two copies of the network; the TFModelV2 one registers the variable with RLlib by hand, the
`Keras_FullyConnectedNetwork(tf.keras.Model)` kept here relies on Keras alone. Root defect: a variable
captured by a Lambda (LD012); LD003 second (it is a backend `tf.Variable` on a Keras 3 Model, so even the
Model attribute is not tracked).

Porting edits: `normc_initializer` (ray.rllib.models.tf.misc) and `get_activation_fn` are copied in small;
`np.product` (removed in NumPy 2) is `np.prod`; `gym.spaces.Box` is a stand-in with a `.shape`;
`SampleBatch.OBS` is the string "obs". `build_model()` makes the network for a Pendulum-like space (3-dim
observation, 1 action: num_outputs 2 = mean + log-std) with `fcnet_hiddens=[16, 16]`, tanh, and
`free_log_std=True`, calls it on a batch of 2 observations, and returns it with that input dict.
"""

SOURCE = "https://github.com/ray-project/ray/blob/048f73e1902d1e464c92b7a0c7f0101e44ac11e7/rllib/models/tf/fcnet.py"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/bh_ray_rllib_keras_fcnet_free_log_std_lambda_captures_tf_variable.py:
as returned: Keras_FullyConnectedNetwork, count_params() = 706, 12 weights, unbuilt: none
after call: count_params() = 706, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 1 variables the model does not track: ['log_std:0']
second call: 0 variables watched that the first call did not use
probe (probe_ray.py): the Lambda has 0 weights; model.log_std_var is not in model.variables; one Adam step on a loss of the
log-std column (out[:, 1]) over model.trainable_variables leaves log_std at [0.]. The 706 counted parameters are
the Dense layers only. No Lambda warning is printed on Keras 3 (tf.keras 2 printed the one quoted in issue #29502)."""

from typing import Optional, Sequence

import numpy as np
import tensorflow as tf


def normc_initializer(std: float = 1.0):
    def _initializer(shape, dtype=None, partition_info=None):
        out = np.random.randn(*shape).astype(np.float32)
        out *= std / np.sqrt(np.square(out).sum(axis=0, keepdims=True))
        return tf.constant(out)

    return _initializer


def get_activation_fn(name):
    return {"tanh": tf.nn.tanh, "relu": tf.nn.relu, None: None, "linear": None}[name]


class _Box:  # stand-in for gym.spaces.Box
    def __init__(self, shape):
        self.shape = shape


class Keras_FullyConnectedNetwork(tf.keras.Model if tf else object):
    """Generic fully connected network implemented in tf Keras."""

    def __init__(
        self,
        input_space,
        action_space,
        num_outputs: Optional[int] = None,
        *,
        name: str = "",
        fcnet_hiddens: Optional[Sequence[int]] = (),
        fcnet_activation: Optional[str] = None,
        post_fcnet_hiddens: Optional[Sequence[int]] = (),
        post_fcnet_activation: Optional[str] = None,
        no_final_linear: bool = False,
        vf_share_layers: bool = False,
        free_log_std: bool = False,
        **kwargs,
    ):
        super().__init__(name=name)

        hiddens = list(fcnet_hiddens or ()) + list(post_fcnet_hiddens or ())
        activation = fcnet_activation
        if not fcnet_hiddens:
            activation = post_fcnet_activation
        activation = get_activation_fn(activation)

        # Generate free-floating bias variables for the second half of
        # the outputs.
        if free_log_std:
            assert num_outputs % 2 == 0, (
                "num_outputs must be divisible by two",
                num_outputs,
            )
            num_outputs = num_outputs // 2
            self.log_std_var = tf.Variable(
                [0.0] * num_outputs, dtype=tf.float32, name="log_std"
            )

        # We are using obs_flat, so take the flattened shape as input.
        inputs = tf.keras.layers.Input(
            shape=(int(np.prod(input_space.shape)),), name="observations"
        )
        # Last hidden layer output (before logits outputs).
        last_layer = inputs
        # The action distribution outputs.
        logits_out = None
        i = 1

        # Create layers 0 to second-last.
        for size in hiddens[:-1]:
            last_layer = tf.keras.layers.Dense(
                size,
                name="fc_{}".format(i),
                activation=activation,
                kernel_initializer=normc_initializer(1.0),
            )(last_layer)
            i += 1

        # The last layer is adjusted to be of size num_outputs, but it's a
        # layer with activation.
        if no_final_linear and num_outputs:
            logits_out = tf.keras.layers.Dense(
                num_outputs,
                name="fc_out",
                activation=activation,
                kernel_initializer=normc_initializer(1.0),
            )(last_layer)
        # Finish the layers with the provided sizes (`hiddens`), plus -
        # iff num_outputs > 0 - a last linear layer of size num_outputs.
        else:
            if len(hiddens) > 0:
                last_layer = tf.keras.layers.Dense(
                    hiddens[-1],
                    name="fc_{}".format(i),
                    activation=activation,
                    kernel_initializer=normc_initializer(1.0),
                )(last_layer)
            if num_outputs:
                logits_out = tf.keras.layers.Dense(
                    num_outputs,
                    name="fc_out",
                    activation=None,
                    kernel_initializer=normc_initializer(0.01),
                )(last_layer)

        # Concat the log std vars to the end of the state-dependent means.
        if free_log_std and logits_out is not None:

            def tiled_log_std(x):
                return tf.tile(tf.expand_dims(self.log_std_var, 0), [tf.shape(x)[0], 1])

            log_std_out = tf.keras.layers.Lambda(tiled_log_std)(inputs)
            logits_out = tf.keras.layers.Concatenate(axis=1)([logits_out, log_std_out])

        last_vf_layer = None
        if not vf_share_layers:
            # Build a parallel set of hidden layers for the value net.
            last_vf_layer = inputs
            i = 1
            for size in hiddens:
                last_vf_layer = tf.keras.layers.Dense(
                    size,
                    name="fc_value_{}".format(i),
                    activation=activation,
                    kernel_initializer=normc_initializer(1.0),
                )(last_vf_layer)
                i += 1

        value_out = tf.keras.layers.Dense(
            1,
            name="value_out",
            activation=None,
            kernel_initializer=normc_initializer(0.01),
        )(last_vf_layer if last_vf_layer is not None else last_layer)

        self.base_model = tf.keras.Model(
            inputs, [(logits_out if logits_out is not None else last_layer), value_out]
        )

    def call(self, input_dict):
        model_out, value_out = self.base_model(input_dict["obs"])
        extra_outs = {"vf_preds": tf.reshape(value_out, [-1])}
        return model_out, [], extra_outs


def build_model():
    model = Keras_FullyConnectedNetwork(
        _Box((3,)), _Box((1,)), num_outputs=2, name="fc_policy",
        fcnet_hiddens=[16, 16], fcnet_activation="tanh", free_log_std=True,
    )
    batch = {"obs": np.random.default_rng(0).standard_normal((2, 3)).astype("float32")}
    model(batch)
    return model, batch
