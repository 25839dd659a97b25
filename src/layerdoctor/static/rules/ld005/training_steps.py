"""LD005 for a sublayer with weights that only a Model's train_step()/test_step() runs."""

import ast

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...class_facts import default_build
from ...context import LAYER, STATELESS_LAYERS
from ...walk import methods_run, self_attr, walk
from .. import Hit

_STEPS = ("train_step", "test_step")
_WIRED = {"Model", "Functional"}  # `keras.Model(inputs, outputs)`: built when made


def run_only_by_training_steps(ctx):
    """A Model with no build() (Keras's default) whose train_step()/test_step() (or a method they run)
    calls a sublayer with weights that __init__ makes and that call() never reaches. Measured on Keras
    3.15.1 (ld005v; tensorflow#64576): unbuilt after the first call (missing from count_params), built
    and trained by fit, unbuilt again after save + load_model (which rebuilds the model by running
    call()), its trained weights dropped without an error. The model's outputs stay right: a warning."""
    cls = ctx.cls
    if ctx.target == TF_KERAS_TARGET or not ctx.is_model or not any(step in cls.method_names for step in _STEPS) \
            or cls.dynamic_access or not default_build(ctx.project, ctx.qualname):
        return
    candidates = {}
    for assign in ctx.self_assigns(("__init__",)):
        if type(assign.value) is ast.Call and assign.attr not in candidates:
            value = ctx.value(assign.value)
            if value.kind == LAYER and value.layer_class not in STATELESS_LAYERS | _WIRED and \
                    ctx.has_weights(value.qualname) and not _starts_with_input(ctx, assign.value):
                candidates[assign.attr] = (assign, value.layer_class)
    if not candidates:
        return
    methods = cls.load_methods(tuple(cls.method_names))
    in_call = _used(methods, "call", set())
    steps = set()
    for step in _STEPS:
        steps |= _used(methods, step, {"call"}, calls_only=True)
    for attr, (assign, layer) in candidates.items():
        if attr in steps and attr not in in_call:
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr} ({layer}) is run only by train_step()/test_step(), never by call(), and "
                f"{ctx.name} has no build(): it stays unbuilt (missing from summary and count_params) until fit "
                f"runs, and load_model rebuilds the model by running call(), so a reloaded model brings it back "
                f"unbuilt with fresh weights (its trained weights dropped without an error)",
                attribute=attr, severity="warning", fix="training_steps",
            )


def _used(methods, entry, skip, calls_only=False):
    """Attributes of self that `entry` and the methods of the class it runs read (`calls_only`: call);
    `self(x)` runs call(), which is left out when `skip` holds it."""
    out = set()
    for name in methods_run(methods, entry, skip):
        for node in walk(methods[name]):
            if type(node) is ast.Call:
                if (attr := self_attr(node.func)) is not None:
                    out.add(attr)
            elif not calls_only and type(node) is ast.Attribute and (attr := self_attr(node)) is not None:
                out.add(attr)
    return out


def _starts_with_input(ctx, call) -> bool:
    """`Sequential([keras.Input(...), ...])`: built when made."""
    return any(type(n) is ast.Call and (ctx.qualify(n.func) or "").rsplit(".", 1)[-1] in ("Input", "InputLayer")
               for arg in call.args for n in walk(arg))
