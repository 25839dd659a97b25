"""LD010: a variable attribute replaced by a tensor derived from it.

Sign: a layer owns a variable that none of its attributes holds any more (the attribute now
holds a tensor). Proof: perturbing that variable does not change the output, because call()
reads the stale tensor. The output is compared on fixed inputs; the variable is restored.
"""

from __future__ import annotations

import numpy as np

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, user_attributes


def _referenced_ids(layer) -> set:
    ids = set()
    for value in user_attributes(layer).values():
        ids.add(id(value))
        if isinstance(value, (list, tuple)):
            ids.update(id(v) for v in value)
        elif isinstance(value, dict):
            ids.update(id(v) for v in value.values())
    return ids


def _outputs(inspection):
    keras = backend.keras_module()
    return [backend.to_numpy(o) for o in keras.tree.flatten(inspection.forward())]


def _same(a, b) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a, b))


def _derived_attribute(layer, variable):
    """The tensor attribute most likely derived from `variable`: same name, else same size."""
    tensors = {k: v for k, v in user_attributes(layer).items() if backend.is_tensor(v)}
    if variable.name in tensors:
        return variable.name
    same_size = [k for k, v in tensors.items() if backend.size_of(v) == backend.size_of(variable)]
    return same_size[0] if same_size else None


def variable_shadowed(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD010: a variable attribute replaced by a tensor derived from it (proved by perturbing it)."""
    result = ProbeResult()
    candidates = []
    for node in inspection.user_layers():
        referenced = _referenced_ids(node.layer)
        for variable in backend.own_variables(node.layer):
            if id(variable) not in referenced and backend.is_float(variable):
                attribute = _derived_attribute(node.layer, variable)
                if attribute:
                    candidates.append((node, variable, attribute))
    if not candidates:
        return result
    baseline = _outputs(inspection)
    if not _same(baseline, _outputs(inspection)):
        return result  # the model is random per call: a perturbation test would prove nothing
    for node, variable, attribute in candidates:
        original = backend.to_numpy(variable.value).copy()
        try:
            variable.assign(original + 0.5)
            unchanged = _same(baseline, _outputs(inspection))
        finally:
            variable.assign(original)
        if not unchanged:
            continue
        cls = type(node.layer)
        result.explains.attributes.add((id(node.layer), attribute))
        result.explains.no_gradient.add(id(variable))
        result.findings.append(findings.make(
            "LD010", f"{cls.__name__}.{attribute} was replaced by a tensor derived from the variable "
                     f"'{variable.path}': call() uses a stale copy, so the variable is counted but never trained",
            cls=cls, attribute=attribute, site=locate.attribute_site(cls, attribute, last=True),
            layer=node.path, variable=variable.path))
    return result
