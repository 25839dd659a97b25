"""The parameter tree: totals equal `count_params()`; sharing and tied weights counted once."""

import json

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_model, inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

MODELS = TARGETS / "tree_models.py"


def _by_path(report):
    return {node.path: node for node in report.tree.walk()}


def test_nested_custom_layers_are_expanded_and_totals_match():
    report = inspect_target(f"{MODELS}:build_functional_nested")
    model_total = report.tree.layer.count_params()
    assert report.params["total"] == model_total
    nodes = _by_path(report)
    # Tower(5): gate 5 + two Blocks of Dense(5) 5*5+5 and LayerNormalization 2*5, counted by hand
    assert nodes["outer/tower"].params == 5 + 2 * (30 + 10)
    assert nodes["outer/tower"].own_params == 5
    blocks = [n for n in nodes.values() if n.class_name == "Block"]
    assert len(blocks) == 2 and all(len(b.children) == 2 for b in blocks)
    assert nodes["outer/inner"].params == 5 * 4 + 4 + 4 * 2 + 2


def test_shared_layer_appears_once_with_its_calls_and_sites():
    report = inspect_target(f"{MODELS}:build_functional_nested")
    shared = [n for n in report.tree.walk() if n.name == "shared_dense"]
    assert len(shared) == 1
    assert shared[0].shared_calls == 2
    lines = MODELS.read_text().splitlines()
    expected = [str(i + 1) for i, text in enumerate(lines) if "= shared(" in text]
    assert [s.rsplit(":", 1)[1] for s in shared[0].call_sites] == expected
    (info,) = [f for f in report.findings if f.code == "LD007"]
    assert info.severity == "info"


def test_shared_custom_layer_in_a_subclassed_model_and_non_trainable_counts():
    report = inspect_target(f"{MODELS}:build_siamese")
    model = report.tree.layer
    assert report.params["total"] == model.count_params()
    assert report.params["non_trainable"] == 2 * 6  # BatchNormalization moving mean and variance
    assert report.params["trainable"] == sum(int(np.prod(v.shape)) for v in model.trainable_weights)
    (tower,) = [n for n in report.tree.walk() if n.class_name == "Tower"]
    assert tower.shared_calls == 2
    assert [f.code for f in report.findings] == ["LD007"]


def test_tied_weights_are_marked_and_counted_once():
    report = inspect_target(f"{MODELS}:build_autoencoder", input_shapes=[(2, 5)])
    model = report.tree.layer
    assert report.params["total"] == model.count_params() == 5 * 3 + 3 + 5
    (decoder,) = [n for n in report.tree.walk() if n.class_name == "TiedDecoder" and not n.shared_ref]
    assert decoder.own_params == 5  # its bias; the kernel is the encoder's
    encoder = report.tree.layer.encode
    assert decoder.tied == [(encoder.kernel.path, f"{report.tree.path}/{encoder.name}")]
    assert {f.code for f in report.findings} == {"LD007"}
    assert all(f.severity == "info" for f in report.findings)


def test_json_shape(keras):
    report = inspect_target(f"{MODELS}:build_functional_nested")
    data = json.loads(report.to_json())
    assert set(data["params"]) == {"total", "trainable", "non_trainable", "untracked"}
    assert set(data["keras"]) == {"version", "backend", "package"} and data["keras"]["backend"] == keras.backend.backend()
    assert data["keras"]["package"] == "keras"
    node = data["tree"]
    for key in ("path", "class", "params", "trainable_params", "shared_calls", "children"):
        assert key in node
    assert node["children"][0]["path"].startswith(node["path"] + "/")


def test_untracked_state_is_listed_apart_and_not_in_the_totals():
    from runtime_helpers import case_target

    target, shapes = case_target("ld011a_plain_object__k3")
    report = inspect_target(target, input_shapes=shapes)
    assert report.params["total"] == 0
    assert report.params["untracked"] == (4 * 3 + 3) + (4 * 1 + 1)  # Dense(3) and Dense(1) on 4 features
    assert sorted(u.attribute for u in report.untracked) == ["heads.classifier", "heads.regressor"]
    data = json.loads(report.to_json())
    assert {u["code"] for u in data["untracked"]} == {"LD011"}


