"""AllenAI deep_qa's `CNNEncoder` (a sentence encoder: one Conv1D per n-gram size, max over time, then a projection Dense) creates its Conv1D and Dense sublayers in `build()`, builds them by hand, and then declares them as its weights with `self.trainable_weights = []` followed by `self.trainable_weights.extend(layer.trainable_weights)` for each sublayer. `trainable_weights` is a read-only property on Keras 3 (the Keras 2.0 this was written for gave it a setter that stored the list in `_trainable_weights`), so the assignment raises AttributeError the first time the encoder is built, here when a text model is wired with `encoder_type='cnn'` (LD006). Two settings are also made before `super().__init__()`: `self.input_spec = [InputSpec(ndim=3)]` in `CNNEncoder.__init__` and `self.supports_masking = True` in its base `MaskedLayer.__init__`; Keras 3's `Layer.__init__` resets the input spec to None (LD013, secondary here), while `supports_masking` ends up True anyway because Keras 3 derives it from the overridden `compute_mask`.

From allenai/deep_qa, `deep_qa/layers/encoders/convolutional_encoder.py`, class `CNNEncoder` (`__init__`, `build`,
`call`, `compute_output_shape`, `compute_mask`, `get_config`), with its base `MaskedLayer` from
`deep_qa/layers/masked_layer.py`; the wiring follows `TextTrainer` (`deep_qa/training/text_trainer.py`): word
Embedding with `mask_zero=True`, dropout, then the encoder built from `encoders['cnn'](**params)` with `name` and
`units` set to the embedding size.

Porting edits: `keras.engine.InputSpec` is `keras.layers.InputSpec`, `Convolution1D` is `Conv1D`, the `@overrides`
decorators are dropped, `K.name_scope` (gone from keras.backend) is `keras.name_scope` and `K.max` is `keras.ops.max`;
the data indexer / Params machinery is replaced by literal sizes (vocabulary 1000, 20 words, 16-dim embeddings,
8 filters, a 3-class softmax head). build_model() wires the model, which is where the error is raised.
"""

