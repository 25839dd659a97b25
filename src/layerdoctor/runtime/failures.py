"""LD001, LD002, LD003, LD006, LD008, LD009, LD010, LD013 from a failure: building or calling raised.

A model that fails to build is often the bug itself. This module reads the exception, the
user code line it came from and the recorded layer calls, and names the cause; it returns no
finding for a failure it does not recognise (the caller then reports it as a plain failure).
"""

from __future__ import annotations

import ast
import inspect
import linecache
import re
import sys
import textwrap

from .. import keras_messages as msg
from ..vocab import KERAS_RUN_METHODS
from ..formatting import format_shape
from . import backend, findings, locate
from .calls import short_site

_TORCH_EARLY_MODULE = r"cannot assign module before Module.__init__\(\) call"

# (code, pattern in the exception text, what it means)
_MESSAGES = [
    ("LD006", r"has no attribute '_(non_)?trainable_weights'",
     "mutates the private list {attr_text}, which Keras 3 does not have"),
    # (`weights` and the `variables` lists are read-only properties of Layer too: `self.weights = self.add_weight(...)`)
    ("LD006", r"property '(?:(?:non_)?trainable_)?(?:weights|variables)' of .* has no setter"
              r"|Can't set the attribute \"(non_)?trainable_weights\"",
     "assigns the read-only property {attr_text}"),
    ("LD013", r"forgot to call `super\(\).__init__\(\)`",
     "does not call super().__init__() first in __init__"),
    # the torch backend only (BEHAVIOUR.md E21): TensorFlow and JAX run the same code
    ("LD013", _TORCH_EARLY_MODULE,
     "assigns self.{attr_text} (a sublayer) before super().__init__(): on the torch backend every Keras "
     "layer is a torch.nn.Module, which refuses a sublayer before Module.__init__() has run "
     "(TensorFlow and JAX accept this code)"),
    ("LD002", re.escape(msg.CANNOT_ADD_STATE_FRAGMENT),
     "creates a variable or sublayer in call() after the layer was built"),
    ("LD002", re.escape(msg.SINGLETON_FRAGMENT) + r"|create a variable while in a stateless scope",
     "creates a variable in call(): a new one on every call"),
    ("LD009", r"numpy\(\) is only available when eager execution is enabled",
     "turns a tensor into NumPy in call(): no gradient flows through it, and a traced call fails"),
]

# A tf.Variable created from a tensor inside a traced call: in build() it is a foreign
# variable (LD003, seed s001_0); in call() it is state created per call (LD002).
_LIFTING = re.escape(msg.NOT_LIFTED_FRAGMENT)


def _self_class(frame):
    value = frame.f_locals.get("self") if frame is not None else None
    return type(value) if value is not None else None


def _attribute_in(line_text: str) -> str | None:
    """`x` when the statement starts with `self.x` (an assignment or a method call on it)."""
    match = re.match(r"\s*self\.(\w+)", line_text or "")
    return match.group(1) if match else None


def _source_line(frame, line):
    import linecache

    return linecache.getline(frame.f_code.co_filename, line).strip() if frame is not None else ""


def classify(error: BaseException, recorder=None, construction=None, batch_size=None, watch=None,
             model=None) -> list:
    """Findings explaining `error`, or [] when the failure is not one of ours."""
    text = f"{type(error).__name__}: {error}"
    for explain in (_init_never_ran, _tracker_list_replaced, _tensor_out_of_scope, _leaked_tracer,
                    _keras_tensor_in_function, _keras_tensor_read_by_a_later_lambda,
                    _variable_made_in_lambda_function, _fixed_input_dim,
                    _variables_created_in_lambda,
                    _random_state_in_traced_call, _weight_property_replaced, _state_added_from_outside,
                    _weight_rebound_from_itself,
                    _property_before_init, _init_run_again,
                    _call_not_implemented, _weights_made_in_an_uncalled_method):
        found = explain(error, text, recorder, watch)
        if found:
            return found
    frame, line = locate.deepest_user_frame(error)
    replaced = _variable_attributes_replaced(error, text, model, frame, line)
    if replaced:
        return replaced
    cls = _self_class(frame)
    site = (frame.f_code.co_filename, line) if frame is not None else None
    statement = _source_line(frame, line)
    for code, pattern, meaning in _MESSAGES:
        if re.search(pattern, text):
            at_class = code == "LD013" and pattern != _TORCH_EARLY_MODULE  # else: the assignment line
            attribute = None if at_class else _attribute_in(statement)
            if at_class and cls is None:
                cls = _class_named_in(text, recorder)
            if at_class and cls is not None and not _attribute_in(statement):
                site = locate.class_site(cls)  # else the `self.x = ...` that ran before super().__init__()
            owner = cls.__name__ if cls else "a layer"
            return [findings.make(code, f"{owner} {meaning.format(attr_text=attribute or 'of weights')}; "
                                        f"Keras raised {_matching_line(error, pattern)}",
                                  cls=cls, attribute=attribute, site=site)] + \
                (_tensors_listed_as_weights(frame, statement) if code == "LD006" else [])
    if re.search(_LIFTING, text) and frame is not None:
        code = "LD003" if frame.f_code.co_name == "build" else "LD002"
        attribute = _attribute_in(statement)
        owner = cls.__name__ if cls else "a layer"
        meaning = ("creates a tf.Variable in build(), which Keras 3 does not track" if code == "LD003"
                   else "creates a tf.Variable in call(): a new one on every call")
        return [findings.make(code, f"{owner} {meaning}; Keras raised {_matching_line(error, _LIFTING)}",
                              cls=cls, attribute=attribute, site=site)]
    return _incompatible_reuse(error, recorder, construction, batch_size, watch)


def _tensors_listed_as_weights(frame, statement: str) -> list:
    """LD001 beside LD006: the failing `self.trainable_weights = [self.gamma, self.beta]` lists
    attributes that hold tensors, not variables (an initializer called directly returns a tensor,
    DenseNet's Scale). Without that line the layer would build, and those values would be constants
    that are never trained or saved (measured: the same layer without it has 0 params)."""
    from .probes.untracked import is_weight_like_tensor
    from .tree import describe_value

    layer = frame.f_locals.get("self") if frame is not None else None
    _, _, listed = statement.partition("=")
    if layer is None or not listed:
        return []
    cls = type(layer)
    found = []
    for name in dict.fromkeys(re.findall(r"self\.(\w+)", listed)):
        value = vars(layer).get(name)
        if value is None or backend.is_keras_variable(value) or not is_weight_like_tensor(value):
            continue
        found.append(findings.make(
            "LD001", f"{cls.__name__}.{name} is a {describe_value(value)}, not a variable (an initializer "
                     f"called directly, like a tf or keras.ops call, returns a tensor): listing it in "
                     f"{_attribute_in(statement)} does not make it one, and without that line its values are "
                     f"never trained or saved; create it with self.add_weight(shape=..., initializer=...)",
            cls=cls, attribute=name))
    return found


