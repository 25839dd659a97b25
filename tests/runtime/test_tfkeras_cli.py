"""`inspect --keras tf-keras`: the flavour is chosen in the child process, before Keras is imported."""

import importlib.util
import json

import pytest
from harness import run_cli
from runtime_helpers import case_path

pytestmark = pytest.mark.runtime

NATIVE = case_path("ld003_foreign_variable__tf")  # tf.Variables: a bug on Keras 3, tracked on tf.keras 2


@pytest.mark.flavours("k3tf", "tfk2")
def test_keras_flag_picks_the_flavour_whatever_the_environment_says():
    if importlib.util.find_spec("tf_keras") is None:
        pytest.skip("tf-keras is not installed here")
    for flag, environment, package, found in (("tf-keras", "0", "tf-keras", []), ("keras3", "1", "keras", ["LD003"])):
        result = run_cli("inspect", f"{NATIVE}:make", "--input-shape", "2,4", "--keras", flag, "--format", "json",
                         "--exit-zero", env={"TF_USE_LEGACY_KERAS": environment}, timeout=300)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["keras"]["package"] == package and report["keras"]["backend"] == "tensorflow"
        assert sorted({f["code"] for f in report["findings"]}) == found


@pytest.mark.flavours("tfk2")
def test_text_report_names_tf_keras_and_its_version():
    import tf_keras

    result = run_cli("inspect", f"{NATIVE}:make", "--input-shape", "2,4", timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"tf-keras {tf_keras.__version__} (tensorflow backend)" in result.stdout


@pytest.mark.flavours("tfk2")
def test_a_keras3_model_on_tf_keras_is_one_clear_line(tmp_path):
    target = tmp_path / "k3.py"
    target.write_text("import keras\n\ndef build_model():\n    return keras.Sequential([keras.Input((4,)), "
                      "keras.layers.Dense(2)])\n")
    result = run_cli("inspect", target, timeout=300)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "it is a Keras 3 object and this inspection runs tf.keras 2" in line


def test_tf_keras_not_installed_is_one_line_and_exit_2():
    if importlib.util.find_spec("tf_keras") is not None:
        pytest.skip("tf-keras is installed here")
    result = run_cli("inspect", f"{NATIVE}:make", "--input-shape", "2,4", "--keras", "tf-keras", timeout=300)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "tf-keras is not installed" in line
