"""The parameter tree: every layer by path, with own and total parameters.

A layer reachable twice (shared) appears once with its children; the second place shows only
a reference to the first. A variable owned by two layers (tied weights) is counted at its first
owner and marked on the second. Weight-like state Keras does not track is listed apart as
`UntrackedState`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..formatting import format_shape
from . import backend, locate


@dataclass
class Node:
    path: str
    name: str
    class_name: str
    own_params: int = 0
    params: int = 0  # own + children, each variable counted once in the whole tree
    trainable_params: int = 0
    non_trainable_params: int = 0
    bytes: int = 0  # memory of its parameters (own + children), from each variable's dtype
    output_shape: object = None
    built: bool = True
    shared_calls: int = 1  # calls in one forward pass (or functional nodes)
    call_sites: list = field(default_factory=list)  # "file:line" strings
    also_at: list = field(default_factory=list)  # other paths reaching the same layer
    shared_ref: str | None = None  # set on a repeat: the path where the layer is shown
    tied: list = field(default_factory=list)  # [(variable path, first owner path)]
    children: list = field(default_factory=list)
    layer: object = field(default=None, repr=False, compare=False)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "name": self.name,
            "class": self.class_name,
            "params": self.params,
            "own_params": self.own_params,
            "trainable_params": self.trainable_params,
            "non_trainable_params": self.non_trainable_params,
            "bytes": self.bytes,
            "output_shape": _shape_list(self.output_shape),
            "built": self.built,
            "shared_calls": self.shared_calls,
            "children": [c.to_dict() for c in self.children],
        }
        if self.call_sites:
            data["call_sites"] = self.call_sites
        if self.also_at:
            data["also_at"] = self.also_at
        if self.shared_ref:
            data["shared_ref"] = self.shared_ref
        if self.tied:
            data["tied"] = [{"variable": v, "owner": o} for v, o in self.tied]
        return data


@dataclass
class UntrackedState:
    """Weight-like state that Keras does not track: never trained, never saved."""

    what: str  # "tf.Variable float32 (4, 3)", "Dense 'dense_2'", "ndarray float32 (4,)"
    owner: str  # tree path of the layer it hangs from ("" for a global)
    attribute: str  # how it is reached: "heads.classifier", "branch.<closure>.proj"
    count: int  # number of values
    code: str  # the finding code that explains it
    site: tuple | None = None  # (file, line)

    def to_dict(self) -> dict:
        return {
            "what": self.what,
            "owner": self.owner,
            "attribute": self.attribute,
            "count": self.count,
            "code": self.code,
            "where": None if not self.site else f"{self.site[0]}:{self.site[1]}",
        }


def _shape_list(shape):
    """A shape as JSON: [null, 4] (None for an unknown dimension); several outputs: a list of
    those; a shape Keras gives as text stays text; None when unknown."""
    if shape is None:
        return None
    if isinstance(shape, list):
        return [_shape_list(s) for s in shape]
    try:
        return [None if d is None else int(d) for d in shape]
    except (TypeError, ValueError):
        return str(shape)


def _is_input_layer(layer) -> bool:
    return type(layer).__name__ == "InputLayer"


def build_tree(root, first_pass=None, construction=None, batch_size=None) -> Node:
    """Walk `root` (a Model or Layer) and count every tracked variable exactly once.

    `first_pass` / `construction` are CallRecorders of one forward pass and of the user
    function that wired the model: they give call counts, call sites and output shapes.
    """
    seen_layers: dict[int, Node] = {}
    owner_of: dict[int, str] = {}  # variable id -> path of the node that counts it

    def visit(layer, path, parent_trainable=True) -> Node:
        node = Node(path=path, name=getattr(layer, "name", type(layer).__name__),  # a half-made layer has none
                    class_name=type(layer).__name__, layer=layer, built=bool(getattr(layer, "built", True)))
        if id(layer) in seen_layers:
            first = seen_layers[id(layer)]
            first.also_at.append(path)
            node.shared_ref = first.path
            return node
        seen_layers[id(layer)] = node
        # a frozen layer (layer.trainable = False) freezes its variables and all its sublayers
        layer_trainable = parent_trainable and bool(getattr(layer, "trainable", True))
        for variable in backend.own_variables(layer):
            if id(variable) in owner_of:
                node.tied.append((backend.variable_path(variable), owner_of[id(variable)]))
                continue
            owner_of[id(variable)] = path
            size = backend.size_of(variable)
            node.own_params += size
            node.bytes += size * backend.itemsize_of(variable)
            if variable.trainable and layer_trainable:
                node.trainable_params += size
            else:
                node.non_trainable_params += size
        node.params = node.own_params
        for child in backend.sublayers(layer):
            if _is_input_layer(child):
                continue
            child_node = visit(child, f"{path}/{getattr(child, 'name', type(child).__name__)}", layer_trainable)
            node.children.append(child_node)
            node.params += child_node.params
            node.bytes += child_node.bytes
            node.trainable_params += child_node.trainable_params
            node.non_trainable_params += child_node.non_trainable_params
        _add_calls(node, layer, first_pass, construction, batch_size)
        return node

    return visit(root, root.name)


def _counts_as_use(call) -> bool:
    """A call written by the user: at top level, in a functional model, or in a user layer's call().

    A library layer calling its sublayer many times (an RNN its cell per time step,
    TimeDistributed its layer) is how that layer works, not sharing.
    """
    if call.parent is None:
        return True
    parent = call.parent.layer
    return backend.is_functional_model(parent) or locate.is_user_class(type(parent))


def _calls_per_run(uses) -> int:
    """How many times one run of its caller calls the layer. A layer that one parent layer calls once
    in each of its calls is called as often as that parent is (a cell's sublayer, once per time step
    of the RNN running the cell; held-out 26's ncps cell): that is not sharing. Calls from several
    parents, or from the top level, count one by one."""
    parents = {id(call.parent.layer) if call.parent is not None else None for call in uses}
    if len(parents) != 1 or None in parents:
        return len(uses)
    return max(Counter(id(call.parent) for call in uses).values())


def _add_calls(node, layer, first_pass, construction, batch_size) -> None:
    calls = first_pass.calls_of(layer) if first_pass else []
    uses = [c for c in calls if _counts_as_use(c)]
    nodes = len(getattr(layer, "_inbound_nodes", []) or [])
    if uses:
        node.shared_calls = _calls_per_run(uses)
    elif calls:
        node.shared_calls = 1
    else:
        node.shared_calls = nodes
    if calls:
        node.output_shape = _without_batch(calls[0].output_shape, batch_size)
    if node.output_shape is None:
        try:
            node.output_shape = tuple(layer.output.shape)
        except Exception:  # noqa: BLE001, S110 - no single output: the shape stays unknown
            pass
    sites = []
    for call in (construction.calls_of(layer) if construction else []) + uses:
        if call.site:
            text = locate.short_site(call.site)
            if text not in sites:
                sites.append(text)
    node.call_sites = sites


def _without_batch(shape, batch_size):
    if shape is None:
        return None
    if isinstance(shape, list):
        return [_without_batch(s, batch_size) for s in shape]
    if shape and batch_size is not None and shape[0] == batch_size:
        return (None,) + tuple(shape[1:])
    return tuple(shape)


def describe_value(value) -> str:
    if backend.is_keras_layer(value):
        return f"{type(value).__name__} '{value.name}'"
    shape = tuple(int(d) if d is not None else None for d in getattr(value, "shape", ()))
    return f"{backend.type_label(value)} {backend.dtype_name(value)} {format_shape(shape, python=True)}"