@pytest.mark.flavours("k3tf", "tfk2")
def test_mobilenet_v2_totals_match(keras):
    model = keras.applications.MobileNetV2(weights=None)
    report = inspect_model(model)
    assert report.params["total"] == model.count_params()
    assert report.params["non_trainable"] == sum(int(np.prod(v.shape)) for v in model.non_trainable_weights)
    assert [f for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("backbone_name", ["GPT2Backbone", "LlamaBackbone"])
def test_keras_hub_backbone_from_a_small_config_totals_match(backbone_name):
    keras_hub = pytest.importorskip("keras_hub")
    configs = {
        "GPT2Backbone": {"vocabulary_size": 100, "num_layers": 2, "num_heads": 2, "hidden_dim": 16,
                         "intermediate_dim": 32, "max_sequence_length": 16},
        # untied embeddings: the reverse embedding is used only by a task head, not by the backbone
        "LlamaBackbone": {"vocabulary_size": 100, "num_layers": 2, "num_query_heads": 2,
                          "num_key_value_heads": 1, "hidden_dim": 16, "intermediate_dim": 32},
    }
    backbone = getattr(keras_hub.models, backbone_name)(**configs[backbone_name])
    report = inspect_model(backbone)  # token ids must stay below the Embedding's input_dim, else the call fails
    assert report.params["total"] == backbone.count_params()
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.tree.children


def test_text_rendering_shows_the_tree_and_untracked_section():
    import io

    from rich.console import Console
    from runtime_helpers import case_target

    from layerdoctor.render.tree import render_tree

    target, shapes = case_target("ld011c_closure__k3")
    report = inspect_target(target, input_shapes=shapes)
    buffer = io.StringIO()
    render_tree(report, Console(file=buffer, width=200))
    text = buffer.getvalue()
    assert "(Residual)" in text
    assert "Untracked state" in text and "branch.<closure>.proj" in text and "20 values" in text


def test_correct_patterns_get_no_finding():
    # cached activations, seed generators, activation functions, lists/dicts of layers, RNN cells
    report = inspect_target(f"{TARGETS / 'clean_patterns.py'}")
    assert report.findings == []
    assert report.params["total"] == report.tree.layer.count_params()
    assert report.params["untracked"] == 0


def test_model_with_only_integer_outputs_skips_the_gradient_probe(keras):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.ops.argmax(keras.layers.Dense(3)(inputs), axis=-1))
    report = inspect_model(model)
    assert report.findings == [] and report.params["total"] == 15


@pytest.mark.flavours("k3tf", "tfk2")
def test_package_level_api_returns_a_report(keras):
    import layerdoctor

    report = layerdoctor.inspect_model(keras.layers.Dense(2), input_shape=(3, 5))
    assert report.params == {"total": 12, "trainable": 12, "non_trainable": 0, "untracked": 0}
    assert json.loads(report.to_json())["tree"]["class"] == "Dense"
    assert report.exit_code() == 0


def test_global_block_with_sublayers_is_one_untracked_entry():
    report = inspect_target(f"{TARGETS / 'global_block.py'}")
    assert [f.code for f in report.findings] == ["LD011"]
    assert len(report.untracked) == 1
    assert report.params["untracked"] == (6 * 8 + 8) + (8 * 4 + 4)
    assert report.params["total"] == 4 * 2 + 2


@pytest.mark.flavours("k3tf", "tfk2")
def test_frozen_layers_count_as_non_trainable(keras):
    base = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(4)], name="base")
    base.trainable = False
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1)(base(inputs)))
    report = inspect_model(model)
    assert report.params["trainable"] == sum(int(np.prod(v.shape)) for v in model.trainable_weights) == 4 + 1
    assert report.params["non_trainable"] == (3 * 4 + 4) + (4 * 4 + 4)
    assert report.findings == []  # frozen weights are not expected to get gradients
