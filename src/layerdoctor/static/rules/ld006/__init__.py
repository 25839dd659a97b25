"""LD006 private-weight-list: mutating _trainable_weights, or assigning trainable_weights."""

import ast

from ....rule import Rule, snippet
from ....vocab import KERAS3, TF_KERAS, WEIGHT_LISTS
from ...context import LAYER, self_attr
from ...walk import walk
from .. import Hit
from .outside import MUTATORS as _MUTATORS
from .outside import PRIVATE as _PRIVATE
from .outside import TRIGGER, in_held_objects, in_module_code  # noqa: F401 - TRIGGER: the module check's

RULE = Rule(
    code="LD006", name="private-weight-list", severity="error", tf_keras_severity="error",
    summary="`_trainable_weights`/`_non_trainable_weights` are mutated, or `trainable_weights` "
            "is assigned.",
    what="Static: finds `self._trainable_weights.append/extend(...)`, the same on "
         "`_non_trainable_weights`, assignments to `self.trainable_weights` or "
         "`self.non_trainable_weights` and `.append/extend(...)` on them (a warning: a list built anew on "
         "every read, so the change is lost silently; what it adds is tracked only if Keras tracks it anyway) "
         "(in `__init__`, `build`, `call` and their helpers; on Keras 3 "
         "in any method, such as a base class's helper that its subclasses call), reads of those private lists "
         "on Keras 3 in a class that never sets them (a `trainable_weights` property that adds "
         "`self._trainable_weights`: AttributeError where it is read), and (Keras 3) re-binding one of Keras's own tracking "
         "lists, `self._layers = [...]` (also `_metrics`, `_seed_generators`): its layers are "
         "counted but, in a Layer, not saved or restored, and the other sublayers are not tracked "
         "at all (measured on Keras 3.15; a Model that keeps every sublayer in the list loses nothing: no finding). On Keras 3 also another object's list: `self.master._trainable_weights[0]` "
         "in a layer's methods, and `layer._trainable_weights` read, changed or assigned in functions and module code "
         "(a weight-sharing recipe that empties and refills it; assigning it is a warning: a plain attribute Keras never "
         "reads). Runtime: reports the AttributeError this raises while "
         "building, pointing at the offending line; and (Keras 3) sublayers that run and are counted "
         "but that Keras's own saving walk never reaches because a user layer holds them under one "
         "of Layer's own attribute names (`_layers`, `_metrics`, `_tracked`...); and the crash Keras "
         "raises far from the cause when `self._layers` holds a dict (`'str' object has no attribute "
         "'built'`), named at the assignment (the sublayers a class assigns as attributes after re-binding "
         "`self._layers`, which Keras then tracks into a list nothing reads, are LD011 there).",
    why={
        KERAS3: "Keras 3 layers have no `_trainable_weights` or `_non_trainable_weights` list (the "
                "weight lists are computed from tracked attributes), and `trainable_weights` is a "
                "read-only property. Appending or extending raises AttributeError on every backend "
                "the first time `build()` runs; assigning `self._trainable_weights = [...]` makes a "
                "new attribute that holds the same variables a second time (no error, but they are "
                "saved twice, and weights saved without that line no longer load: a warning). It is never needed: the weights of a sublayer stored as an "
                "attribute and variables made with `add_weight` are tracked already. Old "
                "tutorials written for tf.keras 2 still recommend it.",
        TF_KERAS: "`_trainable_weights` is a private list of tf.keras 2 layers. Extending it with "
                  "weights the layer tracks anyway works by accident: tf.keras 2 de-duplicates the "
                  "list, so nothing is double counted, and the code breaks with AttributeError as "
                  "soon as it runs on Keras 3. Assigning `self.trainable_weights = [...]` raises "
                  "AttributeError on tf.keras 2 too.",
    },
    keras_says={
        KERAS3: "AttributeError: 'Wrapper' object has no attribute '_trainable_weights'\n"
                "AttributeError: property 'trainable_weights' of 'Wrapper' object has no setter",
        TF_KERAS: "AttributeError: Can't set the attribute \"trainable_weights\", likely because it "
                  "conflicts with an existing read-only @property of the object. Please choose a "
                  "different name.",
    },
    example=snippet("""
        import keras


        class Wrapper(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.inner = keras.layers.Dense(units)

            def build(self, input_shape):
                self.inner.build(input_shape)
                self._trainable_weights.extend(self.inner.trainable_weights)

            def call(self, inputs):
                return self.inner(inputs)
    """),
    use_instead=snippet("""
        import keras


        class Wrapper(keras.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.inner = keras.layers.Dense(units)

            def build(self, input_shape):
                self.inner.build(input_shape)  # its weights are tracked through self.inner

            def call(self, inputs):
                return self.inner(inputs)
    """),
    fix_hint="# delete the line: weights of sublayers and add_weight variables are tracked already",
    fixes={
        "rename_tracker_list": "# Keras 3 keeps self.{attr} for itself and saving skips that name: rename the list\n"
                               "self.{attr}_list = [...]",
        "read_own_variables": "# no self.{attr} on Keras 3; the layer's own: _trainable_variables\n"
                              "self._trainable_variables",
    },
    fix_safety="Safe when every listed weight belongs to a sublayer stored on `self` or was made "
               "by `add_weight` on this layer (the usual case): deleting the line changes nothing "
               "on tf.keras 2 and removes the crash on Keras 3. Otherwise no automatic fix: state "
               "that is only reachable through the list must first become an `add_weight` variable.",
)

