"""LD005 for a held project layer that is never called itself, only one of its parts."""

import ast
import re

from ...class_facts import importing_files
from ...context import STATELESS_LAYERS
from ...walk import self_attr, walk
from .. import Hit
from .build_leaves import class_called


def held_layer_reached_through_one_part(ctx):
    """A project layer held in __init__ that no code of the class (or its file) calls, builds or hands
    on: every use is `self.x.<sublayer>` (also through a property returning self.x). Its other
    sublayers with weights are never called. Read from this file only: a warning."""
    if ctx.cls.dynamic_access:
        return
    project = ctx.project
    text = None
    for assign in ctx.assigns_in("__init__") if ctx.has_method("__init__") else ():
        if type(assign.value) is not ast.Call:
            continue
        held = ctx.qualify(assign.value.func)
        func = assign.value.func
        if type(func) is ast.Name and held == func.id:  # unresolved: `LM = TFBertForPreTraining; LM(config)`
            bound = ctx.env(ctx.methods["__init__"]).get(func.id, ())
            held = ctx.qualify(bound[0]) if len(bound) == 1 and type(bound[0]) in (ast.Name, ast.Attribute) else None
        if held is None or held == ctx.qualname or not ctx.is_project_class(held) or not project.is_layer(held):
            continue
        if text is None:
            text, file_text = ctx.cls.text(), ctx.cls.file_text()
            if text is None:
                return
        attr = assign.attr
        if f"self.{attr}." not in text and "@property" not in text or f"self.{attr}(" in text:
            continue  # (cheap gate: no `self.x.` use, or the held layer is called)
        hit = _reached_parts(ctx, project, attr, held, text, file_text)
        if hit is not None:
            yield Hit(assign.stmt, hit, attribute=attr, severity="warning")


def _reached_parts(ctx, project, attr, held, text, file_text):
    ctx.cls.load_methods(tuple(ctx.cls.method_names))
    methods = ctx.cls.methods  # (as written: the inlined view repeats helpers in their callers)
    names = {attr}
    for name, func in methods.items():  # properties returning self.x
        if any(type(d) is ast.Name and d.id == "property" for d in func.decorator_list) and len(func.body) >= 1 \
                and type(func.body[-1]) is ast.Return and self_attr(func.body[-1].value) == attr:
            names.add(name)
    if any(ctx.mentions(n) != sum(1 for f in methods.values() for x in walk(f) if self_attr(x) == n) for n in names):
        return None  # a use the parsed methods do not hold
    if any(sub.attr_counts.get(n, 0) or sub.dynamic_access for sub in project.subclasses(ctx.qualname) for n in names):
        return None
    for n in names:  # (`model.x` outside the class: the file reaches it; another class's `self.x` is not it)
        pattern = re.compile(rf"(?<!self)\.{n}\b")
        if len(pattern.findall(file_text)) != len(pattern.findall(text)):
            return None
    reached, inner, uses = set(), set(), []
    for func in methods.values():
        for node in walk(func):
            if type(node) is ast.Attribute and self_attr(node.value) in names:
                reached.add(node.attr)
                inner.add(id(node.value))
            elif self_attr(node) in names:
                uses.append(node)
    # other uses than `self.x.part`: the store in __init__ and the properties' returns, nothing else
    if not reached or sum(id(node) not in inner for node in uses) != len(names):
        return None
    init = (project.class_methods(held) or {}).get("__init__")
    if init is None:
        return None
    file = project.classes[held][1]
    parts, mentioned = {}, {}
    for node in walk(init):
        name = self_attr(node)
        if name is not None:
            mentioned[name] = mentioned.get(name, 0) + 1
        if type(node) is ast.Assign and len(node.targets) == 1 and self_attr(node.targets[0]):
            value = node.value
            if type(value) in (ast.List, ast.Tuple) and value.elts:
                value = value.elts[0]  # a list of layers (a ConvNeXt stage): a part too, by its first layer's class
            elif type(value) is ast.ListComp:
                value = value.elt
            callee = class_called(value)
            if callee:
                parts[self_attr(node.targets[0])] = project.qualify_name(callee, file)
    if not reached <= set(parts):
        return None  # reaches a method or a plain attribute of the held layer: it may run anything
    left = [(part, qualname.rsplit(".", 1)[-1]) for part, qualname in parts.items()
            if part not in reached and mentioned.get(part) == 1 and project.is_layer(qualname)
            and qualname.rsplit(".", 1)[-1] not in STATELESS_LAYERS and project.has_weights(qualname)
            and _creates_state(project, qualname)]
    if not left:
        return None
    shown = ", ".join(f"{part} ({cls})" for part, cls in left[:4])
    paths = [f"self.{n}.{r}" for n in sorted(names - {attr} or names) for r in sorted(reached)]
    via = " and ".join(paths) if len(paths) <= 3 else f"{', '.join(paths[:3])} and {len(paths) - 3} more parts"
    return (f"{ctx.name}.{attr} ({held.rsplit('.', 1)[-1]}) is never called itself: the class only reaches "
            f"{via}, so its call() never runs and {shown} {'is' if len(left) == 1 else 'are'} never called: "
            f"unbuilt, with no weights (the summary shows 0 (unbuilt); load_weights has nowhere to put them); "
            f"read from this file only (no other code calling it was found); hold only the part used, or call "
            f"the whole layer")


_STATE_RE = re.compile(r"add_weight|add_variable|Variable\(|self\.\w+\s*=\s*\[?\s*[\w.]*\b[A-Z]\w*\(")


def _creates_state(project, qualname) -> bool:
    """A project layer whose text (or a project base's) creates a weight or stores a sublayer: has_weights()
    also counts a class that only calls one per call (`ApplyRoPE()(q, k)`), which loses nothing unbuilt."""
    for name in (qualname, *project.user_ancestors(qualname)):
        if name not in project.classes:
            if project.has_weights(name) and project.is_layer(name):
                return True
            continue
        summary = project.class_summary(name)
        text = summary.text() if summary is not None else None
        if text is None or _STATE_RE.search(text):
            return True
    return False


def run_from_outside(ctx, attr) -> bool:
    """Does code of the class's file outside its methods call or build the sublayer through an instance
    (`model.encoder(x)` in a training function, `net.tower.build(shape)`, `self.inner.head(x)` in another
    class)? That builds it (measured, ld005x); reading it (`model.encoder.trainable_variables`) does not.
    Read from this file and the checked files that import the class (model code kept apart from layers)."""
    pattern = re.compile(rf"(?<!self)\.{re.escape(attr)}(?:\(|\.build\()")
    text = ctx.cls.file_text()
    if text is not None and pattern.search(text):
        return True
    for file in importing_files(ctx):  # (only when a finding is about to be reported: rare)
        try:
            with open(file.path, encoding="utf-8", errors="replace") as handle:
                if pattern.search(handle.read()):
                    return True
        except OSError:
            continue
    return False
