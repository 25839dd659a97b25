"""Ludwig's `ComparatorCombiner` (the combiner that compares two entities, e.g. two texts or a text and an image,
through their encoder outputs) keeps its bilinear interaction matrix as a plain tensor:
`self.bilinear_weights = tf.random.normal([config.fc_size, config.fc_size], dtype=tf.float32)` in `__init__`, next to
the comment "todo: set initializer and regularization" (LD001). The matrix is used in `call()`
(`bilinear_prod = e1_hidden @ bilinear_weights @ e2_hidden^T`) as if it were a weight, but it is not a variable: it
is not in `combiner.weights`, not counted (the 64 x 64 = 4,096 entries are missing from `count_params()`), never
updated by the optimiser and not saved, so the bilinear comparison stays a fixed random projection, different in
every process. It should be an `add_weight(...)` in `build()`.

From ludwig-ai/ludwig (Uber's declarative deep learning toolbox), `ludwig/combiners/combiners.py` at the v0.4.1 tag
(f2725a4, the last TensorFlow release; file last changed ef21cfe), with `FCLayer`/`FCStack` from
`ludwig/modules/fully_connected_modules.py` of the same tag. `tests/integration_tests/test_combiners.py::
test_comparator_combiner` builds `ComparatorCombiner(config=ComparatorCombinerConfig(entity_1=["text_feature_1",
"text_feature_2"], entity_2=["image_feature_1", "image_feature_2"], fc_size=64))` and calls it on a dict of encoder
outputs (batch 16; features 256 and 128 wide).

Porting edits: the marshmallow schema dataclass `ComparatorCombinerConfig` becomes a plain `dataclasses.dataclass`
with the same fields and defaults (schema validators dropped); `FCLayer`, `FCStack` and `ComparatorCombiner` are
copied as written; `get_schema_cls` is kept. build_model() follows the test: fc_size 64, batch 16, the four
encoder outputs drawn with a fixed NumPy seed.
"""

