"""inspect --shape-only and class+config targets (issue 9), on real Keras and keras-hub.

Shape-only builds under keras.StatelessScope(initialize_variables=False): the tree, totals and
findings that need no data must be those of a real build, and no weight may be allocated, then
or later (BEHAVIOUR.md section 5: leaving a default StatelessScope allocates every pending variable).
"""

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from runtime_helpers import CASES, HERE, TARGETS, case_target, codes

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

ROOT = HERE.parent.parent
MODELS = TARGETS / "shape_models.py"
GPT2 = {"vocabulary_size": 1000, "num_layers": 2, "num_heads": 2, "hidden_dim": 64, "intermediate_dim": 128,
        "max_sequence_length": 32}
LLAMA = {"vocabulary_size": 1000, "num_layers": 2, "hidden_dim": 64, "intermediate_dim": 128,
         "num_query_heads": 4, "num_key_value_heads": 2}


def _rows(node, out=None):
    """The tree as rows; auto-numbered names (dense_3 in one build, dense_7 in the next) lose
    their number, the order of the rows keeps them apart."""
    out = [] if out is None else out
    path = "/".join(re.sub(r"_\d+$", "", part) for part in node.path.split("/"))
    out.append((path, node.class_name, node.params, node.own_params, node.trainable_params,
                node.non_trainable_params, node.bytes, node.built))
    for child in node.children:
        _rows(child, out)
    return out


def _calls(node, out=None):
    """(calls, output shape) of each layer; None for a layer the shape-only pass did not call:
    one inside a functional model's layer that has compute_output_shape (Keras does not trace it)."""
    out = [] if out is None else out
    out.append((node.shared_calls, node.output_shape) if node.shared_calls else None)
    for child in node.children:
        _calls(child, out)
    return out


@pytest.mark.parametrize("target, config, shapes", [
    (f"{MODELS}:build_net", None, [(2, 4)]),
    (f"{MODELS}:Net", {"units": 6}, [(2, 5)]),
    (f"{MODELS}:build_mixed", None, None),
    ("keras_hub.models.GPT2Backbone", GPT2, None),
    ("keras_hub.models.LlamaBackbone", LLAMA, None),
], ids=["custom", "custom-class", "mixed-dtypes", "gpt2", "llama"])
def test_shape_only_and_a_real_build_agree(target, config, shapes):
    shape_only = inspect_target(target, config=config, input_shapes=shapes, shape_only=True)
    real = inspect_target(target, config=config, input_shapes=shapes)
    assert shape_only.params == real.params
    assert _rows(shape_only.tree) == _rows(real.tree)
    called = _calls(shape_only.tree)
    assert [c for c in called if c] == [c for c, s in zip(_calls(real.tree), called) if s]
    if "keras_hub" not in target:  # traced whole: every layer was called as on real data
        assert called == _calls(real.tree)
    # every finding that needs no data is there, at the same place
    assert [(f.code, f.line, f.attribute) for f in shape_only.findings] == \
        [(f.code, f.line, f.attribute) for f in real.findings if f.code not in ("LD009", "LD010")]
    assert real.memory is None and shape_only.memory["total"]["weights"] == real.tree.bytes
    assert [s["code"] for s in shape_only.shape_only["skipped"]] == ["LD009", "LD010"]


def test_the_custom_model_findings_are_found_shape_only():
    report = inspect_target(f"{MODELS}:build_net", input_shapes=[(2, 4)], shape_only=True)
    assert sorted((f.code, f.attribute) for f in report.findings) == \
        [("LD001", "scale"), ("LD005", "spare"), ("LD007", None), ("LD011", "heads")]
    assert report.params["untracked"] == 8


