"""LD007 shared-layer (info): one layer instance called in several places."""

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
import ast
import re

from ..context import LAYER, STATELESS_LAYERS
from ..facts import LAYER_VALUE, SYMBOLIC, self_layer_calls, shared_layers, wiring
from ..walk import walk
from ..triggers import constructed_name_called_twice, name_called_twice
from . import Hit

RULE = Rule(
    code="LD007", name="shared-layer", severity="info", tf_keras_severity="info",
    summary="One layer instance is called in several places: its weights are shared and counted once.",
    what="Static: finds a layer instance (a variable or a `self` attribute) that is called more "
         "than once, and lists the call sites: twice in one function or in `call()` (on different "
         "inputs, not in exclusive if/else branches, weightless layers left out), made outside a "
         "loop and called inside it, or a module-level layer used by a function that runs more "
         "than once, or a layer or model returned by a factory function of the file and called on two "
         "inputs (`branch = vgg_branch()`). Runtime: reports layers with more than one inbound "
         "node or call, and variables owned by more than one layer.",
    why={
        KERAS3: "Not a bug when intended. Calling one layer instance on several inputs shares its "
                "weights: the model has one set of weights, trained by the gradients of every "
                "call, and the summary counts it once (functional summaries list each call site in "
                "\"Connected to\"; a subclassed Model shows nothing at all). That is what siamese "
                "encoders and tied embeddings need. It is a bug when each call was meant to have "
                "its own weights, for example an encoder defined once and applied to two different "
                "inputs, and the parameter count looks too small. This finding makes the sharing "
                "visible and shows where the instance is called.",
        TF_KERAS: "Same as Keras 3: shared weights, counted once, no message.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        encoder = keras.layers.Dense(8)
        score = keras.layers.Dot(axes=-1)([encoder(question), encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    use_instead=snippet("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        question_encoder = keras.layers.Dense(8)  # one instance per input,
        answer_encoder = keras.layers.Dense(8)  # if the weights should not be shared
        score = keras.layers.Dot(axes=-1)([question_encoder(question), answer_encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    fix_hint="# if the weights should not be shared, one instance per call site:\n"
             "{attr}_a, {attr}_b = {created}, {created}",
    fix_safety="No automatic fix: sharing is often intended, and un-sharing doubles the "
               "parameters and changes the saved weights.",
)

CODE = RULE.code


def TRIGGER(text: str) -> bool:
    """A constructed name called twice; or functional code with a module-level layer or a
    loop that applies a name to its own result (`h = block(h)`)."""
    return constructed_name_called_twice(text) or ("Input(" in text and (
        _self_applied_in_loop(text) or _GLOBAL_RE.search(text) is not None or _factory_result_called_twice(text)))


def _factory_result_called_twice(text: str) -> bool:
    """`branch = vgg_branch()` for a function of the file, then `branch(` twice."""
    for factory in _DEF_RE.findall(text):
        for needle in (f"= {factory}(", f"={factory}("):
            at = text.find(needle)
            while at > 0:
                bound = _BOUND_NAME_RE.search(text, max(0, at - 40), at)
                if bound and name_called_twice(bound.group(1), text):
                    return True
                at = text.find(needle, at + 1)
    return False


_BOUND_NAME_RE = re.compile(r"(\w+) ?$")


_DEF_RE = re.compile(r"^def (\w+)\(", re.MULTILINE)
_LOOP_RE = re.compile(r"\n([ \t]+)for [^\n]*:\n(?:\1[ \t]+[^\n]*\n){0,3}?\1[ \t]+(\w+) ?= ?(\w+)\(\2\b")


def _self_applied_in_loop(text: str) -> bool:
    """_LOOP_RE anywhere in the text, tried only where an indented line starts with `for `
    (searching the pattern itself tries every line of the file)."""
    at = text.find("for ")
    while at >= 0:
        line = text.rfind("\n", 0, at)
        indent = text[line + 1:at]
        if line >= 0 and indent and not indent.strip(" \t") and _LOOP_RE.match(text, line):
            return True
        at = text.find("for ", at + 4)
    return False
_GLOBAL_RE = re.compile(r"\n([A-Za-z_]\w*) ?= ?(?:\w+\.)*[A-Z]\w*\(")


def check_module(ctx):
    reported = set()
    for name, ctor, value, sites, _ in shared_layers(ctx):
        reported.add(id(ctor))
        lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
        yield Hit(
            ctor,
            f"{name} ({value.layer_class}) is one layer called {len(sites)} times (lines {lines}): "
            f"its weights are shared and counted once",
            attribute=name,
            class_name=value.layer_class,
            fix_values=_created(ctor),
        )
    yield from _repeated_calls(ctx, reported)
    yield from _factory_results(ctx)


def _factory_results(ctx):
    """`branch = vgg_branch()` (a function of the file that returns a layer or model), then
    `branch(a)` and `branch(b)`: the factory ran once, so both calls share one set of weights."""
    wire = wiring(ctx)
    for scope, nodes in ctx.scopes():
        env = None
        calls: dict[str, list] = {}
        for node in nodes:
            if type(node) is ast.Call and type(node.func) is ast.Name:
                calls.setdefault(node.func.id, []).append(node)
        for name, sites in calls.items():
            if len(sites) < 2 or name in wire.functions:
                continue
            env = env if env is not None else wire.env_of(scope)
            values = env.get(name, ())
            if len(values) != 1 or type(values[0]) is not ast.Call or type(values[0].func) is not ast.Name \
                    or values[0].func.id not in wire.functions:
                continue
            made = values[0]
            # two wiring calls (on KerasTensors): calling a model twice on data is inference, not sharing
            sites = [s for s in sites if s.args and wire.kind(s.args[0], env, scope) == SYMBOLIC]
            if len({ast.dump(s) for s in sites}) < 2 or wire.kind(made, env, scope) != LAYER_VALUE:
                continue
            lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
            yield Hit(made, f"{name} (the layer or model {made.func.id}() returns) is one instance called "
                            f"{len(sites)} times (lines {lines}): the factory ran once, so every call shares "
                            f"its weights, counted once",
                      attribute=name, class_name=None, fix_values=_created(made))


def _repeated_calls(ctx, reported):
    """A layer made outside a loop and called inside it, or a module-level layer called by a
    function that runs more than once: one instance, one set of weights, for every run."""
    wire = wiring(ctx)
    module_env = wire.module_env
    runs: dict[str, list] = {}  # function name -> call sites that run it more than once, or 2+ sites
    for scope, nodes in ctx.scopes():
        for node in nodes:
            if type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in wire.functions:
                runs.setdefault(node.func.id, []).append(node)
        for loop in nodes:
            if type(loop) not in (ast.For, ast.While, ast.ListComp, ast.GeneratorExp):
                continue
            body = loop.body if type(loop) in (ast.For, ast.While) else [loop.elt]
            walked = [walk(stmt) for stmt in body]
            for stmt_nodes in walked:
                for node in stmt_nodes:
                    if type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in wire.functions:
                        runs[node.func.id].append(node)  # once more: it runs on every iteration
            env = wire.env_of(scope)
            for stmt_nodes in walked:
                for node in stmt_nodes:
                    if type(node) is not ast.Call or type(node.func) is not ast.Name:
                        continue
                    hit = _shared_hit(ctx, wire, node.func.id, env, scope, reported,
                                      f"called on every iteration of the loop on line {loop.lineno}",
                                      before=loop.lineno)
                    if hit is not None:
                        yield hit
    for fname, sites in runs.items():
        if len(sites) < 2:
            continue
        function = wire.functions[fname]
        if not any(function is scope for scope, _ in ctx.scopes()):
            continue
        local = wire.env_of(function)
        for node in walk(function):
            if type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in module_env \
                    and local.get(node.func.id) is module_env.get(node.func.id):
                lines = sorted({s.lineno for s in sites})
                where = (f"lines {', '.join(map(str, lines))}" if len(lines) > 1 else
                         f"in a loop on line {lines[0]}")
                hit = _shared_hit(ctx, wire, node.func.id, module_env, None, reported,
                                  f"called by {fname}(), which runs more than once ({where})")
                if hit is not None:
                    yield hit


def _shared_hit(ctx, wire, name, env, scope, reported, how, before=None):
    values = env.get(name, [])
    if len(values) != 1 or id(values[0]) in reported:
        return None
    ctor = values[0]
    if before is not None and getattr(ctor, "lineno", before) >= before:
        return None  # made inside the loop: a new layer each time
    if wire.kind(ast.Name(id=name, ctx=ast.Load()), env, scope) != LAYER_VALUE:
        return None
    value = ctx.value(ctor, env)
    layer_class = value.layer_class or "layer"
    if value.kind == LAYER and (value.layer_class in STATELESS_LAYERS or not ctx.project.has_weights(value.qualname)):
        return None
    reported.add(id(ctor))
    return Hit(ctor, f"{name} ({layer_class}) is one layer {how}: every run uses the same weights, "
                     f"counted once", attribute=name, class_name=layer_class, fix_values=_created(ctor))


def check_class(ctx):
    """`self.layer` called at several places of call(): one set of weights for every call."""
    for attr, assign, value, sites, _ in self_layer_calls(ctx):
        lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{attr} ({value.layer_class}) is one layer called {len(sites)} times in "
            f"{ctx.name}.call() (lines {lines}): every call uses the same weights, counted once",
            attribute=attr,
            fix_values=_created(assign.value),
        )


def _created(call) -> dict:
    """The fix writes the constructor call again for each new instance."""
    return {"created": ast.unparse(call)} if isinstance(call, ast.Call) else {}
