"""The runtime's contract: an ordered PROBES tuple of functions (Observation, Explained) -> ProbeResult,
each seeing only what the probes before it explained."""

import inspect

import pytest

from layerdoctor.runtime.context import Explained, Observation, ProbeResult
from layerdoctor.runtime.probes import PROBES, run_probes

pytestmark = [pytest.mark.runtime, pytest.mark.flavours("k3tf", "k3jax", "k3torch")]


@pytest.mark.flavours("k3tf", "tfk2")
def test_every_probe_takes_an_observation_and_what_is_explained():
    assert len(PROBES) == len(set(PROBES))
    for probe in PROBES:
        params = list(inspect.signature(probe).parameters.values())
        assert [p.annotation for p in params] == ["Observation", "Explained"], probe.__name__
        assert inspect.signature(probe).return_annotation == "ProbeResult", probe.__name__


@pytest.mark.flavours("k3tf", "tfk2")
def test_a_probe_sees_what_earlier_probes_explained_and_a_broken_one_costs_only_itself(capsys):
    seen = []

    def first(observation: Observation, explained: Explained) -> ProbeResult:
        result = ProbeResult()
        result.explains.attributes.add((1, "kernel"))
        return result

    def broken(observation: Observation, explained: Explained) -> ProbeResult:
        raise RuntimeError("boom")

    def second(observation: Observation, explained: Explained) -> ProbeResult:
        seen.append(set(explained.attributes))
        return ProbeResult()

    merged = run_probes(Observation(model=None, inputs=None), (first, broken, second))
    assert seen == [{(1, "kernel")}]
    assert merged.explains.attributes == {(1, "kernel")}
    assert "broken probe failed" in capsys.readouterr().err
