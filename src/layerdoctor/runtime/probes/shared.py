"""LD007 (info): layers called in several places, and variables shared between layers."""

from __future__ import annotations

from .. import findings
from ..context import Explained, Observation, ProbeResult


def shared_layers(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD007 (info): layers called in several places, and variables shared between layers."""
    result = ProbeResult()
    _shared_layers(inspection.tree, inspection, result, inside_shared=False)
    for node in inspection.nodes():
        for variable_path, first_owner in node.tied:
            cls = type(node.layer)
            result.findings.append(findings.make(
                "LD007", f"{node.path} ({node.class_name}) shares the variable '{variable_path}' with {first_owner} "
                         f"(tied weights): it is counted once, at {first_owner}",
                cls=cls, layer=node.path, tied_with=first_owner))
    return result


def _shared_layers(node, inspection, result, inside_shared: bool) -> None:
    if node.shared_ref is not None:
        return
    shared = node.shared_calls > 1 or bool(node.also_at)
    if shared and not inside_shared and node is not inspection.tree:
        places = ", ".join(node.call_sites) if node.call_sites else "several places"
        uses = f"called {node.shared_calls} times" if node.shared_calls > 1 else f"reachable as {', '.join(node.also_at)}"
        site = _first_site(node)
        result.findings.append(findings.make(
            "LD007", f"{node.class_name} '{node.name}' is {uses} ({places}): its {node.params} weights are "
                     f"shared and counted once", cls=type(node.layer), site=site, layer=node.path,
            fix_values={"attr": node.name},
            call_sites=node.call_sites or None))
    for child in node.children:
        _shared_layers(child, inspection, result, inside_shared or shared)


def _first_site(node):
    if not node.call_sites:
        return None
    path, _, line = node.call_sites[0].rpartition(":")
    return (path, int(line)) if line.isdigit() else None
