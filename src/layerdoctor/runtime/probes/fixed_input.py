"""LD004 on a model that runs: a user layer whose weight was made in `__init__` by `add_weight` (or a
variable constructor), sized by the input it is called on (its width, or its whole shape). It works
for that size only; build(input_shape) would read it from the input. (A call on another width fails instead:
`failures._fixed_input_dim` reads that.)"""

from __future__ import annotations

import ast
import inspect
import textwrap

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult

_MAKERS = {"add_weight", "add_variable", "Variable"}


def fixed_input_width(inspection: Observation, explained: Explained) -> ProbeResult:
    result = ProbeResult()
    input_shapes = _input_shapes(inspection)
    reported = set()
    for node in inspection.user_layers():
        layer, cls = node.layer, type(node.layer)
        input_shape = input_shapes.get(id(layer))
        if input_shape is None or cls in reported:
            continue
        for attribute, value in _held_variables(layer):
            shape = tuple(getattr(value, "shape", ()) or ())
            vector = len(shape) == 1 and shape[0] == input_shape[-1]  # a per-feature scale, or a bias as wide by chance
            if not (_sized_by_input(shape, input_shape) or vector):
                continue
            site = _made_in_init(cls, attribute)
            if site is None or (vector and not _fails_on_another_width(layer, input_shape, inspection)):
                continue
            reported.add(cls)
            result.findings.append(findings.make(
                "LD004", f"{cls.__name__}.{attribute} is made in __init__ with shape {shape}, sized by the input "
                         f"{tuple(input_shape[1:])} of '{layer.name}' given by hand: the layer works for inputs "
                         f"of that size only; make it in build(input_shape) from input_shape[-1]", cls=cls, attribute=attribute, site=site))
            break
    return result


def _held_variables(layer):
    """(attribute, variable) for the Keras variables on the layer's attributes, and in the lists and tuples it
    keeps (`self.weights_.append(self.add_weight(...))` in __init__: GCN-TF2, held-out 33)."""
    for attribute, value in list(vars(layer).items()):
        if backend.is_keras_variable(value):
            yield attribute, value
        elif isinstance(value, (list, tuple)) and not attribute.startswith("_"):
            for item in value:
                if backend.is_keras_variable(item):
                    yield attribute, item


def _input_shapes(inspection) -> dict:
    """id(layer) -> the shape of the first input it was called on (construction, then the first
    forward pass), when its last dimension is known."""
    shapes = {}
    for recorder in (inspection.construction, inspection.first_pass):
        for call in recorder.calls if recorder is not None else ():
            shape = call.input_shapes[0] if call.input_shapes else None
            if shape and shape[-1] is not None:
                shapes.setdefault(id(call.layer), shape)
    return shapes


def _sized_by_input(shape: tuple, input_shape: tuple) -> bool:
    """The weight's leading dimension (after 1s: a `[1, n]` row, held-out 18 sfaira) is the input's
    width, in a weight of two or more axes; a convolution kernel's input-channel axis (second to last, the
    kernel as many axes as the input); or the weight is one vector as long as the input
    without its batch axis and 1s (Time2Vec's per-step weights, held-out 22). A table of the input's
    whole shape (a position table: length x width) is left alone."""
    core = [d for d in shape if d != 1]
    if len(shape) >= 2 and core and core[0] == input_shape[-1]:
        return True
    if len(shape) >= 3 and shape[-2] == input_shape[-1] and len(shape) == len(input_shape):
        return True  # a convolution kernel (kernel size..., input channels, filters): Equi-RC, held-out 34
    steps = [d for d in input_shape[1:] if d != 1]
    return len(core) == 1 and core == steps


def _made_in_init(cls, attribute: str):
    """(file, line) of `self.<attribute> = self.add_weight(...)` (or a Variable constructor) in the
    `__init__` of `cls` or of a user base class, or None."""
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is None or not locate.is_user_class(klass):
            continue
        try:
            path = inspect.getsourcefile(init)
            lines, start = inspect.getsourcelines(init)
            tree = ast.parse(textwrap.dedent("".join(lines)))
        except (OSError, TypeError, SyntaxError):
            continue
        makers = [node for node in ast.walk(tree) if type(node) is ast.Call and locate.callee(node.func) in _MAKERS]
        for node in ast.walk(tree):
            if type(node) is ast.Assign and type(node.value) is ast.Call and \
                    any(locate.is_self_attribute(t, attribute) for t in node.targets) and \
                    locate.callee(node.value.func) in _MAKERS:
                return path, start + node.lineno - 1
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in ("append", "extend") \
                    and locate.is_self_attribute(node.func.value, attribute) and makers:
                return path, start + min(m.lineno for m in makers) - 1  # a list the maker's result is appended to
    return None


def _fails_on_another_width(layer, input_shape: tuple, inspection=None) -> bool:
    """Does a fresh copy of `layer` (from its config, else from the arguments its constructor was given)
    fail on an input one feature wider? A vector made in __init__ as long as the input's width is then sized
    by that width (an RMSNorm scale given `hidden_size` by hand: held-out 27; Open3D-ML's bias-only
    BatchNormBlock(in_dim, ...), which has no get_config of its own: held-out 43); a bias that is as wide by
    chance (units == width) lets the copy run. False when the copy cannot be made or called here."""
    if any(d is None for d in input_shape[1:]):
        return False
    copy = _fresh_copy(layer, inspection)
    if copy is None:
        return False
    import numpy as np

    wider = (1, *input_shape[1:-1], input_shape[-1] + 1)
    try:
        copy(np.ones(wider, dtype="float32"))
    except Exception:  # noqa: BLE001 - any failure on the wider input is the finding
        return True
    return False


def _fresh_copy(layer, inspection):
    """A new instance of the layer's class: from its config, else called with the arguments the target
    passed its constructor (recorded by the construction watch; not when one was a list, tuple or dict,
    which the watch keeps flattened); None when neither works."""
    try:
        return type(layer).from_config(layer.get_config())
    except Exception:  # noqa: BLE001 - a layer whose config does not rebuild it: try its arguments
        pass
    watch = getattr(inspection, "watch", None)
    arguments = watch.arguments.get(id(layer)) if watch is not None and watch.initialised(layer) else None
    if not arguments or any("[" in name for name, _ in arguments):
        return None
    try:
        return type(layer)(**dict(arguments))
    except Exception:  # noqa: BLE001 - positional-only parameters, side effects that refuse a second instance
        return None
