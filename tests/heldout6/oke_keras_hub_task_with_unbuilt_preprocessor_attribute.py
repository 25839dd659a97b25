"""A keras-hub text classifier built from a small backbone with its preprocessor attached: the preprocessor and tokenizer stay "unbuilt" inside the model, and nothing is missing.

keras-hub `Task` models are functional models (backbone plus head) that also keep the
`preprocessor` (a tokenizer and packer, layers without weights) as an attribute. Keras sees two
sublayers of the task that are never built and, when `build()` runs on the task (loading from a
preset), warns that it "looks like it has unbuilt state"; the keras-hub fix only gave `Task` a
`build()` to silence that warning (keras-hub 0.32, measured here, has it). The model itself was
never wrong: every weight lives in the backbone and the head, all built at construction, and the
unbuilt preprocessor owns no variables.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/3038"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_keras_hub_task_with_unbuilt_preprocessor_attribute.py:
as returned: BertTextClassifier, count_params() = 930, 25 weights, unbuilt: ['BertTextClassifierPreprocessor:bert_text_classifier_preprocessor', 'BertTokenizer:bert_tokenizer']
after call: count_params() = 930, 25 trainable weights, unbuilt: ['BertTextClassifierPreprocessor:bert_text_classifier_preprocessor', 'BertTokenizer:bert_tokenizer']; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras_hub
import numpy as np

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "quick", "brown", "fox", "jumps"]


def build_model():
    backbone = keras_hub.models.BertBackbone(
        vocabulary_size=len(VOCAB), num_layers=1, num_heads=2, hidden_dim=8, intermediate_dim=16,
        max_sequence_length=16,
    )
    tokenizer = keras_hub.models.BertTokenizer(vocabulary=VOCAB)
    preprocessor = keras_hub.models.BertTextClassifierPreprocessor(tokenizer, sequence_length=16)
    classifier = keras_hub.models.BertTextClassifier(backbone, num_classes=2, preprocessor=preprocessor)
    inputs = {
        "token_ids": np.array([[2, 5, 6, 7, 3] + [0] * 11] * 2, dtype="int32"),
        "segment_ids": np.zeros((2, 16), dtype="int32"),
        "padding_mask": np.array([[1] * 5 + [0] * 11] * 2, dtype="int32"),
    }
    return classifier, inputs
