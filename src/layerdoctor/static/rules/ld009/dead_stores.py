"""LD009 for dead stores in call(): a sublayer's result overwritten before anything reads it."""

import ast
from bisect import bisect_right

from ...class_facts import (parsed_file)
from ...project import is_keras_layer_name
from ...context import LAYER, STATELESS_LAYERS, WEIGHT, self_attr
from ...walk import read_on_an_instance, walk
from .. import Hit
from .outputs import factory_result
from .reads import WEIGHT_LISTS, trainable


# ------------------------------------------------------------------ dead stores in call()
# `output = self.linear1(x); output = self.linear2(x)`: linear1 is built and counted, its result thrown away.

_DYNAMIC_NAMES = {"locals", "vars", "eval", "exec", "globals"}
# Reading these on self may run the sublayers some other way (by position, not by attribute).
_LAYER_LISTS = ("layers", "_layers", "submodules", "_flatten_layers", "_self_tracked_trackables")
_LOOPS_AND_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)
_NAME_TARGETS = (ast.Name, ast.Tuple, ast.List, ast.Starred)
_PURE, _TRAINED = "pure", "trained"


def dead_results(ctx, reported):
    """Sublayers with weights and trainable weights whose every read in call() (and the helpers it
    reaches) is in a result call() overwrites or never reads. A cheap scan first: some local stored
    twice, or stored and never read; the liveness analysis runs only then."""
    if ctx.cls.dynamic_access or ctx.defines_setattr:
        return
    methods = ctx.methods_of("call")
    states = {}
    dead = dead_self_reads(ctx, states)
    if not dead or any(ctx.mentions(name) for name in WEIGHT_LISTS + _LAYER_LISTS):
        return
    candidates = {}
    for node, why in sorted(dead.values(), key=lambda item: (item[0].lineno, item[0].col_offset)):
        candidates.setdefault(self_attr(node), (node, why))
    for attr, (node, why) in candidates.items():
        kind = _state_of(ctx, attr, states)
        if attr in reported or kind is None or kind[0] != _TRAINED or not _only_dead_reads(ctx, attr, methods, dead) \
                or read_outside(ctx, attr):
            continue
        what = "a sublayer with trainable weights" if kind[1] == LAYER else "a trainable weight"
        yield Hit(
            node,
            f"{ctx.name}.{attr} is {what} whose only use in call() is thrown away: {why}; it is built and "
            f"counted as trainable but gets no gradient and is never trained (a typo in a name read later?)",
            attribute=attr, fix="dead_store" if kind[1] == LAYER else "default",
        )


def dead_self_reads(ctx, states=None) -> dict:
    """id(node) -> (node, why) for every `self.<attr>` read in call() (and the helpers it reaches) that only
    feeds a result call() overwrites or never reads; worked out once per class (LD009's weight checks ask too)."""
    found = getattr(ctx, "_dead_self_reads", None)
    if found is not None:
        return found
    states = {} if states is None else states
    dead = {}
    if not (ctx.cls.dynamic_access or ctx.defines_setattr):
        methods = ctx.methods_of("call")
        if any(_may_have_dead_store(ctx, m, states) for m, _ in methods):
            for method, func in methods:
                for part, why in _Liveness(ctx, func, ctx.nodes(method), states).dead_parts():
                    for node in walk(part):
                        if type(node) is ast.Attribute and type(node.ctx) is ast.Load and self_attr(node):
                            dead[id(node)] = (node, why)
    ctx._dead_self_reads = dead
    return dead


