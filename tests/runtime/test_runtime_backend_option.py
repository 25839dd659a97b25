"""`inspect --backend`: chosen before Keras is imported (in the child), named in the report; a backend
that is not installed is one line and exit 2. Runs on every Keras 3 backend."""

import importlib.util
import json

import pytest
from conftest import current_flavour
from harness import run_cli
from runtime_helpers import case_path

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]

# (tf.keras 2 runs on TensorFlow; the module's tests are skipped there)
BACKEND = {"k3tf": "tensorflow", "k3jax": "jax", "k3torch": "torch"}.get(current_flavour(), "tensorflow")
OTHERS = [b for b in ("tensorflow", "jax", "torch") if b != BACKEND]
TARGET = f"{case_path('ld009a_unused_weight__k3')}:make"


def test_backend_option_wins_over_the_environment_and_is_reported():
    # KERAS_BACKEND names another backend: --backend must replace it before Keras is imported
    result = run_cli("inspect", TARGET, "--input-shape", "2,4", "--backend", BACKEND, "--format", "json",
                     env={"KERAS_BACKEND": OTHERS[0]}, timeout=300)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["keras"]["backend"] == BACKEND
    assert [f["code"] for f in report["findings"]] == ["LD009"]
    text = run_cli("inspect", TARGET, "--input-shape", "2,4", "--backend", BACKEND, timeout=300)
    assert f"({BACKEND} backend)" in text.stdout


@pytest.mark.parametrize("backend", OTHERS)
def test_a_backend_that_is_not_installed_is_one_line_and_exit_2(backend):
    if importlib.util.find_spec(backend) is not None:
        pytest.skip(f"{backend} is installed in this environment")
    result = run_cli("inspect", TARGET, "--input-shape", "2,4", "--backend", backend, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"layerdoctor: error: the {backend} backend is not installed here (no module '{backend}'): "
        f"pip install 'layerdoctor[{ {'tensorflow': 'runtime'}.get(backend, backend)}]'"]
    assert result.stdout == ""


def test_an_unknown_backend_is_refused_by_the_parser():
    result = run_cli("inspect", TARGET, "--backend", "mxnet", timeout=60)
    assert result.returncode == 2 and "invalid choice: 'mxnet'" in result.stderr
