"""LD007 (info): layers called in several places, and variables shared between layers (LD006
on tf.keras 2 when the sharing comes from the private weight list)."""

from __future__ import annotations

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class


def shared_layers(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD007 (info): layers called in several places, and variables shared between layers."""
    result = ProbeResult()
    groups: dict = {}
    _shared_layers(inspection.tree, inspection, result, inside_shared=False, groups=groups)
    for (owner, others), nodes in groups.items():
        if len(nodes) == 1:
            _report(nodes[0], result, inspection)
            continue
        variables = {id(v): v for n in nodes for v in n.layer.weights}.values()
        names = ", ".join(n.name for n in nodes[:5]) + (", ..." if len(nodes) > 5 else "")
        result.findings.append(findings.make(
            "LD007", f"{len(nodes)} layers of {owner or 'the model'} ({names}) are also reachable through "
                     f"{', '.join(others)}: one shared structure, its {findings.weights(variables)} counted once",
            cls=type(nodes[0].layer), site=_first_site(nodes[0]), layer=nodes[0].path))
    _repeated_in_library_lists(inspection, result)
    listed = _listed_in_private_list(inspection, result)
    for node in inspection.nodes():
        for variable_path, first_owner in node.tied:
            if (node.path, first_owner) in listed:
                continue
            cls = type(node.layer)
            result.findings.append(findings.make(
                "LD007", f"{node.path} ({node.class_name}) shares the variable '{variable_path}' with {first_owner} "
                         f"(tied weights): it is counted once, at {first_owner}",
                cls=cls, layer=node.path, tied_with=first_owner))
    return result


def _repeated_in_library_lists(inspection, result) -> None:
    """LD007 (info): one layer object at several positions of a Keras layer's own list of stages
    (`StackedRNNCells([LSTMCell(n)] * k)`: list multiplication repeats the object). The library
    layer calls each position in turn, which the call count does not treat as sharing (an RNN
    calls its cell once per step), and Keras tracks the object once: every position runs the same
    weights, counted once."""
    for node in inspection.nodes():
        layer = node.layer
        if is_user_class(type(layer)):
            continue  # a user layer's calls of its list are counted as uses
        for name, value in backend.attributes(layer).items():
            if not isinstance(value, (list, tuple)):
                continue
            counts: dict[int, list] = {}
            for item in value:
                if backend.is_keras_layer(item):
                    counts.setdefault(id(item), []).append(item)
            for repeated in (items for items in counts.values() if len(items) > 1):
                stage = repeated[0]
                created = inspection.watch.site_of(stage) if inspection.watch is not None else None
                site = created if created and locate.is_user_file(created[0]) else None
                result.findings.append(findings.make(
                    "LD007", f"{type(stage).__name__} '{stage.name}' is {len(repeated)} of the {len(value)} entries of "
                             f"{node.class_name} '{node.name}'.{name} (one object repeated, as `[layer] * n` makes): "
                             f"every position runs the same {findings.weights(stage.weights)}, shared and counted "
                             f"once; create one per position ([{type(stage).__name__}(...) for _ in range(n)])",
                    cls=None if site else type(stage), site=site, layer=node.path,
                    constructed=type(stage).__name__))


def _listed_in_private_list(inspection, result) -> set:
    """LD006 (warning) on tf.keras 2: a user layer whose own weight list holds its sublayer's
    variables while none of its attributes does: they got there through `_trainable_weights`
    (`.extend(sublayer.trainable_weights)`). tf.keras 2 de-duplicates them (counted once, trained;
    measured), but the list is private and Keras 3 has none. Returns the (sublayer path, owner
    path) pairs reported, which are then not LD007's tied weights."""
    if not backend.is_tf_keras():
        return set()
    by_path = {n.path: n for n in inspection.nodes()}
    reported: dict = {}
    for node in inspection.nodes():
        for variable_path, first_owner in node.tied:
            owner = by_path.get(first_owner)
            if owner is None or not is_user_class(type(owner.layer)):
                continue
            held = {id(v) for v in vars(owner.layer).values()}
            variable = next((v for v in backend.own_variables(node.layer)
                             if backend.variable_path(v) == variable_path), None)
            if variable is not None and id(variable) not in held:
                reported.setdefault((node.path, first_owner), []).append(variable_path)
    for (sub_path, owner_path), names in reported.items():
        cls = type(by_path[owner_path].layer)
        private = "_trainable_weights"
        site = locate.use_site(cls, "build", private) or locate.use_site(cls, "__init__", private)
        result.findings.append(findings.make(
            "LD006", f"{cls.__name__} lists the variables of its sublayer {sub_path} ({', '.join(names)}) in its "
                     f"own weight list (the private {private}): tf.keras 2 counts them once and trains them, "
                     f"but the list is private and Keras 3 raises AttributeError on it",
            cls=cls, attribute=private, site=site, severity="warning", layer=owner_path))
    return set(reported)


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def _shared_layers(node, inspection, result, inside_shared: bool, groups: dict) -> None:
    if node.shared_ref is not None:
        return
    shared = node.shared_calls > 1 or bool(node.also_at)
    if shared and not inside_shared and node is not inspection.tree and node.params:
        if node.shared_calls <= 1:
            # reachable in several places: one finding per shared structure (a sub-Model of the
            # model's own graph reaches all its layers again), not one per layer
            key = (_parent(node.path), tuple(sorted({_parent(p) for p in node.also_at})))
            groups.setdefault(key, []).append(node)
        else:
            _report(node, result, inspection)
    for child in node.children:
        _shared_layers(child, inspection, result, inside_shared or shared, groups)


def _report(node, result, inspection) -> None:
    places = ", ".join(node.call_sites) if node.call_sites else "several places"
    uses = f"called {node.shared_calls} times" if node.shared_calls > 1 else f"reachable as {', '.join(node.also_at)}"
    # Like lint: at the line that created the layer (its call sites are in the message), else the first call.
    created = inspection.watch.site_of(node.layer) if inspection.watch is not None else None
    site = created if created and locate.is_user_file(created[0]) else _first_site(node)
    result.findings.append(findings.make(
        "LD007", f"{node.class_name} '{node.name}' is {uses} ({places}): its {findings.weights(node.layer.weights)} "
                 f"{findings.are(node.layer.weights)} shared and counted once", cls=type(node.layer), site=site,
        layer=node.path, constructed=type(node.layer).__name__, column=_statement_column(site, type(node.layer)),
        call_sites=node.call_sites or None))


def _statement_column(site, cls) -> int | None:
    """lint points at the statement `self.x = Layer(...)` of a sublayer shared inside call()."""
    call = locate.constructor_call(site, cls.__name__) if site else None
    statement, _, on_self = locate.assignment_of(site, call) if call is not None else (None, None, False)
    return statement.col_offset + 1 if on_self else None


def _first_site(node):
    if not node.call_sites:
        return None
    path, _, line = node.call_sites[0].rpartition(":")
    return (path, int(line)) if line.isdigit() else None
