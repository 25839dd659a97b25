"""Watch the target construct its layers: where each layer is created, and what a user layer
set on itself before `Layer.__init__` ran and `Layer.__init__` then silently reset (LD013).

`ConstructionWatch` swaps `keras.layers.Layer.__init__` for a thin wrapper only while the
target function runs, and puts the original back on exit. Every layer class reaches
`Layer.__init__` through `super().__init__()`, so the wrapper sees each construction once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from . import backend, locate


@dataclass
class Reset:
    """`layer.<attribute>` was set before Layer.__init__ and Layer.__init__ overwrote it."""

    layer: object
    attribute: str  # as the user wrote it (`trainable`, not `_trainable`)
    before: object
    after: object
    site: tuple[str, int] | None  # the user's `super().__init__(...)` line
    again: bool = False  # reset by a second super().__init__() call, not set before the first
    kept_in: str | None = None  # the attribute Keras reads instead (`name` for a `_name` set by hand)


# Attributes Keras sets on a fresh instance before __init__ runs (Layer.__new__): measured
# once on a built-in layer, so they are never mistaken for the user's.
_BASELINE: set | None = None


@dataclass
class ConstructionWatch:
    created: dict = field(default_factory=dict)  # id(layer) -> (layer, (file, line) or None)
    resets: list[Reset] = field(default_factory=list)
    # id(layer) -> [(parameter, value)] a user layer's constructor was given (defaults included,
    # one level into tuples, lists and dicts): what the caller handed it as data
    arguments: dict = field(default_factory=dict)
    # id(layer) -> (layer, user line): the target read `layer.get_weights()` while the layer was
    # unbuilt and got [] (deepchem copies the weights out of a model it never called)
    empty_reads: dict = field(default_factory=dict)
    # (variable, user line) of every backend variable the target made (TF: also those inside Keras
    # variables), for the graph-constant check: a tf.Variable a plain object made, baked into the wiring
    native_variables: list = field(default_factory=list)
    _original: object = None
    _original_get_weights: object = None
    _init_callers: dict = field(default_factory=dict)  # id(layer) -> code of the frame that ran Layer.__init__
    _init_settings: dict = field(default_factory=dict)  # id(layer) -> settings that first call passed
    _depth: int = 0

    def __enter__(self):
        layer_class = backend.keras_module().layers.Layer
        self._original = original = layer_class.__init__
        watch = self

        def watching_init(layer, *args, **kwargs):
            outer = id(layer) not in watch.created
            if not outer:
                caller = sys._getframe(1)
                if watch._init_callers.get(id(layer)) is caller.f_code and locate.is_user_class(type(layer)):
                    # the same user __init__ runs Layer.__init__ a second time (held-out 22's BoTNet
                    # attention): what the first call set (name, trainable) goes back to the defaults
                    return _second_init(watch, original, layer, caller, args, kwargs)
                return original(layer, *args, **kwargs)
            caller = sys._getframe(1)
            watch._init_callers[id(layer)] = caller.f_code
            # `name=None` handed on from the user's own default is Keras's default, not a choice
            watch._init_settings[id(layer)] = {k for k, v in kwargs.items() if k in _SETTINGS and v is not None}
            watch.created[id(layer)] = (layer, _creation_site(caller, layer))
            if locate.is_user_class(type(layer)):
                watch.arguments[id(layer)] = _constructor_arguments(caller, layer)
            before = _set_before_init(layer) if locate.is_user_class(type(layer)) else {}
            result = original(layer, *args, **kwargs)
            if before:
                after = vars(layer)
                for name, value in before.items():
                    if name in after and after[name] is not value and not _equal(after[name], value):
                        watch.resets.append(Reset(layer, _public_name(type(layer), name), value, after[name],
                                                  locate.user_site(caller)))
                    elif (shadowed := _setting_kept_elsewhere(layer, name, value)) is not None:
                        watch.resets.append(Reset(layer, name, value, shadowed, locate.user_site(caller),
                                                  kept_in=name[1:]))
            return result

        self._original_get_weights = get_weights = layer_class.get_weights

        def watching_get_weights(layer, *args, **kwargs):
            values = get_weights(layer, *args, **kwargs)
            if not values and not getattr(layer, "built", True):
                watch.empty_reads.setdefault(id(layer), (layer, locate.user_site(sys._getframe(1))))
            return values

        layer_class.__init__ = watching_init
        layer_class.get_weights = watching_get_weights
        return self

    def __exit__(self, *exc) -> None:
        layer_class = backend.keras_module().layers.Layer
        layer_class.__init__ = self._original
        layer_class.get_weights = self._original_get_weights

    def site_of(self, layer):
        entry = self.created.get(id(layer))
        return entry[1] if entry is not None and entry[0] is layer else None

    def initialised(self, layer) -> bool:
        """Did Layer.__init__ run for `layer` while the watch was on?"""
        entry = self.created.get(id(layer))
        return entry is not None and entry[0] is layer


_SETTINGS = ("name", "trainable", "dtype")


def _second_init(watch, original, layer, caller, args, kwargs):
    before = {name: getattr(layer, name, None) for name in _SETTINGS}
    result = original(layer, *args, **kwargs)
    # a setting the first call passed and this one does not is dropped, even when the default happens
    # to equal it (the name Keras would have picked anyway); one that changed is reset whoever set it
    passed = watch._init_settings.get(id(layer), set())
    dropped = passed - set(kwargs)
    for name, value in before.items():
        after = getattr(layer, name, None)
        if name == "name" and name not in passed:
            continue  # a name Keras picked moves on to the next free one ('net' -> 'net_1'): nobody chose it
        if after != value or name in dropped:
            watch.resets.append(Reset(layer, name, value, after, locate.user_site(caller), again=True))
    return result


def _creation_site(frame, layer):
    """The user line that created the layer: skip the layer's own __init__ chain (`self` is it)."""
    while frame is not None and frame.f_code.co_name == "__init__" and frame.f_locals.get("self") is layer:
        frame = frame.f_back
    return locate.user_site(frame)


