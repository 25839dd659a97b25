"""Measure the LD013 finding lint gives tf-models' CenterNet test helper in the corpus (docs/corpus.md).

`HourglassBlockPyTorch.__init__` calls `super(HourglassBlockPyTorch).__init__()` without `self`: an unbound
super object, so `Layer.__init__` never runs. The class (a tf_keras Layer) is read from the corpus file and
run on tf.keras 2; its residual blocks are swapped for a Dense, since the error comes before any is built.

    bash ../shared/bench/make_corpus.sh /tmp/keras-corpus
    python bench/corpus_checks/centernet_unbound_super.py [/tmp/keras-corpus]   # needs tf-keras
"""

import ast
import sys
import types

import numpy as np
import tensorflow as tf
import tf_keras

corpus = sys.argv[1] if len(sys.argv) > 1 else "/tmp/keras-corpus"
path = f"{corpus}/tf_models_official/official/projects/centernet/modeling/layers/cn_nn_blocks_test.py"
source = open(path, encoding="utf-8").read()
node = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "HourglassBlockPyTorch")
blocks = types.SimpleNamespace(ResidualBlock=lambda filters, *args, **kwargs: tf_keras.layers.Dense(filters))
namespace = {"tf": tf, "tf_keras": tf_keras, "nn_blocks": blocks}
exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), namespace)
block = namespace["HourglassBlockPyTorch"](dims=[4, 4], modules=[1, 1])
print("constructed:", type(block).__name__)
try:
    block(np.ones((1, 8, 8, 4), "float32"))
    print("first call: ran")
except Exception as error:  # noqa: BLE001 - the error is the measurement
    print(f"first call: {type(error).__name__}: {error}")