def _may_have_dead_store(ctx, method, states) -> bool:
    """A cheap look at line numbers only: an assignment stores a local that is not read on a later line up
    to the end of its next store (`x = f(x)` chains read it in the statement that stores it again), or
    after its last store (`a, b = layer(x)` counts only when neither is read), and its value comes from a
    sublayer or trainable weight of self, directly or through locals assigned before it."""
    assigns, self_lines = [], {}
    for kind in (ast.Assign, ast.AnnAssign):
        for node in ctx.nodes_of(method, kind):
            targets = node.targets if kind is ast.Assign else [node.target]
            unpacked = any(type(target) in (ast.Tuple, ast.List) for target in targets) and \
                type(node.value) not in (ast.Tuple, ast.List)
            assigns.append((node.lineno, node.end_lineno or node.lineno, unpacked))
    if not assigns:
        return False
    for node in ctx.nodes_of(method, ast.Attribute):
        if type(node.value) is ast.Name and node.value.id == "self" and type(node.ctx) is ast.Load:
            self_lines.setdefault(node.lineno, set()).add(node.attr)
    if not self_lines:
        return False
    stores, loads = {}, {}
    for node in ctx.nodes_of(method, ast.Name):
        (stores if type(node.ctx) is ast.Store else loads).setdefault(node.id, []).append(node.lineno)
    branches = [(node.body[0].lineno, node.body[-1].end_lineno, node.orelse[0].lineno, node.orelse[-1].end_lineno)
                for node in ctx.nodes_of(method, ast.If) if node.orelse]
    dead = {}  # line -> names stored there that nothing reads before the next store (or at all)
    live_lines = set()
    ends = {first: last for first, last, _ in assigns}  # a statement's value may go on after its first line
    for name, lines in stores.items():
        if name == "_":
            continue
        read = sorted(loads.get(name, ()))  # (sorted: is a line read in (first, upto]? is one bisection)
        lines.sort()
        for first, second in zip(lines, lines[1:] + [None]):
            if second is None:
                is_dead = not read or read[-1] <= first
            elif any(start <= first <= end and other <= second <= last for start, end, other, last in branches):
                is_dead = False  # `if c: x = a(h) else: x = b(h)`: one or the other runs (if the else store is dead, so is this one)
            else:
                upto = ends.get(second, second)
                after = bisect_right(read, first)
                is_dead = first < second and not (after < len(read) and read[after] <= upto)
            if is_dead:
                dead.setdefault(first, set()).add(name)
            else:
                live_lines.add(first)
    candidates = [(first, last) for first, last, unpacked in assigns
                  if first in dead and not (unpacked and first in live_lines)]
    if not candidates:
        return False
    # names whose value comes from self's attributes, through locals: by line, in two passes; whether
    # such an attribute is a trained sublayer or weight is asked last (_state_of is the costly part)
    loads_on = {}
    for name, lines in loads.items():
        for line in lines:
            loads_on.setdefault(line, set()).add(name)
    stored_on = {}
    for name, lines in stores.items():
        for line in lines:
            stored_on.setdefault(line, set()).add(name)
    sources = {}  # tainted name -> lines of self reads it may come from
    for _ in range(2):
        for first, last, _ in sorted(assigns):
            origin = set()
            for line in range(first, last + 1):
                if line in self_lines:
                    origin.add(line)
                for name in loads_on.get(line, ()):
                    origin |= sources.get(name, set())
            if origin:
                for name in stored_on.get(first, ()):
                    sources.setdefault(name, set()).update(origin)
    origin_lines = set()
    for first, _ in candidates:
        for name in dead[first]:
            origin_lines |= sources.get(name, set())
    return any((_state_of(ctx, attr, states) or ("",))[0] == _TRAINED
               for attr in {attr for line in origin_lines for attr in self_lines[line]})


def _state_of(ctx, attr, cache):
    """What self.<attr> is, from its assignment in __init__/build: (_TRAINED, LAYER) a sublayer with
    weights, (_TRAINED, WEIGHT) a trainable weight, (_PURE, ...) a weightless layer or a frozen weight
    (calling or reading it has no side effect), None: anything else, a layer with side effects when its
    output is dropped, or unknown."""
    if attr in cache:
        return cache[attr]
    firsts = cache.get(None)
    if firsts is None:
        firsts = cache[None] = {}
        for assign in ctx.self_assigns(("__init__", "build")):
            firsts.setdefault(assign.attr, assign)
    assign = firsts.get(attr)
    state = None
    if assign is not None:
        value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
        if value.kind == WEIGHT:
            state = (_TRAINED if trainable(assign.value) else _PURE, WEIGHT)
        else:
            if value.kind != LAYER and isinstance(assign.value, ast.Call):
                value = factory_result(ctx, assign.value.func)
            if value.kind == LAYER and not _side_effects(ctx, assign.value, value):
                weighted = value.layer_class not in STATELESS_LAYERS and ctx.has_weights(value.qualname)
                state = (_TRAINED if weighted else _PURE, LAYER)
    cache[attr] = state
    return state