_WEIGHT_NAMES = ("kernel", "bias", "gamma", "beta", "embeddings", "depthwise_kernel", "pointwise_kernel",
                 "recurrent_kernel", "moving_mean", "moving_variance")
_WEIGHT_PROPERTY = re.compile("property '(" + "|".join(_WEIGHT_NAMES) + r")' of '(\w+)' object has no setter")
# Keras's AttributeError for an attribute a layer lacks: (class, attribute)
_NO_ATTRIBUTE = re.compile(r"'(\w+)' object has no attribute '(\w+)'")


def _weight_property_replaced(error, text, recorder, watch) -> list:
    """LD010 (LD001 when the new value is not computed from a weight): user code assigns a tensor to a
    built-in layer's weight (`layer.kernel = f(layer.kernel)`,
    a weight-normalisation helper written for tf.keras 2). On Keras 3 the weight is a read-only
    property there, so it raises; where it is a plain attribute the layer would compute with a frozen
    copy and the variable would get no gradient."""
    match = _WEIGHT_PROPERTY.search(text) if isinstance(error, AttributeError) else None
    if match is None:
        return []
    frame, line = locate.deepest_user_frame(error)
    if frame is None:
        return []
    weight, layer = match.groups()
    statement = _source_line(frame, line)
    cls = _self_class(frame)
    target, _, value = statement.partition("=")
    from_a_variable = any(backend.is_keras_variable(frame.f_locals.get(name))
                          for name in re.findall(r"\b[A-Za-z_]\w*\b", value))  # `base = self.kernel` first
    if target.strip() == f"self.{weight}" and value and not from_a_variable \
            and not re.search(rf"\.{weight}\b|\bweights\b|\bself\.", value):
        # a subclass storing values from elsewhere (a constructor's matrix) on its own base weight: LD001
        # (tests/cases_static/ld001l); a wrapper writing another layer's kernel from its own variables
        # (weight normalisation: `self.layer.kernel = self.g * self.v / ...`) stays LD010
        return [findings.make(
            "LD001", f"`{statement}` stores values handed in where the {layer}'s {weight} weight belongs: on Keras 3 "
                     f"it is a read-only property (Keras raised {_first_line(text)}); where it is not, the layer "
                     f"computes with a constant that is not counted, trained or saved. Let the base build() make "
                     f"the weight, then .assign() the values (or pass them as an initializer)", cls=cls,
            attribute=weight, site=(frame.f_code.co_filename, line), fix="base_weight",
            fix_values={"base": next((k.__name__ for k in getattr(cls, "__mro__", ())
                                      if k.__module__.startswith("keras")), layer)})]
    return [findings.make(
        "LD010", f"`{statement}` replaces the {weight} of a {layer} with a tensor: on Keras 3 it is a read-only "
                 f"property (Keras raised {_first_line(text)}); where it is not, the layer computes with a frozen "
                 f"copy and the variable gets no gradient. Change the variable's value with .assign(), or compute "
                 f"the new tensor in the layer's call()", cls=cls, attribute=weight,
        site=(frame.f_code.co_filename, line))]


_OUTSIDE_WRITE = re.compile(r"\s*(?P<owner>[\w.\[\]()'\"-]+)\.(?P<attr>\w+)\s*=[^=]")


def _state_added_from_outside(error, text, recorder, watch) -> list:
    """LD006 / LD010 for Keras 3's "cannot add new elements of state" raised by code outside the layer: a script
    that shares a weight between two built layers (`conv2.kernel = conv1.kernel`, then emptying and refilling
    `conv2._trainable_weights`, an old Stack Overflow recipe). Keras 3 locks a built layer's state, so the
    statement raises; it is not state made in call() (LD002, the default reading of this message)."""
    if msg.CANNOT_ADD_STATE_FRAGMENT not in text:
        return []
    frame, line = locate.deepest_user_frame(error)
    if frame is None or (layer := frame.f_locals.get("self")) is not None and backend.is_keras_layer(layer):
        return []  # in a layer's own method: LD002's
    statement = _source_line(frame, line)
    site = (frame.f_code.co_filename, line)
    private = re.search(r"\b_(?:non_)?trainable_weights\b", statement)
    if private:
        return [findings.make(
            "LD006", f"`{statement}` adds a variable to another layer's {private.group()}: Keras 3 layers have no "
                     f"such list (assigning it first made a plain attribute), and once the layer is built Keras refuses "
                     f"new state (Keras raised {_first_line(text)}); to share a weight, call one layer instance twice "
                     f"or make the weight in a custom layer", attribute=private.group(), site=site, fix=None)]
    write = _OUTSIDE_WRITE.match(statement)
    if write and write.group("attr") in _WEIGHT_NAMES and write.group("owner") != "self":
        return [findings.make(
            "LD010", f"`{statement}` writes a variable over the {write.group('attr')} of a built layer from outside it: "
                     f"Keras 3 locks a built layer's state (Keras raised {_first_line(text)}); to share a weight, call one "
                     f"layer instance twice or make the weight in a custom layer", attribute=write.group("attr"),
            site=site, fix=None)]
    return []


def _weight_rebound_from_itself(error, text, recorder, watch) -> list:
    """LD010: the failing statement rebinds a layer's weight attribute to a tensor derived from it
    (`self.kernel = self.quantization(self.kernel)` in a Dense subclass's call(), a BinaryConnect
    swap written for tf.keras 2). Whatever Keras raised there (no setter for an inherited weight
    property, or the op refusing the variable itself: a tf.custom_gradient without `variables`),
    the statement is the bug: where it ran, the layer would compute with a frozen copy and the
    variable would get no gradient."""
    import ast

    frame, line = locate.deepest_user_frame(error)
    layer = frame.f_locals.get("self") if frame is not None else None
    if layer is None or not backend.is_keras_layer(layer):
        return []
    site = (frame.f_code.co_filename, line)
    statement = locate.statement_at(site)
    if not isinstance(statement, ast.Assign):
        return []
    for target in statement.targets:
        name = target.attr if isinstance(target, ast.Attribute) and getattr(target.value, "id", None) == "self" else None
        reads_itself = name is not None and any(
            isinstance(n, ast.Attribute) and n.attr == name and getattr(n.value, "id", None) == "self"
            for n in ast.walk(statement.value))
        try:
            held = getattr(layer, name) if reads_itself else None
        except Exception:  # noqa: BLE001 - a property that fails: not a weight we can name
            held = None
        earlier = ""
        if held is not None and not backend.is_keras_variable(held) and hasattr(held, "shape"):
            # an earlier (symbolic) run of the statement already replaced it: the variable of that name is still
            # the layer's (ssl-for-slr's TDNN, held-out 40: `self.kernel = self.kernel * self.mask` in call())
            held = next((v for v in layer.weights if getattr(v, "name", None) == name), None)
            earlier = " (an earlier run of the statement, while Keras built the model, already did: the attribute " \
                      "holds a tensor of that run)"
        if held is None or not backend.is_keras_variable(held):
            continue
        cls = _self_class(frame)
        return [findings.make(
            "LD010", f"`{_source_line(frame, line)}` in {cls.__name__}.{frame.f_code.co_name}() replaces the "
                     f"variable '{backend.variable_path(held)}' with a tensor derived from it{earlier}: the layer "
                     f"would compute with a frozen copy and the variable would get no gradient; Keras raised "
                     f"{_first_line(text)}; compute the new tensor in a local (kernel = f(self.{name})) and use "
                     f"it in the op, or change the variable with .assign()", cls=cls, attribute=name, site=site)]
    return []


