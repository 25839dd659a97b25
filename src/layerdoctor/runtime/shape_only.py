"""`inspect --shape-only`: the tree, totals, memory and the findings that need no data, for a
model built without allocating a single weight.

The target is constructed and called on symbolic inputs inside `backend.no_allocation()`
(`keras.StatelessScope(initialize_variables=False)`): every variable has its shape and dtype,
none has a value. The probes that need values (gradients, the outputs' values) are skipped and
the report says so.
"""

from __future__ import annotations

from ..catalog import RULES
from . import backend
from .context import Explained, Observation, ProbeResult
from .probes import PROBES, gradients, shadowed

# The probes that read values: what they find needs the weights to exist.
NEEDS_VALUES = {
    gradients.no_gradient: ("LD009", "it differentiates the outputs with respect to the weights"),
    shadowed.variable_shadowed: ("LD010", "it compares the outputs before and after changing a weight"),
}


def unproven_shadows(inspection: Observation, explained: Explained) -> ProbeResult:
    """In place of LD010's probe: an attribute that may hold a stale copy of a weight (the copy
    made while building, from the initializer) is not called raw state (LD001); without values
    LD010 itself cannot be proved, and the report lists it as not checked."""
    result = ProbeResult()
    for node, _, attribute in shadowed.shadow_candidates(inspection):
        result.explains.attributes.add((id(node.layer), attribute))
    return result


PROBES_WITHOUT_DATA = tuple(unproven_shadows if probe is shadowed.variable_shadowed else probe
                            for probe in PROBES if probe is not gradients.no_gradient)

# Optimizer state: slot variables per trainable weight, each of the weight's shape and dtype.
OPTIMIZER_SLOTS = {"adam": 2, "sgd_momentum": 1}  # Adam and AdamW: m and v; SGD: momentum


def skipped() -> list[dict]:
    """The checks a shape-only inspection does not run, and why, for the report."""
    return [{"code": code, "name": RULES[code].name, "why": why} for code, why in NEEDS_VALUES.values()]


def symbolic_inputs(inputs):
    """KerasTensors of the shapes and dtypes of `inputs` (arrays or tensors): calling the model on
    them builds it and records its calls without computing any value."""
    keras = backend.keras_module()

    def symbolic(value):
        if not hasattr(value, "shape") or not hasattr(value, "dtype"):
            return value
        dtype = getattr(value.dtype, "name", value.dtype)
        return keras.KerasTensor(tuple(value.shape), dtype=str(dtype))

    return keras.tree.map_structure(symbolic, inputs)


def memory(tree) -> dict:
    """Bytes of the weights per dtype, alone and with each optimizer's slots, counting every
    variable once (tied weights and shared layers as in the tree's totals).

    {"dtypes": [{"dtype", "params", "trainable_params", "weights", "with_adam",
    "with_sgd_momentum"}], "total": {"weights", "with_adam", "with_sgd_momentum"}, "slots": {...}}"""
    seen: set[int] = set()
    per_dtype: dict[str, dict] = {}

    def visit(node, parent_trainable: bool) -> None:
        if node.shared_ref is not None:
            return
        layer_trainable = parent_trainable and bool(getattr(node.layer, "trainable", True))
        for variable in backend.own_variables(node.layer):
            if id(variable) in seen:
                continue
            seen.add(id(variable))
            dtype = str(getattr(variable.dtype, "name", variable.dtype))
            row = per_dtype.setdefault(dtype, {"dtype": dtype, "params": 0, "trainable_params": 0, "itemsize": 0})
            size = backend.size_of(variable)
            row["params"] += size
            row["itemsize"] = backend.itemsize_of(variable)
            if variable.trainable and layer_trainable:
                row["trainable_params"] += size
        for child in node.children:
            visit(child, layer_trainable)

    visit(tree, True)
    rows = []
    for row in sorted(per_dtype.values(), key=lambda r: -r["params"] * r["itemsize"]):
        itemsize = row.pop("itemsize")
        row["weights"] = row["params"] * itemsize
        for name, slots in OPTIMIZER_SLOTS.items():
            row[f"with_{name}"] = row["weights"] + slots * row["trainable_params"] * itemsize
        rows.append(row)
    columns = ("weights", *(f"with_{name}" for name in OPTIMIZER_SLOTS))
    return {"dtypes": rows, "total": {c: sum(r[c] for r in rows) for c in columns}, "slots": dict(OPTIMIZER_SLOTS)}


def available_memory() -> int | None:
    """Bytes of memory free for a new allocation (Linux MemAvailable), None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import os

        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
