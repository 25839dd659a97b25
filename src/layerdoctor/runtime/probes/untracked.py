"""LD001, LD003, LD011, LD012: weight-like state reachable from layers that Keras does not track.

Walks the attributes of every user-written layer (and the function of every Lambda): lists,
dicts, plain Python objects and closure cells. Anything weight-like found there that is not
among the tracked layers/variables is reported and listed as untracked state.
"""

from __future__ import annotations

import re
import types

import numpy as np

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes
from ..overlaps import untracked_code
from ..tree import UntrackedState, describe_value
from ...static.context import WEIGHT_NAME_RE, weight_named

# Names of legitimate constant buffers: masks, noise, position/index tables, encodings.
BUFFER_NAME_RE = re.compile(r"(^|_)(mask|noise|eps|epsilon|pos|position|index|indices|idx|ids|table|"
                            r"encoding|range|causal|tril|triu|perm|permutation)s?(_|\d|$)", re.I)

NOISE_NAME_RE = re.compile(r"(^|_)(noise|eps|epsilon)s?(_|\d|$)", re.I)

MAX_DEPTH = 3


def _drawn_once(layer, attribute: str) -> bool:
    """Is `self.<attribute>` set in build() or __init__ and never in call() (read from the source)?"""
    cls = type(layer)
    return locate.assigned_in(cls, attribute, "call") is None and any(
        locate.assigned_in(cls, attribute, method) is not None for method in ("build", "__init__"))


def is_weight_like_tensor(value) -> bool:
    """A float tensor/array with more than one value: a scalar constant is a setting, not a weight."""
    return backend.is_tensor(value) and backend.is_float(value) and backend.size_of(value) > 1