def _variable_attributes_replaced(error, text, model, frame, line) -> list:
    """LD010 as the likely cause of a failed call: the layer whose call() raised (or whose own
    call() the failing line is in) holds, under the name of one of its own variables (`kernel`), a
    tensor instead of that variable: call() rebound it (`self.kernel *= self.mask`). In a functional
    build that tensor is symbolic, so the first call on data raises; on data it would be a frozen
    copy the variable never trains through. Every user layer of the model in that state is named."""
    layer = frame.f_locals.get("self") if frame is not None else None
    if model is None or layer is None or not backend.is_keras_layer(layer):
        return []
    statement = _source_line(frame, line)
    found, seen = [], set()
    layers = [sub for sub in model._flatten_layers(include_self=True) if locate.is_user_class(type(sub))]
    for sub in [layer] + [s for s in layers if s is not layer]:
        for variable in backend.own_variables(sub):
            name = backend.variable_path(variable).rpartition("/")[2]
            value = vars(sub).get(name)
            if value is None or value is variable or backend.is_keras_variable(value) \
                    or backend.is_native_variable(value) or not (hasattr(value, "shape") and hasattr(value, "dtype")):
                continue
            cls = type(sub)
            if (cls, name) in seen:
                continue
            seen.add((cls, name))
            rebinds = re.compile(rf"^\s*self\.{re.escape(name)}\s*(\*\*|//|>>|<<|[-+*/@%&|^])?=[^=]")
            site = (frame.f_code.co_filename, line) if sub is layer and rebinds.search(statement) else \
                _last_line_matching(cls, rebinds)
            found.append(findings.make(
                "LD010", f"{cls.__name__}.{name} holds a {type(value).__name__}, not its variable "
                         f"'{backend.variable_path(variable)}' (still counted): a statement of the class rebinds "
                         f"the attribute to a tensor derived from it, so call() computes with a stale copy the "
                         f"variable is never trained through; calling the model failed, likely because of it "
                         f"(Keras raised {_first_line(text)})", cls=cls, attribute=name, site=site))
    return found


def _last_line_matching(cls, pattern):
    """The last line of the class (or a user base) matching `pattern`, else the class."""
    for klass in getattr(cls, "__mro__", (cls,)):
        try:
            path, lines, start = locate.class_lines(klass)
        except OSError:
            continue
        if path and locate.is_user_file(path):
            hits = [start + offset for offset, text in enumerate(lines) if pattern.search(text)]
            if hits:
                return path, hits[-1]
    return locate.class_site(cls)


_READ_ONLY = re.compile(r"property '(\w+)' of '[\w.<>]+' object has no setter")


def _property_before_init(error, text, recorder, watch) -> list:
    """LD013: a user layer's __init__ sets a name that Keras 3's Layer defines as a read-only property
    (`self.dtype = dtype`, `self.input = ...`) before super().__init__() has run: Keras 3 raises
    "property 'dtype' of 'X' object has no setter" at that line (tf.keras 1.x took it, and
    Layer.__init__ then reset it). The same assignment after super().__init__() is not a late
    super().__init__(): the layer is left to the other causes. The weight lists are LD006's."""
    match = _READ_ONLY.search(text) if isinstance(error, AttributeError) else None
    if match is None or match.group(1).rpartition("_")[2] in ("weights", "variables"):
        return []
    frame, line = locate.deepest_user_frame(error)
    layer = frame.f_locals.get("self") if frame is not None and frame.f_code.co_name == "__init__" else None
    if layer is None or not backend.is_keras_layer(layer) or _attribute_in(_source_line(frame, line)) != match.group(1):
        return []
    if _init_attributes() <= set(vars(layer)):  # Layer.__init__ has run: not set too early
        return []
    # the class whose __init__ this is (a base class of the constructed one, maybe)
    cls = next((c for c in type(layer).__mro__ if getattr(vars(c).get("__init__"), "__code__", None) is frame.f_code),
               type(layer))
    attribute = match.group(1)
    hint = f"pass it to super().__init__({attribute}=...)" if attribute in ("dtype", "name", "trainable") else \
        "keep the value under a name of your own"
    return [findings.make(
        "LD013", f"{cls.__name__}.__init__ sets self.{attribute} before super().__init__(): on Keras 3 "
                 f"{attribute} is a read-only property of Layer, so the layer cannot be constructed (Keras "
                 f"raised {_first_line(text)}); call super().__init__() first and {hint}",
        cls=cls, attribute=attribute, site=(frame.f_code.co_filename, line))]


_BASE_INIT_CALL = re.compile(r"^\s*(super\([^)]*\)|[\w.]+)\.__init__\(")


def _init_run_again(error, text, recorder, watch) -> list:
    """LD013: the failing statement is a base class's __init__ called from build() or call() of a layer whose
    __init__ already ran (`super(Mlp, self).__init__(input_shape)` where super().build() was meant): Keras 3's
    Layer.__init__ takes keywords only, so a positional argument raises TypeError there; with keywords it
    would run and reset the layer's settings (held-out 31, deepflow)."""
    frame, line = locate.deepest_user_frame(error)
    if frame is None or frame.f_code.co_name == "__init__":
        return []
    layer = frame.f_locals.get("self")
    statement = _source_line(frame, line)
    if layer is None or not backend.is_keras_layer(layer) or not _BASE_INIT_CALL.match(statement):
        return []
    if not _init_attributes() <= set(vars(layer)):
        return []  # Layer.__init__ had not run: another cause
    cls = type(layer)
    return [findings.make(
        "LD013", f"{cls.__name__}.{frame.f_code.co_name}() calls the base class's __init__ again on a layer that "
                 f"exists (`{statement}`): Keras raised {_first_line(text)}. Layer.__init__ run a second time "
                 f"resets the layer's settings (name, trainable, dtype); super().build(input_shape) was meant?",
        cls=cls, attribute="__init__", site=(frame.f_code.co_filename, line),
        fix="again" if frame.f_code.co_name == "build" else None)]


def _class_named_in(text, recorder):
    match = re.search(r"In layer '(\w+)'", text)
    if not match or recorder is None:
        return None
    for call in recorder.calls:
        if type(call.layer).__name__ == match.group(1):
            return type(call.layer)
    return None


