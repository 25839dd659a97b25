"""Runtime inspector tests: real Keras, no mocks, on whichever flavour this environment runs.

The flavour is Keras 3 on the backend that KERAS_BACKEND names (default TensorFlow), or tf.keras 2
when TF_USE_LEGACY_KERAS=1. A test runs on the flavours its `flavours` marker lists; an unmarked test
was written for Keras 3 + TensorFlow and runs only there.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import importlib.util

import pytest

# The lean test environment (`make test-lean`) has no Keras: nothing here can even be imported there.
if importlib.util.find_spec("keras") is None or importlib.util.find_spec("numpy") is None:
    collect_ignore_glob = ["*.py"]


FLAVOURS = ("k3tf", "k3jax", "k3torch", "tfk2")


def current_flavour() -> str:
    """k3tf, k3jax, k3torch (Keras 3 on that backend) or tfk2 (tf.keras 2), from the environment."""
    if os.environ.get("TF_USE_LEGACY_KERAS") == "1":
        return "tfk2"
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    return {"tensorflow": "k3tf", "jax": "k3jax", "torch": "k3torch"}[backend]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: heavier models (MobileNetV2, keras-hub), over ~30 s")
    config.addinivalue_line(
        "markers", "flavours(*names): run only on these flavours (k3tf, k3jax, k3torch, tfk2); "
        "unmarked runtime tests run only on k3tf")


def pytest_collection_modifyitems(config, items):
    flavour = current_flavour()
    for item in items:
        marker = item.get_closest_marker("flavours")
        wanted = marker.args if marker else ("k3tf",)
        unknown = set(wanted) - set(FLAVOURS)
        if unknown:
            raise pytest.UsageError(f"{item.nodeid}: unknown flavour(s) {sorted(unknown)}")
        if flavour not in wanted:
            item.add_marker(pytest.mark.skip(reason=f"written for {', '.join(wanted)}; this run is {flavour}"))


@pytest.fixture
def keras():
    """The Keras of this flavour: tf_keras on tf.keras 2 (where `import keras` is Keras 3)."""
    if current_flavour() == "tfk2":
        import tf_keras

        return tf_keras
    import keras

    return keras


@pytest.fixture(autouse=True)
def _keras_settings_restored():
    """A case may change Keras's process-wide settings as its author did (held-out 35's Autoformer calls
    `set_floatx('float64')`): restore them after each test, so later tests in this worker see Keras's defaults."""
    try:
        from keras import config as keras_config

        floatx, epsilon, data_format = keras_config.floatx(), keras_config.epsilon(), keras_config.image_data_format()
    except (ImportError, AttributeError):  # (no Keras 3 in this environment: nothing to restore)
        yield
        return
    yield
    keras_config.set_floatx(floatx)
    keras_config.set_epsilon(epsilon)
    keras_config.set_image_data_format(data_format)
