"""The code examples of the seed articles (tests/runtime/seeds/, verbatim inside build_model())."""

import pytest
from runtime_helpers import HERE, codes

from layerdoctor.errors import UsageError
from layerdoctor.runtime.api import inspect_target

pytestmark = pytest.mark.runtime

SEEDS = HERE / "seeds"

# Expected on Keras 3 + TF (BEHAVIOUR.md); totals counted by hand from the layer shapes.
EXPECTED = {
    "seed000_example1": ({"LD002"}, 0),  # tensors created in call()
    "seed000_example2": (set(), 10 * 5 + 5),
    "seed000_example3": ({"LD004"}, 10 * 5 + 5),  # runs for the width given by hand: LD004's warning
    "seed001_example1": ({"LD003"}, None),  # model.build raises: tf.Variable in the inner build()
    "seed001_example2": (set(), 5 * 10),
    "seed001_example3": (set(), 5 * 5),  # myth 2
    "seed002_example1": (set(), 5 * 3),  # myth 1
    "seed002_example2": ({"LD006"}, None),
    "seed002_example3": (set(), 5 * 3 + 3),
    "seed003_example1": ({"LD008"}, None),
    "seed003_example2": (set(), (64 * 32 + 32) + (32 * 32 + 32) + 32 * 10 + 10),
    "seed004_example1": (set(), 5 * 10),
    "seed004_example2": (set(), 5 * 10 + 10),
    "seed004_example3": (set(), 5 * 10 + 10),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_example(name, capsys):
    expected_codes, expected_total = EXPECTED[name]
    report = inspect_target(str(SEEDS / f"{name}.py"))
    assert codes(report) == expected_codes, [f.message for f in report.findings]
    if expected_total is not None:
        assert report.params["total"] == expected_total


def test_seed_example_that_does_not_build_on_keras3_is_one_clear_line(capsys):
    # TimeDistributed needs compute_output_shape on Keras 3: not a weight bug, a plain failure.
    with pytest.raises(UsageError) as raised:
        inspect_target(str(SEEDS / "seed003_example3.py"))
    assert "compute_output_shape" in str(raised.value) and "\n" not in str(raised.value)


# tf.keras 2, where the seed articles were written (BEHAVIOUR.md, tf-keras 2 column): the same
# expectations except where tf.keras 2 behaves otherwise.
EXPECTED_TFK2 = {
    **EXPECTED,
    "seed001_example1": (set(), 5 * 10),  # tf.keras 2 tracks the tf.Variable: 50 params, trained
    # the inner build() skips super().build(), so tf.keras 2 builds the inner layer again at its
    # first call: the list extended in build() keeps the first kernel, which nothing reads (measured below)
    "seed002_example2": ({"LD009"}, 5 * 3 + 5 * 3),
    "seed003_example3": (set(), None),  # TimeDistributed builds on tf.keras 2
}


@pytest.mark.flavours("tfk2")
@pytest.mark.parametrize("name", sorted(EXPECTED_TFK2))
def test_seed_example_on_tf_keras_2(name):
    expected_codes, expected_total = EXPECTED_TFK2[name]
    report = inspect_target(str(SEEDS / f"{name}.py"))
    assert codes(report) == expected_codes, [f.message for f in report.findings]
    assert all(f.target == "tf-keras" for f in report.findings)
    if expected_total is not None:
        assert report.params["total"] == expected_total


@pytest.mark.flavours("tfk2")
def test_seed002_example2_keeps_a_stale_kernel_on_tf_keras_2():
    # Measured on tf-keras itself: two kernels of 15 values in the outer layer's trainable weights,
    # and the first one gets no gradient.
    import importlib.util

    import tensorflow as tf

    spec = importlib.util.spec_from_file_location("seed002_example2", SEEDS / "seed002_example2.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    outer, inputs = module.build_model()
    weights = outer.trainable_weights
    assert [int(tf.size(w)) for w in weights] == [15, 15]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(outer(inputs))
    assert [g is None for g in tape.gradient(loss, weights)] == [True, False]
