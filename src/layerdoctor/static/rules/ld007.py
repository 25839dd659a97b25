"""LD007 shared-layer (info): one layer instance called in several places."""

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
import ast
import keyword
import re

from ..context import LAYER, STATELESS_LAYERS, self_attr
from ..facts import LAYER_VALUE, SYMBOLIC, _same_run, self_layer_calls, shared_layers, wiring
from ..default_layers import default_layers, shown
from ..walk import children, walk
from ..triggers import constructed_name_called_twice, constructed_names, name_called_twice
from . import Hit

RULE = Rule(
    code="LD007", name="shared-layer", severity="info", tf_keras_severity="info",
    summary="One layer instance is called in several places: its weights are shared and counted once.",
    what="Static: finds a layer instance (a variable or a `self` attribute) that is called more "
         "than once, and lists the call sites: twice in one function or in `call()` (on different "
         "inputs, not in exclusive if/else branches, weightless layers left out), made outside a "
         "loop and called inside it, or a module-level layer used by a function that runs more "
         "than once, or a layer or model returned by a factory function of the file and called on two "
         "inputs (`branch = vgg_branch()`); and list repetition of layers (`unit * 2`, `unit + unit`, "
         "`[LSTMCell(n)] * k`) whose items a loop calls or a layer takes (`StackedRNNCells`, `RNN`, "
         "`Sequential`): it repeats references, not layers (not inside `Bidirectional`, which "
         "rebuilds its layer from the config); and a layer with weights made as the default value of an "
         "`__init__` parameter and stored on self (`def __init__(self, norm=LayerNormalization())`): the default "
         "is evaluated once, so every instance made without the argument shares it. Runtime: reports layers with more than one inbound "
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
    fixes={
        "none_default": "# a default is made once, shared by every instance; for one each, default to None:\n"
                        "self.{attr} = {param} if {param} is not None else {created}  # ({param}=None)",
        "one_per_item": "# list repetition repeats one instance; if each item should have its own weights:\n"
                        "{attr} = [{created} for _ in range(n)]",
        "one_list_per_repeat": "# list repetition repeats the same layers; if each repeat should have its own "
                               "weights, make the list in a function and call it once per repeat:\n"
                               "{attr} = [layer for _ in range(n) for layer in make_{attr}()]",
    },
    fix_safety="No automatic fix: sharing is often intended, and un-sharing doubles the "
               "parameters and changes the saved weights.",
)

CODE = RULE.code


def TRIGGER(text: str) -> bool:
    """A constructed name called twice; functional code with a module-level layer or a loop that
    applies a name to its own result (`h = block(h)`); or a list repeated with * or +."""
    return constructed_name_called_twice(text) or _repeats_a_list(text) or ("Input(" in text and (
        _self_applied_in_loop(text) or _GLOBAL_RE.search(text) is not None or _factory_result_called_twice(text)))


# `[...] * n` (a list literal, not an index: `x[0] * 2`), `n * [...]`; a name bound to a list literal,
# then `name * n`, `n * name` or `name + name`. Every pattern starts with a literal character: one
# that starts with `\w` is tried at every position of the file (10x slower on the corpus).
_BRACKETED_TIMES_RE = re.compile(r"\[[^\[\]]*\][ \t]*\*")
_TIMES_BRACKET_RE = re.compile(r"\*[ \t]*\[")
_CLASS_CALL_RE = re.compile(r"[A-Z]\w*\(")
_BARE_NAME_RE = re.compile(r"\[\s*(\w+)\s*\]")
# bound to an empty list (items appended later) or one that starts with a name or a call
_BOUND_TO_LIST_RE = re.compile(r"=[ \t]*\[[ \t\n]*(?:\]|(?!None\b|True\b|False\b)[A-Za-z_])")
_WORD_BEFORE_RE = re.compile(r"\w+$")
_NAME_ALONE_RE = re.compile(r"[ \t]*(\w+)[ \t]*")