def _children(value, how: str):
    """(label, child, via) for the places Keras does not look into (or does, for lists/dicts)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"[{key!r}]", item, how
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield f"[{index}]", item, how
    elif isinstance(value, types.MethodType) and isinstance(value.__func__, types.FunctionType) \
            and locate.is_user_file(value.__func__.__code__.co_filename):
        # a bound method as a Lambda's function: what it reads on its `self` (a Model's tf.Variable)
        for name, item in _attributes_read(value.__func__.__code__, value.__self__):
            yield f".<self>.{name}", item, OWNER_VIA
        yield from _children(value.__func__, how)
    elif isinstance(value, types.FunctionType) and locate.is_user_file(value.__code__.co_filename):
        for name, cell in zip(value.__code__.co_freevars, value.__closure__ or ()):
            try:
                contents = cell.cell_contents
            except ValueError:  # empty cell
                continue
            yield f".<closure>.{name}", contents, "closure"
            if backend.is_keras_layer(contents) or _is_plain_object(contents):
                # `lambda x: K.dot(x, self.table)`: the attributes the function reads on the object it
                # closes over (a tracked Model is not searched, its tf.Variable attribute is)
                for attribute, item in _attributes_read(value.__code__, contents):
                    yield f".<closure>.{name}.{attribute}", item, OWNER_VIA
        for name in value.__code__.co_names:
            if name in value.__globals__:
                yield f".<global>.{name}", value.__globals__[name], "global"
    elif _is_plain_object(value):
        for name, item in vars(value).items():
            if name.startswith("_self_"):
                continue  # TF's tracking tables of a tf.Module repeat its attributes
            yield f".{name}", item, "plain object"


OWNER_VIA = "attribute of the object the function closes over"


def held_keras_layers(root, limit: int = 2000) -> list:
    """The outermost Keras layers `root` holds through attributes of user objects, lists, tuples and dicts (a
    tf.Module's; `limit` objects at most)."""
    found, seen, todo = [], {id(root)}, [root]
    while todo and len(seen) < limit:
        for _, child, _ in _children(todo.pop(), "attribute"):
            if id(child) in seen:
                continue
            seen.add(id(child))
            if backend.is_keras_layer(child):
                found.append(child)
            elif isinstance(child, (list, tuple, dict)) or _is_plain_object(child):
                todo.append(child)
    return found


def _attributes_read(code, owner):
    """(name, value) for the instance attributes of `owner` whose names `code` (or a function nested
    in it) reads: a cheap over-approximation of `owner.<name>` loads, from the code's names."""
    names, stack = set(), [code]
    while stack:
        current = stack.pop()
        names.update(current.co_names)
        stack += [c for c in current.co_consts if isinstance(c, types.CodeType)]
    attributes = getattr(owner, "__dict__", None) or {}
    return [(name, attributes[name]) for name in sorted(names) if name in attributes]


def _owns(layer, variable) -> bool:
    """Is `variable` one of the layer's own weights or a weight of one of its sublayers?"""
    try:
        return any(v is variable for v in layer.weights)
    except Exception:  # noqa: BLE001 - a half-built layer: not decided, keep the old code
        return True


def _is_plain_object(value) -> bool:
    """An instance of a class the user wrote that is not a layer (library objects are not searched)."""
    if isinstance(value, (type, types.ModuleType, types.FunctionType, types.MethodType)):
        return False
    if backend.is_keras_layer(value) or backend.is_keras_variable(value) or backend.is_tensor(value):
        return False
    return hasattr(value, "__dict__") and is_user_class(type(value))


def _statement(cls, label: str) -> str:
    """The source line that assigns the attribute `label` (`.kernel`) in `cls`, or ''."""
    import linecache

    site = locate.attribute_site(cls, label.lstrip(".").split(".")[0].split("[")[0])
    return linecache.getline(site[0], site[1]) if site else ""


def _count(value) -> int:
    if backend.is_keras_layer(value):
        return sum(backend.size_of(v) for v in value.weights) if value.built else 0
    return backend.size_of(value)


def untracked_state(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD001/LD003/LD011/LD012: weight-like values reachable from user layers that Keras does not track."""
    result = ProbeResult()
    tracked_layers = inspection.tracked_layer_ids()
    tracked_variables = inspection.tracked_variable_ids()
    reported: set[tuple] = set()
    listed_ids: set[int] = set()
    reported_findings: set = set()
    user_nodes = {id(n) for n in inspection.user_layers()}
    lambda_sites = {}  # a Lambda's findings point at its function, not at Keras's Lambda class

    def report(node, label, value, via, code, message, severity=None, site=None, fix="default", fix_values=None):
        # a value a Lambda's function reaches through its owner (a tf.Variable on the Model that wires
        # it) is LD012 for the Lambda as well as what the owner's attribute scan calls it (LD003)
        if (id(value), via == OWNER_VIA) in reported:
            return
        listed = id(value) in listed_ids
        reported.add((id(value), via == OWNER_VIA))
        listed_ids.add(id(value))
        result.explains.values.add(id(value))
        cls = type(node.layer)
        top_attribute = label.lstrip(".").split(".")[0].split("[")[0]
        if label.startswith(".<graph>."):
            top_attribute = label.lstrip(".")  # one finding per operation of the graph
        if (id(node.layer), top_attribute) in explained.attributes:
            return  # another probe explained this attribute (LD002, LD010)
        key = (id(node.layer), top_attribute, code)
        site = site or lambda_sites.get(id(node)) or locate.attribute_site(cls, top_attribute)
        if key not in reported_findings:
            reported_findings.add(key)
            result.findings.append(findings.make(
                code, message, cls=cls, attribute=top_attribute, site=site, layer=node.path,
                reached_through=label.lstrip("."), via=via, fix=fix,
                fix_values=fix_values or findings.measured(value), severity=severity))
        if listed:
            return  # listed once in the untracked state
        result.untracked.append(UntrackedState(
            what=describe_value(value), owner=node.path, attribute=label.lstrip("."), count=_count(value),
            code=code, site=(findings.display_path(site[0]), site[1])))

    def scan(node, label, value, via, depth, in_lambda):
        where = f"{type(node.layer).__name__}.{label.lstrip('.')}"
        if backend.is_keras_layer(value):
            if id(value) in tracked_layers:
                return
            if value.weights and all(id(v) in tracked_variables for v in value.weights):
                return  # every variable belongs to tracked layers (a sub-model of the model's own graph)
            rebound = _tracker_list_rebound(node.layer) if via == "attribute" and depth == 0 else None
            if rebound is not None:  # (lint names the cause, LD006, at the re-binding)
                report(node, label, value, via, untracked_code("layer", in_lambda),
                       f"{where}: layer {describe_value(value)} is not tracked: {type(node.layer).__name__} re-binds "
                       f"self._layers (at {findings.where(rebound)}), the list Keras 3 tracks sublayers in, so the "
                       f"sublayers assigned as attributes are lost: its {findings.weights(value.weights)} "
                       f"{findings.are(value.weights)} never trained or saved; give the list another name")
                return
            code = untracked_code("layer", in_lambda)
            report(node, label, value, via, code,
                   f"{where}: layer {describe_value(value)} is held in a {via}, not tracked: "
                   f"its {findings.weights(value.weights)} {findings.are(value.weights)} never trained or saved")
            return
        if backend.is_native_variable(value):
            # a tf.Variable on the layer itself is LD003; one reached through an object the layer
            # holds (a tf.Module, a plain object) is hidden by that holder: LD011
            code = untracked_code("native_in_object" if via == "plain object" else "native", in_lambda)
            held = " held in an object Keras does not look into (a tf.Module, a plain object)" \
                if via == "plain object" else ""
            if via == OWNER_VIA:
                held = " that the Lambda's function reads on the object it closes over (its model or method's self)"
            report(node, label, value, via, code,
                   f"{where} is a {describe_value(value)}{held}: {backend.native_consequence()} "
                   f"({_count(value)} values)")
            return
        if backend.is_keras_variable(value):
            if id(value) not in tracked_variables:
                code = untracked_code("variable", in_lambda)
                report(node, label, value, via, code,
                       f"{where}: variable {describe_value(value)} is held in a {via}, not tracked")
            return
        if backend.is_live_view(value):
            return  # a view of a variable (torch): it is the variable, read live
        if in_lambda and backend.is_tensor(value) and not is_weight_like_tensor(value) \
                and not inspection.is_activation(value):
            source = copies.part_of(value)
            if source is not None:
                report(node, label, value, via, untracked_code("tensor", True),
                       f"{where} is a tensor holding values picked from the weight '{backend.variable_path(source)}' "
                       f"(an entry taken while wiring; heuristic: matched by its values): the function "
                       f"computes with a constant, so the weight does not learn through this path and "
                       f"the Lambda does not follow it when it changes")
            return
        if via == "attribute" and depth == 0 and backend.is_tensor(value) and backend.is_float(value) \
                and backend.size_of(value) == 1 and locate.used_as_weight_operand(type(node.layer), label.lstrip(".")):
            report(node, label, value, via, untracked_code("tensor", False),
                   f"{where} is a {describe_value(value)} that call() uses as a matmul/dot/convolution operand, "
                   f"a weight of one value: it is not a variable, so it is never trained or saved")
            return
        if via == "attribute" and depth == 0 and _is_float_scalar_array(value):
            name = label.lstrip(".")
            parameter = _constructor_parameter_holding(inspection, node.layer, value)
            if WEIGHT_NAME_RE.match(name) and parameter:
                report(node, label, value, via, untracked_code("tensor", False),
                       f"{where} is a 0-d {describe_value(value)} made from the constructor's {parameter}, not a "
                       f"variable: named like a weight, it is never trained or saved (heuristic: a single "
                       f"value; a fixed setting is fine as a Python float)", severity="warning")
            return
        if is_weight_like_tensor(value):
            if in_lambda and not inspection.is_activation(value):
                source = copies.source_of(value)
                if source is not None:
                    report(node, label, value, via, untracked_code("tensor", True),
                           f"{where} is a tensor holding the values of the weight '{backend.variable_path(source)}' "
                           f"(a copy or transpose taken while wiring; heuristic: matched by its values): "
                           f"the function computes with a constant, so the weight it was taken from "
                           f"does not learn through this path")
                return
            if in_lambda or via in ("closure", "global") or inspection.is_activation(value):
                return  # constants used by a function are not weights
            source = copies.source_of(value) if via == "attribute" else None
            if source is not None and locate.reads_attribute(
                    type(node.layer), label.lstrip(".").split(".")[0].split("[")[0], skip=("__init__", "build")) is False:
                return  # initial values build() assigned into the weight, kept but never read again: not a copy in use
            if source is not None and not _owns(node.layer, source):
                # a frozen copy is LD010 in both detectors (the catalog's LD010 text names copies under
                # another name and of another layer's weight, such as a tied decoder's transpose of the
                # embeddings); the message says whose weight it is
                report(node, label, value, via, "LD010",
                       f"{where} is a tensor holding the values of '{backend.variable_path(source)}', a weight of "
                       f"another layer (a copy or transpose taken once, in __init__ or build(); heuristic: matched "
                       f"by its values), not a variable: {type(node.layer).__name__} computes with a constant, so "
                       f"that weight does not learn through this path and this layer does not follow it when it "
                       f"changes; read the other layer's weight in call() instead",
                       fix="frozen", fix_values={"source": backend.variable_path(source)})
                return
            if source is not None:
                report(node, label, value, via, "LD010",
                       f"{where} is a tensor holding the values of the weight '{backend.variable_path(source)}' "
                       f"(a copy or transpose taken once, in __init__ or build(); heuristic: matched by its "
                       f"values): call() computes with a constant, so that weight does not learn through "
                       f"{type(node.layer).__name__} and {type(node.layer).__name__} does not follow it when it "
                       f"changes; read the weight in call() instead",
                       fix="frozen", fix_values={"source": backend.variable_path(source)})
                return
            if via == "attribute" and backend.made_by_backend(_statement(type(node.layer), label)):
                report(node, label, value, via, untracked_code("native", False),
                       f"{where} is a {describe_value(value)} made with jax.numpy/jax.random: "
                       f"{backend.native_consequence()} ({_count(value)} values)")
                return
            # One policy with the static LD001: a weight-like name, or values a weight would hold.
            name = label.lstrip(".").split(".")[-1].split("[")[0]
            if via == "attribute" and _given_as_data(inspection, node.layer, value):
                return  # data the caller handed the constructor (a graph's edge weights): not a weight
            if via == "attribute" and (_is_sinusoid_table(node.layer, value) or _is_frequency_ladder(value)):
                return  # cos/sin tables or their frequencies (position/time encodings): computed, never learnt
            siblings = vars(node.layer) if via == "attribute" else ()
            if weight_named(name, siblings) and backend.looks_hand_written(value):
                report(node, label, value, via, untracked_code("tensor", False),
                       f"{where} is a {describe_value(value)}, not a variable: its {_count(value)} "
                       f"values are never trained or saved (heuristic: a few values repeated, as in a "
                       f"fixed filter or table written by hand, which is fine as a tensor)", severity="warning")
            elif weight_named(name, siblings):
                report(node, label, value, via, untracked_code("tensor", False),
                       f"{where} is a {describe_value(value)}, not a variable: "
                       f"its {_count(value)} values are never trained or saved")
            elif not backend.is_integer_valued(value) and not BUFFER_NAME_RE.search(name) \
                    and not backend.looks_hand_written(value):  # few values, each repeated: a table from a grid
                report(node, label, value, via, untracked_code("tensor", False),
                       f"{where} is a {describe_value(value)}, not a variable: "
                       f"its {_count(value)} values are never trained or saved (heuristic: its values "
                       f"are not whole numbers and its name is not a buffer's; a fixed buffer is fine "
                       f"as a tensor)", severity="warning")
            elif via == "attribute" and NOISE_NAME_RE.search(name) and not backend.is_integer_valued(value) \
                    and not backend.looks_hand_written(value) and _drawn_once(node.layer, name):
                report(node, label, value, via, untracked_code("tensor", False),
                       f"{where} is a {describe_value(value)} drawn once, when the layer was built: a noise "
                       f"sample that is never drawn again (every call adds the same values) and is not saved "
                       f"(heuristic: a noise buffer by name, set in build()/__init__ and never in call(); draw "
                       f"it in call(), or keep it in a non-trainable weight re-drawn with .assign())",
                       severity="warning")
            # else a constant buffer (mask, position table, noise re-drawn per call): not a weight
            return
        if depth >= MAX_DEPTH:
            return
        for child_label, child, child_via in _children(value, via):
            if child_via == "global" and not (backend.is_keras_layer(child) or backend.is_keras_variable(child)
                                              or backend.is_native_variable(child)):
                continue
            scan(node, label + child_label, child, child_via, depth + 1, in_lambda)

    copies = _WeightCopies(inspection)
    for node in inspection.nodes():
        layer = node.layer
        if type(layer).__name__ == "Lambda":
            function = getattr(layer, "function", None)
            if function is not None:
                lambda_sites[id(node)] = locate.function_site(function)
                scan(node, ".function", function, "Lambda function", 0, True)
            for key, value in (getattr(layer, "arguments", None) or {}).items():
                if type(value).__name__ == "KerasTensor":
                    report(node, f".arguments[{key!r}]", value, "Lambda arguments=", "LD012",
                           f"{type(layer).__name__}.arguments[{key!r}] is a KerasTensor: arguments= does not "
                           f"connect it to the graph, so the layers computing it are not part of this path "
                           f"(their weights get no gradient through it); pass it in the Lambda's input list")
                else:
                    scan(node, f".arguments[{key!r}]", value, "Lambda arguments=", 0, True)
        elif id(node) in user_nodes:
            for name, value in user_attributes(layer).items():
                if (id(layer), name) in explained.attributes:
                    continue
                scan(node, "." + name, value, "attribute", 0, False)
    container = inspection.container
    if container is not None and is_user_class(type(container)):
        # a model without call() inspected part by part: its own attributes belong to no part (a PPO
        # agent's log_std tf.Variable next to its actor and critic); each part reports them the same way
        holder = types.SimpleNamespace(layer=container, path=container.name)
        for name, value in user_attributes(container).items():
            if backend.is_native_variable(value) or backend.is_tensor(value):  # (its layers are the parts' business)
                scan(holder, "." + name, value, "attribute", 0, False)
    _graph_constants(inspection, copies, report, lambda_sites)
    _layers_called_while_wiring(inspection, result)
    return result


def _tracker_list_rebound(layer):
    """Where the user's `__init__` re-binds `self._layers` (Keras 3 then tracks new sublayers into the list it
    made first, which nothing reads), when the attribute is no longer Keras's tracked list; else None."""
    store = (getattr(getattr(layer, "_tracker", None), "config", None) or {}).get("layers")
    if store is None or vars(layer).get("_layers") is store[1]:
        return None
    return locate.assigned_in(type(layer), "_layers", "__init__")


def _is_float_scalar_array(value) -> bool:
    """A 0-d float array or tensor (`np.asarray(0.2)`), not a Python or NumPy scalar (`np.float32(2)`)."""
    return backend.is_tensor(value) and backend.is_float(value) and len(getattr(value, "shape", ())) == 0


def _constructor_arguments(inspection, layer) -> list:
    watch = inspection.watch
    return watch.arguments.get(id(layer), []) if watch is not None and watch.initialised(layer) else []


def _constructor_parameter_holding(inspection, layer, value) -> str | None:
    """The constructor parameter (a number) whose value the 0-d array holds: `alpha_init` for
    `self.alpha = np.asarray(alpha_init)`, i.e. an initial value the layer was given."""
    try:
        held = float(backend.to_numpy(value))
    except Exception:  # noqa: BLE001
        return None
    for name, argument in _constructor_arguments(inspection, layer):
        if isinstance(argument, (int, float)) and not isinstance(argument, bool) and \
                np.isclose(float(argument), held, rtol=1e-6, atol=0):
            return name
    return None


def _given_as_data(inspection, layer, value) -> bool:
    """The constructor was handed an array of this shape by its caller (a graph's node features or
    edge weights), and the values are not random-like (few distinct values: a constant, a 0/1
    pattern, a table): data the layer computes with, not a weight's initial value (a pretrained
    matrix or a random init has distinct values and stays reported)."""
    shape = tuple(getattr(value, "shape", ()))
    given = any(backend.is_tensor(argument) and tuple(getattr(argument, "shape", ())) == shape
                for _, argument in _constructor_arguments(inspection, layer))
    return given and _few_distinct_values(value)


def _is_sinusoid_table(layer, value) -> bool:
    """cos and sin of the same angles: squared and summed they give 1 everywhere. Either two
    attributes of the layer of one shape (RoPE's freqs_cos and freqs_sin), or the two halves of
    one table, side by side or interleaved (a sinusoidal position encoding). Random weights never
    are."""
    try:
        array = np.asarray(backend.to_numpy(value), dtype="float64")
    except Exception:  # noqa: BLE001
        return False
    if array.ndim == 0 or array.size < 4 or np.max(np.abs(array)) > 1 + 1e-6 or backend.is_integer_valued(value):
        return False  # (ones and zeros also square-sum to 1: a raw LayerNorm gamma and beta stay reported)

    def unit(a, b) -> bool:
        return a.shape == b.shape and bool(np.allclose(a * a + b * b, 1.0, atol=1e-4))

    half = array.shape[-1] // 2
    if array.shape[-1] % 2 == 0 and (unit(array[..., :half], array[..., half:]) or
                                      unit(array[..., 0::2], array[..., 1::2])):
        return True
    for other in backend.attributes(layer).values():
        if other is value or not backend.is_tensor(other) or tuple(getattr(other, "shape", ())) != array.shape:
            continue
        try:
            if unit(array, np.asarray(backend.to_numpy(other), dtype="float64")):
                return True
        except Exception:  # noqa: BLE001
            continue
    return False


def _is_frequency_ladder(value) -> bool:
    """The frequencies of a sinusoidal encoding, `exp(-log(10000) * arange(n) / n)` or `1 / 10000 **
    (2i / d)`: one row of four or more values, each the last one times the same ratio (not 1).
    Initialised weights are never a geometric progression; stand-in data from `linspace` is an
    arithmetic one, and stays reported."""
    try:
        array = np.asarray(backend.to_numpy(value), dtype="float64").ravel()
    except Exception:  # noqa: BLE001
        return False
    if array.size < 4 or max(getattr(value, "shape", (array.size,)) or (1,)) != array.size \
            or not np.all(array > 0):
        return False
    ratios = array[1:] / array[:-1]
    return bool(abs(ratios[0] - 1) > 1e-3 and np.allclose(ratios, ratios[0], rtol=1e-3))


def _few_distinct_values(value) -> bool:
    try:
        array = backend.to_numpy(value).ravel()
    except Exception:  # noqa: BLE001
        return False
    return 0 < np.unique(np.round(array, 6)).size <= max(1, array.size // 3)


class _WeightCopies:
    """Which weight a concrete tensor copies: same values in any order (a copy, transpose,
    reshape or permutation of it). Only weights whose values are not all whole numbers count
    (a zero bias matches any zeros). Built lazily: most models hold no such tensor."""

    def __init__(self, inspection):
        self._inspection = inspection
        self._index = None
        self._distinct = None  # (variable, its sorted distinct values) for part_of, read once

    @staticmethod
    def _key(value):
        array = np.asarray(backend.to_numpy(value), dtype="float64").ravel()
        return array.size, float(np.round(array.sum(), 4))

    def source_of(self, value):
        if not backend.is_float(value) or backend.size_of(value) < 2 or backend.is_integer_valued(value):
            return None
        if self._index is None:
            self._index = {}
            for variable in self._inspection.model.weights:
                # a weight built shape-only has no values (reading them would allocate it)
                if backend.is_float(variable) and backend.size_of(variable) > 1 and backend.is_allocated(variable) \
                        and not backend.is_integer_valued(backend.value_of(variable)):
                    self._index.setdefault(self._key(backend.value_of(variable)), []).append(variable)
        try:
            candidates = self._index.get(self._key(value), [])
            values = np.sort(np.asarray(backend.to_numpy(value), dtype="float64").ravel())
        except Exception:  # noqa: BLE001
            return None
        for variable in candidates:
            mine = np.sort(np.asarray(backend.to_numpy(backend.value_of(variable)), dtype="float64").ravel())
            if np.allclose(mine, values, rtol=1e-6, atol=1e-7):
                return variable
        return None

    def part_of(self, value):
        """The weight a small tensor was picked from (`tf.gather(kernel, 0)`, `kernel[0, :3]`): each of its
        values, none a whole number, is one of the weight's, and the weight holds many distinct
        values (random, not a constant initializer that a setting could equal by chance)."""
        if not backend.is_float(value) or not 0 < backend.size_of(value) <= 64 or backend.is_integer_valued(value):
            return None
        try:
            values = np.asarray(backend.to_numpy(value), dtype="float64").ravel()
        except Exception:  # noqa: BLE001
            return None
        if self._distinct is None:
            self._distinct = []
            for variable in self._inspection.model.weights:
                if backend.is_float(variable) and backend.is_allocated(variable):
                    mine = np.unique(np.asarray(backend.to_numpy(backend.value_of(variable)), dtype="float64").ravel())
                    if mine.size >= 8:
                        self._distinct.append((variable, mine))
        for variable, mine in self._distinct:
            if backend.size_of(variable) <= values.size:
                continue
            at = np.clip(np.searchsorted(mine, values), 0, mine.size - 1)
            if np.all(np.isclose(mine[at], values, rtol=1e-6, atol=0)):
                return variable
        return None


def _wiring_site(inspection, operation):
    """Where the wiring code called `operation` (a layer), else where it called its first layer."""
    calls = inspection.construction.calls if inspection.construction is not None else []
    for call in calls:
        if call.layer is operation and call.site:
            return call.site
    return next((call.site for call in calls if call.site), None)


def _graph_constants(inspection, copies, report, lambda_sites) -> None:
    """LD012: state baked into a functional graph while wiring: an untracked variable in a layer's
    input list (`Lambda(f)([x, variable])`), or a constant copy of a weight passed to a layer or
    an op next to a KerasTensor (`ops.matmul(h, ops.transpose(dense.kernel))`)."""
    tracked_variables = {id(v) for v in inspection.model.weights}
    for node in inspection.nodes():
        for operation in getattr(node.layer, "_operations", None) or []:
            for graph_node in getattr(operation, "_inbound_nodes", None) or []:
                arguments = getattr(graph_node, "arguments", None)
                if arguments is None:
                    continue
                for value in backend.flatten((arguments.args, arguments.kwargs)):
                    owner = inspection.node_of(operation) or node
                    site = lambda_sites.get(id(owner)) or _wiring_site(inspection, operation)
                    label = f".<graph>.{operation.name}"
                    what = f"{type(operation).__name__} '{operation.name}'"
                    if backend.is_keras_variable(value) or backend.is_native_variable(value):
                        if id(value) in tracked_variables:
                            continue  # a tracked weight read at call time: trained
                        report(owner, label, value, "functional graph", "LD012",
                               f"{what} is called on the variable {describe_value(value)} next to its "
                               f"symbolic inputs: the variable is not a weight of the model, so it is never "
                               f"trained or saved ({_count(value)} values)", site=site)
                    elif backend.is_tensor(value):
                        source = copies.source_of(value)
                        if source is None:
                            made = _variable_made_while_wiring(inspection, value)
                            if made is not None:
                                variable, made_at = made  # (one finding per variable, however many ops read it)
                                report(owner, f".<graph>.variable made at {findings.where(made_at)}", variable,
                                       "functional graph", "LD011",
                                       f"{what} is called on a constant holding the values of the variable "
                                       f"{describe_value(variable)} made at {findings.where(made_at)} outside any "
                                       f"layer (by a plain object or a function, while wiring; heuristic: matched by "
                                       f"its values): the graph keeps the copy, so the variable is not part of the "
                                       f"model (never trained or saved); make it a weight of a layer",
                                       site=made_at or site, fix="wired_variable", fix_values={"attr": "w"})
                            continue
                        report(owner, label, value, "functional graph", "LD012",
                               f"{what} is called on a constant holding the values of the weight "
                               f"'{backend.variable_path(source)}' (a copy or transpose taken while wiring; heuristic: "
                               f"matched by its values): the graph keeps the copy, so this path never "
                               f"trains the weight (tie it in a layer's call() instead)", site=site)


def _variable_made_while_wiring(inspection, value):
    """(variable, its user line) of a backend variable the target made outside the model's weights whose
    values `value` holds (`self.implicit + x` on a KerasTensor copies the variable into the graph)."""
    made = getattr(inspection.watch, "native_variables", None)
    if not made or not backend.is_float(value):
        return None
    owned = inspection.measured.get("weight_value_ids")
    if owned is None:  # (the backend variables inside the model's own weights)
        owned = inspection.measured["weight_value_ids"] = {id(getattr(w, "value", w)) for w in inspection.model.weights}
    shape = tuple(value.shape)
    for variable, site in made:
        if id(variable) in owned or backend.is_keras_variable(variable) or tuple(variable.shape) != shape:
            continue
        try:
            if np.array_equal(backend.to_numpy(variable), backend.to_numpy(value)):
                return variable, site
        except Exception:  # noqa: BLE001 - a value that cannot be read as an array is not this variable
            continue
    return None


def _layers_called_while_wiring(inspection, result) -> None:
    """LD011: a layer the wiring code called on concrete values (tf.range, a NumPy array): its
    output is baked into the graph as a constant and its weights never join the model."""
    construction = inspection.construction
    if construction is None:
        return
    # nothing wired on KerasTensors: the target ran its models eagerly, as a custom training loop does
    wired = not all(call.concrete for call in construction.calls if call.parent is None)
    model_class = backend.keras_module().Model
    tracked = inspection.tracked_layer_ids()
    seen = set()
    for call in construction.calls:
        layer = call.layer
        if call.parent is not None or not call.concrete or id(layer) in tracked or id(layer) in seen \
                or inspection.held_by_container(layer):
            continue
        seen.add(id(layer))
        count = sum(backend.size_of(v) for v in layer.weights)
        if not count:
            continue
        if wired:
            message = (f"{describe_value(layer)} was called on concrete values while the model was wired "
                       f"(at {findings.where(call.site)}): its output is a constant in the graph and its "
                       f"{findings.weights(layer.weights)} {findings.are(layer.weights)} not part of the model "
                       f"(never trained or saved); call it on a KerasTensor or inside a layer's call()")
        else:
            message = (f"{describe_value(layer)} was called on concrete values while the target built the model "
                       f"(at {findings.where(call.site)}), and the model does not hold it: its "
                       f"{findings.weights(layer.weights)} {findings.are(layer.weights)} not part of the model "
                       f"(never trained or saved with it)")
        # a model of its own run eagerly beside the returned one (an encoder feeding a step-by-step decoder)
        # is what a hand-written training loop trains with it: a warning
        sibling = not wired and isinstance(layer, model_class)
        if sibling:
            message += "; if a training loop of yours trains it beside the model, as an encoder-decoder pair, ignore this"
        result.findings.append(findings.make("LD011", message, site=call.site,
                                             severity="warning" if sibling else None))
        result.untracked.append(UntrackedState(
            what=describe_value(layer), owner="", attribute=f"<called at {findings.where(call.site)}>",
            count=count, code="LD011", site=call.site and (findings.display_path(call.site[0]), call.site[1])))


def module_variables_read(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD011: a module-level keras.Variable that the forward pass reads (a helper function that
    call() runs concatenates it in, SincNet's `v = K.variable(...)`): the model does not track it,
    so it is not counted or saved, and fit() does not train it. Gated on the user layers' modules
    holding such a global at all; the read is measured with a GradientTape (TF backend)."""
    import sys

    result = ProbeResult()
    if backend.name() != "tensorflow" or backend.is_tf_keras():
        return result
    tracked = {id(v) for v in inspection.model.variables}
    names = {}
    for node in inspection.user_layers():
        module = sys.modules.get(type(node.layer).__module__)
        for name, value in vars(module).items() if module is not None else ():
            if backend.is_keras_variable(value) and id(value) not in tracked and id(value) not in explained.values:
                names.setdefault(id(backend.tape_handle(value)), (module, name, value))
    if not names:
        return result
    import tensorflow as tf

    with tf.GradientTape() as tape:
        inspection.forward()
    for handle in tape.watched_variables():
        if id(handle) not in names:
            continue
        module, name, value = names.pop(id(handle))
        path = getattr(module, "__file__", None)
        line = _global_line(path, name)
        result.explains.values.add(id(value))
        result.findings.append(findings.make(
            "LD011", f"the forward pass reads the module-level variable {name} ({describe_value(value)}, "
                     f"{_count(value)} values): no layer tracks it, so it is not counted or saved, and fit() does "
                     f"not train it; make it a weight of the layer that uses it (self.add_weight in build())",
            site=(path, line) if path and line else None))
    return result


def _global_line(path, name) -> int | None:
    return _assignment_line(path, name)


def state_reached_from_call(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD011: Keras state (a SeedGenerator, a keras.Variable, a layer) that a user layer's call()
    (or a user function or helper method it calls) names through a module global or a closure
    cell, and that the model does not track (focalnet's module-level `seed_gen` passed as `seed=`):
    no layer's variables hold it, so it is not saved, fit() on TF advances it outside the model and
    JAX's traced step never advances it. Found in the code, then confirmed by one forward pass in
    training mode (so a draw made only when training counts) that reads its variables: state behind
    a branch the model's settings never take stays clean. Gated on the user layers' modules and
    closures holding such state at all."""
    result = ProbeResult()
    if backend.is_tf_keras():
        return result
    tracked = {id(v) for v in inspection.model.variables}
    if inspection.container is not None:
        tracked |= {id(v) for v in inspection.container.variables}
    tracked_layers = inspection.tracked_layer_ids()

    def untracked(value) -> bool:
        if id(value) in explained.values or id(value) in result.explains.values:
            return False
        if backend.is_keras_layer(value):
            return id(value) not in tracked_layers and any(id(v) not in tracked for v in value.weights)
        state = _seed_state(value)
        if state is not None:
            return id(state) not in tracked
        return backend.is_keras_variable(value) and id(value) not in tracked

    seen, candidates, named = set(), [], set()
    for node in inspection.user_layers():
        cls = type(node.layer)
        call = getattr(cls, "call", None)
        if cls in seen or not isinstance(call, types.FunctionType) or not locate.is_user_file(call.__code__.co_filename):
            continue
        seen.add(cls)
        for name, value, function, how in _state_names(cls, call, untracked):
            if id(value) not in named:  # (one finding per piece of state, at the first class that uses it)
                named.add(id(value))
                candidates.append((node, cls, name, value, function, how))
    read = _variables_read(inspection, [v for c in candidates for v in _variables_of(c[3])]) if candidates else None
    for node, cls, name, value, function, how in candidates:
        if read is not None and not any(id(v) in read for v in _variables_of(value)):
            continue  # named in the code, but the model's forward pass never reaches it (a setting off)
        result.explains.values.add(id(value))
        path = function.__code__.co_filename
        line = _global_line(path, name) if how == "global" else _assignment_line(path, name, function.__code__.co_firstlineno)
        site = (path, line) if line else locate.function_site(function)
        user = "" if function is cls.call else f" (through {function.__qualname__})"
        what = "seed state" if _seed_state(value) is not None else "state"
        description, count = _described(value)
        fix = {"fix": "global", "fix_values": {"cls": cls.__name__, "attr_lower": name.lower()}} \
            if how == "global" else {"fix": "closure", "fix_values": {"captured": name}}
        result.findings.append(findings.make(
            "LD011", f"{cls.__name__}.call(){user} uses the {'module-level' if how == 'global' else 'closed-over'} "
                     f"{name} ({description}): no layer of the model tracks it, so its {what} is not "
                     f"in model.variables, not saved with the weights, and fit() does not handle it as the "
                     f"model's (TF advances it outside the model, JAX's traced step never advances it); "
                     f"create it in {cls.__name__}.__init__ (self.{name.lower()} = ...) and use it from self",
            cls=cls, site=site, layer=node.path, **fix))
        result.untracked.append(UntrackedState(
            what=description, owner=node.path, attribute=f"<{how} {name}>", count=count,
            code="LD011", site=(findings.display_path(site[0]), site[1]) if site else None))
    return result


def _variables_of(value) -> list:
    """The variables behind a piece of state: a SeedGenerator's state, a layer's weights, a variable."""
    state = _seed_state(value)
    if state is not None:
        return [state]
    return list(value.weights) if backend.is_keras_layer(value) else [value]


def _variables_read(inspection, variables) -> set | None:
    """ids of the `variables` whose value one forward pass in training mode reads (every read, an
    assign_add's included, goes through the `value` property of Keras's variable class, whatever
    the backend); None when the pass fails (then the code alone decides)."""
    classes = {type(v) for v in variables if isinstance(getattr(type(v), "value", None), property)}
    wanted = {id(v) for v in variables}
    read, saved = set(), {cls: cls.__dict__.get("value") for cls in classes}

    def recording(getter):
        def value(self):
            if id(self) in wanted:
                read.add(id(self))
            return getter(self)
        return property(value)

    try:
        for cls in classes:
            cls.value = recording(getattr(cls, "value").fget)
        inspection.forward_training()
    except Exception:  # (a model that cannot run in training mode: the code's answer stands)
        return None
    finally:
        for cls, original in saved.items():
            if original is None:
                del cls.value
            else:
                cls.value = original
    return read


def _seed_state(value):
    """The state variable of a keras.random.SeedGenerator, else None."""
    return getattr(value, "state", None) if type(value).__name__ == "SeedGenerator" else None


def _described(value) -> tuple[str, int]:
    state = _seed_state(value)
    if state is not None:
        return f"SeedGenerator with state {describe_value(state)}", backend.size_of(state)
    return describe_value(value), _count(value)


def _state_names(cls, function, wanted, depth=2, seen=None):
    """(name, value, function, "global"|"closure") for the values `function` loads by a global
    name or from its closure that `wanted` accepts, following the user functions it loads that
    way and the helper methods of `cls` it names, `depth` levels deep."""
    import dis

    seen = set() if seen is None else seen
    if function in seen:
        return
    seen.add(function)
    code = function.__code__
    codes, names, attributes = [code], set(), set()
    while codes:  # comprehensions and nested functions read the same globals
        current = codes.pop()
        codes += [c for c in current.co_consts if isinstance(c, types.CodeType)]
        attributes.update(current.co_names)
        names.update(i.argval for i in dis.get_instructions(current) if i.opname == "LOAD_GLOBAL")
    found = [(name, function.__globals__[name], "global") for name in sorted(names) if name in function.__globals__]
    for name, cell in zip(code.co_freevars, function.__closure__ or ()):
        try:
            found.append((name, cell.cell_contents, "closure"))
        except ValueError:  # an empty cell
            continue
    helpers = []
    for name, value, how in found:
        if wanted(value):
            yield name, value, function, how
        elif isinstance(value, types.FunctionType) and locate.is_user_file(value.__code__.co_filename):
            helpers.append(value)
    if depth:
        for name in sorted(attributes - names):
            helper = getattr(cls, name, None)
            if isinstance(helper, types.FunctionType) and locate.is_user_file(helper.__code__.co_filename):
                helpers.append(helper)
        for helper in helpers:
            yield from _state_names(cls, helper, wanted, depth - 1, seen)


def _assignment_line(path, name, before: int | None = None) -> int | None:
    """The first line that assigns `name` at the top of the module, or with `before`, the last line
    before it that assigns `name` at any depth (the enclosing function's `name = ...`)."""
    import linecache

    indent = "" if before is None else r"[ \t]*"
    pattern = re.compile(rf"^{indent}{re.escape(name)}\s*(:[^=]*)?=[^=]")
    lines = linecache.getlines(path) if path else []
    numbers = range(1, len(lines) + 1) if before is None else range(min(before, len(lines)) - 1, 0, -1)
    return next((number for number in numbers if pattern.match(lines[number - 1])), None)
