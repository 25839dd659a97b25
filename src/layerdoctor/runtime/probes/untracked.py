"""LD001, LD003, LD011, LD012: weight-like state reachable from layers that Keras does not track.

Walks the attributes of every user-written layer (and the function of every Lambda): lists,
dicts, plain Python objects and closure cells. Anything weight-like found there that is not
among the tracked layers/variables is reported and listed as untracked state.
"""

from __future__ import annotations

import types

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes
from ..overlaps import untracked_code
from ..tree import UntrackedState, describe_value

MAX_DEPTH = 3


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
    elif isinstance(value, types.FunctionType) and locate.is_user_file(value.__code__.co_filename):
        for name, cell in zip(value.__code__.co_freevars, value.__closure__ or ()):
            try:
                yield f".<closure>.{name}", cell.cell_contents, "closure"
            except ValueError:  # empty cell
                continue
        for name in value.__code__.co_names:
            if name in value.__globals__:
                yield f".<global>.{name}", value.__globals__[name], "global"
    elif _is_plain_object(value):
        for name, item in vars(value).items():
            yield f".{name}", item, "plain object"


def _is_plain_object(value) -> bool:
    """An instance of a class the user wrote that is not a layer (library objects are not searched)."""
    if isinstance(value, (type, types.ModuleType, types.FunctionType, types.MethodType)):
        return False
    if backend.is_keras_layer(value) or backend.is_keras_variable(value) or backend.is_tensor(value):
        return False
    return hasattr(value, "__dict__") and is_user_class(type(value))


def _count(value) -> int:
    if backend.is_keras_layer(value):
        return sum(backend.size_of(v) for v in value.weights) if value.built else 0
    return backend.size_of(value)


def untracked_state(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD001/LD003/LD011/LD012: weight-like values reachable from user layers that Keras does not track."""
    result = ProbeResult()
    tracked_layers = inspection.tracked_layer_ids()
    tracked_variables = inspection.tracked_variable_ids()
    reported: set[int] = set()
    reported_findings: set = set()
    user_nodes = {id(n) for n in inspection.user_layers()}
    lambda_sites = {}  # a Lambda's findings point at its function, not at Keras's Lambda class

    def report(node, label, value, via, code, message):
        if id(value) in reported:
            return
        reported.add(id(value))
        result.explains.values.add(id(value))
        cls = type(node.layer)
        top_attribute = label.lstrip(".").split(".")[0].split("[")[0]
        if (id(node.layer), top_attribute) in explained.attributes:
            return  # another probe explained this attribute (LD002, LD010)
        key = (id(node.layer), top_attribute, code)
        site = lambda_sites.get(id(node)) or locate.attribute_site(cls, top_attribute)
        if key not in reported_findings:
            reported_findings.add(key)
            result.findings.append(findings.make(
                code, message, cls=cls, attribute=top_attribute, site=site, layer=node.path,
                reached_through=label.lstrip("."), via=via, fix_values=findings.measured(value)))
        result.untracked.append(UntrackedState(
            what=describe_value(value), owner=node.path, attribute=label.lstrip("."), count=_count(value),
            code=code, site=(findings.display_path(site[0]), site[1])))

    def scan(node, label, value, via, depth, in_lambda):
        where = f"{type(node.layer).__name__}.{label.lstrip('.')}"
        if backend.is_keras_layer(value):
            if id(value) in tracked_layers:
                return
            code = untracked_code("layer", in_lambda)
            report(node, label, value, via, code,
                   f"{where}: layer {describe_value(value)} is held in a {via}, not tracked: "
                   f"its {_count(value)} weights are never trained or saved")
            return
        if backend.is_native_variable(value):
            code = untracked_code("native", in_lambda)
            report(node, label, value, via, code,
                   f"{where} is a {describe_value(value)}: Keras 3 does not track it "
                   f"({_count(value)} values never trained or saved)")
            return
        if backend.is_keras_variable(value):
            if id(value) not in tracked_variables:
                code = untracked_code("variable", in_lambda)
                report(node, label, value, via, code,
                       f"{where}: variable {describe_value(value)} is held in a {via}, not tracked")
            return
        if is_weight_like_tensor(value):
            if in_lambda or via in ("closure", "global") or inspection.is_activation(value):
                return  # constants used by a function are not weights
            report(node, label, value, via, untracked_code("tensor", False),
                   f"{where} is a {describe_value(value)}, not a variable: "
                   f"its {_count(value)} values are never trained or saved")
            return
        if depth >= MAX_DEPTH:
            return
        for child_label, child, child_via in _children(value, via):
            if child_via == "global" and not (backend.is_keras_layer(child) or backend.is_keras_variable(child)
                                              or backend.is_native_variable(child)):
                continue
            scan(node, label + child_label, child, child_via, depth + 1, in_lambda)

    for node in inspection.nodes():
        layer = node.layer
        if type(layer).__name__ == "Lambda":
            function = getattr(layer, "function", None)
            if function is not None:
                lambda_sites[id(node)] = locate.function_site(function)
                scan(node, ".function", function, "Lambda function", 0, True)
        elif id(node) in user_nodes:
            for name, value in user_attributes(layer).items():
                if (id(layer), name) in explained.attributes:
                    continue
                scan(node, "." + name, value, "attribute", 0, False)
    return result