def _statistics_only(ctx, attr, cache) -> bool:
    """Is self.<attr> a Keras BatchNormalization (no regularizer): its one side effect, the moving statistics,
    carries no gradient, so what only feeds it gets none (the call itself is never reported: its state is
    None)."""
    assign = cache.get(None, {}).get(attr)
    if assign is None or type(assign.value) is not ast.Call:
        return False
    value = ctx.value(assign.value, ctx.env(ctx.methods[assign.method]))
    return "BatchNorm" in (value.layer_class or "") and (value.qualname or "").startswith("keras.") and not any(
        kw.arg is None or kw.arg.endswith("_regularizer") for kw in assign.value.keywords)


def _side_effects(ctx, made, value) -> bool:
    """Does calling the layer do more than return its output: add a loss (an `activity_regularizer`,
    a project layer that calls `self.add_loss`), update state (BatchNormalization's moving statistics,
    a stateful RNN), or is it a layer we cannot read (outside Keras and the project)?"""
    if isinstance(made, ast.Call) and any(
            kw.arg is None or kw.arg.endswith("_regularizer") or kw.arg == "stateful" for kw in made.keywords):
        return True
    if "BatchNorm" in (value.layer_class or ""):
        return True
    qualname = value.qualname or ""
    if ctx.is_project_class(qualname):
        for name in [qualname] + ctx.project.user_ancestors(qualname):
            info = ctx.project.classes.get(name)
            if info is None:
                return not is_keras_layer_name(name)  # an outside base: cannot read it
            if info[0].attr_counts.get("add_loss") or info[0].attr_counts.get("add_metric") \
                    or info[0].dynamic_access or "BatchNorm" in name:
                return True
        return False
    return not qualname.startswith("keras.")


def _only_dead_reads(ctx, attr, methods, dead) -> bool:
    """Every read of self.<attr> in the class is one of the dead ones, and no subclass names it."""
    reads = 0
    for method, _ in methods:
        for node in ctx.nodes(method):
            if type(node) is ast.Attribute and self_attr(node) == attr and type(node.ctx) is ast.Load:
                if id(node) not in dead:
                    return False
                reads += 1
    if reads != ctx.mentions(attr) - ctx.stores_of(attr):
        return False  # read in another method
    return not any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname))


def read_outside(ctx, attr) -> bool:
    """Does code of the file outside `self` read `<something>.<attr>` (`model.encoder(x)` in a loss)?"""
    return read_on_an_instance(walk(parsed_file(ctx.file.path)), attr)