def _repeats_a_list(text: str) -> bool:
    if "[" not in text:
        return False  # (every pattern below needs a list literal; most module code outside classes has none)
    made = None
    brackets = "] *" in text or "]*" in text  # (C-speed tests before each regex)
    for m in _BRACKETED_TIMES_RE.finditer(text) if brackets else ():
        # `[Dense(8)] * n` or `[dense] * n` for `dense = Dense(8)`: a list, not an index (`x[0] * n`),
        # of a class called or a name bound to a call (not `[0] * n`, `[None] * n`, `[i] * n`)
        if _after_operand(text, m.start()):
            continue
        if _CLASS_CALL_RE.search(m.group()):
            return True
        item = _BARE_NAME_RE.match(m.group())
        if item:
            made = constructed_names(text) if made is None else made
            if item.group(1) in made:
                return True
    for m in _TIMES_BRACKET_RE.finditer(text) if "* [" in text or "*[" in text else ():
        if _after_operand(text, m.start()):  # `n * [a]`, not `f(*[a])`
            return True
    names = set()
    for m in _BOUND_TO_LIST_RE.finditer(text) if "= [" in text or "=[" in text else ():
        # the name alone on its line before the `=`, that line starting at most 80 characters back
        line = text.rfind("\n", 0, m.start()) + 1
        bound = _NAME_ALONE_RE.fullmatch(text, line, m.start()) if line >= m.start() - 80 else None
        if bound:
            names.add(bound.group(1))
    return any(_repeated_name(text, name) for name in names)


def _after_operand(text: str, at: int) -> bool:
    """Does an operand (a name, a number, a closing bracket; not a keyword: `in [a] * n`) end just
    before `at`?"""
    at -= 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    if at < 0 or not (text[at].isalnum() or text[at] in "_)]"):
        return False
    word = _WORD_BEFORE_RE.search(text, max(0, at - 10), at + 1)
    return not (word and keyword.iskeyword(word.group()) and word.group() not in ("None", "True", "False"))


def _repeated_name(text: str, name: str) -> bool:
    """`name * x`, `x * name` or `name + name`, the name a whole word (one pass over its uses)."""
    size, at = len(text), text.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and (text[at - 1].isalnum() or text[at - 1] in "_.")) and \
                not (end < size and (text[end].isalnum() or text[end] == "_")):
            after = end
            while after < size and text[after] in " \t":
                after += 1
            before = at - 1
            while before >= 0 and text[before] in " \t":
                before -= 1
            if (after < size and text[after] == "*" and text[after + 1:after + 2] != "*") or \
                    (before >= 0 and text[before] == "*" and _after_operand(text, before)) or \
                    (after < size and text[after] == "+" and _word_at(text, name, _skip_blanks(text, after + 1))):
                return True
        at = text.find(name, end)
    return False


def _word_at(text: str, name: str, at: int) -> bool:
    end = at + len(name)
    return text.startswith(name, at) and not (end < len(text) and (text[end].isalnum() or text[end] == "_"))


def _skip_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _factory_result_called_twice(text: str) -> bool:
    """`branch = vgg_branch()` (or `Builder.vgg_branch()`) for a function of the file, then `branch(` twice."""
    for factory in _defined_functions(text):
        needle = factory + "("
        at = text.find(needle)
        while at > 0:
            # (the pattern, tried at every position of the window, only where the window holds an `=`)
            bound = _BOUND_TO_RE.search(text, max(0, at - 60), at) if text.rfind("=", max(0, at - 60), at) >= 0 \
                else None
            if bound and name_called_twice(bound.group(1), text):
                return True
            at = text.find(needle, at + 1)
    return False


_BOUND_TO_RE = re.compile(r"(\w+) ?= ?(?:\w+\.)?$")
_DEF_RE = re.compile(r"def ((?!__)\w+)\(")  # functions, and methods (a builder's): the line's start checked by hand


