"""LD009: every trainable weight must get a gradient from a scalar of the outputs.

The scalar is the sum of every float output. TF returns None for a weight the output does not
depend on differentiably (unused, stop_gradient, NumPy round trip, round/argmax/int casts).
"""

from __future__ import annotations

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class


def _float_outputs(outputs) -> list:
    keras = backend.keras_module()
    return [o for o in keras.tree.flatten(outputs) if backend.is_float(o)]


def _scalar(outputs):
    keras = backend.keras_module()
    return sum(keras.ops.sum(keras.ops.cast(o, "float32")) for o in _float_outputs(outputs))


def owner_and_attribute(inspection, variable):
    """The tree node owning `variable`, and the attribute that holds it (or its name)."""
    for node in inspection.nodes():
        if any(v is variable for v in backend.own_variables(node.layer)):
            for name, value in vars(node.layer).items():
                if value is variable:
                    return node, name
            return node, variable.name
    return None, variable.name


def _inside_library_model(inspection, node) -> bool:
    """Is the weight part of a library model (a keras-hub backbone...)? Those may own weights
    their outputs do not use by design (a backbone's reverse embedding, used only by a task head)."""
    keras = backend.keras_module()
    for other in inspection.nodes():
        if node.path == other.path or node.path.startswith(other.path + "/"):
            layer = other.layer
            if isinstance(layer, keras.Model) and not is_user_class(type(layer)) \
                    and type(layer).__name__ not in ("Functional", "Sequential"):
                return True
    return False


def no_gradient(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD009: a trainable weight that gets no gradient from the outputs (unless LD010 explains it)."""
    result = ProbeResult()
    variables = [v for v in inspection.model.trainable_weights]
    if not variables or not _float_outputs(inspection.outputs):
        return result  # nothing to differentiate (e.g. the model outputs only class ids)
    grads = backend.gradients(lambda: _scalar(inspection.forward()), variables)
    for variable, grad in zip(variables, grads):
        if grad is not None or id(variable) in explained.no_gradient:
            continue
        node, attribute = owner_and_attribute(inspection, variable)
        if node is not None and _inside_library_model(inspection, node):
            continue
        cls = type(node.layer) if node else None
        result.findings.append(findings.make(
            "LD009", f"{cls.__name__ if cls else '?'}.{attribute} (variable '{variable.path}', "
                     f"{backend.size_of(variable)} values) gets no gradient from the outputs: it is counted "
                     f"as trainable but never trained", cls=cls, attribute=attribute,
            # where call() reads it (through stop_gradient, NumPy, round...), else where it is made
            site=locate.use_site(cls, "call", attribute) if cls else None,
            layer=node.path if node else None, variable=variable.path))
    return result
