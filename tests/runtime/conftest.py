"""Runtime inspector tests: real Keras 3 with the TensorFlow backend, no mocks."""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import importlib.util

import pytest

# The lean test environment (`make test-lean`) has no Keras: nothing here can even be imported there.
if importlib.util.find_spec("keras") is None or importlib.util.find_spec("numpy") is None:
    collect_ignore_glob = ["*.py"]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: heavier models (MobileNetV2, keras-hub), over ~30 s")


@pytest.fixture
def keras():
    import keras

    return keras