def _defined_functions(text: str) -> set[str]:
    """Names of the `def name(` lines (indented or not; no dunder): found from `def` (a pattern that starts
    with a literal), the line's start checked after, instead of a multiline `^...` tried at every line."""
    names = set()
    for m in _DEF_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if not text[start:m.start()].strip(" \t"):
            names.add(m.group(1))
    return names
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
        sites = _same_run(sites, _parents_of(ctx, sites[0]))
        if len(sites) < 2:
            continue  # one call in each branch of an if/else: one call per run, nothing shared
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
    repeats: set[int] = set()
    for _, nodes in ctx.scopes():
        yield from _list_repetitions(ctx, nodes, ctx.bindings_of(nodes), repeats)


def _parents_of(ctx, node):
    """Child id -> parent node, over the scope of the file that holds `node`."""
    for _, nodes in ctx.scopes():
        if any(n is node for n in nodes):
            return {id(child): parent for parent in nodes for child in children(parent)}
    return {}


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
            if len(values) != 1 or type(values[0]) is not ast.Call \
                    or type(wire.function_of(values[0].func)) is not ast.FunctionDef:
                continue
            made = values[0]
            # two wiring calls (on KerasTensors): calling a model twice on data is inference, not sharing
            sites = [s for s in sites if s.args and wire.kind(s.args[0], env, scope) == SYMBOLIC]
            if len({ast.dump(s) for s in sites}) < 2 or wire.kind(made, env, scope) != LAYER_VALUE:
                continue
            lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
            yield Hit(made, f"{name} (the layer or model {ast.unparse(made.func)}() returns) is one instance called "
                            f"{len(sites)} times (lines {lines}): the factory ran once, so every call shares "
                            f"its weights, counted once",
                      attribute=name, class_name=None, fix_values=_created(made))


def _repeated_calls(ctx, reported):
    """A layer made outside a loop and called inside it, or a module-level layer called by a
    function that runs more than once: one instance, one set of weights, for every run."""
    wire = wiring(ctx)
    module_env = wire.module_env
    runs: dict[int, tuple] = {}  # id(function) -> (function, call sites that run it more than once, or 2+ sites)

    def ran(call):
        function = _file_function_called(wire, call)
        if function is not None:
            runs.setdefault(id(function), (function, []))[1].append(call)

    for scope, nodes in ctx.scopes():
        for node in nodes:
            if type(node) is ast.Call:
                ran(node)
        for loop in nodes:
            if type(loop) not in (ast.For, ast.While, ast.ListComp, ast.GeneratorExp):
                continue
            body = loop.body if type(loop) in (ast.For, ast.While) else [loop.elt]
            walked = [walk(stmt) for stmt in body]
            for stmt_nodes in walked:
                for node in stmt_nodes:
                    if type(node) is ast.Call:
                        ran(node)  # once more: it runs on every iteration
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
    for function, sites in runs.values():
        if len(sites) < 2:
            continue
        fname = function.name
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


def _file_function_called(wire, node):
    """The function of the file a call runs (`block(x)`, `Builder.block(x)`), or None."""
    if type(node) is not ast.Call:
        return None
    func = node.func
    if type(func) is ast.Name and func.id in wire.functions or type(func) is ast.Attribute and func.attr in wire.functions:
        return wire.function_of(func)
    return None


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


# ------------------------------------------------------------------ list repetition
# `unit * 2`, `unit + unit`, `[LSTMCell(n)] * k`: list repetition copies references, not layers, so
# every layer of the list is called again and shares its weights (measured on Keras 3.15:
# tests/cases_static/ld007f, ld007g). Bidirectional is the exception: it builds each direction
# anew from its layer's config, cells included.

_REPEAT_OPS = (ast.Mult, ast.Add)