# Cases whose finding needs values: LD009 (gradients) and LD010 (perturbing a weight) are skipped;
# a tensor made in call() is symbolic in a traced call (LD002d); a call() that converts to NumPy
# cannot be traced at all (LD009c: exit 2 with a hint).
NOT_WITHOUT_DATA = {"ld002d_tensor_in_call__k3": {"LD002"}}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*__k3.py")))
def test_each_case_gives_the_same_findings_shape_only(name):
    target, shapes = case_target(name)
    real = codes(inspect_target(target, input_shapes=shapes))
    if name == "ld009c_numpy_in_call__k3":
        with pytest.raises(UsageError, match=r"shape_only=True calls the model on symbolic inputs.*\.numpy\(\)"):
            inspect_target(target, input_shapes=shapes, shape_only=True)
        return
    shape_only = codes(inspect_target(target, input_shapes=shapes, shape_only=True))
    assert shape_only == real - {"LD009", "LD010"} - NOT_WITHOUT_DATA.get(name, set())


def test_memory_per_dtype_is_what_keras_allocates(keras):
    """Weights per dtype and the optimizer state, against the variables real Keras optimizers make."""
    report = inspect_target(f"{MODELS}:build_mixed", shape_only=True)
    rows = {row["dtype"]: row for row in report.memory["dtypes"]}

    import importlib.util

    spec = importlib.util.spec_from_file_location("shape_models_for_memory", MODELS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build_mixed()
    weights = {}
    for variable in model.weights:
        itemsize = keras.ops.convert_to_numpy(variable.value).itemsize
        weights[variable.dtype] = weights.get(variable.dtype, 0) + itemsize * int(variable.value.numpy().size)
    assert {dtype: row["weights"] for dtype, row in rows.items()} == weights == {"float32": 220, "float16": 70}

    for optimizer, column in ((keras.optimizers.Adam(), "with_adam"), (keras.optimizers.AdamW(), "with_adam"),
                              (keras.optimizers.SGD(momentum=0.9), "with_sgd_momentum")):
        optimizer.build(model.trainable_variables)
        slots = {}
        for variable in optimizer.variables:
            if len(variable.shape):  # the slots; the scalars are the step counter and learning rate
                value = variable.value.numpy()
                slots[variable.dtype] = slots.get(variable.dtype, 0) + value.itemsize * value.size
        assert {dtype: row[column] - row["weights"] for dtype, row in rows.items()} == slots, optimizer


def _run_python(code: str, timeout=600):
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]))
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            env=env, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_weight_is_allocated_then_or_later():
    """2.1 GB of weights, shape-only in one process: peak memory stays near the import baseline,
    also after the trap of BEHAVIOUR.md (a default StatelessScope closing later) and a symbolic
    call of another model (Keras opens a default StatelessScope for it)."""
    measured = _run_python(f"""
        import json, resource
        import keras
        import layerdoctor

        def peak_mb():
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])(keras.ops.ones((1, 4)))  # warm up
        baseline = peak_mb()
        report = layerdoctor.inspect_target({str(MODELS)!r} + ":build_big", shape_only=True)
        after_inspect = peak_mb()
        with keras.StatelessScope():
            pass
        inputs = keras.Input((3,))
        keras.Model(inputs, keras.layers.Dense(2)(inputs))
        print(json.dumps({{"total": report.params["total"], "weights": report.memory["total"]["weights"],
                          "baseline": baseline, "after_inspect": after_inspect, "after_trap": peak_mb()}}))
    """)
    assert measured["total"] == 23_000 * 23_000 + 23_000
    assert measured["weights"] == 4 * measured["total"]  # 2.1 GB
    assert measured["after_inspect"] - measured["baseline"] < 200, measured
    assert measured["after_trap"] - measured["baseline"] < 200, measured


def run_cli(*args, timeout=600):
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "layerdoctor", "inspect", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=timeout, check=False)


def _error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("layerdoctor")]