CODE = RULE.code

_READ_ONLY = WEIGHT_LISTS
# Keras 3's own tracker lists (Layer.__init__ creates them): re-binding one to a new list keeps the
# layers counted but, in a Layer, out of the saved weights (measured on Keras 3.15: load_weights restores nothing;
# a Model still saves them through model.layers). Either way the sublayers set around it are no longer tracked.
_TRACKER_LISTS = {"_layers", "_metrics", "_seed_generators"}


def check_module(ctx):
    if ctx.target == KERAS3:
        yield from in_module_code(ctx)


def check_class(ctx):
    if ctx.target == KERAS3:
        yield from _tracker_lists(ctx)
        text = ctx.cls.text()
        if text is None or "._trainable_weights" in text or "._non_trainable_weights" in text:
            yield from in_held_objects(ctx, _methods_to_check(ctx))
    if not any(ctx.mentions(attr) for attr in _PRIVATE | _READ_ONLY):
        return  # the class never names these lists
    checked = _methods_to_check(ctx)
    # A read of a private list the class never assigns: on Keras 3 it raises where it is read.
    reads = ctx.target == KERAS3 and not any(
        type(node) is ast.Assign and any(self_attr(t) in _PRIVATE for t in node.targets)
        for _, nodes in checked for node in nodes)
    for method, nodes in checked:
        offences = [(node, *_offence(node)) for node in nodes]
        offences = [(node, attr, how) for node, attr, how in offences if attr]
        if reads:  # (a method that also changes the list gets one finding, on the change)
            changed = {attr for _, attr, _ in offences}
            offences += [(node, node.attr, "reads") for node in nodes
                         if type(node) is ast.Attribute and node.attr in _PRIVATE and node.attr not in changed
                         and type(node.ctx) is ast.Load and self_attr(node)]
        for node, attr, how in offences:
            fix = "read_own_variables" if how == "reads" else "default"
            private = attr in _PRIVATE
            if private and ctx.target == TF_KERAS:
                message = (f"{ctx.name}.{method}() {how} self.{attr}: a private tf.keras 2 list that "
                           f"works by accident (sublayer weights are tracked already) and raises "
                           f"AttributeError on Keras 3")
                severity = "warning"
            elif private and how == "assigns":
                # measured (held-out 6, midiGenerator): no error; a new tracked attribute aliases the variables
                message = (f"{ctx.name}.{method}() assigns self.{attr}, a list Keras 3 does not use: the "
                           f"variables are tracked already, and this new attribute holds them a second time "
                           f"(counted once, but saved twice: weights saved without this line no longer load)")
                severity = "warning"
            elif private and how == "reads":
                message = (f"{ctx.name}.{method}() reads self.{attr}: Keras 3 has no such list, so this "
                           f"raises AttributeError when it runs (what the layer made itself is in "
                           f"self._trainable_variables / self._non_trainable_variables)")
                severity = None
            elif private:
                message = (f"{ctx.name}.{method}() {how} self.{attr}: Keras 3 has no such list "
                           f"(AttributeError); sublayer weights are tracked already")
                severity = None
            elif how.startswith("calls"):
                # measured (held-out 31, spela): no error on either Keras; the list is built anew on each read
                message = (f"{ctx.name}.{method}() {how} self.{attr}, a list Keras builds anew on every read: "
                           f"the change is lost, silently, on Keras 3 and tf.keras 2. A variable is in the "
                           f"layer's weights only if Keras tracks it anyway (add_weight, a sublayer's weight); "
                           f"one made otherwise is not counted, trained or saved: make it with add_weight")
                severity, fix = "warning", None
            else:
                message = (f"{ctx.name}.{method}() assigns self.{attr}, a read-only property: "
                           f"AttributeError on Keras 3 and tf.keras 2")
                severity = None
            yield Hit(node, message, attribute=attr, severity=severity, fix=fix)


