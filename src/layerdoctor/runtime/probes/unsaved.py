"""LD006 (Keras 3): sublayers that are tracked (they run, are counted and trained) but that saving
never reaches, because a user layer keeps them under one of Keras's own attribute names
(`self._layers = [...]`): Keras's saving walk skips every name a plain Layer has, so
save_weights()/save() write none of their weights and load_weights() restores none.

Which layers saving reaches is asked of Keras itself: its own saving walk, run with no file
to write to, lists every object a save would visit.
"""

from __future__ import annotations

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class


def _visited_by_saving(model) -> set | None:
    """ids of the objects `model.save_weights()` visits; None where that cannot be asked
    (tf.keras 2, or a Keras whose saving code is laid out differently)."""
    if backend.is_tf_keras():
        return None
    try:
        from keras.src.saving import saving_lib

        visited: set = set()
        saving_lib._save_state(model, None, None, "", visited)  # no store: walks, writes nothing
        return visited
    except Exception:  # noqa: BLE001 - no answer from Keras: no finding
        return None


def _skipped_names(layer) -> set:
    try:
        from keras.src.saving import saving_lib

        return set(saving_lib.get_attr_skipset(layer._obj_type()))
    except Exception:  # noqa: BLE001
        return set()


def _holds(value, layer, depth=0) -> bool:
    """Is `layer` the value, or in the list/tuple/dict it is (nested a little)?"""
    if value is layer:
        return True
    if depth > 2:
        return False
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds(item, layer, depth + 1) for item in value)
    return False


def _reserved_holder(inspection, layer):
    """(user layer, attribute) holding `layer` under a name Keras's saving skips, else (None, None)."""
    for node in inspection.nodes():
        holder = node.layer
        if holder is layer or not is_user_class(type(holder)):
            continue
        skipped = None
        for name, value in backend.attributes(holder).items():
            if name.startswith("__") or not _holds(value, layer):
                continue
            skipped = _skipped_names(holder) if skipped is None else skipped
            if name in skipped:
                return holder, name
    return None, None


def unsaved_sublayers(inspection: Observation, explained: Explained) -> ProbeResult:
    result = ProbeResult()
    visited = _visited_by_saving(inspection.model)
    if visited is None:
        return result
    hidden: dict[tuple[int, str], tuple] = {}  # (id of the holder, attribute) -> (holder, [(node, variables)])
    for node in inspection.nodes():
        variables = backend.own_variables(node.layer)
        if not variables or id(node.layer) in visited:
            continue
        holder, attribute = _reserved_holder(inspection, node.layer)
        if holder is None:
            continue
        hidden.setdefault((id(holder), attribute), (holder, attribute, []))[2].append((node, variables))
    for holder, attribute, lost in hidden.values():
        cls = type(holder)
        count = sum(len(v) for _, v in lost)
        names = ", ".join(f"{node.class_name} '{node.name}'" for node, _ in lost[:4])
        names += f" and {len(lost) - 4} more" if len(lost) > 4 else ""
        result.findings.append(findings.make(
            "LD006", f"{cls.__name__}.{attribute} holds {names} under a name Keras 3 keeps for its own use "
                     f"(every plain Layer has self.{attribute}): the layers run, are counted and trained, but "
                     f"saving skips that name, so save_weights() and save() write none of their {count} weights "
                     f"and load_weights() restores none; use another name",
            cls=cls, attribute=attribute, fix="rename_tracker_list",
            layers=[node.path for node, _ in lost]))
    return result


# -- weight-list properties of the user's own that raise when read ------------------------

_WEIGHT_LISTS = ("trainable_weights", "non_trainable_weights", "weights",
                 "trainable_variables", "non_trainable_variables", "variables")


def weight_list_property_raises(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD006 (Keras 3): a user layer overrides a weight-list property (`trainable_weights`, ...)
    with one that reads tf.keras 2's private lists (`self.layer.trainable_weights +
    self._trainable_weights`, tfmot's wrappers). Keras 3 has no such attribute, so every direct
    read of `layer.trainable_weights` raises AttributeError (a custom training loop, a freeze or
    strip step), while Keras's own tracker still collects the weights, so summary() and fit()
    run and hide it. Measured by reading each overridden property once, after the calls."""
    import re

    result = ProbeResult()
    for node in inspection.nodes():
        layer, cls = node.layer, type(node.layer)
        for name in _WEIGHT_LISTS:
            owner = next((c for c in cls.__mro__ if name in vars(c)), None)
            if owner is None or not is_user_class(owner) or not isinstance(vars(owner)[name], property):
                continue
            try:
                getattr(layer, name)
                continue
            except AttributeError as error:
                missing = re.search(r"has no attribute '(_\w+)'", str(error))
                if missing is None:  # not a private list Keras 3 lacks: another failure
                    continue
                frame, line = locate.deepest_user_frame(error)
                raised = str(error).splitlines()[0][:120]
            site = (frame.f_code.co_filename, line) if frame is not None else \
                locate.function_site(vars(owner)[name].fget)
            result.findings.append(findings.make(
                "LD006", f"{owner.__name__}.{name} is a property of its own that reads {missing.group(1)}, a "
                         f"private list Keras 3 does not have: reading {node.name}.{name} raises "
                         f"AttributeError ({raised}), so a training loop or a "
                         f"freeze/strip step that reads it fails, while Keras's tracker still collects the "
                         f"weights and summary() and fit() hide it; return the layer's own weights "
                         f"(self.layer.{name} + [self.my_weight]) or drop the override",
                cls=owner, attribute=name, site=site, layer=node.path))
    return result
