"""LD005: sublayers still unbuilt after a real call on data.

Only a call on data counts: `model.build(shape)` on a subclassed Model leaves every sublayer
unbuilt (BEHAVIOUR.md, surprise 6), so the inspector always calls the model first.
"""

from __future__ import annotations

import inspect
import re

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes
from ..failures import summary


def _parent_and_attribute(inspection, layer):
    for node in inspection.nodes():
        for name, value in user_attributes(node.layer).items():
            if value is layer:
                return node.layer, name
    return None, None


def unbuilt_sublayers(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD005: sublayers still unbuilt after a real call on data."""
    result = ProbeResult()
    seen = set()  # (class, attribute) reported as run through .call()
    for node in inspection.nodes():
        if node.built or node is inspection.tree:
            continue
        parent, attribute = _parent_and_attribute(inspection, node.layer)
        if _loses_no_weight(node.layer):
            if parent is not None and attribute and is_user_class(type(parent)) and \
                    not is_preprocessing_layer(node.layer) and (type(parent), attribute) not in seen and \
                    _runs_through_call_method(type(parent), attribute):
                seen.add((type(parent), attribute))
                # `self.block.call(x)`: its sublayers run, so no weight is lost, but Keras never builds it
                # (count_params() raises, Keras warns of unbuilt state; held-out 22's EncoderBlock)
                cls = type(parent)
                result.findings.append(findings.make(
                    "LD005", f"{cls.__name__}.{attribute} ({node.class_name} '{node.name}') is run as "
                             f"self.{attribute}.call(...), which skips Keras's __call__: it is still unbuilt after "
                             f"a call (count_params() raises, Keras warns of unbuilt state), though the sublayers "
                             f"it runs are built; call it as self.{attribute}(...)",
                    cls=cls, attribute=attribute, layer=node.path, severity="warning",
                    site=locate.use_site(cls, "call", attribute) or None))
            continue
        cls = type(parent) if parent is not None and is_user_class(type(parent)) else type(node.layer)
        owner = f"{cls.__name__}.{attribute}" if attribute else node.path
        result.findings.append(findings.make(
            "LD005", f"{owner} ({node.class_name} '{node.name}') is still unbuilt after a call: call() never "
                     f"uses it and no build() builds it, so its weights do not exist",
            cls=cls, attribute=attribute, layer=node.path))
    return result


def _runs_through_call_method(cls, attribute: str) -> bool:
    """Does a method of `cls` (a user class) run `self.<attribute>.call(...)`?"""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return False
    return re.search(rf"\bself\.{re.escape(attribute)}\.call\(", source) is not None


def _has_own_build(layer) -> bool:
    """A build() other than Keras's default one: where a layer makes its own weights."""
    return getattr(type(layer), "build", None) is not backend.keras_module().layers.Layer.build


def _loses_no_weight(layer) -> bool:
    """An unbuilt layer whose build() makes no weight (it has none of its own, or it is a
    preprocessing layer whose build() creates no variable): when every layer under it that may
    make weights is built (called directly, or shared with a layer that is called), all its
    weights exist and are counted, saved and trained: staying unbuilt costs nothing."""
    if _may_make_weights(layer):
        return False
    try:
        return all(sub.built for sub in layer._flatten_layers(include_self=False) if _may_make_weights(sub))
    except Exception:  # noqa: BLE001 - an unusual layer: keep the finding
        return False


def _may_make_weights(layer) -> bool:
    """Whether building `layer` can create weights: a build() of its own, unless the layer is a
    preprocessing layer whose build() methods create no variable themselves, or a user's layer whose
    build() (and the methods of its own it runs) creates neither a variable nor another layer (a
    wiring description that fills NumPy matrices: held-out 26's ncps cell)."""
    if not _has_own_build(layer):
        return False
    if is_preprocessing_layer(layer):
        return _build_creates_variables(type(layer))
    if is_user_class(type(layer)):
        return _build_creates_state(type(layer))
    return True


# Keras's, keras-hub's (tokenizers, Preprocessor, packers, converters), keras-nlp's, keras-cv's
# and tf.keras's preprocessing layers: made for the data pipeline, where a model often keeps them
# without ever calling them (a keras-hub Task's `preprocessor`).
_PREPROCESSING_PACKAGES = ("keras", "keras_hub", "keras_nlp", "keras_cv", "tf_keras")


def is_preprocessing_layer(layer) -> bool:
    return any(cls.__module__.split(".", 1)[0] in _PREPROCESSING_PACKAGES and ".layers.preprocessing" in cls.__module__
               for cls in type(layer).__mro__)


_CREATES_VARIABLE = re.compile(r"\badd_weight\b|\badd_variable\b|Variable\(|SeedGenerator\(")


def _build_creates_variables(cls) -> bool:
    """Whether a build() defined along `cls`'s classes (below Keras's Layer) creates a variable
    itself (add_weight, a Variable, a SeedGenerator), read from its source; True when the source
    cannot be read. The sublayers such a build() makes are preprocessing layers too (packers)."""
    base = backend.keras_module().layers.Layer
    for klass in cls.__mro__:
        if klass is base:
            break
        build = vars(klass).get("build")
        if build is None:
            continue
        try:
            source = inspect.getsource(build)
        except (OSError, TypeError):
            return True
        if _CREATES_VARIABLE.search(source):
            return True
    return False


# A variable, or a call of a capitalised name (a layer, a model, a Variable) that is not an exception.
_CREATES_STATE = re.compile(r"\badd_weight\b|\badd_variable\b|\b(?!\w*(?:Error|Exception|Warning)\b)[A-Z]\w*\s*\(")
_SELF_CALL = re.compile(r"\bself\.(\w+)\s*\(")


def _build_creates_state(cls) -> bool:
    """Whether the build() methods of a user's layer class (below Keras's Layer), or the methods of its
    classes they call through self, create a variable or construct anything (a layer, a model), read
    from their source; True when a source cannot be read."""
    base = backend.keras_module().layers.Layer
    below = [klass for klass in cls.__mro__ if klass is not base and base in klass.__mro__]
    if any("build" in vars(klass) for klass in below if not is_user_class(klass)):
        return True  # a library base's build() (Dense's, say) may make weights: its code is not read
    own = [klass for klass in below if is_user_class(klass)]
    todo, seen = ["build"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for klass in own:
            function = vars(klass).get(name)
            if function is None:
                continue
            try:
                source = inspect.getsource(function)
            except (OSError, TypeError):
                return True
            if _CREATES_STATE.search(source):
                return True
            todo += [called for called in _SELF_CALL.findall(source) if called not in seen]
    return False


# -- the model as the target returned it (before the inspector called it) ---------------

def as_returned(model) -> dict:
    """{id(layer): (layer, built, ids of its own variables, id of its parent or None)} for every
    layer reachable from `model` right now: recorded before the first call changes anything."""
    out = {}

    def visit(layer, parent):
        if id(layer) in out:
            return
        out[id(layer)] = (layer, bool(getattr(layer, "built", False)),
                          {id(v) for v in backend.own_variables(layer)}, parent)
        for child in backend.sublayers(layer):
            visit(child, id(layer))

    try:
        visit(model, None)
    except Exception:  # noqa: BLE001 - an unusual model: no observation, no finding
        return {}
    return out


def _built_ancestor(recorded, parent_id):
    """The nearest recorded ancestor, if it was built (explicitly: build() or .build(shape))."""
    if parent_id is None or parent_id not in recorded:
        return None
    layer, built, _, _ = recorded[parent_id]
    return layer if built else None


def built_without_call(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD005: the target returned a model it had built (model.build(shape), or a build() that
    creates sublayers) without running call(): sublayers still unbuilt then, whose weights only
    appeared at the inspector's first call. summary(), count_params() and load_weights() saw
    none of them. A model returned never built and never called is left alone: the user
    simply has not called it yet."""
    result = ProbeResult()
    recorded = inspection.as_returned
    existed = {variable_id for _, _, variable_ids, _ in recorded.values() for variable_id in variable_ids}
    groups: dict[int, list] = {}
    for layer, built, _, parent_id in recorded.values():
        if built:
            continue
        owner = _built_ancestor(recorded, parent_id)
        if owner is None:
            continue
        # the sublayers' weights too: those a direct call of a sublayer built before the return existed
        new = [v for v in _all_own_variables(layer) if id(v) not in existed]
        if not new:
            continue
        groups.setdefault(id(owner), [owner, []])[1].append((layer, new))
    for owner, members in groups.values():
        names = []
        params = 0
        for layer, new in members:
            params += sum(_size(v) for v in new)
            _, attribute = _parent_and_attribute_any(owner, layer)
            names.append(f"{attribute or layer.name} ({type(layer).__name__})")
        first_layer = members[0][0]
        _, attribute = _parent_and_attribute_any(owner, first_layer)
        owner_cls = type(owner)
        site = None
        if not is_user_class(owner_cls) and inspection.watch is not None:
            site = inspection.watch.site_of(first_layer) or inspection.watch.site_of(owner)
        counted = {}
        for name in names:
            counted[name] = counted.get(name, 0) + 1
        names = [name if n == 1 else f"{name} x{n}" for name, n in counted.items()]
        listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        result.findings.append(findings.make(
            "LD005",
            f"{owner_cls.__name__} '{owner.name}' was built without running call() (build(shape) or a "
            f"build() that creates sublayers without building them): {listed} were still unbuilt as the "
            f"model was returned; their {params:,} parameters only appeared at the first call on data, "
            f"so summary(), count_params() and load_weights() did not see them",
            cls=owner_cls if site is None else None, attribute=attribute if site is None else None,
            site=site, layer=owner.name, unbuilt=[n for n in names], params=params))
    return result


def _all_own_variables(layer):
    try:
        return backend.own_variables(layer) + [v for sub in layer._flatten_layers(include_self=False)
                                               for v in backend.own_variables(sub)]
    except Exception:  # noqa: BLE001
        return backend.own_variables(layer)


def _size(variable) -> int:
    size = 1
    for dim in getattr(variable, "shape", ()):
        size *= int(dim or 0)
    return size


def _parent_and_attribute_any(owner, layer):
    """`owner.<attribute>` holding `layer` directly or in a list/tuple/dict, searched down from owner."""
    stack = [owner]
    seen = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for name, value in user_attributes(node).items():
            items = value if isinstance(value, (list, tuple)) else (
                list(value.values()) if isinstance(value, dict) else [value])
            if any(item is layer for item in items):
                return node, name
        stack.extend(backend.sublayers(node))
    return None, None


# -- the model as returned was marked built, and calling it fails --------------------------

def marked_built_call_failed(recorded: dict, error: BaseException) -> list:
    """LD005 when the inspector's first call on data raised and nothing else explains it, but the
    model as the target returned it was already marked built (`model.build(shape)` on a model
    without a build() of its own runs no call(): Keras 3 warns and marks it built) while sublayers
    that make their weights in a build() of their own were unbuilt. Those weights do not exist:
    count_params() and load_weights() see none of them. The failing call() is why the inspector
    cannot count them, so the finding names it too. [] when the model was not marked built or
    every weighted sublayer was built (the failure is then a plain one)."""
    found = []
    frame, line = locate.deepest_user_frame(error)
    failed_at = findings.where((frame.f_code.co_filename, line)) if frame is not None else "an unknown place"
    for owner, members in _unbuilt_by_built_owner(recorded, lambda owner: True):
        names, attribute = _member_names(owner, members, with_layer_name=False)
        listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        owner_cls = type(owner)
        found.append(findings.make(
            "LD005",
            f"{owner_cls.__name__} '{owner.name}' was marked built without running call() (build(shape) on a "
            f"model without a build() of its own): {listed} {'was' if len(names) == 1 else 'were'} unbuilt as "
            f"the model was returned, with no weights, so count_params() and load_weights() see none of "
            f"theirs. Its call() fails too: a call on data raised {summary(error)} (at {failed_at}); fix "
            f"that call(), then build the model by calling it on data",
            cls=owner_cls if is_user_class(owner_cls) else None,
            attribute=attribute if is_user_class(owner_cls) else None,
            site=None if is_user_class(owner_cls) else ((frame.f_code.co_filename, line) if frame is not None else None),
            fix="explicit_build", layer=owner.name, unbuilt=names))
    return found


def _unbuilt_by_built_owner(recorded: dict, accept_owner) -> list:
    """[(owner, [unbuilt layers])]: each unbuilt sublayer that makes weights, grouped under its
    nearest built ancestor when `accept_owner(ancestor)` holds."""
    groups: dict[int, list] = {}
    for layer, built, _, parent_id in recorded.values():
        if built or parent_id is None or not _may_make_weights(layer):
            continue
        owner = _nearest_built_ancestor(recorded, parent_id)
        if owner is not None and accept_owner(owner):
            groups.setdefault(id(owner), [owner, []])[1].append(layer)
    return [(owner, members) for owner, members in groups.values()]


def _member_names(owner, members, with_layer_name: bool) -> tuple[list, str | None]:
    """The members named by the attribute of `owner` that holds them (else the layer's name), and
    the attribute holding the first one."""
    names = []
    for layer in members:
        _, attribute = _parent_and_attribute_any(owner, layer)
        kind = f"{type(layer).__name__} '{layer.name}'" if with_layer_name else type(layer).__name__
        names.append(f"{attribute or layer.name} ({kind})")
    _, first_attribute = _parent_and_attribute_any(owner, members[0])
    return names, first_attribute


def _nearest_built_ancestor(recorded, parent_id):
    while parent_id is not None and parent_id in recorded:
        layer, built, _, grandparent = recorded[parent_id]
        if built:
            return layer
        parent_id = grandparent
    return None


# -- the model as returned, when it cannot be called ------------------------------------

def returned_unbuilt(model, watch, reason: str, ask_shape: bool = True) -> list:
    """LD005 for a model the inspector cannot call (`reason`: its input shape is unknown) whose
    layers that make weights were unbuilt as the target returned it (a Sequential without an
    Input, a subclassed model never called). Measured on Keras 3.15.1: count_params() and
    save_weights() raise, get_weights() is [] and summary() shows 0 params until a call on data.
    fit() would build it, so this is a warning; an error when the target itself read
    get_weights() of such a model and got [] (it used the weights before they existed).
    [] when every sublayer that makes weights is built, and for a lone layer (Dense(3)): nothing
    is missing, or there is nothing but its input shape to ask for."""
    recorded = as_returned(model)
    missing = {key for key, (layer, built, _, _) in recorded.items()
               if not built and key != id(model) and _may_make_weights(layer)}
    # named by the outermost unbuilt layer holding them: a Block (no build() of its own) and its Dense
    holders = set(missing)
    for key in missing:
        parent_id = recorded[key][3]
        while parent_id is not None and parent_id != id(model) and parent_id in recorded \
                and not recorded[parent_id][1]:
            holders.add(parent_id)
            parent_id = recorded[parent_id][3]
    outermost = [layer for key, (layer, _, _, parent_id) in recorded.items()
                 if key in holders and not _has_ancestor_in(recorded, parent_id, holders)]
    if not outermost:
        return []
    names = []
    for layer in outermost:
        _, attribute = _parent_and_attribute_any(model, layer)
        names.append(f"{attribute or layer.name} ({type(layer).__name__})")
    counted: dict[str, int] = {}
    for name in names:  # a list attribute names each of its layers alike
        counted[name] = counted.get(name, 0) + 1
    names = [name if n == 1 else f"{name} x{n}" for name, n in counted.items()]
    listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    reads = [site for layer, site in (watch.empty_reads.values() if watch is not None else ())
             if id(layer) in recorded]
    cls = type(model)
    first = outermost[0]
    _, attribute = _parent_and_attribute_any(model, first)
    site = None
    if not is_user_class(cls) and watch is not None:
        site = watch.site_of(model) or watch.site_of(first)
    used = (f" get_weights() returned [] where the target read it (at {findings.where(reads[0])}): it used "
            f"the weights before they existed." if reads else
            " If fit() or a first call builds it before its weights are used, nothing is lost.")
    return [findings.make(
        "LD005",
        f"{cls.__name__} '{model.name}' was returned with {listed} unbuilt: they have no weights yet, so "
        f"summary() shows 0 params for them, count_params() and save_weights() raise and get_weights() "
        f"returns []; their weights only appear at the first call on data. layerdoctor could not call it "
        f"({reason}{'; pass its input shape to inspect it fully' if ask_shape else ''}).{used} Give the model an Input (or build it "
        f"by calling it once on data) before reading, saving or copying its weights",
        severity="error" if reads else "warning",
        cls=cls if site is None else None, attribute=attribute if site is None and is_user_class(cls) else None,
        site=site, fix="explicit_build", layer=model.name, unbuilt=names)]


def _has_ancestor_in(recorded, parent_id, keys) -> bool:
    while parent_id is not None and parent_id in recorded:
        if parent_id in keys:
            return True
        parent_id = recorded[parent_id][3]
    return False


def _user_layer_declaring_output_shape(layer) -> bool:
    """A user class along the layer's classes overrides compute_output_shape / compute_output_spec."""
    return any(is_user_class(klass) and ("compute_output_shape" in vars(klass) or "compute_output_spec" in vars(klass))
               for klass in type(layer).__mro__)


def unbuilt_behind_declared_shape(recorded: dict, error: BaseException) -> list:
    """LD005 when the first call on data raised, and the model as the target returned it held an
    unbuilt sublayer (that makes weights) under a built user layer that declares its output shape
    (compute_output_shape). Keras 3 wires such a layer from that declaration without running its
    call(), so a sublayer only call() uses (a decoder cell run in K.rnn's step) stays unbuilt, is
    missing from count_params(), and layers after it were built for the declared shape: the first
    real call then fails far from the cause (TF in Action's Bahdanau wrapper: a shape error in the
    next Dense). [] when no such layer was unbuilt."""
    found = []
    for owner, members in _unbuilt_by_built_owner(recorded, _user_layer_declaring_output_shape):
        names, attribute = _member_names(owner, members, with_layer_name=True)
        cls = type(owner)
        found.append(findings.make(
            "LD005",
            f"{cls.__name__} '{owner.name}' declares its output shape (compute_output_shape), so Keras 3 wired the "
            f"model without running its call(): {', '.join(names)} {'was' if len(names) == 1 else 'were'} still "
            f"unbuilt as the model was returned (no weights, missing from count_params()), and the layers after it "
            f"were built for the declared shape. The first call on data then raised {summary(error)}; build "
            f"{'it' if len(names) == 1 else 'them'} in {cls.__name__}.build() (self.{attribute or 'cell'}.build(...)) "
            f"and make compute_output_shape match what call() returns",
            cls=cls, attribute=attribute, fix="explicit_build", layer=owner.name, unbuilt=names))
    return found
