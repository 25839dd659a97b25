"""LD010: a variable attribute replaced by a tensor derived from it, or a frozen copy of it.

Replaced: a layer owns a variable that none of its attributes holds any more (the attribute now
holds a tensor). Proof: perturbing that variable does not change the output, because call()
reads the stale tensor. The output is compared on fixed inputs; the variable is restored.

Frozen copy: the attribute still holds the variable, but no forward pass (inference or
training) reads it and no loss trains it, while the layer holds a float tensor its source
assigns from that attribute (`self.masked = self.kernel * mask`, a concatenation,
`sigmoid(self.p)`...). The variable being unused is measured; the link to the tensor is read
from the class's source (an eager tensor keeps no history), and the message says so.
"""

from __future__ import annotations

import ast
import os
import re
import textwrap

import numpy as np

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes
from . import gradients


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
    return [backend.to_numpy(o) for o in backend.flatten(inspection.forward())]


def _same(a, b) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a, b))


def _tensor_attributes(layer) -> dict:
    """The tensors a user's layer holds: `name`, and `name[i]` for the items of a list or tuple attribute
    (Nested-LSTM's cell keeps its first level's concatenated kernel in `self.kernels`, held-out 41)."""
    out = {}
    for name, value in user_attributes(layer).items():
        if backend.is_tensor(value) or backend.is_sparse_tensor(value):
            out[name] = value
        elif isinstance(value, (list, tuple)):
            out.update((f"{name}[{i}]", item) for i, item in enumerate(value) if backend.is_tensor(item))
    return out


def attribute_value(layer, attribute: str):
    """What `attribute` names on `layer`: `kernel`, or `kernels[0]` (an item of a list attribute)."""
    name, _, index = attribute.partition("[")
    value = getattr(layer, name, None)
    if index and isinstance(value, (list, tuple)):
        position = int(index.rstrip("]"))
        return value[position] if position < len(value) else None
    return value


def _derived_attribute(layer, variable):
    """The tensor attribute most likely derived from `variable`: same name, else same size."""
    tensors = _tensor_attributes(layer)
    name = backend.variable_path(variable).rpartition("/")[2]
    if name in tensors:
        return name
    same_size = [k for k, v in tensors.items() if backend.size_of(v) == backend.size_of(variable)]
    return same_size[0] if same_size else None


def _combined_attribute(layer, variable, unheld):
    """The tensor attribute as large as several unheld variables together, `variable` among them
    (`self.W = concatenate([self.add_weight(...) for _ in range(n)])`, a tf.stack of two locals):
    all the unheld variables, or those of `variable`'s shape. Perturbing proves the link."""
    if len(unheld) < 2:
        return None
    shape = tuple(variable.shape)
    sizes = {sum(backend.size_of(v) for v in unheld),
             sum(backend.size_of(v) for v in unheld if tuple(v.shape) == shape)}
    sizes.discard(backend.size_of(variable))  # one variable's size: _derived_attribute's case
    for name, value in _tensor_attributes(layer).items():
        if backend.is_tensor(value) and backend.is_float(value) and backend.size_of(value) in sizes:
            return name
    return None


def _computed_from(cls, held: str) -> list[str]:
    """Attributes the class's source assigns from an expression reading `self.<held>` (in any
    method, including build() and __init__), in source order, for the class and its user bases."""
    out = []
    for klass in getattr(cls, "__mro__", (cls,)):
        try:
            path, lines, _ = locate.class_lines(klass)
            if not path or not locate.is_user_file(path):
                continue
            tree = ast.parse(textwrap.dedent("".join(lines)))
        except (OSError, SyntaxError, ValueError):
            continue
        # `_kernel` is the variable behind Keras's `kernel` property; a local bound from it (`w = self.kernel`,
        # `v = f(w)`) carries it on (flow-insensitive, to a fixpoint)
        # `held` may be a sublayer's variable, "layer._kernel": read as `self.layer.kernel`
        owner, _, leaf = held.rpartition(".")
        names = {f"{owner}.{name}" if owner else name for name in (leaf, leaf.lstrip("_"))}
        assigns = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)]
        carriers: set[str] = set()
        # `inner = self.layer`: `inner.kernel` is `self.layer.kernel`
        aliases = {t.id: n.value.attr for n in assigns if _self_path(n.value) is not None
                   and "." not in _self_path(n.value) for t in n.targets if isinstance(t, ast.Name)}

        def reads(expr):
            return any(_self_path(n, aliases) in names or (isinstance(n, ast.Name) and n.id in carriers)
                       for n in ast.walk(expr))

        for _ in range(3):
            more = {t.id for n in assigns if reads(n.value) for t in n.targets if isinstance(t, ast.Name)} - carriers
            if not more:
                break
            carriers |= more
        for node in assigns:
            if not reads(node.value):
                continue
            for target in node.targets:
                # `self.x = ...`, and `self.layer.x = ...` (a copy stored on a sublayer: "layer.x")
                path = _self_path(target, aliases)
                if path is not None and path not in names and path not in out:
                    out.append(path)
    return out


