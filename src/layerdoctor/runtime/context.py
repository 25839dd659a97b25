"""What the probes share: the model, its inputs, the recorded calls and the parameter tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import backend, locate


@dataclass
class Inspection:
    model: object
    inputs: object
    batch_size: int | None = None
    construction: object = None  # CallRecorder of the user function that wired the model
    first_pass: object = None  # CallRecorder of the first forward pass (builds the model)
    second_pass: object = None  # CallRecorder of the second forward pass
    created_in_second_pass: list = field(default_factory=list)  # [(variable, site)]
    attributes_after: list = field(default_factory=list)  # per pass: {(layer id, attr): value id}
    outputs: object = None
    after_first_call: dict = field(default_factory=dict)  # variable values right after building
    tree: object = None
    findings: list = field(default_factory=list)
    untracked: list = field(default_factory=list)
    untracked_ids: set = field(default_factory=set)  # ids of the values listed in `untracked`
    explained: set = field(default_factory=set)  # (layer id, attribute) already reported
    no_gradient_explained: set = field(default_factory=set)  # variable ids explained by LD010

    def forward(self):
        return self.model(self.inputs)

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

    def tracked_variable_ids(self) -> set:
        return {id(v) for n in self.nodes() for v in backend.own_variables(n.layer)}

    def user_layers(self):
        """Tracked layers whose class the user wrote (library layers are trusted)."""
        return [n for n in self.nodes() if is_user_class(type(n.layer))]


def is_user_class(cls) -> bool:
    return locate.is_user_file(locate.class_file(cls) or "")


# Attribute names Keras itself sets on layers: never user state.
_KERAS_ATTRIBUTES: set | None = None


def keras_attribute_names() -> set:
    global _KERAS_ATTRIBUTES
    if _KERAS_ATTRIBUTES is None:
        keras = backend.keras_module()
        names = set(vars(keras.layers.Layer()).keys()) | set(vars(keras.Model()).keys())
        names |= {"_build_shapes_dict", "_inbound_nodes", "_outbound_nodes", "_called", "_layers",
                  "_operations", "_inputs", "_outputs", "_inputs_struct", "_outputs_struct",
                  "built", "_post_build_called", "_convert_input_args", "_allow_non_tensor_positional_args"}
        _KERAS_ATTRIBUTES = names
    return _KERAS_ATTRIBUTES


def user_attributes(layer) -> dict:
    """The attributes a user's layer set itself."""
    skip = keras_attribute_names()
    # `_self_*` are TF's own tracking tables (they repeat the attributes).
    return {k: v for k, v in vars(layer).items() if k not in skip and not k.startswith("_self_")}
