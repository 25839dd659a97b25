"""Measure the LD010 finding lint gives tensorflow-addons' WeightNormalization in the corpus (docs/corpus.md).

`call()` does `self.layer.kernel = kernel` (the normalised `v` times `g`). On Keras 3, which TF 2.16+
runs as `tf.keras`, Dense's and Conv's `kernel` is a read-only property, so the first call raises.
tensorflow-addons is not installed here: the script reads the corpus's own `wrappers.py`, replaces its
`typeguard` import by a no-op decorator (typeguard only checks argument types), and runs the class.

    python bench/corpus_checks/tfa_weight_normalization_kernel.py [CORPUS]   (default /tmp/keras-corpus)
"""

import os
import pathlib
import sys
import types

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import tensorflow as tf

corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/keras-corpus")
source = (corpus / "tensorflow_addons/tensorflow_addons/layers/wrappers.py").read_text(encoding="utf-8")
sys.modules["typeguard"] = types.SimpleNamespace(typechecked=lambda f: f)
module = types.ModuleType("wrappers")
exec(compile(source, "wrappers.py", "exec"), module.__dict__)  # noqa: S102 - the corpus file, to measure it

print("tf.keras is Keras", tf.keras.__version__ if hasattr(tf.keras, "__version__") else "?")
layer = module.WeightNormalization(tf.keras.layers.Dense(3), data_init=False)
try:
    layer(np.ones((2, 4), "float32"))
    print("call: ran")
except AttributeError as error:
    cause = [line.strip() for line in str(error).splitlines() if "setter" in line or "attribute" in line]
    print("call raised AttributeError:", cause[0] if cause else str(error).splitlines()[0])
