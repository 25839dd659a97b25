"""What `instance.build(shape)` leaves unbuilt: the sublayers a class's build() (its own, or one
inherited from a project base) neither builds nor calls. Shared by the class and module checks."""

import ast
import re

import builtins

from ...class_facts import module_functions
from ...context import STATELESS_LAYERS
from ...project import made_class
from ...walk import callee_name, hands_over_a_graph, self_attr, walk
from .lists import is_call_of


def build_leaves(project, qualname, _depth=0):
    """Sublayers (dotted path, class name) that `instance.build(shape)` leaves unbuilt, with
    weights of their own; [] when none or when that cannot be told."""
    found = project.classes.get(qualname)
    if found is None or _depth > 4 or qualname.startswith(("keras.", "tf_keras.")):
        # (Keras's own classes, when the checked tree is Keras: their build() is not the user's)
        return []
    if not bases_leave_build_alone(project, qualname):
        inherited = _inherited_build(project, qualname)
        return _inherited_build_leaves(project, qualname, *inherited, _depth) if inherited else []
    file = found[1]
    leaves, builds = project.build_leaves(qualname, function_class)
    if leaves is None:
        return []
    out = []
    for attr, callee in leaves:
        name = project.qualify_name(callee, file)
        if project.is_layer(name) and name.rsplit(".", 1)[-1] not in STATELESS_LAYERS and project.has_weights(name):
            out.append((attr, name.rsplit(".", 1)[-1]))
    for attr, callee in builds:
        name = project.qualify_name(callee, file)
        for sub, cls in build_leaves(project, name, _depth + 1):
            out.append((f"{attr}.{sub}", cls))
    return out


_BUILTIN_NAMES = frozenset(dir(builtins))


def function_class(file, function: str) -> str | None:
    """The class a top-level function of `file` makes and returns (`def nn(sizes): model = Sequential(); ...;
    return model`: rlfd's DDPG, held-out 43), or None; not a functional Model, nor a Sequential given its input:
    those are built when made."""
    if function in _BUILTIN_NAMES:
        return None
    fn = module_functions(file, function)
    made = made_class(fn) if fn is not None else None
    if made is None or made.rsplit(".", 1)[-1] in ("Model", "Functional") or _given_an_input(fn):
        return None
    return made


def _given_an_input(fn) -> bool:
    """Does the function make an `Input`/`InputLayer` or hand a layer `input_shape=`/`input_dim=`?"""
    for node in walk(fn):
        if type(node) is ast.Call:
            if callee_name(node) in ("Input", "InputLayer") or \
                    any(kw.arg in ("input_shape", "input_dim", "batch_input_shape") for kw in node.keywords):
                return True
    return False


def bases_leave_build_alone(project, qualname) -> bool:
    """Can the class's own build() be read alone? True with no project base; with project bases, when
    the class defines build() and either never calls super().build() or every base build() it reaches
    only creates things (no `.build(...)`, no call on self but add_weight: nothing that could build
    the class's sublayers)."""
    bases = project.user_ancestors(qualname)
    if not bases:
        return True
    if any(base not in project.classes for base in bases):
        return False  # a base we cannot read
    methods = project.class_methods(qualname)
    build = methods.get("build") if methods else None
    if build is None:
        # the bases' build() runs, or Keras's when no base defines one and none wires a graph
        # (a project base that only adds get_config or helpers is common in real code)
        return not any(project.classes[base][0].defines_build or _base_hands_over_a_graph(project, base)
                       for base in bases)
    if not any(_is_super_call(node, "build") for node in walk(build)):
        return True
    for base in bases:
        if not project.classes[base][0].defines_build:
            continue
        base_build = (project.class_methods(base) or {}).get("build")
        if base_build is None or not all(_only_creates(node) for node in walk(base_build) if type(node) is ast.Call):
            return False
    return True


def _inherited_build(project, qualname):
    """(builder, build FunctionDef, chain) when the class defines no build() and exactly one class of
    its project chain (all of it readable, no functional wiring) does; else None."""
    bases = project.user_ancestors(qualname)
    if project.classes[qualname][0].defines_build or not bases or any(base not in project.classes for base in bases):
        return None
    builders = [base for base in bases if project.classes[base][0].defines_build]
    if len(builders) != 1 or any(_base_hands_over_a_graph(project, base) for base in bases):
        return None  # (several build()s: which one runs, and what super().build() reaches, is not read)
    build = (project.class_methods(builders[0]) or {}).get("build")
    return (builders[0], build, [qualname, *bases]) if build is not None else None


_CONSTANT_RE = {}  # name -> compiled `^<indent>name = "word"` pattern


def _class_constant(project, chain, name):
    """The string a class attribute `name = "word"` holds, the nearest class of the chain first."""
    pattern = _CONSTANT_RE.get(name)
    if pattern is None:
        pattern = _CONSTANT_RE[name] = re.compile(rf"^[ \t]+{name}\s*(?::[^=\n]*)?=\s*[\"'](\w+)[\"']\s*$", re.M)
    for qualname in chain:
        summary = project.class_summary(qualname)
        text = summary.text() if summary is not None else None
        if text is None:
            return None
        found = pattern.search(text)
        if found is not None:
            return found.group(1)
    return None