def _self_path(node, aliases=None) -> str | None:
    """"x" for `self.x`, "layer.x" for `self.layer.x` (or `inner.x` after `inner = self.layer`: `aliases`
    maps the local to "layer"), else None."""
    if not isinstance(node, ast.Attribute):
        return None
    if isinstance(node.value, ast.Name):
        if node.value.id == "self":
            return node.attr
        return f"{aliases[node.value.id]}.{node.attr}" if aliases and node.value.id in aliases else None
    inner = node.value
    if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) and inner.value.id == "self":
        return f"{inner.attr}.{node.attr}"
    return None


def _frozen_copy_attribute(inspection, layer, variable, held):
    """The float tensor attribute of `layer` that its source computes from `self.<held>` (the
    closest in size when several are), or None."""
    derived = _computed_from(type(layer), held)
    if not derived:
        return None
    attributes = user_attributes(layer)
    tensors = [(k, _float_tensors(inspection, attributes[k])) for k in derived if k in attributes]
    tensors = [(k, held) for k, held in tensors if held]
    if not tensors:
        return None
    size = backend.size_of(variable)
    return min(tensors, key=lambda item: abs(sum(map(backend.size_of, item[1])) - size))[0]


def _float_tensors(inspection, value) -> list:
    """The float tensors an attribute holds: itself, or every item of a list/tuple of them (slices
    of a weight kept one per step); [] for anything else."""
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if items and all(backend.is_tensor(v) and backend.is_float(v) and not inspection.is_activation(v) for v in items):
        return items
    return []


def frozen_copies(inspection: Observation, explained: Explained, result: ProbeResult) -> None:
    """LD010 (heuristic link): a variable no pass reads nor any loss trains, next to a float
    tensor the layer computed once."""
    trained, read, _ = gradients.usage(inspection)
    for node in inspection.user_layers():
        for variable in backend.own_variables(node.layer):
            if not variable.trainable or not backend.is_float(variable) or id(variable) in trained \
                    or id(variable) in read or id(variable) in result.explains.no_gradient:
                continue
            held = next((k for k, v in user_attributes(node.layer).items() if v is variable), None)
            if held is None:
                continue  # no attribute holds it any more: the replaced kind, proved below
            attribute = _frozen_copy_attribute(inspection, node.layer, variable, held)
            if attribute is None:
                continue
            cls = type(node.layer)
            result.explains.attributes.add((id(node.layer), attribute))
            # not explains.no_gradient: the copy is in another attribute, the variable itself is
            # unused by call() and gets no gradient, which is LD009 as well
            result.findings.append(findings.make(
                "LD010", f"{cls.__name__}.{attribute} looks like a frozen copy of {cls.__name__}.{held} "
                         f"(variable '{backend.variable_path(variable)}'): no forward pass reads the variable and no loss "
                         f"trains it, while call() can use the tensor {attribute}, computed once "
                         f"(heuristic: the tensor keeps no history; the link is the source line that assigns it "
                         f"from self.{held}). "
                         f"The variable is counted but never trained: compute {attribute} from it in call()",
                cls=cls, attribute=attribute, site=locate.attribute_site(cls, attribute, last=True),
                fix="frozen", fix_values={"source": held.lstrip("_")},
                layer=node.path, variable=backend.variable_path(variable)))
    copies_on_sublayers(inspection, result, trained, read)