SOURCE = "https://github.com/ludwig-ai/ludwig/blob/f2725a4817526a15661fe8ee2195185fb89e7d6e/ludwig/combiners/combiners.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/ci_ludwig_comparatorcombiner_bilinear_weights_tf_random_normal_tensor.py:
as returned: ComparatorCombiner, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['FCStack:fc_stack', 'FCLayer:fc_layer', 'Dense:dense', 'FCStack:fc_stack_1', 'FCLayer:fc_layer_1', 'Dense:dense_1']
after call: count_params() = 49280, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fc_stack': 24640, 'fc_layer': 24640, 'fc_stack_1': 24640, 'fc_layer_1': 24640}
second call: 0 variables watched that the first call did not use
probe_lud.py: after the test's call the output is (16, 160) as the test expects; combiner.bilinear_weights is an EagerTensor, not among the combiner's 4 weights; count_params() = 49,280 (the two FC stacks, 2 x (384 x 64 + 64)), without the 4,096 bilinear entries; three Adam steps on a squared-output loss change the FC weights (no None gradient) and leave bilinear_weights bit-identical; two combiners built the same way get different bilinear matrices. No warning printed."""

import logging
from dataclasses import dataclass, field
from typing import List, Dict, Optional, Union, Any

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import LayerNormalization
from tensorflow.keras.layers import Dense
from tensorflow.keras.layers import concatenate
from tensorflow.keras.layers import (Activation, BatchNormalization, Dense,
                                     Dropout, Layer, LayerNormalization)

logger = logging.getLogger(__name__)


class FCLayer(Layer):

    def __init__(
            self,
            fc_size=256,
            use_bias=True,
            weights_initializer='glorot_uniform',
            bias_initializer='zeros',
            weights_regularizer=None,
            bias_regularizer=None,
            activity_regularizer=None,
            # weights_constraint=None,
            # bias_constraint=None,
            norm=None,
            norm_params=None,
            activation='relu',
            dropout=0,
    ):
        super().__init__()

        self.layers = []

        self.layers.append(Dense(
            units=fc_size,
            use_bias=use_bias,
            kernel_initializer=weights_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=weights_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            # weights_constraint=weights_constraint,
            # bias_constraint=bias_constraint,
        ))

        if norm and norm_params is None:
            norm_params = {}
        if norm == 'batch':
            self.layers.append(BatchNormalization(**norm_params))
        elif norm == 'layer':
            self.layers.append(LayerNormalization(**norm_params))

        self.layers.append(Activation(activation))

        if dropout > 0:
            self.layers.append(Dropout(dropout))

        for layer in self.layers:
            logger.debug('   {}'.format(layer.name))

    def call(self, inputs, training=None, mask=None):
        hidden = inputs

        for layer in self.layers:
            hidden = layer(hidden, training=training)

        return hidden


class FCStack(Layer):

    def __init__(
            self,
            layers=None,
            num_layers=1,
            default_fc_size=256,
            default_use_bias=True,
            default_weights_initializer='glorot_uniform',
            default_bias_initializer='zeros',
            default_weights_regularizer=None,
            default_bias_regularizer=None,
            default_activity_regularizer=None,
            # default_weights_constraint=None,
            # default_bias_constraint=None,
            default_norm=None,
            default_norm_params=None,
            default_activation='relu',
            default_dropout=0,
            residual=False,
            **kwargs
    ):
        super().__init__()

        if layers is None:
            self.layers = []
            for i in range(num_layers):
                self.layers.append({})
        else:
            self.layers = layers

        for layer in self.layers:
            if 'fc_size' not in layer:
                layer['fc_size'] = default_fc_size
            if 'use_bias' not in layer:
                layer['use_bias'] = default_use_bias
            if 'weights_initializer' not in layer:
                layer['weights_initializer'] = default_weights_initializer
            if 'bias_initializer' not in layer:
                layer['bias_initializer'] = default_bias_initializer
            if 'weights_regularizer' not in layer:
                layer['weights_regularizer'] = default_weights_regularizer
            if 'bias_regularizer' not in layer:
                layer['bias_regularizer'] = default_bias_regularizer
            if 'activity_regularizer' not in layer:
                layer['activity_regularizer'] = default_activity_regularizer
            # if 'weights_constraint' not in layer:
            #     layer['weights_constraint'] = default_weights_constraint
            # if 'bias_constraint' not in layer:
            #     layer['bias_constraint'] = default_bias_constraint
            if 'norm' not in layer:
                layer['norm'] = default_norm
            if 'norm_params' not in layer:
                layer['norm_params'] = default_norm_params
            if 'activation' not in layer:
                layer['activation'] = default_activation
            if 'dropout' not in layer:
                layer['dropout'] = default_dropout

        self.stack = []

        for i, layer in enumerate(self.layers):
            self.stack.append(
                FCLayer(
                    fc_size=layer['fc_size'],
                    use_bias=layer['use_bias'],
                    weights_initializer=layer['weights_initializer'],
                    bias_initializer=layer['bias_initializer'],
                    weights_regularizer=layer['weights_regularizer'],
                    bias_regularizer=layer['bias_regularizer'],
                    activity_regularizer=layer['activity_regularizer'],
                    # weights_constraint=layer['weights_constraint'],
                    # bias_constraint=layer['bias_constraint'],
                    norm=layer['norm'],
                    norm_params=layer['norm_params'],
                    activation=layer['activation'],
                    dropout=layer['dropout'],
                )
            )
        self.residual = residual

    def build(
            self,
            input_shape,
    ):
        super().build(input_shape)
        self.input_size = input_shape[-1]

    def call(self, inputs, training=None, mask=None):
        hidden = inputs
        prev_fc_layer_size = self.input_size
        for layer in self.stack:
            out = layer(hidden, training=training)
            if self.residual and layer.fc_size == prev_fc_layer_size:
                hidden = hidden + out
            else:
                hidden = out
            # layers[0] is the dense layer in a FC layer
            prev_fc_layer_size = layer.layers[0].units
        return hidden


@dataclass
class ComparatorCombinerConfig:
    entity_1: List[str]
    entity_2: List[str]
    num_fc_layers: int = 1
    fc_size: int = 256
    use_bias: bool = True
    weights_initializer: Union[str, Dict] = 'glorot_uniform'
    bias_initializer: Union[str, Dict] = 'zeros'
    weights_regularizer: Optional[str] = None
    bias_regularizer: Optional[str] = None
    activity_regularizer: Optional[str] = None
    norm: Optional[str] = None
    norm_params: Optional[dict] = None
    activation: str = 'relu'
    dropout: float = 0.0


class ComparatorCombiner(tf.keras.Model):
    def __init__(
            self,
            config: ComparatorCombinerConfig = None,
            **kwargs,
    ):
        super().__init__()
        logger.debug(" {}".format(self.name))

        self.fc_stack = None

        # todo future: this may be redundant, check
        # if fc_layers is None and num_fc_layers is not None:
        fc_layers = []
        for i in range(config.num_fc_layers):
            fc_layers.append({"fc_size": config.fc_size})

        if fc_layers is not None:
            logger.debug("  FCStack")
            self.e1_fc_stack = FCStack(
                layers=fc_layers,
                num_layers=config.num_fc_layers,
                default_fc_size=config.fc_size,
                default_use_bias=config.use_bias,
                default_weights_initializer=config.weights_initializer,
                default_bias_initializer=config.bias_initializer,
                default_weights_regularizer=config.weights_regularizer,
                default_bias_regularizer=config.bias_regularizer,
                default_activity_regularizer=config.activity_regularizer,
                # default_weights_constraint=weights_constraint,
                # default_bias_constraint=bias_constraint,
                default_norm=config.norm,
                default_norm_params=config.norm_params,
                default_activation=config.activation,
                default_dropout=config.dropout,
            )
            self.e2_fc_stack = FCStack(
                layers=fc_layers,
                num_layers=config.num_fc_layers,
                default_fc_size=config.fc_size,
                default_use_bias=config.use_bias,
                default_weights_initializer=config.weights_initializer,
                default_bias_initializer=config.bias_initializer,
                default_weights_regularizer=config.weights_regularizer,
                default_bias_regularizer=config.bias_regularizer,
                default_activity_regularizer=config.activity_regularizer,
                # default_weights_constraint=weights_constraint,
                # default_bias_constraint=bias_constraint,
                default_norm=config.norm,
                default_norm_params=config.norm_params,
                default_activation=config.activation,
                default_dropout=config.dropout,
            )

        # todo: this should actually be the size of the last fc layer,
        #  not just fc_size
        # todo: set initializer and regularization
        self.bilinear_weights = tf.random.normal([config.fc_size, config.fc_size],
                                                 dtype=tf.float32)

        self.entity_1 = config.entity_1
        self.entity_2 = config.entity_2
        self.required_inputs = set(config.entity_1 + config.entity_2)
        self.fc_size = config.fc_size

    def call(self, inputs, training=None, mask=None,
             **kwargs):  # encoder outputs
        assert (
                inputs.keys() == self.required_inputs
        ), f"Missing inputs {self.required_inputs - set(inputs.keys())}"

        ############
        # Entity 1 #
        ############
        e1_enc_outputs = [inputs[k]["encoder_output"] for k in self.entity_1]

        # ================ Flatten ================
        batch_size = tf.shape(e1_enc_outputs[0])[0]
        e1_enc_outputs = [
            tf.reshape(eo, [batch_size, -1]) for eo in e1_enc_outputs
        ]

        # ================ Concat ================
        if len(e1_enc_outputs) > 1:
            e1_hidden = concatenate(e1_enc_outputs, 1)
        else:
            e1_hidden = list(e1_enc_outputs)[0]

        # ================ Fully Connected ================
        e1_hidden = self.e1_fc_stack(e1_hidden, training=training, mask=mask)

        ############
        # Entity 2 #
        ############
        e2_enc_outputs = [inputs[k]["encoder_output"] for k in self.entity_2]

        # ================ Flatten ================
        batch_size = tf.shape(e2_enc_outputs[0])[0]
        e2_enc_outputs = [
            tf.reshape(eo, [batch_size, -1]) for eo in e2_enc_outputs
        ]

        # ================ Concat ================
        if len(e2_enc_outputs) > 1:
            e2_hidden = concatenate(e2_enc_outputs, 1)
        else:
            e2_hidden = list(e2_enc_outputs)[0]

        # ================ Fully Connected ================
        e2_hidden = self.e2_fc_stack(e2_hidden, training=training, mask=mask)

        ###########
        # Compare #
        ###########
        if e1_hidden.shape != e2_hidden.shape:
            raise ValueError(
                f"Mismatching shapes among dimensions! "
                f"entity1 shape: {e1_hidden.shape.as_list()} "
                f"entity2 shape: {e2_hidden.shape.as_list()}"
            )

        dot_product = tf.matmul(e1_hidden, tf.transpose(e2_hidden))
        element_wise_mul = tf.math.multiply(e1_hidden, e2_hidden)
        abs_diff = tf.abs(e1_hidden - e2_hidden)
        bilinear_prod = tf.matmul(
            e1_hidden,
            tf.matmul(self.bilinear_weights, tf.transpose(e2_hidden))
        )
        hidden = concatenate(
            [dot_product, element_wise_mul, abs_diff, bilinear_prod], 1
        )

        return {"combiner_output": hidden}

    @staticmethod
    def get_schema_cls():
        return ComparatorCombinerConfig


def build_model(batch_size=16, fc_size=64):
    # tests/integration_tests/test_combiners.py::test_comparator_combiner
    combiner = ComparatorCombiner(
        config=ComparatorCombinerConfig(
            entity_1=["text_feature_1", "text_feature_2"],
            entity_2=["image_feature_1", "image_feature_2"],
            fc_size=fc_size,
        )
    )
    rng = np.random.default_rng(0)
    encoder_outputs = {
        "text_feature_1": {"encoder_output": rng.standard_normal((batch_size, 256)).astype("float32")},
        "text_feature_2": {"encoder_output": rng.standard_normal((batch_size, 128)).astype("float32")},
        "image_feature_1": {"encoder_output": rng.standard_normal((batch_size, 256)).astype("float32")},
        "image_feature_2": {"encoder_output": rng.standard_normal((batch_size, 128)).astype("float32")},
    }
    return combiner, encoder_outputs