class _Liveness:
    """Backward liveness of one method's locals: straight-line statements exactly, compound statements
    conservatively (every name they read is live, they kill nothing; their bodies are read the same way,
    a loop's with every name it reads live at its end; a `try` is not looked into). A dead part is an assignment (or
    one element of a tuple assignment) whose names are all dead after it and whose value calls nothing
    that could keep the result alive another way."""

    def __init__(self, ctx, func, nodes, states):
        self.ctx, self.func, self.nodes, self.states = ctx, func, nodes, states
        self.found = []  # (dead value, its statement, what comes next for its names)

    def dead_parts(self):
        self.always = set()  # names a nested function or lambda reads: read at any time
        for node in self.nodes:
            kind = type(node)
            if kind in (ast.Global, ast.Nonlocal) or (kind is ast.Name and node.id in _DYNAMIC_NAMES):
                return []
            if kind in (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and node is not self.func:
                self.always |= {n.id for n in walk(node) if type(n) is ast.Name}
        self._body(self.func.body, set(), {})
        return [(part, self._why(part, event)) for part, _, event in self.found]

    def _body(self, body, live, events):
        """Walk `body` backwards from `live` (the names live after it); `events` maps a name that is not
        live to what comes next for it: ("store", stmt) or ("dead", value, stmt), a read by a dead part."""
        live = set(live)
        for stmt in reversed(body):
            pairs = self._assignment(stmt)
            if pairs is not None:
                stored, uses, dead_reads = [], set(), {}
                augmented = type(stmt) is ast.AugAssign
                for target, value in pairs:
                    names = _target_names(target)
                    stored += names
                    if not augmented and not any(n in live or n in self.always or n == "_" for n in names) \
                            and not self._effects(value):
                        self.found.append((value, stmt, next((events[n] for n in names if n in events), None)))
                        dead_reads.update((name, ("dead", value, stmt)) for name in _reads(value))
                    else:
                        uses |= _reads(value) | (set(names) if augmented else set())
                live -= set(stored)
                live |= uses
                events.update((name, ("store", stmt)) for name in stored)
                events.update(dead_reads)
                for name in uses:
                    events.pop(name, None)
                continue
            reads = _reads(stmt)
            if type(stmt) in _LOOPS_AND_BLOCKS:  # a loop's body runs again: what it reads is live at its end
                inner = live | reads if type(stmt) in (ast.For, ast.AsyncFor, ast.While) else live
                for block in (stmt.body, getattr(stmt, "orelse", [])):
                    self._body(block, inner, dict(events))
            live |= reads
            for name in reads:
                events.pop(name, None)
        return live

    @staticmethod
    def _assignment(stmt):
        """[(target, value)] for `a = v`, `a, b = v, w` (pairwise), `a += v`; None for anything else."""
        kind = type(stmt)
        if kind is ast.Assign:
            targets, value = stmt.targets, stmt.value
        elif (kind is ast.AnnAssign or kind is ast.AugAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            return None
        if not all(type(n) in _NAME_TARGETS for t in targets for n in walk(t)) \
                or any(type(n) is ast.NamedExpr for n in walk(value)):
            return None
        if len(targets) == 1 and type(targets[0]) in (ast.Tuple, ast.List) and type(value) in (ast.Tuple, ast.List) \
                and len(targets[0].elts) == len(value.elts) \
                and not any(type(e) is ast.Starred for e in targets[0].elts + value.elts):
            return list(zip(targets[0].elts, value.elts))
        return [(ast.Tuple(elts=list(targets), ctx=ast.Store()), value)] if len(targets) > 1 else [(targets[0], value)]

    def _effects(self, value) -> bool:
        """Could evaluating `value` keep its result alive another way: a call of a method of self (it may
        call add_loss), of a sublayer with side effects or of something on self we do not know, self
        passed on, await/yield?"""
        for node in walk(value):
            kind = type(node)
            if kind in (ast.Await, ast.Yield, ast.YieldFrom):
                return True
            if kind is not ast.Call:
                continue
            if any(type(arg) is ast.Name and arg.id == "self" for arg in node.args + [kw.value for kw in node.keywords]):
                return True
            func = node.func
            root = func
            while type(root) in (ast.Attribute, ast.Subscript, ast.Call):
                root = root.func if type(root) is ast.Call else root.value
            if type(root) is not ast.Name or root.id != "self":
                continue
            attr = self_attr(func)
            if attr is None or attr in self.ctx.cls.method_names or \
                    _state_of(self.ctx, attr, self.states) is None and not _statistics_only(self.ctx, attr, self.states):
                return True
        return False

    def _why(self, part, event) -> str:
        shown = ast.unparse(part)
        shown = shown if len(shown) <= 50 else shown[:47] + "..."
        via = []
        while event is not None and event[0] == "dead" and len(via) < 20:
            via.append(event[2].lineno)
            event = next((e for p, _, e in self.found if p is event[1]), None)
        if event is None:
            end = "is never read"
        else:
            end = f"is overwritten at line {event[1].lineno} (`{ast.unparse(event[1])[:60]}`) before anything reads it"
        if via:
            return f"the result of `{shown}` (line {part.lineno}) only feeds line {via[0]}, and what that " \
                   f"chain computes {end}"
        return f"the result of `{shown}` (line {part.lineno}) {end}"


def _target_names(target) -> list[str]:
    return [n.id for n in walk(target) if type(n) is ast.Name]


def _reads(node) -> set[str]:
    return {n.id for n in walk(node) if type(n) is ast.Name and type(n.ctx) is not ast.Store}