def copies_on_sublayers(inspection: Observation, result: ProbeResult, trained, read) -> None:
    """LD010 (heuristic link): a weight of a layer or of its sublayer that no pass reads and no loss
    trains, while the layer's source stores a tensor computed from it on the sublayer
    (`self.layer.normed_kernel = self.g * v / norm(v)` in a wrapper's build())."""
    for node in inspection.user_layers():
        layer = node.layer
        holders = {k: v for k, v in user_attributes(layer).items() if backend.is_keras_layer(v)}
        if not holders:
            continue
        weights = [(v, k) for k, v in backend.attributes(layer).items() if backend.is_keras_variable(v)]
        for name, sub in holders.items():
            weights += [(v, f"{name}.{k}") for k, v in backend.attributes(sub).items() if backend.is_keras_variable(v)]
        for variable, held in weights:
            if not variable.trainable or not backend.is_float(variable) or id(variable) in trained \
                    or id(variable) in read or id(variable) in result.explains.no_gradient:
                continue
            for path in _computed_from(type(layer), held):
                owner, _, attribute = path.partition(".")
                copy = backend.attributes(holders[owner]).get(attribute) if owner in holders else None
                if copy is None or not backend.is_tensor(copy) or not backend.is_float(copy):
                    continue
                cls, sub_cls = type(layer), type(holders[owner])
                result.explains.attributes.add((id(holders[owner]), attribute))
                result.explains.no_gradient.add(id(variable))
                result.findings.append(findings.make(
                    "LD010", f"{cls.__name__} stores on self.{path} ({sub_cls.__name__}) a tensor that looks like a "
                             f"frozen copy of {cls.__name__}.{held} (variable '{backend.variable_path(variable)}'): "
                             f"no forward pass reads the variable and no loss trains it, while "
                             f"{sub_cls.__name__}.call() can use {attribute}, computed once (heuristic: the tensor "
                             f"keeps no history; the link is the source line that assigns it). The variable is "
                             f"counted but never trained: compute {attribute} from it in call()",
                    cls=cls, attribute=path, site=locate.attribute_site(cls, path, last=True),
                    fix="frozen", fix_values={"source": held},
                    layer=node.path, variable=backend.variable_path(variable)))
                break
    _tensors_in_weight_slots(inspection, result)


# Where Keras's own layers keep their weights (`kernel` is a property over `_kernel` in Keras 3).
_WEIGHT_SLOTS = ("_kernel", "kernel", "_bias", "bias", "depthwise_kernel", "pointwise_kernel", "_embeddings",
                 "embeddings", "gamma", "beta")


def _tensors_in_weight_slots(inspection: Observation, result: ProbeResult) -> None:
    """LD010: a user layer stores a float tensor where a Keras layer it holds keeps a weight (janggu's
    `self.revcomp_layer._kernel = einsum(..., self.forward_layer.kernel[::-1])` in build(), held-out 34): that
    layer's call() reads a constant, fixed at build time, however its source weight trains. A tensor stored
    again by every call (tying recomputed in call()) is fresh each time: another call tells them apart."""
    found = []
    for node in inspection.user_layers():
        layer = node.layer
        for name, sub in user_attributes(layer).items():
            if not backend.is_keras_layer(sub) or is_user_class(type(sub)):
                continue
            slots = backend.attributes(sub)
            for slot in _WEIGHT_SLOTS:
                value = slots.get(slot)
                if value is not None and backend.is_tensor(value) and backend.is_float(value) \
                        and (id(sub), slot) not in result.explains.attributes:
                    found.append((node, name, sub, slot, value))
    if not found:
        return
    try:
        inspection.forward()
    except Exception:  # noqa: BLE001 - the model ran twice already; without a third call nothing is proved
        return
    for node, name, sub, slot, value in found:
        if backend.attributes(sub).get(slot) is not value:
            continue  # stored again by the call
        cls, path = type(node.layer), f"{name}.{slot}"
        result.explains.attributes.add((id(sub), slot))
        result.findings.append(findings.make(
            "LD010", f"{cls.__name__} stores on self.{path} ({type(sub).__name__}) a tensor where the layer "
                     f"keeps its weight: {type(sub).__name__}.call() uses that constant, computed once, so "
                     f"the weight it was computed from never reaches this call through training",
            cls=cls, attribute=path, site=locate.attribute_site(cls, path, last=True),
            fix="frozen", fix_values={"source": slot.lstrip("_")}, layer=node.path))


