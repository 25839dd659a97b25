"""Measure the LD005 finding lint gives tf-models' yt8m MoeModel in the corpus (docs/corpus.md).

`MoeModel.__init__` makes `self._output_context_gate` when `use_output_context_gate=True`, and
`call()` never applies it. Run on tf.keras 2 (the file imports tf_keras): the module and its
helpers are read from the corpus, not installed.

    bash ../shared/bench/make_corpus.sh /tmp/keras-corpus
    python bench/corpus_checks/yt8m_moe_output_gate.py [/tmp/keras-corpus]   # needs tf-keras
"""

import importlib.util
import sys
import types

import numpy as np

corpus = sys.argv[1] if len(sys.argv) > 1 else "/tmp/keras-corpus"
root = f"{corpus}/tf_models_official/official/projects/yt8m/modeling/"


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


for package in ("official", "official.projects", "official.projects.yt8m", "official.projects.yt8m.modeling"):
    sys.modules[package] = types.ModuleType(package)
modeling = sys.modules["official.projects.yt8m.modeling"]
modeling.yt8m_model_utils = load("official.projects.yt8m.modeling.yt8m_model_utils", root + "yt8m_model_utils.py")
modeling.nn_layers = load("official.projects.yt8m.modeling.nn_layers", root + "nn_layers.py")
moe = load("moe", root + "heads/moe.py")

for gate in (False, True):
    model = moe.MoeModel(vocab_size=5, num_mixtures=2, use_output_context_gate=gate)
    model(np.ones((2, 7), "float32"))
    made = getattr(model, "_output_context_gate", None)
    print(f"use_output_context_gate={gate}: count_params {model.count_params()}, "
          f"gate built: {getattr(made, 'built', None)}, gate weights: {len(made.weights) if made is not None else None}")
