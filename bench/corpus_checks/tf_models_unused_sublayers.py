"""Measure the three LD005 findings lint gives tf-models in the corpus (docs/corpus.md): sublayers that
`build()` makes and nothing calls.

- `official/nlp/modeling/layers/transformer.py` and `official/projects/detr/modeling/transformer.py`:
  `TransformerDecoderBlock.build()` makes `self.self_attention_output_dense` (an EinsumDense) that no
  method uses.
- `official/projects/maxvit/modeling/maxvit.py`: `MaxViTBlock.build()` makes `self._shortcut_proj` when
  the input width differs from `hidden_size`, and `call()` never applies it.

Runs on tf.keras 2 (the files import tf_keras): the modules are read from the corpus, not installed;
`gin`, `scipy` (when absent) and MaxViT's backbone factory are stubbed, since only the layers are measured.

    bash ../shared/bench/make_corpus.sh /tmp/keras-corpus
    TF_USE_LEGACY_KERAS=1 python bench/corpus_checks/tf_models_unused_sublayers.py [/tmp/keras-corpus]   # needs tf-keras
"""

import importlib.util
import os
import sys
import types

os.environ["TF_USE_LEGACY_KERAS"] = "1"
corpus = sys.argv[1] if len(sys.argv) > 1 else "/tmp/keras-corpus"
sys.path.insert(0, f"{corpus}/tf_models_official")


def _configurable(*args, **kwargs):
    return args[0] if args and callable(args[0]) and not kwargs else (lambda f: f)


if importlib.util.find_spec("scipy") is None:  # imported next to the layers (mixing.py), not used by them
    scipy = sys.modules["scipy"] = types.ModuleType("scipy")
    scipy.linalg = sys.modules["scipy.linalg"] = types.ModuleType("scipy.linalg")
gin = types.ModuleType("gin")
gin.configurable = gin.register = gin.constants_from_enum = _configurable
sys.modules["gin"] = gin
factory = types.ModuleType("official.vision.modeling.backbones.factory")
factory.register_backbone_builder = lambda *a, **k: (lambda f: f)
for name in ("official.vision", "official.vision.modeling", "official.vision.modeling.backbones"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["official.vision.modeling.backbones.factory"] = factory
sys.modules["official.vision.modeling.backbones"].factory = factory

import tensorflow as tf  # noqa: E402
from official.nlp.modeling.layers import transformer  # noqa: E402
from official.projects.detr.modeling import transformer as detr_transformer  # noqa: E402
from official.projects.maxvit.modeling import maxvit  # noqa: E402


def report(name, block, sublayer):
    print(f"{name}: built {sublayer.built}, weights {len(sublayer.weights)}, "
          f"still among the block's layers {any(layer is sublayer for layer in block._flatten_layers())}")


x, memory, mask = tf.ones((2, 5, 8)), tf.ones((2, 5, 8)), tf.ones((2, 5, 5))
for module, extra in ((transformer, []), (detr_transformer, [x, memory])):
    block = module.TransformerDecoderBlock(num_attention_heads=2, intermediate_size=16, intermediate_activation="relu")
    block([x, memory, mask, mask] + extra)
    report(f"{module.__name__}.TransformerDecoderBlock.self_attention_output_dense", block,
           block.self_attention_output_dense)

block = maxvit.MaxViTBlock(hidden_size=16, head_size=8, window_size=2, grid_size=2)
block(tf.ones((1, 4, 4, 8)), training=False)  # 8 input channels, not 16: build() makes _shortcut_proj
report("maxvit.MaxViTBlock._shortcut_proj", block, block._shortcut_proj)