SOURCE = "https://github.com/allenai/deep_qa/blob/48b4340650ec70b801ec93adfdf651bde9c0546e/deep_qa/layers/encoders/convolutional_encoder.py"
CODES = ("LD006", "LD013")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cj_deepqa_cnnencoder_reassigns_trainable_weights_list_in_build.py:
build_model() raised AttributeError: property 'trainable_weights' of 'CNNEncoder' object has no setter
probes/probe_deepqa.py (same file): the error comes from CNNEncoder.build() at 'self.trainable_weights = []' while the model is wired. A CNNEncoder(units=16, num_filters=8) just constructed has input_spec None (the [InputSpec(ndim=3)] set before super().__init__() was reset) and supports_masking True. With the three trainable_weights lines removed the same model builds and the encoder tracks its sublayers by itself: 10 trainable weights (4 Conv1D + projection Dense), 2352 params."""

from typing import Tuple

import keras
from keras import backend as K
from keras.layers import InputSpec
from keras.layers import Conv1D as Convolution1D, Concatenate, Dense
from keras.regularizers import l1_l2
from keras.layers import Layer


class MaskedLayer(Layer):
    """
    Keras 2.0 allowed for arbitrary differences in arguments to the ``call`` method of ``Layers``.
    As part of this, they removed the default ``mask=None`` argument, which means that if you want
    to implement ``call`` with a mask, you need to disable a pylint warning.  Instead of disabling
    it in every single layer in our codebase, which could lead to uncaught errors, we'll have a
    single place where we disable it, and have other layers inherit from this class.
    """
    def __init__(self, **kwargs):
        self.supports_masking = True
        super(MaskedLayer, self).__init__(**kwargs)

    def call(self, inputs, mask=None):  # pylint: disable=arguments-differ
        raise NotImplementedError

class CNNEncoder(MaskedLayer):
    '''
    CNNEncoder is a combination of multiple convolution layers and max pooling layers. This is
    defined as a single layer to be consistent with the other encoders in terms of input and output
    specifications.  The input to this "layer" is of shape (batch_size, num_words, embedding_dim)
    and the output is of size (batch_size, output_dim).

    The CNN has one convolution layer per each ngram filter size. Each convolution operation gives
    out a vector of size num_filters. The number of times a convolution layer will be used
    depends on the ngram size: input_length - ngram_size + 1. The corresponding maxpooling layer
    aggregates all these outputs from the convolution layer and outputs the max.

    This operation is repeated for every ngram size passed, and consequently the dimensionality of
    the output after maxpooling is len(ngram_filter_sizes) * num_filters.

    We then use a fully connected layer to project in back to the desired output_dim.  For more
    details, refer to "A Sensitivity Analysis of (and Practitioners’ Guide to) Convolutional Neural
    Networks for Sentence Classification", Zhang and Wallace 2016, particularly Figure 1.

    Parameters
    ----------
    units: int
        After doing convolutions, we'll project the collected features into a vector of this size.
        This used to be ``output_dim``, but Keras changed it to ``units``.  I prefer the name
        ``output_dim``, so we'll leave the code using ``output_dim``, and just use the name
        ``units`` in the external API.
    num_filters: int
        This is the output dim for each convolutional layer, which is the same as the number of
        "filters" learned by that layer.
    ngram_filter_sizes: Tuple[int], optional (default=(2, 3, 4, 5))
        This specifies both the number of convolutional layers we will create and their sizes.  The
        default of (2, 3, 4, 5) will have four convolutional layers, corresponding to encoding
        ngrams of size 2 to 5 with some number of filters.
    conv_layer_activation: str, optional (default='relu')
    l1_regularization: float, optional (default=None)
    l2_regularization: float, optional (default=None)
    '''
    def __init__(self,
                 units: int,
                 num_filters: int,
                 ngram_filter_sizes: Tuple[int]=(2, 3, 4, 5),
                 conv_layer_activation: str='relu',
                 l1_regularization: float=None,
                 l2_regularization: float=None,
                 **kwargs):
        self.num_filters = num_filters
        self.ngram_filter_sizes = ngram_filter_sizes
        self.output_dim = units
        self.conv_layer_activation = conv_layer_activation
        self.l1_regularization = l1_regularization
        self.l2_regularization = l2_regularization
        self.regularizer = lambda: l1_l2(l1=self.l1_regularization, l2=self.l2_regularization)

        # These are member variables that will be defined during self.build().
        self.convolution_layers = None
        self.max_pooling_layers = None
        self.projection_layer = None

        self.input_spec = [InputSpec(ndim=3)]
        super(CNNEncoder, self).__init__(**kwargs)

    def build(self, input_shape):
        # We define convolution, maxpooling and dense layers first.
        self.convolution_layers = [Convolution1D(filters=self.num_filters,
                                                 kernel_size=ngram_size,
                                                 activation=self.conv_layer_activation,
                                                 kernel_regularizer=self.regularizer(),
                                                 bias_regularizer=self.regularizer())
                                   for ngram_size in self.ngram_filter_sizes]
        self.projection_layer = Dense(self.output_dim)
        # Building all layers because these sub-layers are not explitly part of the computatonal graph.
        for convolution_layer in self.convolution_layers:
            with keras.name_scope(convolution_layer.name):
                convolution_layer.build(input_shape)
        maxpool_output_dim = self.num_filters * len(self.ngram_filter_sizes)
        projection_input_shape = (input_shape[0], maxpool_output_dim)
        with keras.name_scope(self.projection_layer.name):
            self.projection_layer.build(projection_input_shape)
        # Defining the weights of this "layer" as the set of weights from all convolution
        # and maxpooling layers.
        self.trainable_weights = []
        for layer in self.convolution_layers + [self.projection_layer]:
            self.trainable_weights.extend(layer.trainable_weights)

        super(CNNEncoder, self).build(input_shape)

    def call(self, inputs, mask=None):  # pylint: disable=unused-argument
        # Each convolution layer returns output of size (batch_size, pool_length, num_filters),
        # where `pool_length = num_words - ngram_size + 1`.  We then do max pooling over each
        # filter for the whole input sequence, just using K.max, giving a resultant tensor of shape
        # (batch_size, num_filters), which then gets projected using the projection layer.
        # TODO(matt): we need to use a convolutional layer here that supports masking.
        filter_outputs = [keras.ops.max(convolution_layer.call(inputs), axis=1)
                          for convolution_layer in self.convolution_layers]
        maxpool_output = Concatenate()(filter_outputs) if len(filter_outputs) > 1 else filter_outputs[0]
        return self.projection_layer.call(maxpool_output)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)

    def compute_mask(self, inputs, mask=None):  # pylint: disable=unused-argument
        # By default Keras propagates the mask from a layer that supports masking. We don't need it
        # anymore. So eliminating it from the flow.
        return None

    def get_config(self):
        config = {"units": self.output_dim,
                  "num_filters": self.num_filters,
                  "ngram_filter_sizes": self.ngram_filter_sizes,
                  "conv_layer_activation": self.conv_layer_activation,
                  "l1_regularization": self.l1_regularization,
                  "l2_regularization": self.l2_regularization,
                 }
        base_config = super(CNNEncoder, self).get_config()
        config.update(base_config)
        return config


def build_model():
    from keras.layers import Input, Embedding, Dropout
    from keras.models import Model

    words = Input(shape=(20,), dtype='int32', name='words')
    embedded = Embedding(input_dim=1000, output_dim=16, mask_zero=True, name='words_embedding')(words)
    embedded = Dropout(0.5)(embedded)
    encoded = CNNEncoder(units=16, num_filters=8, name='words_encoder')(embedded)
    output = Dense(3, activation='softmax')(encoded)
    return Model(inputs=words, outputs=output)
