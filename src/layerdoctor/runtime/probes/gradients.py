"""LD009: every trainable weight must get a gradient from a scalar of the outputs.

The scalar is the sum of every float output. TF returns None for a weight the output does not
depend on differentiably (unused, stop_gradient, NumPy round trip, round/argmax/int casts).
"""

from __future__ import annotations

from .. import backend, findings, locate


def _scalar(outputs):
    keras = backend.keras_module()
    total = 0.0
    for output in keras.tree.flatten(outputs):
        if backend.is_float(output):
            total = total + keras.ops.sum(keras.ops.cast(output, "float32"))
    return total


def owner_and_attribute(inspection, variable):
    """The tree node owning `variable`, and the attribute that holds it (or its name)."""
    for node in inspection.nodes():
        if any(v is variable for v in backend.own_variables(node.layer)):
            for name, value in vars(node.layer).items():
                if value is variable:
                    return node, name
            return node, variable.name
    return None, variable.name


def run(inspection) -> None:
    variables = [v for v in inspection.model.trainable_weights]
    if not variables:
        return
    grads = backend.gradients(lambda: _scalar(inspection.forward()), variables)
    for variable, grad in zip(variables, grads):
        if grad is not None or id(variable) in inspection.no_gradient_explained:
            continue
        node, attribute = owner_and_attribute(inspection, variable)
        cls = type(node.layer) if node else None
        inspection.findings.append(findings.make(
            "LD009", f"{cls.__name__ if cls else '?'}.{attribute} (variable '{variable.path}', "
                     f"{backend.size_of(variable)} values) gets no gradient from the outputs: it is counted "
                     f"as trainable but never trained", cls=cls, attribute=attribute,
            # where call() reads it (through stop_gradient, NumPy, round...), else where it is made
            site=locate.use_site(cls, "call", attribute) if cls else None,
            layer=node.path if node else None, variable=variable.path))
