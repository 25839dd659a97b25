"""Measure the LD005 finding lint gives tensorflow-addons' NetVLAD in the corpus (docs/corpus.md).

NetVLAD defines build() and compute_output_shape() and makes its Dense in build() without building
it. Run on Keras 3: the class is read from the corpus file and wired into a functional model.

    bash ../shared/bench/make_corpus.sh /tmp/keras-corpus
    KERAS_BACKEND=tensorflow python bench/corpus_checks/netvlad_unbuilt.py [/tmp/keras-corpus]
"""

import math  # noqa: F401 - the class body uses it
import os
import pathlib
import sys
import tempfile

import keras
import numpy as np
import tensorflow as tf

corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/keras-corpus")
source = (corpus / "tensorflow_addons/tensorflow_addons/layers/netvlad.py").read_text()
body = source[source.index("class NetVLAD"):].replace("    @typechecked\n", "")
namespace = {"math": math, "tf": tf}
exec(compile(body, "netvlad.py", "exec"), namespace)  # the corpus's own class, unchanged but for a decorator
NetVLAD = namespace["NetVLAD"]

inputs = keras.Input((5, 8))
model = keras.Model(inputs, NetVLAD(3)(inputs))
print("keras", keras.__version__, "| tf.keras is", tf.keras.__name__)
unbuilt = [layer.name for layer in model._flatten_layers() if not layer.built]
print("as wired: count_params", model.count_params(), "unbuilt", unbuilt)
model(np.random.rand(2, 5, 8).astype("float32"))
print("after a call on data: count_params", model.count_params())
path = os.path.join(tempfile.mkdtemp(), "m.weights.h5")
model.save_weights(path)
fresh_inputs = keras.Input((5, 8))
fresh = keras.Model(fresh_inputs, NetVLAD(3)(fresh_inputs))
try:
    fresh.load_weights(path)
    print("load_weights into a fresh wired model: ok")
except Exception as error:  # noqa: BLE001 - what Keras raises is the measurement
    print("load_weights into a fresh wired model raised", type(error).__name__, str(error).splitlines()[0][:120])