def _dropped_variables(inspection):
    """(node, variable): on tf.keras 2, re-assigning the attribute that held a variable
    (`self.kernel = transpose(self.kernel)`) drops the variable from the layer's weights. Such a
    variable was created while building (the first call) and no layer tracks it any more; its
    name scope names the layer that made it."""
    if not backend.is_tf_keras():
        return []
    tracked = inspection.tracked_variable_ids()
    by_name = {node.layer.name: node for node in inspection.user_layers()}
    out = []
    for variable, _ in inspection.created_in_first_pass:
        scope = backend.variable_path(variable).rpartition("/")[0].rpartition("/")[2]
        if id(variable) not in tracked and backend.is_float(variable) and scope in by_name:
            out.append((by_name[scope], variable))
    return out


def shadow_candidates(inspection: Observation) -> list:
    """(node, variable, attribute) for each variable no attribute holds any more while an attribute
    holds a tensor that may derive from it: what LD010 then proves (or not) by perturbing it."""
    candidates = []
    for node in inspection.user_layers():
        referenced = _referenced_ids(node.layer)
        unheld = [v for v in backend.own_variables(node.layer) if id(v) not in referenced and backend.is_float(v)]
        for variable in unheld:
            attribute = _derived_attribute(node.layer, variable) or _combined_attribute(node.layer, variable, unheld)
            if attribute:
                candidates.append((node, variable, attribute))
    dropped = _dropped_variables(inspection)
    for node, variable in dropped:
        attribute = _derived_attribute(node.layer, variable)
        if attribute:
            candidates.append((node, variable, attribute))
    return candidates + _backend_variables_rebound(inspection)


# `self.w = tf.Variable(...)`, `self.tau = tf.maximum(tf.Variable(...), ...)`: the statement that stores the attribute
# names a variable constructor (not a helper that makes one on the side, as the legacy `K.zeros(1)`)
_SELF_STORE = re.compile(r"\s*self\.(\w+)\s*=[^=].*\b[Vv]ariable\(")


def _backend_variables_rebound(inspection) -> list:
    """(node, variable, attribute) for a backend variable (a tf.Variable, which Keras 3 does not track) made on a
    line `self.<attribute> = ...Variable(...)` of a user layer's class, that no attribute holds any more while
    <attribute> holds a tensor: `self.w = tf.Variable(...)` then `self.w = self.w * scale` (MobileStyleGAN), or
    wrapped at once (`self.tau = tf.maximum(tf.Variable(0.01), 0.01)`, SwinV2). Perturbing it proves that call()
    never reads it. Instances of one class share the line: each gets every such variable."""
    made = getattr(inspection.watch, "native_variables", None) or []
    out = []
    for node in inspection.user_layers() if made else ():
        cls = type(node.layer)
        try:
            path, lines, start = locate.class_lines(cls)
        except OSError:
            continue
        referenced = _referenced_ids(node.layer)
        for variable, site in made:
            if site is None or not path or not start <= site[1] < start + len(lines) \
                    or os.path.abspath(site[0]) != os.path.abspath(path) or backend.is_keras_variable(variable) \
                    or id(variable) in referenced or not backend.is_float(variable):
                continue
            store = _SELF_STORE.match(lines[site[1] - start])
            if store and backend.is_tensor(getattr(node.layer, store.group(1), None)):
                out.append((node, variable, store.group(1)))
    return out


