"""LD005: sublayers still unbuilt after a real call on data.

Only a call on data counts: `model.build(shape)` on a subclassed Model leaves every sublayer
unbuilt (BEHAVIOUR.md, surprise 6), so the inspector always calls the model first.
"""

from __future__ import annotations

from .. import findings
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes


def _parent_and_attribute(inspection, layer):
    for node in inspection.nodes():
        for name, value in user_attributes(node.layer).items():
            if value is layer:
                return node.layer, name
    return None, None


def unbuilt_sublayers(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD005: sublayers still unbuilt after a real call on data."""
    result = ProbeResult()
    for node in inspection.nodes():
        if node.built or node is inspection.tree:
            continue
        parent, attribute = _parent_and_attribute(inspection, node.layer)
        cls = type(parent) if parent is not None and is_user_class(type(parent)) else type(node.layer)
        owner = f"{cls.__name__}.{attribute}" if attribute else node.path
        result.findings.append(findings.make(
            "LD005", f"{owner} ({node.class_name} '{node.name}') is still unbuilt after a call: call() never "
                     f"uses it and no build() builds it, so its weights do not exist",
            cls=cls, attribute=attribute, layer=node.path))
    return result