def _constructor_arguments(frame, layer) -> list:
    """The parameters of the outermost __init__ of `layer` running in `frame`'s chain (the class the
    caller constructed), flattened one level into tuples, lists and dicts."""
    outermost = None
    while frame is not None and frame.f_code.co_name == "__init__" and frame.f_locals.get("self") is layer:
        outermost, frame = frame, frame.f_back
    if outermost is None:
        return []
    code = outermost.f_code
    count = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)
    values = []
    for name in code.co_varnames[1:count]:  # [0] is self
        value = outermost.f_locals.get(name)
        if isinstance(value, dict):
            values.extend((f"{name}[{key!r}]", item) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            values.extend((f"{name}[{index}]", item) for index, item in enumerate(value))
        else:
            values.append((name, value))
    return values


def _baseline() -> set:
    global _BASELINE
    if _BASELINE is None:
        keras = backend.keras_module()
        _BASELINE = set(vars(keras.layers.Layer.__new__(keras.layers.Layer)).keys())
    return _BASELINE


def _set_before_init(layer) -> dict:
    skip = _baseline()
    return {k: v for k, v in vars(layer).items() if k not in skip and not k.startswith("_self_")}


def _setting_kept_elsewhere(layer, name, value):
    """`self._name = name` before Layer.__init__ (tf.keras 2 kept the name there): Keras 3 keeps it in
    `name`, which Layer.__init__ set to its own default, so the value set is never used. The public
    value when it differs from the one set; else None."""
    public = name[1:] if name.startswith("_") and not name.startswith("__") else None
    if public not in _SETTINGS or not isinstance(value, (str, bool)):
        return None
    current = getattr(layer, public, None)
    return current if not _equal(current, value) else None


def _equal(a, b) -> bool:
    if isinstance(a, (bool, int, float, str, type(None))) and isinstance(b, (bool, int, float, str, type(None))):
        return a == b and type(a) is type(b)
    return False


def _public_name(cls, name: str) -> str:
    """`_trainable` -> `trainable` when the class exposes it as a property (what the user wrote)."""
    public = name.lstrip("_")
    if public != name and isinstance(getattr(cls, public, None), property):
        return public
    return name
