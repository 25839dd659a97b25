"""LD006 (Keras 3): sublayers that are tracked (they run, are counted and trained) but that saving
never reaches, because a user layer keeps them under one of Keras's own attribute names
(`self._layers = [...]`): Keras's saving walk skips every name a plain Layer has, so
save_weights()/save() write none of their weights and load_weights() restores none.

Which layers saving reaches is asked of Keras itself: its own saving walk, run with no file
to write to, lists every object a save would visit.
"""

from __future__ import annotations

from .. import backend, findings
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
