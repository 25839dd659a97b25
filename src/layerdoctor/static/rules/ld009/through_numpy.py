"""LD009 for a training loop whose loss reaches the model only through NumPy or Python values: `.numpy()`,
`float(...)`, `np.mean(...)` of what the model returned, inside or outside the tape, then the loss built on that
(TensorFlow issues #31919 and #30190, held-out 40). The tape records nothing through those values, so
`tape.gradient(loss, model.trainable_variables)` is a list of None and training silently changes nothing."""

import ast

from ...project import dotted
from .. import Hit
from .loops import _gradient_lines

_SOURCES = {"trainable_variables", "trainable_weights", "variables", "weights"}
_TO_PYTHON = {"numpy", "item", "tolist"}  # tensor methods that leave the graph
_PYTHON_NUMBERS = {"float", "int", "bool"}
_NUMPY = ("np.", "numpy.")
_PREDICT = {"predict", "predict_on_batch"}  # return NumPy arrays
_LIVE, _DEAD = "live", "dead"


def loss_through_numpy(ctx):
    lines = _gradient_lines(ctx)
    if not lines:
        return
    module_functions = _callable_functions(ctx.tree)
    for unit in ctx.tree.body:
        if type(unit) is ast.FunctionDef:
            functions, known = [unit], module_functions
        elif type(unit) is ast.ClassDef:
            functions = [f for f in unit.body if type(f) is ast.FunctionDef]
            known = {**module_functions, **{f"self.{f.name}": f for f in functions}}
        else:
            continue
        for function in functions:
            if any(function.lineno <= line <= function.end_lineno for line in lines):
                yield from _check_function(function, known)


def _callable_functions(tree) -> dict[str, ast.FunctionDef]:
    """The functions a training loop may call by name: `helper` (top level) and `Trainer.helper` (a method
    of a top-level class, as a builder's static methods are called; `self.helper` inside that class)."""
    out = {f.name: f for f in tree.body if type(f) is ast.FunctionDef}
    for cls in tree.body:
        if type(cls) is ast.ClassDef:
            out.update((f"{cls.name}.{f.name}", f) for f in cls.body if type(f) is ast.FunctionDef)
    return out


def _check_function(function, module_functions):
    for grad in ast.walk(function):
        if not (type(grad) is ast.Call and type(grad.func) is ast.Attribute and grad.func.attr == "gradient"
                and len(grad.args) >= 2 and type(grad.args[0]) is ast.Name):
            continue
        models = _models_differentiated(grad.args[1], function)
        if not models:
            continue
        flow = _Flow(models, module_functions)
        env = flow.run(function.body, {})
        if env.get(grad.args[0].id) == {_DEAD} and flow.cut is not None:
            model = sorted(models)[0]
            yield Hit(flow.cut, f"the loss given to {ast.unparse(grad.func.value)}.gradient() (line {grad.lineno}) "
                                f"reaches {model}'s output only through `{ast.unparse(flow.cut)[:60]}`, a NumPy or "
                                f"Python value: the tape records nothing through it, so every weight of {model} "
                                f"gets a None gradient and training never changes them; compute the loss with "
                                f"TensorFlow or keras.ops operations on the model's output", attribute=None, fix=None)
            return


def _models_differentiated(sources, function) -> set[str]:
    """`G.trainable_variables`, `[*enc.trainable_weights, *dec.trainable_weights]`, or a local bound to one."""
    if type(sources) is ast.Name:
        bound = [n.value for n in ast.walk(function) if type(n) is ast.Assign and len(n.targets) == 1
                 and type(n.targets[0]) is ast.Name and n.targets[0].id == sources.id]
        if len(bound) != 1:
            return set()
        sources = bound[0]
    return {name for n in ast.walk(sources) if type(n) is ast.Attribute and n.attr in _SOURCES
            and (name := dotted(n.value))}


