"""What the probes share: one typed Observation (collected once), the Explained ledger of what
earlier probes accounted for, and the ProbeResult each probe returns.

The runtime works like torchinfo: collect once (api._probe fills an Observation from two
forward passes), derive (each probe of `probes.PROBES` maps the observation to a ProbeResult),
then format (the Report and its renderers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..finding import Finding
from . import backend, load, locate
from .calls import CallRecorder
from .tree import Node, UntrackedState

Site = tuple[str, int]
LayerAttribute = tuple[int, str]  # (id of the layer, attribute name)


@dataclass
class Observation:
    """Everything the probes read, recorded once; probes never change it."""

    model: Any  # the Keras model or layer inspected
    inputs: Any  # what it was called on
    batch_size: int | None = None
    construction: CallRecorder | None = None  # calls made by the user function that wired the model
    first_pass: CallRecorder | None = None  # the first forward pass (it builds the model)
    second_pass: CallRecorder | None = None  # the second forward pass
    created_in_second_pass: list[tuple[Any, Site | None]] = field(default_factory=list)  # native variables
    created_in_first_pass: list[tuple[Any, Site | None]] = field(default_factory=list)  # the same, building
    # per pass: {(layer id, attribute): (layer, id of the value)} for weight-like attributes
    attributes_after: list[dict[LayerAttribute, tuple[Any, int]]] = field(default_factory=list)
    outputs: Any = None  # of the first pass
    before: Any = None  # state.Snapshot: the variables' values before inspecting
    after_first_call: Any = None  # state.Snapshot: the values of the variables the first call created
    tree: Node | None = None
    # the target's construction (Layer.__init__ watched): creation sites, attributes reset (LD013)
    watch: Any = None
    # the model exactly as the target returned it, before any call:
    # {id(layer): (layer, built, ids of its own variables, id of its nearest ancestor or None)}
    as_returned: dict = field(default_factory=dict)
    # what a probe measured that another reuses (e.g. which variables the forward pass reads):
    # filled lazily by the probe module that computes it, never read as the model's state
    measured: dict[str, Any] = field(default_factory=dict)
    symbolic: bool = False  # --shape-only: the inputs are KerasTensors and no value is computed
    # the model the target returned when `model` is one part of it (a container without call()
    # whose parts are inspected one by one): the layers it tracks are tracked, whichever part holds them
    container: Any = None

    def forward(self):
        if self.symbolic:  # the user's layers and Lambdas are traced whole: their calls are what probes read
            return backend.symbolic_call(self.model, self.inputs,
                                         traced=lambda layer: is_user_class(type(layer)) or type(layer).__name__ == "Lambda")
        return load.call_model(self.model, self.inputs)

    def forward_training(self):
        """The forward pass in training mode (dropout on, BatchNorm on batch statistics): weights
        read only with training=True (a learnt dropout rate...) are read here."""
        return load.call_model(self.model, self.inputs, training=True)

    def is_activation(self, value) -> bool:
        """A tensor with the batch as first axis: a cached activation (e.g. attention scores kept
        for plotting), not weight-like state. Weights never depend on the batch size."""
        shape = getattr(value, "shape", ())
        return self.batch_size is not None and len(shape) >= 2 and shape[0] == self.batch_size

    # -- views on the tree -------------------------------------------------------------
    def nodes(self):
        return [n for n in self.tree.walk() if n.shared_ref is None]

    def node_of(self, layer):
        for node in self.nodes():
            if node.layer is layer:
                return node
        return None

    def tracked_layer_ids(self) -> set:
        return {id(n.layer) for n in self.nodes()}

    def held_by_container(self, layer) -> bool:
        return self.container is not None and any(sub is layer for sub in self.container._flatten_layers())

    def tracked_variable_ids(self) -> set:
        return {id(v) for n in self.nodes() for v in backend.own_variables(n.layer)}

    def user_layers(self):
        """Tracked layers whose class the user wrote (library layers are trusted)."""
        return [n for n in self.nodes() if is_user_class(type(n.layer))]


@dataclass
class Explained:
    """What earlier probes accounted for; a later probe stays silent about it (the order is PROBES')."""

    attributes: set[LayerAttribute] = field(default_factory=set)  # reported as LD002/LD010: not LD001
    values: set[int] = field(default_factory=set)  # ids of values already listed as untracked state
    no_gradient: set[int] = field(default_factory=set)  # variable ids whose lack of gradient is LD010's

    def add(self, other: "Explained") -> None:
        self.attributes |= other.attributes
        self.values |= other.values
        self.no_gradient |= other.no_gradient


@dataclass
class ProbeResult:
    """What one probe derived: its findings, the untracked state it lists, and what it explains."""

    findings: list[Finding] = field(default_factory=list)
    untracked: list[UntrackedState] = field(default_factory=list)
    explains: Explained = field(default_factory=Explained)


is_user_class = locate.is_user_class


# Attribute names Keras itself sets on layers: never user state.
_KERAS_ATTRIBUTES: set | None = None


def keras_attribute_names() -> set:
    global _KERAS_ATTRIBUTES
    if _KERAS_ATTRIBUTES is None:
        keras = backend.keras_module()
        # backend.attributes, not vars(): on torch, sublayers Keras itself sets (a Sequential's
        # `_functional`) live in the Module's registries
        names = set(backend.attributes(keras.layers.Layer())) | set(backend.attributes(keras.Model()))
        # a functional (sub)class and a Sequential set more of their own (`_operations_by_depth`...)
        try:
            inputs = keras.Input((1,))
            names |= set(backend.attributes(keras.Model(inputs, keras.layers.Identity()(inputs))))
            names |= set(backend.attributes(keras.Sequential([keras.Input((1,)), keras.layers.Identity()])))
        except Exception:  # noqa: BLE001
            pass
        names |= {"_build_shapes_dict", "_inbound_nodes", "_outbound_nodes", "_called", "_layers",
                  "_operations", "_inputs", "_outputs", "_inputs_struct", "_outputs_struct",
                  "built", "_post_build_called", "_convert_input_args", "_allow_non_tensor_positional_args"}
        _KERAS_ATTRIBUTES = names
    return _KERAS_ATTRIBUTES


def user_attributes(layer) -> dict:
    """The attributes a user's layer set itself."""
    skip = keras_attribute_names()
    # `_self_*` are TF's own tracking tables (they repeat the attributes).
    return {k: v for k, v in backend.attributes(layer).items() if k not in skip and not k.startswith("_self_")}
