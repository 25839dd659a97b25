"""Tables computed from positions or coordinates are constants, not LD001 (held-out 5: LLaMA RoPE,
SwinV2 coordinates): cos/sin pairs (their squares sum to 1) and grid tables (few distinct values,
each repeated). A raw LayerNorm (ones and zeros also square-sum to 1) and a random codebook stay
reported. Keras is measured first: the tables hold no parameter and their values are as described."""

import importlib.util

import numpy as np
import pytest
from runtime_helpers import TARGETS

from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

FILE = TARGETS / "computed_tables.py"


def _user_layer(name):
    spec = importlib.util.spec_from_file_location("computed_tables", FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = getattr(module, name)()
    return next(layer for layer in model.layers if type(layer).__module__ == "computed_tables")


def _found(name):
    return sorted((f.code, f.severity, f.attribute) for f in inspect_target(f"{FILE}:{name}").findings)


def test_rotary_cos_sin_tables_are_not_ld001():
    layer = _user_layer("rotary")
    cos, sin = np.asarray(layer.freqs_cos), np.asarray(layer.freqs_sin)
    assert layer.count_params() == 0 and np.allclose(cos ** 2 + sin ** 2, 1.0, atol=1e-5)
    assert not _found("rotary")


def test_a_sinusoidal_encoding_in_one_table_is_not_ld001():
    table = np.asarray(_user_layer("sinusoid").sinusoid)
    half = table.shape[-1] // 2
    assert np.allclose(table[:, :half] ** 2 + table[:, half:] ** 2, 1.0, atol=1e-5)
    assert not _found("sinusoid")


def test_a_log_spaced_coordinate_table_is_not_ld001():
    table = np.asarray(_user_layer("log_coordinates").rel_tab)
    assert table.shape == (25, 2) and np.unique(table).size == 5  # five coordinates, each repeated
    assert not _found("log_coordinates")


def test_look_alikes_a_raw_layernorm_and_a_random_codebook_stay_ld001():
    layer = _user_layer("raw_norm")
    assert layer.count_params() == 0 and not layer.weights  # gamma and beta are not weights
    assert _found("raw_norm") == [("LD001", "error", "beta"), ("LD001", "error", "gamma")]
    codebook = np.asarray(_user_layer("codebook").codebook)
    assert np.unique(codebook).size == codebook.size  # random: every value distinct
    assert _found("codebook") == [("LD001", "warning", "codebook")]


def test_the_frequencies_of_a_time_embedding_are_not_ld001():
    layer = _user_layer("time_frequencies")
    freqs = np.asarray(layer.emb)
    assert layer.count_params() == 0 and freqs.shape == (4,)
    assert np.allclose(freqs[1:] / freqs[:-1], freqs[1] / freqs[0]) and freqs[1] < freqs[0]  # a geometric ladder
    assert not _found("time_frequencies")


def test_look_alike_a_scale_started_from_evenly_spaced_values_stays_ld001():
    layer = _user_layer("linear_scale")
    assert layer.count_params() == 0 and np.allclose(np.diff(np.asarray(layer.scale)), 1.5 / 7)  # DIM = 8
    assert ("LD001", "error", "scale") in _found("linear_scale")