def _incompatible_reuse(error, recorder, construction, batch_size=None, watch=None) -> list:
    """LD008: the innermost failing call is a layer that earlier ran on an input of another shape."""
    failed = recorder.first_failure if recorder is not None else None
    if failed is None or not failed.input_shapes:
        return []
    layer = failed.layer
    earlier = [c for c in (construction.calls if construction and construction is not recorder else []) + recorder.calls
               if c.layer is layer and c.error is None and c.input_shapes]
    built_shape = next(iter(backend.built_input_shapes(layer)), None)
    got = _symbolic_batch(failed.input_shapes[0], batch_size)
    first = earlier[0].input_shapes[0] if earlier else (tuple(built_shape) if built_shape else None)
    if first is None or not got or not first or first[-1] == got[-1]:
        return []
    first = _symbolic_batch(first, batch_size)
    cls = type(layer)
    first_site = earlier[0].site if earlier else None
    failed_site = failed.site
    if construction is not None and construction is not recorder:
        # a forward pass of a functional model has no user frames; the wiring has them
        wiring = [c for c in construction.calls if c.layer is layer and c.site]
        if failed_site is None and len(wiring) >= 2:
            first_site, failed_site = wiring[0].site, wiring[1].site
    created = watch.site_of(layer) if watch is not None else None
    error_line = _first_line(f"{type(error).__name__}: {error}")
    if failed_site is None and first_site is None and created is not None:
        # Run only inside another layer (a cell StackedRNNCells runs in RNN's loop): no user frame saw the
        # calls, but the user's code made the instance (`[LSTMCell(n)] * k`): point there, not at the class
        # (a built-in's lives in site-packages).
        message = (f"{cls.__name__} '{layer.name}' is shared: the instance made at {short_site(created)} built its "
                   f"weights for input shape {_shape(first)}, and another layer runs it again on {_shape(got)}; "
                   f"Keras raised {error_line}")
        return [findings.make("LD008", message, cls=cls, site=created, constructed=cls.__name__,
                              built_for=_shape(first), got=_shape(got))]
    message = (f"{cls.__name__} '{layer.name}' is shared: its weights were built for input shape "
               f"{_shape(first)} (called at {short_site(first_site)}), but it is called again on "
               f"{_shape(got)} (at {short_site(failed_site)}); Keras raised {error_line}")
    return [findings.make("LD008", message, cls=cls, site=failed_site, built_for=_shape(first), got=_shape(got),
                          first_call=short_site(first_site), failing_call=short_site(failed_site))]


def _symbolic_batch(shape, batch_size):
    """(2, 10, 32) from an eager call with batch 2 -> (None, 10, 32), as Keras prints shapes."""
    if shape and batch_size is not None and shape[0] == batch_size:
        return (None,) + tuple(shape[1:])
    return shape


_shape = format_shape


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _first_line(text: str) -> str:
    """'Type: message' on one short line, without Keras's "Exception encountered when calling" wrapper."""
    text = _ANSI.sub("", text)
    kind, _, rest = text.partition(": ")
    lines = [ln.strip() for ln in rest.splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("Exception encountered when calling")] or lines
    message = lines[0] if lines else ""
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{kind}: {message}"


def _matching_line(error: BaseException, pattern: str) -> str:
    """'Type: the line of the message that matched', shortened: the cause, not Keras's wrapper."""
    text = _ANSI.sub("", str(error))
    for line in text.splitlines():
        if re.search(pattern, line):
            line = line.strip()
            return f"{type(error).__name__}: {line[:157] + '...' if len(line) > 160 else line}"
    return _first_line(f"{type(error).__name__}: {text}")


def summary(error: BaseException) -> str:
    """One line for a failure layerdoctor does not recognise."""
    return _first_line(f"{type(error).__name__}: {error}")


# -- causes read from the failing layer (generalised over Keras's wording) ---------------

def _failed_layers(recorder):
    """The layers whose call raised, innermost first."""
    if recorder is None:
        return []
    out = []
    for call in reversed(recorder.calls):
        if call.error is not None and all(call.layer is not c for c in out):
            out.append(call.layer)
    return out


def _layers_seen(recorder, watch):
    seen = {}
    for layer in _failed_layers(recorder) + ([c.layer for c in recorder.calls] if recorder else []):
        seen.setdefault(id(layer), layer)
    if watch is not None:
        for layer, _ in watch.created.values():
            seen.setdefault(id(layer), layer)
    return list(seen.values())


_INIT_ATTRIBUTES: set | None = None


def _init_attributes() -> set:
    """What Layer.__init__ sets that Layer.__new__ does not: measured on a bare Layer."""
    global _INIT_ATTRIBUTES
    if _INIT_ATTRIBUTES is None:
        keras = backend.keras_module()
        fresh = set(vars(keras.layers.Layer.__new__(keras.layers.Layer)))
        _INIT_ATTRIBUTES = set(vars(keras.layers.Layer())) - fresh
    return _INIT_ATTRIBUTES


def _init_never_ran(error, text, recorder, watch) -> list:
    """LD013: an AttributeError on a private attribute of a user layer whose Layer.__init__ never
    ran (no super().__init__() at all): Keras fails far away, e.g. on `_losses`."""
    match = _NO_ATTRIBUTE.search(text)
    if not isinstance(error, AttributeError) or not match:
        return []
    missing = match.group(2)
    if missing not in _init_attributes():
        return []
    # A layer whose __init__ never reached Layer.__init__ is unknown to the construction watch; the
    # traceback still holds it as `self` (a mixin base that runs Model.__init__ late, in build()).
    for layer in [*_layers_seen(recorder, watch), *_layers_in_traceback(error, held_by_any_name=True)]:
        if type(layer).__name__ != match.group(1) or not locate.is_user_class(type(layer)):
            continue
        if missing in vars(layer):
            continue
        cls = type(layer)
        # the user class whose __init__ runs (a base class of the framework, for a subclass without one)
        owner = next((c for c in cls.__mro__ if "__init__" in vars(c) and locate.is_user_class(c)), cls)
        inherited = f" (inherited by {cls.__name__})" if owner is not cls else ""
        return [findings.make("LD013", f"{owner.__name__}.__init__{inherited} never calls super().__init__(): "
                                       f"Layer.__init__ did not run, so Keras's own state ({missing}, ...) is "
                                       f"missing; Keras raised {_first_line(text)}",
                              cls=owner, site=_init_site(owner))]
    return []