def _list_repetitions(ctx, nodes, env, reported, self_lists=None):
    """Hits for the layer lists repeated with * or + that `nodes` (one function) use: iterated by a
    loop that calls (or `.add`s) each item, or given to a layer (StackedRNNCells, RNN, Sequential).
    `self_lists` (in a class): attribute -> its assignments, for `for block in self.blocks`."""
    if self_lists is None and not any([n for n in nodes if type(n) is ast.BinOp and type(n.op) in _REPEAT_OPS]):
        return  # no `*` or `+` in this function: nothing repeated here
    rebuilt = None
    for used, consumer, item, body in _list_uses(nodes):
        list_env, list_nodes = env, nodes
        attr = self_attr(used) if self_lists is not None else None
        if attr is not None:  # the list was made in __init__ or build()
            if len(self_lists.get(attr, ())) != 1:
                continue
            assign = self_lists[attr][0]
            used, list_env, list_nodes = assign.value, ctx.env(ctx.methods[assign.method]), ctx.nodes(assign.method)
        repeat = _resolved(used, list_env)
        if type(repeat) is not ast.BinOp or type(repeat.op) not in _REPEAT_OPS or id(repeat) in reported:
            continue  # (the cheap test first: most loops and calls take no repeated list)
        if item is not None and not _item_used(item, body):
            continue
        if item is None and ctx.value(consumer, env).kind != LAYER:
            continue
        shared = _repeated_layers(ctx, repeat, list_env, list_nodes)
        if not shared:
            continue
        if item is None:
            if rebuilt is None:
                rebuilt = _rebuilt_by_bidirectional(ctx, nodes, env)
            if id(consumer) in rebuilt:
                continue
            where = f"{ctx.value(consumer, env).layer_class}() receives each instance more than once"
        else:
            where = f"the loop on line {consumer.lineno} calls each instance more than once"
        reported.add(id(repeat))
        yield _repetition_hit(repeat, used, shared, where)


def _list_uses(nodes):
    """(list expression, its user, the loop variable or None, the loop body): what a for loop or a
    comprehension iterates, and the arguments of a call (a layer's constructor, maybe)."""
    for node in nodes:
        kind = type(node)
        if kind is ast.For:
            if type(node.target) is ast.Name:
                yield node.iter, node, node.target.id, node.body
        elif kind is ast.ListComp or kind is ast.GeneratorExp or kind is ast.SetComp:
            for generator in node.generators:
                if type(generator.target) is ast.Name:
                    yield generator.iter, node, generator.target.id, [node.elt]
        elif kind is ast.Call:
            for argument in node.args:
                if type(argument) is ast.BinOp or type(argument) is ast.Name:
                    yield argument, node, None, None
            for keyword_argument in node.keywords:
                if type(keyword_argument.value) in (ast.BinOp, ast.Name):
                    yield keyword_argument.value, node, None, None


def _item_used(name, body) -> bool:
    """`name(...)` or `model.add(name)` somewhere in `body`."""
    for stmt in body:
        for node in walk(stmt):
            if type(node) is ast.Call and ((type(node.func) is ast.Name and node.func.id == name) or (
                    type(node.func) is ast.Attribute and node.func.attr == "add" and len(node.args) == 1
                    and type(node.args[0]) is ast.Name and node.args[0].id == name)):
                return True
    return False


def _resolved(expr, env, depth=0):
    """`expr`, or the one value its name is bound to (followed a few steps)."""
    while type(expr) is ast.Name and len(env.get(expr.id, ())) == 1 and depth < 4:
        expr, depth = env[expr.id][0], depth + 1
    return expr


def _repeated_layers(ctx, repeat, env, nodes):
    """[(constructor call, Value)] of the layers with weights that appear more than once in `repeat`."""
    counts: dict[int, list] = {}
    for item in _list_items(repeat, env, nodes, 0) or ():
        made = _resolved(item, env)
        if type(made) is ast.Call:
            counts.setdefault(id(made), [made, 0])[1] += 1
    out = []
    for made, times in counts.values():
        value = ctx.value(made, env) if times > 1 else None
        if value is not None and value.kind == LAYER and value.layer_class not in STATELESS_LAYERS \
                and ctx.project.has_weights(value.qualname):
            out.append((made, value))
    return out


