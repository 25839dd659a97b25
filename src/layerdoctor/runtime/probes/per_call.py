"""LD002 (state created per call), and LD011/LD012 for untracked layers a forward pass uses.

The model is called twice. Anything that is new on the second call was created by the call
itself: a backend variable, a layer object at the same call site, or a tensor/variable/layer
attribute of a layer whose identity changed. Layers that both calls use but that are not in
the tracked tree are untracked: a global or closure (LD011), or captured by a Lambda (LD012).
"""

from __future__ import annotations

from collections import defaultdict

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class, user_attributes
from ..overlaps import untracked_code
from ..tree import UntrackedState, describe_value
from . import shadowed
from .untracked import is_weight_like_tensor


def attribute_identities(inspection) -> dict:
    """{(layer id, attribute): (layer, id of the value)} for weight-like attributes of user layers."""
    out = {}
    for node in inspection.user_layers():
        for name, value in user_attributes(node.layer).items():
            if backend.is_tensor(value) and (inspection.is_activation(value) or not is_weight_like_tensor(value)):
                continue  # cached activations, masks of ids, scalars: not weights
            if backend.is_tensor(value) or backend.is_keras_layer(value) or backend.is_native_variable(value) \
                    or backend.is_keras_variable(value):
                out[(id(node.layer), name)] = (node.layer, id(value))
    return out


def _in_lambda(call) -> bool:
    parent = call.parent
    while parent is not None:
        if type(parent.layer).__name__ == "Lambda":
            return True
        parent = parent.parent
    return False


def _called_by_user_code(call) -> bool:
    parent = type(call.parent.layer)
    return parent.__name__ == "Lambda" or is_user_class(parent)


def _inside_untracked_layer(call, tracked) -> bool:
    parent = call.parent
    while parent is not None:
        if id(parent.layer) not in tracked and parent.layer is not None:
            return True
        parent = parent.parent
    return False


def _owner_class(call):
    """The layer whose call() made this call (the innermost recorded parent)."""
    return type(call.parent.layer) if call.parent is not None else None


