"""End to end: `python -m layerdoctor.runtime` on the example models; exit codes, JSON, --output."""

import json
import os
import subprocess
import sys

import pytest
from runtime_helpers import HERE

from layerdoctor.runtime.api import inspect_target

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

ROOT = HERE.parent.parent
EXAMPLES = ROOT / "examples" / "models"


def run(*args):
    env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"), TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "layerdoctor.runtime", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300, check=False)


def test_buggy_example_exits_1_with_json_and_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run(EXAMPLES / "buggy_multitask.py", "--format", "json", "--output", out)
    assert result.returncode == 1, result.stderr
    data = json.loads(out.read_text())
    assert {f["code"] for f in data["findings"]} == {"LD001", "LD005", "LD007", "LD009", "LD011"}
    assert all(f["detector"] == "runtime" for f in data["findings"])
    # heads Dense(3) and Dense(1) on 4 features, plus the (4,) scale tensor
    assert data["params"]["untracked"] == (4 * 3 + 3) + (4 * 1 + 1) + 4
    assert data["tree"]["class"] == "Functional"


def test_clean_example_exits_0_and_prints_a_tree():
    result = run(EXAMPLES / "clean_classifier.py")
    assert result.returncode == 0, result.stderr
    assert "ResidualDense" in result.stdout and "Total params: 2,883" in result.stdout


def test_exit_zero():
    assert run(EXAMPLES / "buggy_multitask.py", "--exit-zero").returncode == 0


@pytest.mark.flavours("k3tf", "tfk2")
def test_bad_target_is_one_line_on_stderr_and_exit_2():
    result = run("does/not/exist.py")
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("layerdoctor")]
    assert lines == ["layerdoctor: error: no such file: does/not/exist.py"]
    assert "Traceback" not in result.stderr


def test_input_shape_option_on_the_command_line():
    target = HERE.parent / "cases" / "ld009a_unused_weight__k3.py"
    result = run(f"{target}:make", "--input-shape", "3,4", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["params"]["total"] == 4 * 3 + 3


def test_siamese_example_counts_the_shared_encoder_once():
    report = inspect_target(str(EXAMPLES / "siamese_shared.py"))
    assert report.params["total"] == report.tree.layer.count_params() == (10 * 16 + 16) + (16 * 8 + 8) + 9
    assert {f.severity for f in report.findings} == {"info"}


def test_unsafe_load_warns_and_safe_mode_refuses_in_one_line(tmp_path, keras):
    inputs = keras.Input((4,))
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2.0)(inputs)).save(path)
    refused = run(path)
    assert refused.returncode == 2 and "--unsafe-load" in refused.stderr and "Traceback" not in refused.stderr
    loaded = run(path, "--unsafe-load")
    assert loaded.returncode == 0 and "warning: --unsafe-load" in loaded.stderr