def _may_list(expr, env, depth) -> bool:
    """Could _list_items read items out of `expr` (a list or tuple display somewhere in it, through
    names bound once)? The cheap test before a class's list uses are looked at."""
    if depth > 6:
        return False
    kind = type(expr)
    if kind is ast.List or kind is ast.Tuple:
        return True
    if kind is ast.Name:
        values = env.get(expr.id, ())
        return len(values) == 1 and _may_list(values[0], env, depth + 1)
    if kind is ast.BinOp and type(expr.op) in _REPEAT_OPS:
        return _may_list(expr.left, env, depth + 1) or _may_list(expr.right, env, depth + 1)
    return False


def _list_items(expr, env, nodes, depth):
    """The items of a list expression, repeated as list repetition repeats them (a repeat twice
    stands for any count above one); None when it is not a list we can read."""
    if depth > 6:
        return None
    if type(expr) is ast.Name:
        values = env.get(expr.id, ())
        if len(values) != 1:
            return None
        if type(values[0]) in (ast.List, ast.Tuple):
            return list(values[0].elts) + _appended(expr.id, nodes)
        return _list_items(values[0], env, nodes, depth + 1)
    if type(expr) in (ast.List, ast.Tuple):
        return [e for e in expr.elts if type(e) is not ast.Starred]
    if type(expr) is ast.BinOp and type(expr.op) is ast.Add:
        left, right = _list_items(expr.left, env, nodes, depth + 1), _list_items(expr.right, env, nodes, depth + 1)
        return None if left is None and right is None else (left or []) + (right or [])
    if type(expr) is ast.BinOp and type(expr.op) is ast.Mult:
        for items, factor in ((expr.left, expr.right), (expr.right, expr.left)):
            found = _list_items(items, env, nodes, depth + 1)
            if found is not None:
                factor = _resolved(factor, env)
                once = type(factor) is ast.Constant and type(factor.value) is int and factor.value < 2
                return found if once else found * 2
    return None


def _appended(name, nodes):
    """What `name.append(x)`, `name.extend([...])` and `name += [...]` add to a list."""
    out = []
    for node in nodes:
        if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.value.id == name and len(node.args) == 1:
            if node.func.attr == "append":
                out.append(node.args[0])
            elif node.func.attr == "extend" and type(node.args[0]) in (ast.List, ast.Tuple):
                out += node.args[0].elts
        elif type(node) is ast.AugAssign and type(node.target) is ast.Name and node.target.id == name \
                and type(node.op) is ast.Add and type(node.value) in (ast.List, ast.Tuple):
            out += node.value.elts
    return out


def _rebuilt_by_bidirectional(ctx, nodes, env):
    """ids of the constructor calls that make the layer given to a Bidirectional, through names too
    (`Bidirectional(RNN(StackedRNNCells(cells)))`): it deserializes a new copy for each direction."""
    out = set()
    for node in nodes:
        if type(node) is not ast.Call or not node.args and not node.keywords or not (
                (type(node.func) is ast.Attribute and node.func.attr == "Bidirectional")
                or (type(node.func) is ast.Name and node.func.id == "Bidirectional")):
            continue
        if ctx.value(node, env).layer_class != "Bidirectional":
            continue
        todo = [(node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "layer"), None), 0)]
        while todo:
            expr, depth = todo.pop()
            made = _resolved(expr, env)
            if type(made) is ast.Call and depth < 4:
                out.add(id(made))
                todo += [(a, depth + 1) for a in made.args + [k.value for k in made.keywords]]
    return out


def _repetition_hit(repeat, used, shared, where):
    classes = ", ".join(dict.fromkeys(value.layer_class for _, value in shared))
    what = f"one {classes} instance" if len(shared) == 1 else f"the same {classes} instances"
    text = ast.unparse(repeat)
    text = text if len(text) <= 60 else text[:57] + "..."
    names = [n.id for n in (used, repeat.left, repeat.right) if type(n) is ast.Name]
    attribute = names[0] if names else "layers"
    single = len(shared) == 1 and len(_list_items(repeat, {}, [], 0) or ()) == 2
    return Hit(repeat, f"`{text}` repeats {what} (list repetition copies references, not layers): {where}; "
                       f"one set of weights for every repeat, counted once",
               attribute=attribute, class_name=classes,
               fix="one_per_item" if single else "one_list_per_repeat",
               fix_values=_created(shared[0][0]) if single else {})