def variable_shadowed(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD010: a variable attribute replaced by a tensor derived from it (proved by perturbing it)."""
    result = ProbeResult()
    candidates = shadow_candidates(inspection)
    dropped = _dropped_variables(inspection)
    # perturb before frozen_copies measures gradients: that traces call() in a graph, and a call()
    # that re-assigns the attribute (`self.V = reshape(self.V)`) then holds a graph tensor no
    # eager call can read any more
    _prove_replaced(inspection, candidates, dropped, result)
    frozen_copies(inspection, explained, result)
    return result


def _attribute_values(candidates) -> dict:
    values = {}
    for node, variable, attribute in candidates:
        held = attribute_value(node.layer, attribute)
        if backend.is_tensor(held) and attribute == backend.variable_path(variable).rpartition("/")[2]:
            values[id(node.layer), attribute] = (backend.to_numpy(held).copy(),
                                                 backend.to_numpy(backend.value_of(variable)).copy())
    return values


def _prove_rebound_per_call(inspection, candidates, before, result) -> None:
    """`self.bias += update` in call(), bias a weight: every call rebinds the attribute of the variable's
    own name to a new tensor while the variable keeps its value. Proved by two more calls: the tensor
    moves, the variable does not."""
    for node, variable, attribute in candidates:
        first = before.get((id(node.layer), attribute))
        if first is None:
            continue
        held = getattr(node.layer, attribute, None)
        if not backend.is_tensor(held):
            continue
        now, value = backend.to_numpy(held), backend.to_numpy(backend.value_of(variable))
        if (now.shape == first[0].shape and np.array_equal(now, first[0])) or not np.array_equal(value, first[1]):
            continue
        cls = type(node.layer)
        result.explains.attributes.add((id(node.layer), attribute))
        result.explains.no_gradient.add(id(variable))
        result.findings.append(findings.make(
            "LD010", f"{cls.__name__}.{attribute} is rebound by every call to a new tensor computed from the variable "
                     f"'{backend.variable_path(variable)}' (a Keras variable has no in-place operators): the variable "
                     f"keeps its value and is saved so, while each call starts from the tensor the previous call left",
            cls=cls, attribute=attribute, site=locate.attribute_site(cls, attribute, last=True),
            layer=node.path, variable=backend.variable_path(variable)))


def _prove_replaced(inspection, candidates, dropped, result) -> None:
    if not candidates:
        return
    before = _attribute_values(candidates)
    baseline = _outputs(inspection)
    if not _same(baseline, _outputs(inspection)):
        # outputs move call by call: random, or a call that rebinds the attribute (`self.b += ...`)
        _prove_rebound_per_call(inspection, candidates, before, result)
        return  # the model is random per call: a perturbation test would prove nothing
    for node, variable, attribute in candidates:
        proved = (id(node.layer), attribute) in result.explains.attributes
        if proved and backend.size_of(attribute_value(node.layer, attribute)) == backend.size_of(variable):
            continue  # (proved already, through another variable made on the same line)
        original = backend.to_numpy(backend.value_of(variable)).copy()
        try:
            variable.assign(original + 0.5)
            unchanged = _same(baseline, _outputs(inspection))
        finally:
            variable.assign(original)
        if not unchanged:
            continue
        if proved:  # another part of a combination already reported: its missing gradient is that finding's
            result.explains.no_gradient.add(id(variable))
            continue
        cls = type(node.layer)
        result.explains.attributes.add((id(node.layer), attribute))
        result.explains.attributes.add((id(node.layer), attribute.partition("[")[0]))  # (the list as a whole)
        result.explains.no_gradient.add(id(variable))
        lost = ("and tf.keras 2 dropped the variable from the layer's weights when the attribute was re-assigned: "
                "it is neither counted, trained nor saved" if any(variable is v for _, v in dropped)
                else "and no layer tracks the variable either (Keras 3 tracks only keras.Variable): it is neither "
                     "counted, trained nor saved" if id(variable) not in inspection.tracked_variable_ids()
                else "so the variable is counted but never trained" if variable.trainable
                else "so what set_weights() or load_weights() puts in the variable never reaches call()")
        held = attribute_value(node.layer, attribute)
        if held is not None and backend.size_of(held) != backend.size_of(variable):
            # several weights combined once (concatenate/stack in build()): none is held any more
            what = (f"holds a tensor computed once from the variable '{backend.variable_path(variable)}' and "
                    f"others of the layer no attribute holds (heuristic: its size is theirs together; changing "
                    f"the variable does not change the output)")
        else:
            what = f"was replaced by a tensor derived from the variable '{backend.variable_path(variable)}'"
        result.findings.append(findings.make(
            "LD010", f"{cls.__name__}.{attribute} {what}: call() uses a stale copy, {lost}",
            cls=cls, attribute=attribute, site=locate.attribute_site(cls, attribute.partition("[")[0], last=True),
            layer=node.path, variable=backend.variable_path(variable)))