class _Flow:
    """Labels each local by what it holds of the models' outputs: {live} (a tensor the tape follows back),
    {dead} (only NumPy or Python values made from them), both, or nothing. Functions of the module called
    with a model are followed (two levels); `cut` is the first conversion of a live value."""

    def __init__(self, models: set[str], module_functions, depth=0):
        self.models, self.functions, self.depth = models, module_functions, depth
        self.cut = None

    def run(self, body, env) -> dict:
        for stmt in body:
            self._statement(stmt, env)
        return env

    def _statement(self, stmt, env):
        kind = type(stmt)
        if kind is ast.Assign:
            label = self.label(stmt.value, env)
            for target in stmt.targets:
                self._bind(target, label, env)
        elif kind is ast.AugAssign or kind is ast.AnnAssign and stmt.value is not None:
            label = self.label(stmt.value, env)
            name = _base_name(stmt.target)
            if name:
                env[name] = (env.get(name, set()) | label) if kind is ast.AugAssign else label
        elif kind is ast.Expr and type(stmt.value) is ast.Call and type(stmt.value.func) is ast.Attribute \
                and stmt.value.func.attr in ("append", "extend", "insert"):
            name = _base_name(stmt.value.func.value)
            if name:
                env[name] = env.get(name, set()) | self._union(stmt.value.args, env)
        elif kind is ast.Expr:
            self.label(stmt.value, env)
        elif kind in (ast.For, ast.AsyncFor):
            self._bind(stmt.target, self.label(stmt.iter, env), env)
            for _ in range(2):  # a second pass carries what one iteration hands the next
                self.run(stmt.body, env)
            self.run(stmt.orelse, env)
        elif kind in (ast.If, ast.While):
            self.run(stmt.body, env)
            self.run(stmt.orelse, env)
        elif kind in (ast.With, ast.AsyncWith):
            self.run(stmt.body, env)
        elif kind is ast.Try:
            for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                self.run(block, env)
        elif kind is ast.Return and stmt.value is not None:
            env["<return>"] = env.get("<return>", set()) | self.label(stmt.value, env)

    def _bind(self, target, label, env):
        if type(target) is ast.Name:
            env[target.id] = set(label)
        elif type(target) in (ast.Tuple, ast.List):
            for element in target.elts:
                self._bind(element, label, env)
        elif (name := _base_name(target)) is not None:
            env[name] = env.get(name, set()) | label  # `losses[i] = ...`: the container holds it too

    def _union(self, nodes, env) -> set:
        out = set()
        for node in nodes:
            out |= self.label(node, env)
        return out

    def label(self, node, env) -> set:
        kind = type(node)
        if kind is ast.Name:
            return set(env.get(node.id, ()))
        if kind is ast.Constant:
            return set()
        if kind is ast.Call:
            return self._call(node, env)
        if kind in (ast.Lambda, ast.FunctionDef):
            return set()
        if kind in (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp):
            inner = dict(env)
            for generator in node.generators:
                self._bind(generator.target, self.label(generator.iter, inner), inner)
            parts = [node.key, node.value] if kind is ast.DictComp else [node.elt]
            return self._union(parts, inner)
        return self._union(list(ast.iter_child_nodes(node)), env)

    def _call(self, call, env) -> set:
        func = call.func
        name = dotted(func)
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if name in self.models or type(func) is ast.Attribute and func.attr == "call" and dotted(func.value) in self.models:
            self._union(arguments, env)
            return {_LIVE}
        if type(func) is ast.Attribute and func.attr in _PREDICT and dotted(func.value) in self.models:
            return {_DEAD}
        inputs = self._union(arguments, env)
        if type(func) is ast.Attribute:
            inputs |= self.label(func.value, env)
        if inputs and (type(func) is ast.Attribute and func.attr in _TO_PYTHON or name in _PYTHON_NUMBERS
                       or name and name.startswith(_NUMPY)):
            if _LIVE in inputs and self.cut is None:
                self.cut = call
            return {_DEAD}
        function = self.functions.get(name) if name else None
        if function is not None and self.depth < 2:
            return self._through(function, call, env) or inputs
        return inputs

    def _through(self, function, call, env) -> set:
        """A function of the module: its parameters take the arguments' labels (a model handed over stays one)."""
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        if params and not any(dotted(d) == "staticmethod" for d in function.decorator_list) and \
                (type(call.func) is ast.Attribute) and params[0] in ("self", "cls"):
            params = params[1:]  # a method called on its instance or class: the first argument is given
        given = dict(zip(params, call.args))
        given.update({k.arg: k.value for k in call.keywords if k.arg in params})
        inner_env, models = {}, set()
        for param, value in given.items():
            if dotted(value) in self.models:
                models.add(param)
            else:
                inner_env[param] = self.label(value, env)
        inner = _Flow(models | self.models, self.functions, self.depth + 1)
        inner.run(function.body, inner_env)
        if self.cut is None:
            self.cut = inner.cut
        return inner_env.get("<return>", set())


def _base_name(node) -> str | None:
    while type(node) in (ast.Subscript, ast.Attribute):
        node = node.value
    return node.id if type(node) is ast.Name else None