def never_initialised(layer) -> list:
    """LD013 for a user layer or model the target returned whose Layer.__init__ never ran (no
    super().__init__() at all): Keras accepted the construction, and fails at the first use far away
    (`count_params()`, `summary()`: "object has no attribute 'name'"); [] when it ran."""
    if not backend.is_keras_layer(layer) or not locate.is_user_class(type(layer)):
        return []
    missing = sorted(_init_attributes() - set(vars(layer)))
    if not missing or len(missing) < len(_init_attributes()) // 2:
        return []  # (most of Layer.__init__'s state is there: it ran, and something removed an attribute)
    cls = type(layer)
    owner = next((c for c in cls.__mro__ if "__init__" in vars(c) and locate.is_user_class(c)), cls)
    inherited = f" (inherited by {cls.__name__})" if owner is not cls else ""
    return [findings.make("LD013", f"{owner.__name__}.__init__{inherited} never calls super().__init__(): Keras "
                                   f"accepted the object, but Layer.__init__ did not run, so its own state (the name, "
                                   f"the tracker, the weight lists) is missing and the first use fails (count_params(), "
                                   f"summary(), a call: \"object has no attribute ...\")",
                          cls=owner, site=_init_site(owner))]


def _weights_made_in_an_uncalled_method(error, text, recorder, watch) -> list:
    """LD005: call() reads a weight the layer makes in a method of its own that Keras never runs and nothing ran on
    this instance (`def build_model(self): self.w = self.add_weight(...)`, where build(self, input_shape) was
    meant; held-out 29's DLRT head, whose model runs it on two of its three blocks). The layer has no weights, and
    its first call raises AttributeError far from the cause."""
    match = _NO_ATTRIBUTE.search(text)
    if not isinstance(error, AttributeError) or match is None:
        return []
    frame, line = locate.deepest_user_frame(error)
    layer = frame.f_locals.get("self") if frame is not None else None
    if layer is None or not backend.is_keras_layer(layer) or type(layer).__name__ != match.group(1) \
            or frame.f_code.co_name != "call":
        return []
    missing = match.group(2)
    cls = type(layer)
    store = re.compile(rf"^\s*self\.{re.escape(missing)}\s*=\s*self\.add_(?:weight|variable)\(")
    for klass in cls.__mro__:
        if not locate.is_user_class(klass):
            continue
        try:
            path, lines, start = locate.class_lines(klass)
        except OSError:
            continue
        method = None
        for offset, source in enumerate(lines):
            found = re.match(r"\s*def\s+(\w+)\s*\(", source)
            if found:
                method = found.group(1)
            elif store.match(source) and method is not None and method not in KERAS_RUN_METHODS:
                return [findings.make(
                    "LD005", f"{cls.__name__}.{missing} is made in {klass.__name__}.{method}(), a method Keras never "
                             f"runs (it builds a layer with build(self, input_shape)), and nothing ran it on this "
                             f"instance: the layer has no weights, and call() raised {_first_line(text)}; rename "
                             f"{method}() to build(self, input_shape), or call it where the layer is made",
                    cls=cls, attribute=missing, site=(path, start + offset), fix=None)]
    return []


# Keras 3.15: "Layer X does not have a `call` method implemented", "Model X does not have a `call()` method ..."
_NO_CALL = re.compile(r"(?:Layer|Model) (\w+) does not have a `call(?:\(\))?` method implemented")


def _call_not_implemented(error, text, recorder, watch) -> list:
    """LD005: a user layer class has no call() of its own, so Keras's Layer.call raised
    NotImplementedError when it was called (Keras 3; tf.keras 2's returned the input unchanged).
    Its sublayers never run, so they are never built and have no weights. Often a def call that is
    indented inside __init__ (a local function there, not a method: Perceiver's Attention), or a
    misspelt name (forward, Call): the finding names what the class holds and that cause."""
    match = _NO_CALL.search(text)
    if not isinstance(error, NotImplementedError) or match is None:
        return []
    from .load import has_no_call

    for layer in [*_layers_in_traceback(error), *_layers_seen(recorder, watch)]:
        cls = type(layer)
        if cls.__name__ != match.group(1) or not locate.is_user_class(cls) or not has_no_call(layer):
            continue
        nested = _call_nested_in(cls)
        outside = _call_at_module_level(cls)
        if nested is not None:
            cause = (f"its `def call` at line {nested[1]} is indented inside {nested[2]}(), where it is a local "
                     f"function, not a method: dedent it one level")
            site = nested[:2]
        elif outside is not None:
            cause = (f"a `def call(self, ...)` at line {outside[1]} is at module level, outside the class (its "
                     f"indentation ends the class before it): indent it into {cls.__name__}")
            site = outside
        else:
            cause = "no call() is defined along its classes: define call(self, inputs)"
            site = locate.class_site(cls)
        held = [name for name, value in vars(layer).items()
                if isinstance(value, backend.keras_module().layers.Layer)]
        subs = (f"its sublayers ({', '.join(held[:6])}{' ...' if len(held) > 6 else ''}) never run, so they are "
                f"never built and have no weights" if held else "nothing it holds ever runs")
        line_text = linecache.getline(site[0], site[1])
        column = line_text.find("def call") + 1 if nested is not None and "def call" in line_text else None
        return [findings.make("LD005", f"{cls.__name__} has no call() of its own: Keras's Layer.call raised "
                                       f"{_first_line(text).rstrip('.')} when it was called, and {subs}; {cause}",
                              cls=cls, attribute=held[0] if held else None, site=site, column=column,
                              layer=layer.name)]
    return []


def _call_at_module_level(cls):
    """(file, line) of a function `call(self, ...)` defined at the top level of the module of `cls`
    (a method dedented out of its class), or None."""
    code = getattr(vars(sys.modules.get(cls.__module__, object)).get("call"), "__code__", None)
    if code is None or code.co_varnames[:1] != ("self",):
        return None
    try:
        same_file = code.co_filename == inspect.getsourcefile(cls)
    except TypeError:
        return None
    return (code.co_filename, code.co_firstlineno) if same_file else None


def _call_nested_in(cls):
    """(file, line, method) of a `def call` nested in a method of `cls` (indented one level too
    deep), or None."""
    for name, function in vars(cls).items():
        code = getattr(function, "__code__", None)
        for const in code.co_consts if code is not None else ():
            if getattr(const, "co_name", None) == "call":
                return const.co_filename, const.co_firstlineno, name
    return None


def _layers_in_traceback(error, held_by_any_name=False) -> list:
    """The Keras layers that frames of the traceback hold as `self` (or, with held_by_any_name, under
    any local name: `Sequential.add(layer)` fails on the layer it was given), outermost first."""
    layer_class = backend.keras_module().layers.Layer
    found = {}
    tb = error.__traceback__
    while tb is not None:
        local = tb.tb_frame.f_locals
        for value in local.values() if held_by_any_name else [local.get("self")]:
            if isinstance(value, layer_class):
                found.setdefault(id(value), value)
        tb = tb.tb_next
    return list(found.values())