def state_created_per_call(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD002: attributes and variables re-created by each call (explained, so not called LD001 later)."""
    result = ProbeResult()
    _changed_attributes(inspection, result)
    _variables_created_in_call(inspection, result)
    _state_created_in_traced_call(inspection, result)
    _random_weights_drawn_in_call(inspection, result)
    return result


def _random_weights_drawn_in_call(inspection, result) -> None:
    """LD002: a user layer that ran in the forward pass draws a random matrix in call() and uses it
    as a matmul/dot/convolution operand (`matmul(inputs, tf.random.normal((d, units)))`): a weight
    made anew on every call, never trained or saved (0 params). Noise added to the input, dropout
    masks and sampling eps are combined elementwise, not used as an operand: not this."""
    seen = set()
    for call in inspection.first_pass.calls if inspection.first_pass is not None else []:
        cls = type(call.layer)
        if cls in seen or not is_user_class(cls):
            continue
        seen.add(cls)
        for site in locate.random_weights_drawn(cls):
            result.findings.append(findings.make(
                "LD002", f"{cls.__name__}.call() draws a random matrix on every call and multiplies by it as a "
                         f"weight (at {findings.where(site)}): a new weight each call, never trained or "
                         f"saved; create it once with self.add_weight() in build()", cls=cls, site=site))


def _state_created_in_traced_call(inspection, result) -> None:
    """LD002: a sublayer first built inside a call() that is a tf.function (LSTNet's SkipGRU: a GRUCell
    made in __init__, `@tf.function def call`). Keras wires the model by tracing call() once; the
    sublayer's variables are created during that trace, still uninitialised, so the graph reads their
    initial values as constants, and every later call reuses that graph. Measured here: the traced
    graphs capture none of the sublayer's trainable variables although call()'s code names the
    sublayer. Its weights also get no gradient (LD009, left to that probe)."""
    if backend.name() != "tensorflow":
        return
    for node in inspection.user_layers():
        layer = node.layer
        traced = getattr(type(layer), "call", None)
        code = getattr(getattr(traced, "python_function", None), "__code__", None)
        if code is None or not hasattr(traced, "_list_all_concrete_functions"):
            continue  # the cheap gate: call() is not a tf.function
        try:
            concrete = getattr(layer, "call")._list_all_concrete_functions()
            captured = {id(v) for function in concrete for v in function.variables}
        except Exception:  # noqa: BLE001 - a TF internal that moved: no finding
            continue
        if not concrete:
            continue
        names = _names_read(type(layer), code)
        for name, sub in _held_layers(layer):
            if name.partition("[")[0] not in names:
                continue
            weights = [v for v in sub.trainable_weights if backend.is_float(v)]
            if not weights or any(id(backend.tape_handle(v)) in captured or id(v) in captured for v in weights):
                continue
            cls = type(layer)
            result.findings.append(findings.make(
                "LD002", f"{cls.__name__}.call() is a tf.function and {cls.__name__}.{name} "
                         f"({describe_value(sub)}) is first built inside it: its variables were created while "
                         f"call() was traced, and the traced graph every call reuses reads none of them (their "
                         f"initial values are constants in it), so its {findings.weights(weights)} "
                         f"{findings.are(weights)} counted but never trained; build it in build() "
                         f"(self.{name}.build(...)) before call() is traced, or drop @tf.function",
                cls=cls, attribute=name, site=locate.function_site(traced.python_function), layer=node.path))


def _names_read(cls, code, depth=2) -> set:
    """The attribute names `code` reads, with those of the user's helper methods of `cls` it calls
    (`self._mlp(t)`) and of its comprehensions, `depth` levels of helpers deep."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names_read(cls, const, depth)
    if depth:
        for name in list(names):
            helper = getattr(getattr(cls, name, None), "__code__", None)
            if helper is not None and helper is not code and locate.is_user_file(helper.co_filename):
                names |= _names_read(cls, helper, depth - 1)
    return names


def _held_layers(layer):
    """(name, sublayer) for each layer a user attribute holds, directly or in a list, tuple or
    dict (`self.stack = [Dense(...), ...]`: `stack[0]`)."""
    for name, value in user_attributes(layer).items():
        if backend.is_keras_layer(value):
            yield name, value
        elif isinstance(value, (list, tuple, dict)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, sub in items:
                if backend.is_keras_layer(sub):
                    yield f"{name}[{key!r}]", sub


def untracked_layers_used(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD002/LD011/LD012: layers a call uses that the tree does not hold (new per call, global,
    closure, Lambda), skipping those the attribute scan already listed."""
    result = ProbeResult()
    _layers_per_call(inspection, explained, result)
    return result


def _changed_attributes(inspection, result) -> None:
    first, second = inspection.attributes_after
    # `self.V = reshape(self.V)` in call(): the attribute is a new tensor after every call because
    # it is re-derived from the stale tensor that replaced the variable; LD010 (shadowed.py)
    # proves that by perturbing the variable no attribute holds any more
    shadows = None
    for key, (layer, value_id) in second.items():
        if key in first and first[key][1] != value_id:
            attribute = key[1]
            cls = type(layer)
            if _kept_output(layer, attribute):
                result.explains.attributes.add(key)  # (remade by every call: no weight-like state either)
                continue
            if _view_of_own_weight(layer, attribute):
                result.explains.attributes.add(key)  # not a copy taken once either (untracked.py)
                continue
            if shadows is None:
                shadows = {(id(node.layer), name) for node, _, name in shadowed.shadow_candidates(inspection)}
            if key in shadows:
                continue
            result.explains.attributes.add(key)
            result.findings.append(findings.make(
                "LD002", f"{cls.__name__}.{attribute} is a new object after every call: it is created "
                         f"in call(), so it is never trained or saved", cls=cls, attribute=attribute))


def _kept_output(layer, attribute) -> bool:
    """A plain tensor call() stores on self and no method of the class reads back (TabNet's
    aggregate feature mask, kept for a plotting property), or that call() reads only after storing it
    (D2L's attention weights, computed from its inputs, kept for plotting and passed on in the same call):
    an output kept for the user, not weight state. A variable or a layer held there, or a tensor the class reads across calls
    (as a weight), stays LD002."""
    value = getattr(layer, attribute, None)
    if not backend.is_tensor(value) or backend.is_keras_variable(value) or backend.is_native_variable(value):
        return False
    cls = type(layer)
    if locate.reads_attribute(cls, attribute) is False:
        return True
    return locate.reads_attribute(cls, attribute, skip=("call",)) is False and \
        locate.kept_value_of_its_inputs(cls, "call", attribute)


def _view_of_own_weight(layer, attribute) -> bool:
    """A tensor call() re-derives each time from another of the layer's trainable weights
    (`self.V = tf.reshape(self.V_raw, (-1, 1))`): a view, through which the weight gets its
    gradient, not state made per call. The gradient probe still sees a weight the view cuts
    off. `self.V = f(self.V)` is LD010's (shadowed.py); a variable or layer stays LD002."""
    value = getattr(layer, attribute, None)
    if not backend.is_tensor(value) or backend.is_keras_variable(value) or backend.is_native_variable(value):
        return False
    weights = {name for name, held in user_attributes(layer).items()
               if name != attribute and (backend.is_keras_variable(held) or backend.is_native_variable(held))
               and getattr(held, "trainable", False) and any(held is w for w in layer.trainable_weights)}
    assignments = locate.attributes_read_by_assignments(type(layer), attribute) or []
    # build()/__init__ may first hold a weight there (a twin keeping the variable elsewhere too)
    per_call = [read for method, read in assignments if method not in ("__init__", "build")]
    if not weights or not per_call:
        return False
    if all(read & weights and attribute not in read for read in per_call):
        return True
    return locate.derived_in_call(type(layer), attribute, weights)  # through locals and other attributes


def _sites_with_new_layers(inspection) -> set:
    """Call sites where the second pass called a different untracked layer than the first."""
    tracked = inspection.tracked_layer_ids()
    first = {id(c.layer) for c in inspection.first_pass.calls}
    return {c.site for c in inspection.second_pass.calls
            if c.site and id(c.layer) not in tracked and id(c.layer) not in first}


def _variables_of_new_layers(inspection) -> set:
    """Ids of the variables (weights and seed state) of the untracked layers the second pass
    called for the first time: those layers are reported instead, where call() makes them."""
    tracked = inspection.tracked_layer_ids()
    first = {id(c.layer) for c in inspection.first_pass.calls}
    state = [v for c in inspection.second_pass.calls if id(c.layer) not in tracked and id(c.layer) not in first
             for v in layer_state(c.layer)]
    # the watch sees the backend's variable (a tf.Variable) inside each keras.Variable
    return {id(value) for v in state for value in (v, getattr(v, "_value", None)) if value is not None}


def layer_state(layer) -> list:
    """All of a layer's variables: its weights and also its non-trainable state that is no weight
    (a SeedGenerator's seed in Dropout, GaussianNoise, random augmentation layers)."""
    try:
        return list(layer.variables)
    except Exception:  # noqa: BLE001 - a half-built layer: its weights at least
        return list(layer.weights)


def _variables_created_in_call(inspection, result) -> None:
    by_site = defaultdict(list)
    layer_sites = _sites_with_new_layers(inspection)  # reported as new layers instead
    in_new_layers = _variables_of_new_layers(inspection)
    for variable, site in inspection.created_in_second_pass:
        if site in layer_sites or id(variable) in in_new_layers:
            continue
        by_site[site].append(variable)
    in_lambdas: dict[int, list] = {}
    for site, variables in by_site.items():
        cls = _class_at(inspection, site)
        lambda_layer = _lambda_at(inspection, site) if cls is None else None
        count = sum(backend.size_of(v) for v in variables)
        if any(getattr(v, "trainable", True) for v in variables):
            why = "it is never trained or saved"
        else:  # seed state, a step counter: no gradient shows it
            why = ("it is not trainable (seed or counter state), so no gradient shows it, but it is never "
                   "saved and fit()'s traced step fails on a variable created after its first trace")
        owner = f"the function of Lambda '{lambda_layer.name}'" if lambda_layer is not None else \
            f"{cls.__name__ if cls else 'a layer'}.call()"
        result.findings.append(findings.make(
            "LD002", f"{owner} creates a new variable on every call "
                     f"({count} values at {findings.where(site)}): {why}",
            cls=cls, site=site, fix="lambda_function" if lambda_layer is not None else "default"))
        if lambda_layer is not None:
            in_lambdas.setdefault(id(lambda_layer), [lambda_layer, []])[1].append(site)
    for layer, sites in in_lambdas.values():
        _lambda_makes_state(inspection, result, layer, sites, "variable")


def _lambda_makes_state(inspection, result, layer, sites, what) -> None:
    """LD012 at the Lambda as well, as lint reports it: the Lambda's function (or a helper it calls)
    makes state the Lambda does not track (TF 1.x docs taught variables made in a Lambda's function;
    Keras 3 makes them anew on every call and tracks none)."""
    made = inspection.watch.site_of(layer) if inspection.watch is not None else None
    function = getattr(layer, "function", None)
    site = made if made and locate.is_user_file(made[0]) else locate.function_site(function)
    result.findings.append(findings.make(
        "LD012", f"The function of Lambda '{layer.name}' creates new {what}s on every call (at "
                 f"{', '.join(findings.where(s) for s in sites)}): the Lambda does not track them, so no such "
                 f"weight is counted, trained or saved; use a subclassed Layer that creates them once, in "
                 f"__init__ or build()",
        site=site, constructed="Lambda" if site is made else None, fix="created", layer=layer.name))


def _lambda_at(inspection, site):
    """The Lambda layer whose function's source contains `site` (file, line), or None."""
    import inspect

    if not site:
        return None
    for node in inspection.nodes():
        function = getattr(node.layer, "function", None) if type(node.layer).__name__ == "Lambda" else None
        code = getattr(function, "__code__", None)
        if code is None or code.co_filename != site[0]:
            continue
        try:
            length = len(inspect.getsourcelines(function)[0])
        except (OSError, TypeError):
            continue
        if code.co_firstlineno <= site[1] < code.co_firstlineno + length:
            return node.layer
    return None


def _class_at(inspection, site):
    """The user layer class whose source contains `site` (file, line)."""
    if not site:
        return None
    for node in inspection.user_layers():
        path, start = locate.class_site(type(node.layer))
        if path == site[0] and start <= site[1]:
            try:
                length = len(locate.class_lines(type(node.layer))[1])
            except OSError:
                continue
            if site[1] < start + length:
                return type(node.layer)
    return None


def _layers_per_call(inspection, explained, result) -> None:
    tracked = inspection.tracked_layer_ids()
    first_by_site = defaultdict(set)
    for call in inspection.first_pass.calls:
        if id(call.layer) not in tracked and call.site:
            first_by_site[call.site].add(id(call.layer))
    reported = set()
    new_sites = set()
    tracked_variables = None  # (worked out on first need)
    in_lambdas: dict[int, list] = {}
    for call in inspection.second_pass.calls:
        layer = call.layer
        if id(layer) in tracked or id(layer) in reported or call.parent is None or layer is inspection.model:
            continue
        if not _called_by_user_code(call) or _inside_untracked_layer(call, tracked):
            continue  # only the outermost untracked layer, used by the user's own call() or a Lambda
        new_per_call = call.site in first_by_site and id(layer) not in first_by_site[call.site]
        # A layer with no weights (Add, Activation, Dropout...) loses nothing untracked; made anew
        # per call, one with seed state (Dropout, GaussianNoise, a SeedGenerator of its own) still
        # creates a variable per call.
        state = layer_state(layer) if new_per_call else layer.weights
        if new_per_call and state:
            # a wrapper made per call around a layer the model holds (`TimeDistributed(self.h)`): every
            # variable it reaches is already tracked, so nothing is lost (measured on Keras 3.15.1)
            tracked_variables = tracked_variables if tracked_variables is not None else inspection.tracked_variable_ids()
            state = [v for v in state if id(v) not in tracked_variables]
        if getattr(layer, "built", False) and not state:
            continue
        reported.add(id(layer))
        owner_cls = _owner_class(call)
        owner_node = inspection.node_of(call.parent.layer)
        owner = owner_node.path if owner_node else ""
        if new_per_call:
            if call.site in new_sites:
                continue  # a loop at one line makes several: one finding for the line
            new_sites.add(call.site)
            if layer.weights:
                why = "its weights are never trained or saved"
            else:
                plural = "s" if len(state) != 1 else ""
                why = (f"it has no weights, but its {len(state)} non-trainable variable{plural} (seed or counter "
                       f"state) {findings.are(state)} made anew each time: never saved, and fit()'s traced step "
                       f"fails on a variable created after its first trace")
            maker = f"the function of Lambda '{call.parent.layer.name}'" if owner_cls.__name__ == "Lambda" \
                else f"{owner_cls.__name__}.call()"
            result.findings.append(findings.make(
                "LD002", f"{maker} creates a new {describe_value(layer)} on every call "
                         f"(at {findings.where(call.site)}): {why}",
                cls=owner_cls, site=call.site, layer=owner, constructed=type(layer).__name__))
            if owner_cls.__name__ == "Lambda" and layer.weights:
                in_lambdas.setdefault(id(call.parent.layer), [call.parent.layer, []])[1].append(call.site)
            continue
        code = untracked_code("layer", _in_lambda(call))
        if id(layer) in explained.values or id(layer) in result.explains.values:
            continue  # already listed by the attribute scan
        result.explains.values.add(id(layer))
        count = sum(backend.size_of(v) for v in layer.weights)
        how = "captured by a Lambda function" if code == "LD012" else "not an attribute of any layer (a global or closure)"
        # A module-level layer: at the line that creates it, as lint reports it; the use is in the message.
        created = inspection.watch.site_of(layer) if inspection.watch is not None and code == "LD011" else None
        name = locate.global_name(created, type(layer).__name__) \
            if created and locate.is_user_file(created[0]) else None
        place = {"site": created, "column": 1, "fix": "global",
                 "fix_values": {"cls": owner_cls.__name__, "attr_lower": name.lower()}} if name else {"site": call.site}
        result.findings.append(findings.make(
            code, f"{owner_cls.__name__}.call() uses {describe_value(layer)} (at {findings.where(call.site)}), {how}: "
                  f"its {findings.weights(layer.weights)} {findings.are(layer.weights)} never counted, trained or saved",
            cls=owner_cls, layer=owner, **place))
        result.untracked.append(UntrackedState(
            what=describe_value(layer), owner=owner, attribute=f"<used at {findings.where(call.site)}>",
            count=count, code=code, site=call.site and (findings.display_path(call.site[0]), call.site[1])))
    for layer, sites in in_lambdas.values():
        _lambda_makes_state(inspection, result, layer, sites, "layer")