def check_class(ctx):
    """`self.layer` called at several places of call(): one set of weights for every call; layer
    lists repeated with * or + in the class's methods; a layer as a constructor parameter's default."""
    for shared in default_layers(ctx):
        yield Hit(
            shared.default,
            f"the default {shared.param}={shown(shared.default)} is evaluated once, when the class is "
            f"defined: every {ctx.name} made without {shared.param} stores this same {shared.layer_class} "
            f"(self.{shared.attr}) and shares its weights, counted once",
            attribute=shared.attr, class_name=shared.layer_class, fix="none_default",
            fix_values={"param": shared.param, "created": ast.unparse(shared.default)},
        )
    for attr, assign, value, sites, _ in self_layer_calls(ctx):
        lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{attr} ({value.layer_class}) is one layer called {len(sites)} times in "
            f"{ctx.name}.call() (lines {lines}): every call uses the same weights, counted once",
            attribute=attr,
            fix_values=_created(assign.value),
        )
    methods = ctx.methods_of("__init__", "build", "call")
    if not any(type(n.op) in _REPEAT_OPS and _may_list(n, ctx.env(func), 0)
               for method, func in methods for n in ctx.nodes_of(method, ast.BinOp)):
        return  # no `*` or `+` of a list in the class: no list repeated
    repeats: set[int] = set()
    self_lists = ctx.assigns_by_attr("__init__", "build")
    for method, func in methods:
        yield from _list_repetitions(ctx, ctx.nodes(method), ctx.env(func), repeats, self_lists)
    yield from _indexed_repetitions(ctx, self_lists, repeats)


def _indexed_repetitions(ctx, self_lists, reported):
    """`self.norms = [BatchNormalization()] * n` in __init__/build(), then call() calls its items by index
    (`self.norms[i - 1](y)` in a loop, `self.norms[-1](y)`) at two places or more, or in a loop: every
    index is the same instance (measured on Keras 3.15.1: 3 entries, 1 BatchNormalization, its 4 weights)."""
    sites: dict[str, list] = {}
    for method, _ in ctx.methods_of("call"):
        loops = [n for kind in (ast.For, ast.While) for n in ctx.nodes_of(method, kind)]
        for node in ctx.nodes_of(method, ast.Call):
            if type(node.func) is ast.Subscript and (attr := self_attr(node.func.value)) is not None:
                in_loop = any(node.lineno > loop.lineno and node.end_lineno <= loop.end_lineno for loop in loops)
                sites.setdefault(attr, []).append((node, in_loop))
    for attr, calls in sites.items():
        if len(calls) < 2 and not calls[0][1]:
            continue  # one item called once: which instance it is does not matter
        assigns = self_lists.get(attr, ())
        lists = [a for a in assigns if type(a.value) is ast.BinOp and type(a.value.op) in _REPEAT_OPS]
        if len(lists) != 1 or any(a not in lists and not (type(a.value) is ast.Constant and a.value.value is None)
                                  for a in assigns) or id(lists[0].value) in reported:
            continue  # (another list, or one built item by item, may be stored there too)
        assign = lists[0]
        shared = _repeated_layers(ctx, assign.value, ctx.env(ctx.methods[assign.method]), ctx.nodes(assign.method))
        if not shared:
            continue
        reported.add(id(assign.value))
        lines = ", ".join(str(line) for line in sorted({node.lineno for node, _ in calls}))
        yield _repetition_hit(assign.value, ast.Name(id=f"self.{attr}"), shared,  # (the name the fix shows)
                              f"call() calls items of self.{attr} by index (lines {lines}), each the same instance")


def _created(call) -> dict:
    """The fix writes the constructor call again for each new instance."""
    return {"created": ast.unparse(call)} if isinstance(call, ast.Call) else {}