def _tracker_list_replaced(error, text, recorder, watch) -> list:
    """LD006: a user layer set `self._layers` (Keras 3's own list of tracked sublayers) to something
    that is not a list (a dict of heads): Keras then fails far from that line, iterating it as a list of
    layers (`'str' object has no attribute 'built'`)."""
    if not isinstance(error, (AttributeError, TypeError)):
        return []
    for layer in _layers_seen(recorder, watch):
        cls = type(layer)
        held = vars(layer).get("_layers")
        if not locate.is_user_class(cls) or held is None or isinstance(held, list):
            continue
        return [findings.make(
            "LD006", f"{cls.__name__} sets self._layers, the name of Keras 3's own list of tracked sublayers, "
                     f"to a {'dict' if isinstance(held, dict) else type(held).__name__}: Keras walks it as a list of layers and fails ({_first_line(text)}); "
                     f"keep the layers under a name of your own", cls=cls, attribute="_layers",
            fix="rename_tracker_list", fix_values={"attr": "_layers"})]
    return []


def _init_site(cls):
    init = vars(cls).get("__init__")
    site = locate.function_site(init) if init is not None else None
    return site if site and locate.is_user_file(site[0]) else locate.class_site(cls)


def _tensor_out_of_scope(error, text, recorder, watch) -> list:
    """LD001 (and LD010 when it is computed from the layer's weights): a graph tensor computed in
    build() and kept on self; build() ran inside a trace, so call() later finds a tensor of a
    graph that no longer exists ("... is out of scope and cannot be used here")."""
    match = re.search(r"<tf\.Tensor '([^']+)'[^>]*> is out of scope", text)
    if not match:
        return []
    name = match.group(1)
    layers = [layer for layer in _layers_seen(recorder, watch) if locate.is_user_class(type(layer))]
    held = [(layer, attribute, value) for layer in layers for attribute, value in vars(layer).items()
            if hasattr(value, "op") and isinstance(getattr(value, "name", None), str)]
    exact = [entry for entry in held if entry[2].name == name]
    # The message names the tensor with the name scope it was made under (`spectral_normalization/
    # truediv:0`); a tf.function that rebinds the attribute leaves a tensor of its own graph there
    # (held-out 21 SN-GAN): then a graph tensor held by the layer of that scope, the same op first.
    scope, _, op = name.rpartition("/")
    loose = sorted((entry for entry in held if entry[0].name == scope.split("/")[-1]),
                   key=lambda entry: entry[2].name != op)
    for layer, attribute, value in exact or loose:
        cls = type(layer)
        in_call = locate.assigned_in(cls, attribute, "call")
        in_build = locate.assigned_in(cls, attribute, "build")
        if in_call is not None and (in_build is None or "add_weight(" in linecache.getline(*in_build)) \
                and not _reads_itself(in_call, attribute):
            # call() itself keeps the tensor (a calibration range recorded during predict()):
            # state created in call(), made anew on every call and tied to that call's graph
            return [findings.make(
                "LD002", f"{cls.__name__}.{attribute} is a tensor computed in call() and kept on self: it is "
                         f"no variable (never saved, made anew on every call), and once a traced call "
                         f"(predict(), fit()) has run it belongs to that call's graph, so a later call cannot "
                         f"use it; Keras raised {_first_line(text)}. Keep such state in a non-trainable "
                         f"variable made in build() and .assign() it in call()",
                cls=cls, attribute=attribute, site=in_call)]
        site = locate.attribute_site(cls, attribute)
        found = [findings.make(
            "LD001", f"{cls.__name__}.{attribute} is a tensor computed in build() and kept on self: it "
                     f"belongs to the graph Keras traced while building, so call() cannot use it; Keras "
                     f"raised {_first_line(text)}", cls=cls, attribute=attribute, site=site)]
        if _reads_variables(value) or _statement_reads_weights(layer, site):
            found.append(findings.make(
                "LD010", f"{cls.__name__}.{attribute} is computed from the layer's weights once, in "
                         f"build(): call() would use a frozen copy and the weights it reads get no "
                         f"gradient; compute it in call()", cls=cls, attribute=attribute, site=site))
        return found
    return []


def _reads_itself(site, attribute: str) -> bool:
    """`self.kernel = normalize(self.kernel)`: the variable overwritten by a tensor derived from it (LD010's
    business, not state made in call())."""
    line = linecache.getline(*site)
    return re.search(rf"=.*\bself\.{re.escape(attribute)}\b", line) is not None


def _leaked_tracer(error, text, recorder, watch) -> list:
    """LD003 (LD001 for a keras.ops tensor) on JAX: an array made in the build() of a nested layer
    that Keras built by tracing the outer call(): the array kept on self is a tracer of a trace that
    has ended, and the first real call raises UnexpectedTracerError (BEHAVIOUR.md, LD003b)."""
    if "UnexpectedTracerError" not in text:
        return []
    import linecache

    from . import backend

    for layer in _layers_seen(recorder, watch):
        if not locate.is_user_class(type(layer)):
            continue
        for attribute, value in backend.attributes(layer).items():
            if not backend.is_leaked_tracer(value):
                continue
            cls = type(layer)
            site = locate.attribute_site(cls, attribute)
            statement = linecache.getline(site[0], site[1]) if site else ""
            code = "LD003" if backend.made_by_backend(statement) else "LD001"
            return [findings.make(
                code, f"{cls.__name__}.{attribute} is an array made in build() while Keras traced an outer "
                      f"layer's call() to build it: it is not a variable, so it holds a tracer of that "
                      f"finished trace (and Keras would not track it anyway); create it with "
                      f"self.add_weight(); JAX raised {_first_line(text)}",
                cls=cls, attribute=attribute, site=site)]
    return []


_JAX_RNG = "[JAX RNG]"
_VARIABLE_MAKERS = {"Variable", "variable", "add_weight", "add_variable"}


def _random_state_in_traced_call(error, text, recorder, watch) -> list:
    """LD002 on JAX: building a functional model traces call(), and a variable created there from
    an unseeded random op (or a random tensor kept on self) raises "[JAX RNG] ... only use seeded
    random ops" (BEHAVIOUR.md, E3). A random op whose result is neither a variable nor kept on self
    (noise added to the output) is not state created per call: not ours."""
    if _JAX_RNG not in text:
        return []
    import ast

    frame, line = locate.deepest_user_frame(error)
    if frame is None or frame.f_code.co_name != "call":
        return []
    statement = locate.statement_at((frame.f_code.co_filename, line))
    if statement is None:
        return []
    makes_variable = any(isinstance(n, ast.Call) and _callee_name(n.func) in _VARIABLE_MAKERS for n in ast.walk(statement))
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else []
    kept = next((t.attr for t in targets if isinstance(t, ast.Attribute) and getattr(t.value, "id", None) == "self"),
                None)
    if not makes_variable and kept is None:
        return []
    cls = _self_class(frame)
    owner = cls.__name__ if cls else "a layer"
    what = "creates a variable in call(): a new one on every call" if makes_variable else \
        f"sets self.{kept} to a new random value in call(): state made again on every call"
    return [findings.make(
        "LD002", f"{owner} {what}, from an unseeded random op that JAX cannot trace while Keras builds the "
                 f"model; JAX raised {_matching_line(error, re.escape(_JAX_RNG))}",
        cls=cls, attribute=kept, site=(frame.f_code.co_filename, statement.lineno))]