def _named_attr(project, chain, node, local):
    """The self attribute `node` names: `self.x`, `self.x[i]`, `getattr(self, "x")`,
    `getattr(self, self.PREFIX, None)` (PREFIX a string class attribute), a local bound to one of
    those; None when it names something else."""
    if type(node) is ast.Subscript:
        node = node.value
    attr = self_attr(node)
    if attr is not None:
        return attr
    if type(node) is ast.Name:
        return local.get(node.id)
    if is_call_of(node, "getattr") and len(node.args) >= 2 and type(node.args[0]) is ast.Name and \
            node.args[0].id == "self":
        key = node.args[1]
        if type(key) is ast.Constant and type(key.value) is str:
            return key.value
        name = self_attr(key)
        return _class_constant(project, chain, name) if name is not None else None
    return None


def _inherited_build_leaves(project, qualname, builder, build, chain, depth):
    """What the inherited build() leaves unbuilt: sublayers with weights that the chain's __init__s
    create and some other method uses, which that build() neither builds nor calls ([] when it does
    anything that is not read: another method of self, a build on something unnamed)."""
    inits = [(q, (project.class_methods(q) or {}).get("__init__")) for q in chain]
    created = {}  # attr -> (dotted callee, the file of the class creating it)
    for q, init in inits:
        for node in walk(init) if init is not None else ():
            if type(node) is ast.Assign and len(node.targets) == 1 and self_attr(node.targets[0]):
                value = node.value.elt if type(node.value) is ast.ListComp else node.value
                name = class_called(value)
                if name:
                    created.setdefault(self_attr(node.targets[0]), (name, project.classes[q][1]))
    if not created:
        return []
    built, here = set(), {}
    for func in [build, *(init for _, init in inits if init is not None)]:
        local = {}  # local name -> the self attribute it holds (`main = getattr(self, self.prefix)`)
        for node in walk(func):
            attr = self_attr(node)
            if attr is not None:
                here[attr] = here.get(attr, 0) + 1
            if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
                named = _named_attr(project, chain, node.value, {})
                if named is not None:
                    local[node.targets[0].id] = named
            elif type(node) is ast.For and type(node.target) is ast.Name:
                named = _named_attr(project, chain, node.iter, local)
                if named is not None:
                    local[node.target.id] = named
        for node in walk(func):
            if type(node) is not ast.Call:
                continue
            f = node.func
            if type(f) is ast.Attribute and f.attr == "build":
                if is_call_of(f.value, "super"):
                    continue  # the only project build() calls Keras's
                named = _named_attr(project, chain, f.value, local)
                if named is None:
                    return []  # builds something it holds in another way
                built.add(named)
                continue
            if type(f) is ast.Attribute and self_attr(f) in ("add_weight", "add_variable", "add_loss"):
                continue
            named = _named_attr(project, chain, f, local)
            if named in created:
                built.add(named)  # called: built
            elif func is build and (named is not None or type(f) is ast.Name and f.id == "self"):
                return []  # another method of self: it may build anything
    used = {a: sum(project.classes[q][0].attr_counts.get(a, 0) for q in chain) for a in created}
    out = []
    for attr, (callee, file) in created.items():
        name = project.qualify_name(callee, file)
        if not project.is_layer(name) or name.rsplit(".", 1)[-1] in STATELESS_LAYERS or not project.has_weights(name):
            continue
        if attr in built:
            out += [(f"{attr}.{sub}", cls) for sub, cls in build_leaves(project, name, depth + 1)]
        elif used[attr] > here.get(attr, 0):
            out.append((attr, name.rsplit(".", 1)[-1]))
    return out


def class_called(value):
    """`Cls` of `Cls(...)` (a class-like name, dotted), else None."""
    if type(value) is not ast.Call:
        return None
    name = ast.unparse(value.func) if type(value.func) in (ast.Name, ast.Attribute) else ""
    return name if name.rsplit(".", 1)[-1][:1].isupper() else None


def _base_hands_over_a_graph(project, base) -> bool:
    methods = project.class_methods(base)
    if methods is None:
        return True  # a base whose methods do not parse: assume the worst
    init = methods.get("__init__")
    return init is not None and any(hands_over_a_graph(node) for node in walk(init))


def _is_super_call(node, method) -> bool:
    return type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == method and \
        is_call_of(node.func.value, "super")


def _only_creates(call) -> bool:
    """A call in a base's build() that cannot build a sublayer: not `.build(...)`, not a method of self
    (add_weight aside), not self(...)."""
    func = call.func
    if type(func) is ast.Attribute and func.attr == "build" and not is_call_of(func.value, "super"):
        return False
    root = func
    while type(root) in (ast.Attribute, ast.Subscript, ast.Call):
        root = root.func if type(root) is ast.Call else root.value
    if type(root) is ast.Name and root.id == "self":
        return type(func) is ast.Attribute and func.attr in ("add_weight", "add_variable", "add_loss")
    return True


def describe_leaves(leaves):
    shown = ", ".join(f"{a} ({c})" for a, c in leaves[:4])
    shown += f" and {len(leaves) - 4} more" if len(leaves) > 4 else ""
    return shown + (" stays" if len(leaves) == 1 else " stay")
