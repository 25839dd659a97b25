"""The runtime checks, in the order they run.

A probe is a function `probe(observation: Observation, explained: Explained) -> ProbeResult`:
it reads the one Observation the two forward passes recorded (never the model's live state
beyond what it must call), returns its findings and the untracked state it lists, and says
what it explains. `explained` holds what the probes before it explained; a probe stays silent
about those, which is why the order below matters. Which code overlapping states get
(LD011 versus LD012, ...) is decided in `runtime/overlaps.py`, nowhere else.

Building or calling the model can also fail; turning that exception into findings is
`runtime/failures.py`'s `classify()`, which is not a probe (there is no Observation).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ..context import Explained, Observation, ProbeResult
from ..failures import summary
from . import (compiled, fixed_input, gradients, init_order, late_bound, per_call, shadowed, shared, unbuilt,
               unsaved, untracked)

Probe = Callable[[Observation, Explained], ProbeResult]

PROBES: tuple[Probe, ...] = (
    per_call.state_created_per_call,  # LD002 first: re-created attributes are not raw state (LD001)
    shadowed.variable_shadowed,  # LD010 before the scan (not LD001) and before gradients (not LD009)
    untracked.untracked_state,  # LD001, LD003, LD011, LD012 for what attributes reach
    per_call.untracked_layers_used,  # LD002, LD011, LD012 for layers only calls reach
    late_bound.late_bound_loop_variables,  # LD012 for Lambdas made in a loop reading its variable
    untracked.module_variables_read,  # LD011 for a module-level variable the forward pass reads
    untracked.state_reached_from_call,  # LD011 for a global or closed-over SeedGenerator/variable/layer call() names
    unbuilt.unbuilt_sublayers,  # LD005
    unbuilt.built_without_call,  # LD005 for the model as the target returned it
    unsaved.unsaved_sublayers,  # LD006: layers held under a name Keras's saving skips (self._layers)
    unsaved.weight_list_property_raises,  # LD006: a trainable_weights override reading Keras 2's private lists
    shared.shared_layers,  # LD007
    fixed_input.fixed_input_width,  # LD004: a weight made in __init__ for the width the layer is called on
    gradients.no_gradient,  # LD009, except variables LD010 explained
    compiled.loss_without_gradient,  # LD009 for a compiled loss no weight gets a gradient from
    compiled.frozen_after_compile,  # LD009 (Keras 3) for a compiled model whose trainable flag is off
    init_order.attributes_reset_by_init,  # LD013 from what the construction recorded
)


def run_probes(observation: Observation, probes: tuple[Probe, ...] = PROBES) -> ProbeResult:
    """Run `probes` in order and merge their results. A probe that breaks on an unusual model
    costs its own findings, with a warning on stderr, not the whole report."""
    merged = ProbeResult()
    for probe in probes:
        try:
            result = probe(observation, merged.explains)
        except Exception as error:  # noqa: BLE001
            name = f"{probe.__module__.rsplit('.', 1)[-1]}.{probe.__name__}"
            sys.stderr.write(f"layerdoctor: warning: the {name} probe failed and was skipped: "
                             f"{summary(error)}\n")
            continue
        merged.findings += [f for f in result.findings if f is not None]  # None: not a bug on this Keras
        merged.untracked += result.untracked
        merged.explains.add(result.explains)
    return merged