def _callee_name(func) -> str | None:
    return func.attr if hasattr(func, "attr") else getattr(func, "id", None)


def _statement_reads_weights(layer, site) -> bool:
    """The assignment at `site` reads one of the layer's own variables (`self.w * 0.5`)."""
    import linecache

    if not site:
        return False
    text = linecache.getline(site[0], site[1])
    _, _, right = text.partition("=")
    return any(hasattr(vars(layer).get(name), "assign") for name in re.findall(r"self\.(\w+)", right))


def _reads_variables(tensor, limit=200) -> bool:
    stack, seen = [getattr(tensor, "op", None)], set()
    while stack and len(seen) < limit:
        op = stack.pop()
        if op is None or id(op) in seen:
            continue
        seen.add(id(op))
        if op.type in ("ReadVariableOp", "VarHandleOp"):
            return True
        stack.extend(t.op for t in op.inputs)
    return False


def _keras_tensor_in_function(error, text, recorder, watch) -> list:
    """LD012: a Lambda whose function reaches a symbolic tensor from outside (a closure, `arguments=`,
    a default): Keras cannot infer its output, or hands the KerasTensor to a TensorFlow op."""
    if "KerasTensor" not in text and "infer the shape of the Lambda" not in text:
        return []
    keras = backend.keras_module()
    for layer in _failed_layers(recorder):
        if not isinstance(layer, keras.layers.Lambda):
            continue
        function = getattr(layer, "function", None)
        reads = _outside_values(layer, function)
        if not reads:
            continue
        site = locate.function_site(function) if function is not None else None
        what = f" (it reads {', '.join(reads)})"
        created = watch.site_of(layer) if watch is not None else None
        return [findings.make(
            "LD012", f"Lambda '{layer.name}'{what} runs its function on values from outside its inputs: "
                     f"building it raised {_first_line(text)}; pass every tensor as an input of the Lambda "
                     f"and keep variables and layers in a custom layer", site=created or site)]
    return []


# Keras 3 refuses a KerasTensor in a backend op ("A KerasTensor cannot be used as input to a TensorFlow
# function"; JAX and torch say the same of theirs): Keras 2 code that takes `tf.shape(inputs)` while wiring, for
# a Lambda's function to read later as a global or closure, now fails on that line, before the Lambda exists
# (held-out 43's DSen2-CR: `shape_n = tf.shape(input_opt)`, then `Lambda(concatenate_array)` reading shape_n).
_KERAS_TENSOR_IN_OP = re.compile(r"KerasTensor cannot be used as input to a \w+ function")


def _keras_tensor_read_by_a_later_lambda(error, text, recorder, watch) -> list:
    """LD012: the failing line stores a backend op's result on a KerasTensor, and a `Lambda` that the same
    function makes after it reads that name (in its function, a lambda, or `arguments=`)."""
    if not _KERAS_TENSOR_IN_OP.search(text):
        return []
    frame, line = locate.deepest_user_frame(error)
    if frame is None:
        return []
    try:
        lines, start = inspect.getsourcelines(frame.f_code)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return []
    offset = start - 1 if frame.f_code.co_name != "<module>" else 0
    failing = [node for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
               and node.lineno + offset <= line <= (node.end_lineno or node.lineno) + offset]
    tainted = {target.id for node in failing for target in ast.walk(node.targets[0] if isinstance(node, ast.Assign)
                                                                    else node.target) if isinstance(target, ast.Name)}
    if not tainted:
        return []
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.lineno + offset > line),
                       key=lambda n: n.lineno):  # `batch = shape_n[0]` after it: the Lambda may read that
        if _names_read(node.value) & tainted:
            tainted |= {t.id for target in node.targets for t in ast.walk(target) if isinstance(t, ast.Name)}
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for call in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and locate.callee(n.func) == "Lambda"
                        and n.lineno + offset > line), key=lambda n: n.lineno):
        given = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "function"), None)
        body = functions.get(given.id) if isinstance(given, ast.Name) else given
        read = _names_read(body) if isinstance(body, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)) else set()
        for keyword in call.keywords:
            if keyword.arg == "arguments":
                read |= _names_read(keyword.value)
        found = sorted(read & tainted)
        if not found:
            continue
        name = given.id if isinstance(given, ast.Name) else "lambda"
        indent = len(lines[0]) - len(lines[0].lstrip()) if offset else 0  # (the source was dedented to parse)
        return [findings.make(
            "LD012", f"Lambda({name}) reads {', '.join(found)}, which line {line} computes from a KerasTensor while "
                     f"the model is wired ({_source_line(frame, line).strip()[:60]}): Keras 3 lets no KerasTensor "
                     f"into a backend op, so building raised {_first_line(text)}; compute it inside the Lambda's "
                     f"function from its input (tf.shape(x)), or pass the tensor as an input of the Lambda",
            site=(frame.f_code.co_filename, call.lineno + offset), column=call.col_offset + indent + 1,
            fix="captured_tensor", fix_values={"attr": name if name != "lambda" else "function"})]
    return []


def _names_read(node) -> set:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} if node else set()


def _chain(error: BaseException):
    """`error` and the exceptions it was raised from or while handling, outermost first."""
    seen = []
    while error is not None and all(error is not e for e in seen):
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def _variable_made_in_lambda_function(error, text, recorder, watch) -> list:
    """LD002 + LD012: Keras 3 infers a Lambda's output shape by tracing its function while the model
    is wired; a function that creates a tf.Variable (an attention helper's W and b made per call,
    written for Keras 2) fails in that trace ("could not be lifted out of a tf.function"), and Keras
    reports only "could not automatically infer the shape of the Lambda's output". The cause is
    read from the chained exception: the variable is created by user code running inside a Lambda's
    function. Each run would make new variables no layer tracks (never trained or saved)."""
    if "infer the shape of the Lambda" not in text:
        return []
    keras = backend.keras_module()
    for inner in _chain(error)[1:]:
        if not re.search(_LIFTING, str(inner)):
            continue
        lambda_layer, frame, line = None, None, None
        tb = inner.__traceback__
        while tb is not None:
            here = tb.tb_frame
            owner = here.f_locals.get("self")
            if isinstance(owner, keras.layers.Lambda):
                lambda_layer = owner
            if lambda_layer is not None and locate.is_user_file(here.f_code.co_filename):
                frame, line = here, tb.tb_lineno  # the innermost user line: where the variable is made
            tb = tb.tb_next
        if frame is None:
            continue
        if lambda_layer is None:  # the Lambda's frame was filtered out: the function's own frame tells
            lambda_layer = next((layer for layer in _failed_layers(recorder)
                                 if isinstance(layer, keras.layers.Lambda)), None)
        site = (frame.f_code.co_filename, line)
        name = f"Lambda '{lambda_layer.name}'" if lambda_layer is not None else "a Lambda"
        function = getattr(lambda_layer, "function", None)
        made = watch.site_of(lambda_layer) if watch is not None and lambda_layer is not None else None
        at = made or (locate.function_site(function) if function is not None else None)
        raised = _matching_line(inner, _LIFTING)
        return [
            findings.make(
                "LD002", f"The function of {name} creates a variable each time it runs (at {findings.where(site)}, "
                         f"in {frame.f_code.co_name}()): Keras could not build the Lambda (it traces the function to "
                         f"infer its output shape, and {raised}); given an output_shape, every call would make new "
                         f"variables that are never trained or saved", site=site, fix="lambda_function"),
            findings.make(
                "LD012", f"{name} runs a function that creates variables (at {findings.where(site)}): a Lambda tracks "
                         f"no state, so they would be neither counted, trained nor saved; building the model failed "
                         f"with {_first_line(text)}; use a subclassed Layer that creates its weights once, in build()",
                site=at, constructed="Lambda" if at is made and made else None, fix="created",
                layer=lambda_layer.name if lambda_layer is not None else None),
        ]
    return []


