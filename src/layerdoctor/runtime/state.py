"""Leaving the model as it was: every variable reachable from it ends bit-identical.

A Snapshot holds each variable's value the way the backend makes cheapest (backend.read_value):
with TensorFlow, a read of the variable shares its buffer and TensorFlow copies the buffer before
any write while the read is held. So nothing is copied up front: only the variables that get
written during the inspection (BatchNorm statistics in training mode, seed states, whatever the
target's call() mutates, a probe's perturbation) cost memory, one copy each, made by the write.

`restore()` then proves each variable unchanged or puts it back: a variable still on its held
buffer is unchanged (held tensors are immutable); any other is compared byte for byte with the
held value and, if it differs, assigned the held value and compared again.
"""

from __future__ import annotations

import types
import warnings

import numpy as np

from . import backend


def all_variables(model) -> list:
    """Every variable reachable from the model: its Keras variables (weights, seed states), and
    Keras or backend variables its layers hold anywhere (lists, dicts, helper objects...)."""
    found = {id(v): v for v in model.variables}
    for layer in model._flatten_layers(include_self=True):
        for value in backend.attributes(layer).values():  # torch keeps some outside __dict__
            _collect_variables(value, found, set(), 0)
    return list(found.values())


_MAX_DEPTH = 6
_ATOMS = (str, bytes, int, float, complex, bool, type(None), type, types.ModuleType, types.FunctionType,
          types.BuiltinFunctionType, types.MethodType)
_FRAMEWORKS = {"numpy", "tensorflow", "keras", "jax", "jaxlib", "torch", "builtins"}


def _collect_variables(value, found: dict, seen: set, depth: int) -> None:
    if isinstance(value, _ATOMS) or id(value) in seen or depth > _MAX_DEPTH:
        return
    seen.add(id(value))
    if backend.is_native_variable(value) or backend.is_keras_variable(value):
        found.setdefault(id(value), value)
        return
    if backend.is_keras_layer(value):
        return  # its own variables come through _flatten_layers (or it is not part of the model)
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif hasattr(value, "__dict__") and type(value).__module__.split(".")[0] not in _FRAMEWORKS:
        items = list(vars(value).values())  # a helper object of the user's
    else:
        return
    for item in items[:10_000]:
        _collect_variables(item, found, seen, depth + 1)


class Snapshot:
    """The values of `variables` now, held without copying where the backend allows it."""

    def __init__(self, variables):
        self.held = {id(v): (v, backend.read_value(v)) for v in variables}
        self.rewritten: list = []  # the variables restore() had to put back

    def __contains__(self, variable) -> bool:
        return id(variable) in self.held

    def restore(self) -> None:
        """Put back every variable that changed; warn (never silently) about any that cannot be."""
        failed = []
        for variable, held in self.held.values():
            if held is None or _same(backend.read_value(variable), held):
                continue
            self.rewritten.append(variable)
            label = getattr(variable, "path", None) or getattr(variable, "name", "?")
            try:
                backend.assign(variable, held)
            except Exception as error:  # noqa: BLE001 - e.g. the target changed its shape: said below
                failed.append(f"{label} ({type(error).__name__})")
                continue
            if not _same(backend.read_value(variable), held):
                failed.append(str(label))
        if failed:
            warnings.warn(f"layerdoctor could not restore {len(failed)} variable(s) the inspection changed: "
                          f"{', '.join(failed[:5])}", RuntimeWarning, stacklevel=2)


def _same(current, held) -> bool:
    """Bit-identical values. Both arrays stay alive while their addresses are compared, so two
    temporary copies can never share an address."""
    if current is None:
        return False
    now, then = np.asarray(current), np.asarray(held)
    if now.shape != then.shape or now.dtype != then.dtype:
        return False
    if now.dtype.kind == "O" or not (now.flags.c_contiguous and then.flags.c_contiguous):
        return bool(np.array_equal(now, then))
    if now.size == 0 or now.ctypes.data == then.ctypes.data:
        return True  # the very buffer that was held: nothing wrote to it (held values are immutable)
    now_bytes, then_bytes = now.reshape(-1).view(np.uint8), then.reshape(-1).view(np.uint8)
    step = 1 << 24  # compare in 16 MB pieces: no full-size temporary
    return all(np.array_equal(now_bytes[i:i + step], then_bytes[i:i + step]) for i in range(0, now_bytes.size, step))