def test_config_file_and_json_text_give_the_same_report(tmp_path):
    config_file = tmp_path / "config.json"
    # a keras-hub preset's config.json wraps the arguments in a serialized object
    config_file.write_text(json.dumps({"module": "keras_hub.src.models.gpt2.gpt2_backbone",
                                       "class_name": "GPT2Backbone", "config": GPT2}))
    from_file = run_cli("keras_hub.models.GPT2Backbone", "--config", config_file, "--shape-only", "--format", "json")
    from_text = run_cli("keras_hub.models.GPT2Backbone", "--config", json.dumps(GPT2), "--shape-only",
                        "--format", "json")
    assert from_file.returncode == 0 and from_text.returncode == 0, from_file.stderr + from_text.stderr
    data = json.loads(from_file.stdout)
    assert data == json.loads(from_text.stdout)
    assert data["tree"]["class"] == "GPT2Backbone" and data["params"]["total"] > 0
    assert data["memory"]["total"]["weights"] == 4 * data["params"]["total"]
    assert data["shape_only"]["skipped"][0]["code"] == "LD009"
    import jsonschema
    from importlib import resources

    schema = json.loads(resources.files("layerdoctor").joinpath("data/report.schema.json").read_text())
    jsonschema.validate(data, schema)


def test_shape_only_text_report_says_what_was_skipped():
    result = run_cli("keras_hub.models.LlamaBackbone", "--config", json.dumps(LLAMA), "--shape-only", "--depth", "1")
    assert result.returncode == 0, result.stderr
    assert "with Adam/AdamW" in result.stdout and "with SGD momentum" in result.stdout
    assert "Not checked (they need values): LD009 no-gradient, LD010 variable-shadowed." in result.stdout


@pytest.mark.parametrize("args, message", [
    (["keras_hub.models.GPT2Backbone", "--config", '{"vocabulary_size": 10,'], "the --config JSON text is not valid JSON"),
    (["keras_hub.models.GPT2Backbone", "--config", "[1, 2]"], "must be a JSON object of constructor arguments"),
    (["keras_hub.models.GPT2Backbone", "--config", "missing.json"], "cannot read the config missing.json"),
])
def test_a_bad_config_is_one_line_before_anything_runs(args, message):
    result = run_cli(*args, timeout=120)
    assert result.returncode == 2
    lines = _error_lines(result)
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_config_the_class_refuses_is_one_line():
    result = run_cli("keras_hub.models.GPT2Backbone", "--config", json.dumps({**GPT2, "num_heads_typo": 2}),
                     "--shape-only")
    assert result.returncode == 2
    lines = _error_lines(result)
    assert len(lines) == 1 and "num_heads_typo" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("target, config, message", [
    ("keras_hub.models.NoSuchBackbone", {}, "has no function 'NoSuchBackbone'"),
    ("no_such_package.models.Backbone", {}, "cannot import no_such_package.models"),
    (f"{MODELS}:build_net", {"units": 3}, "is a function: a class config (--config JSON) goes with a layer or model class"),
    ("keras_hub.models.GPT2Backbone", {"vocabulary_size": 10}, "missing"),
    ("keras_hub.models.GPT2Backbone", None, "missing"),
])
def test_class_target_errors(target, config, message):
    with pytest.raises(UsageError) as raised:
        inspect_target(target, config=config, shape_only=True)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_weights_that_cannot_fit_say_so_and_offer_shape_only():
    result = run_cli(f"{MODELS}:build_too_big")
    assert result.returncode == 2
    lines = _error_lines(result)
    assert len(lines) == 1, result.stderr
    assert "its weights need 3.64 TB (1,000,001,000,000 params)" in lines[0]
    assert "of memory is free: run with --shape-only" in lines[0]
    shape_only = run_cli(f"{MODELS}:build_too_big", "--shape-only", "--format", "json")
    assert shape_only.returncode == 0, shape_only.stderr
    assert json.loads(shape_only.stdout)["params"]["total"] == 1_000_001_000_000


def test_a_model_file_is_refused_shape_only(tmp_path):
    model_file = tmp_path / "model.keras"
    model_file.write_bytes(b"PK")
    with pytest.raises(UsageError, match="a model file is loaded with its weights"):
        inspect_target(str(model_file), shape_only=True)