def _outside_values(layer, function) -> list:
    names = []
    for key, value in (getattr(layer, "arguments", None) or {}).items():
        if hasattr(value, "shape") or hasattr(value, "weights"):
            names.append(f"arguments['{key}']: {type(value).__name__}")
    closure = getattr(function, "__closure__", None) or ()
    for name, cell in zip(getattr(getattr(function, "__code__", None), "co_freevars", ()), closure):
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if hasattr(value, "shape") or hasattr(value, "weights"):
            names.append(f"{name}: {type(value).__name__}")
    return names


def _variables_created_in_lambda(error, text, recorder, watch) -> list:
    """tf.keras 2 refuses a Lambda whose function creates variables ("The following Variables were
    created within a Lambda layer"): LD012 when the function builds a layer it captured (made
    before the Lambda), LD002 when it makes a new layer on every run."""
    if "were created within a Lambda layer" not in text:
        return []
    keras = backend.keras_module()
    order = list(watch.created) if watch is not None else []
    for layer in _failed_layers(recorder):
        if not isinstance(layer, keras.layers.Lambda):
            continue
        inside = [c for c in recorder.calls if c.parent is not None and c.parent.layer is layer]
        made_later = [c for c in inside if id(c.layer) in order and id(layer) in order
                      and order.index(id(c.layer)) > order.index(id(layer))]
        raised = _matching_line(error, "were created within a Lambda layer")
        if made_later and len(made_later) == len(inside):
            call = made_later[0]
            return [findings.make(
                "LD002", f"Lambda '{layer.name}' creates a new {type(call.layer).__name__} each time its function runs "
                         f"(at {findings.where(call.site)}): its weights are never trained or saved; tf.keras 2 "
                         f"raised {raised}", site=call.site or (watch.site_of(layer) if watch else None))]
        function = getattr(layer, "function", None)
        site = (watch.site_of(layer) if watch is not None else None) or \
            (locate.function_site(function) if function is not None else None)
        return [findings.make(
            "LD012", f"Lambda '{layer.name}' builds a layer or variable it captured from outside its inputs: it is "
                     f"not tracked by the Lambda, so it is never trained or saved; tf.keras 2 raised {raised}",
            site=site, layer=layer.name)]
    return []


# TF, Keras's symbolic ops ("Inner dimensions ... must be equal"), torch, JAX (dot_general)
_SHAPE_MISMATCH = re.compile(r"size-incompatible|must be equal|Incompatible shapes|"
                             r"shapes? .* (?:are )?(?:in)?compatible|cannot be multiplied|Matrix size|"
                             r"contracting dimensions")


def is_shape_mismatch(error: BaseException) -> bool:
    """Whether `error` is an op refusing its operands' shapes (a matmul, a broadcast)."""
    return bool(_SHAPE_MISMATCH.search(f"{type(error).__name__}: {error}"))


def _fixed_input_dim(error, text, recorder, watch) -> list:
    """LD004: a user layer created its weights in __init__ with a hand-given input size, and the
    input it is called on has another size (a matmul/shape error inside its call())."""
    if not _SHAPE_MISMATCH.search(text):
        return []
    failed = recorder.first_failure if recorder is not None else None
    if failed is None or not failed.input_shapes or not locate.is_user_class(type(failed.layer)):
        return []
    layer = failed.layer
    got = failed.input_shapes[0]
    if not got or got[-1] is None:
        return []
    init = getattr(type(layer), "__init__", None)
    try:
        import inspect

        source = inspect.getsource(init)
    except (TypeError, OSError):
        return []
    if "add_weight" not in source and "Variable(" not in source:
        return []
    if "build" in vars(type(layer)) and "add_weight" in inspect.getsource(type(layer).build):
        return []
    for attribute, value in vars(layer).items():
        shape = getattr(value, "shape", None)
        if not hasattr(value, "assign") or not shape or len(shape) < 2:
            continue
        if int(shape[0]) != got[-1]:
            cls = type(layer)
            return [findings.make(
                "LD004", f"{cls.__name__} creates {attribute} in __init__ with a fixed input size "
                         f"{int(shape[0])} (shape {tuple(int(d) for d in shape)}), but '{layer.name}' is called on "
                         f"inputs with {got[-1]} features; create the weight in build(input_shape) from "
                         f"input_shape[-1]; Keras raised {_first_line(text)}",
                cls=cls, attribute=attribute, site=locate.attribute_site(cls, attribute))]
    return []


def symbolic_output(model, watch=None) -> list:
    """LD012: a call on data returned a KerasTensor (no values): a Lambda of the model computes with
    a symbolic tensor it reaches from outside its inputs (`arguments=`, a closure). Keras raises
    nothing; predict() and fit() fail later, and the layers that produced that tensor are not part
    of the model."""
    keras = backend.keras_module()
    found = []
    for layer in model._flatten_layers(include_self=True):
        if not isinstance(layer, keras.layers.Lambda):
            continue
        function = getattr(layer, "function", None)
        reads = [r for r in _outside_values(layer, function) if "KerasTensor" in r]
        if not reads:
            continue
        created = watch.site_of(layer) if watch is not None else None
        site = created or (locate.function_site(function) if function is not None else None)
        found.append(findings.make(
            "LD012", f"Lambda '{layer.name}' reads a symbolic tensor from outside its inputs ({', '.join(reads)}): "
                     f"a call on data returns a KerasTensor instead of values, and the layers that "
                     f"produced that tensor are not part of the model (their weights are not counted, "
                     f"saved or trained); pass it as an input of the Lambda: Lambda(f)([x, y])",
            site=site, layer=layer.name))
    return found
