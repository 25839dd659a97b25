"""Record every layer call (who, on which shapes, from which line of user code).

The recorder swaps `keras.layers.Layer.__call__` for a thin wrapper while it is active. It is
how the inspector knows where a shared layer is called, which layers a forward pass really
uses (tracked or not), and which layer call raised first when building fails.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from . import backend, locate


@dataclass
class Call:
    layer: object
    input_shapes: list  # one tuple per tensor argument
    site: tuple[str, int] | None  # (file, line) of the user code that made the call
    output_shape: object = None
    error: BaseException | None = None
    depth: int = 0
    parent: Call | None = None
    concrete: bool = False  # called on concrete values (eager tensors, arrays), not symbolic ones
    arguments: tuple | None = None  # (args, kwargs) of an outermost call (depth 0) only


def _is_concrete(value) -> bool:
    """Concrete values (eager tensors, NumPy arrays, variables) and no symbolic KerasTensor."""
    leaves, stack = [], [value]
    while stack and len(leaves) < 64:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif hasattr(item, "shape") and hasattr(item, "dtype"):
            leaves.append(item)
    if not leaves or any(type(leaf).__name__ == "KerasTensor" for leaf in leaves):
        return False
    return all(hasattr(leaf, "numpy") or hasattr(leaf, "__array__") for leaf in leaves)


def _shapes(value) -> list:
    out = []
    stack = [value]
    while stack:
        item = stack.pop(0)
        if isinstance(item, (list, tuple)):
            stack[:0] = list(item)
        elif isinstance(item, dict):
            stack[:0] = list(item.values())
        elif hasattr(item, "shape") and hasattr(item, "dtype"):
            try:
                out.append(tuple(None if d is None else int(d) for d in item.shape))
            except Exception:  # noqa: BLE001 - a JAX symbolic dimension (shape inference) has no int
                out.append(None)
    return out


def _output_shape(value):
    shapes = _shapes(value)
    if not shapes:
        return None
    return shapes[0] if len(shapes) == 1 else shapes


@dataclass
class CallRecorder:
    calls: list[Call] = field(default_factory=list)
    first_failure: Call | None = None
    _stack: list = field(default_factory=list)
    _original: object = None

    def __enter__(self):
        layer_class = backend.keras_module().layers.Layer
        self._original = original = layer_class.__call__
        recorder = self

        def recording_call(layer, *args, **kwargs):
            parent = recorder._stack[-1] if recorder._stack else None
            first = args[:1] or list(kwargs.values())[:1]
            call = Call(layer, _shapes(first), locate.user_site(sys._getframe(1)),
                        depth=len(recorder._stack), parent=parent, concrete=_is_concrete(first),
                        arguments=None if recorder._stack else (args, kwargs))
            recorder.calls.append(call)
            recorder._stack.append(call)
            try:
                result = original(layer, *args, **kwargs)
            except BaseException as error:  # recorded, then re-raised unchanged
                call.error = error
                if recorder.first_failure is None:
                    recorder.first_failure = call  # the innermost call fails first
                raise
            finally:
                recorder._stack.pop()
            call.output_shape = _output_shape(result)
            return result

        layer_class.__call__ = recording_call
        return self

    def __exit__(self, *exc) -> None:
        backend.keras_module().layers.Layer.__call__ = self._original

    def calls_of(self, layer) -> list[Call]:
        return [c for c in self.calls if c.layer is layer]


short_site = locate.short_site