def _methods_to_check(ctx):
    """(name, nodes) of __init__, build, call and their helpers; on Keras 3, when the class names a
    private list, of every other method too (a base class's helper its subclasses call, one called
    from outside): the list is missing whenever it runs. (On tf.keras 2 the lists exist; helpers
    outside the phases there are mostly the framework's own plumbing.)"""
    methods = [(name, ctx.nodes(name)) for name, _ in ctx.methods_of("__init__", "build", "call")]
    if ctx.target == KERAS3 and any(ctx.mentions(attr) for attr in _PRIVATE):
        seen = {name for name, _ in methods}
        methods += [(name, walk(func)) for name, func in _other_methods(ctx.cls, seen)]
    return methods


def _other_methods(cls, seen):
    """The class's methods not in `seen`, parsed for this rule only: the class summary keeps the
    methods it had (other rules read exactly the phases and their helpers)."""
    kept = dict(cls.methods)
    try:
        parsed = cls.load_methods(tuple(sorted(cls.method_names - seen)))
        return [(name, parsed[name]) for name in sorted(parsed) if name not in seen]
    finally:
        cls.methods.clear()
        cls.methods.update(kept)


def _offence(node):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
        attr = self_attr(node.func.value)
        if attr in _PRIVATE or attr in _READ_ONLY:
            return attr, f"calls .{node.func.attr}() on"
    if isinstance(node, ast.AugAssign):
        attr = self_attr(node.target)
        if attr in _PRIVATE | _READ_ONLY:
            return attr, "extends"
    if isinstance(node, ast.Assign):
        for target in node.targets:
            attr = self_attr(target)
            if attr in _PRIVATE | _READ_ONLY:
                return attr, "assigns"
    return None, None


def _tracker_lists(ctx):
    """`self._layers = [...]` on a Keras 3 layer: the name of Keras's own tracked-sublayer list."""
    if not any(ctx.mentions(attr) for attr in _TRACKER_LISTS):
        return
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in _TRACKER_LISTS or not isinstance(assign.stmt, ast.Assign):
            continue
        if assign.attr == "_layers" and not ctx.is_model and _exposed_alone(ctx, assign.attr):
            continue  # measured (ld006f, BayesFlow's Sequential): the saver follows the property
        if assign.attr == "_layers" and ctx.is_model and not _other_sublayers(ctx, assign.attr):
            continue  # measured (held-out 32's PPO critic): a Model saves its list through model.layers
        if assign.attr == "_layers":
            # measured on Keras 3.15: a Model still saves them (through model.layers), a Layer does not;
            # the list Keras was tracking is gone either way, with the sublayers set before and after
            saving = "still saved through model.layers" if ctx.is_model else "not saved (load_weights does not restore them)"
            lost = "the class's other sublayers, assigned before or after this line, are no longer tracked"
        else:
            saving = "left out of saving (load_weights does not restore them)"
            lost = "sublayers assigned after this line are not tracked at all"
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.method}() assigns self.{assign.attr}, the name of a list Keras 3 "
            f"keeps for its own tracking: the layers in it run and are counted but are {saving}, "
            f"and {lost} (not counted, trained or saved); use another name",
            attribute=assign.attr, fix="rename_tracker_list",
        )


def _exposed_alone(ctx, attr) -> bool:
    """Does the class return `self.<attr>` from a property of its own (`@property def layers(self):
    return self._layers`), and keep no other sublayer? Keras 3's saver follows every attribute and
    property a base Layer does not have (saving_lib._walk_saveable), so the layers in the list are
    saved; other sublayers would still be lost (measured: ld006f)."""
    public = [name for name in ctx.cls.method_names if not name.startswith("__") and name not in _TRACKER_LISTS]
    methods = ctx.cls.load_methods(tuple(public)) if public else {}
    exposed = any(
        any(type(d) is ast.Name and d.id == "property" for d in methods[name].decorator_list)
        and any(type(n) is ast.Return and n.value is not None and self_attr(n.value) == attr for n in ast.walk(methods[name]))
        for name in public if name in methods)
    return exposed and not _other_sublayers(ctx, attr)


def _other_sublayers(ctx, attr) -> bool:
    """Does __init__ or build() assign a sublayer to an attribute other than `attr`? (Those are the ones
    lost when `attr` re-binds Keras's tracked list.)"""
    return any(a.attr != attr and ctx.value(a.value, ctx.env(ctx.methods[a.method])).kind == LAYER
               for a in ctx.self_assigns(("__init__", "build")))
