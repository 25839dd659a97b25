"""The runtime inspector: build a model on real inputs, probe it, and report.

    inspect_model(model, inputs=None, input_shape=None) -> Report
    inspect_target("path/to/file.py:build_model", input_shapes=[(2, 4)]) -> Report

Inspecting never changes the model: every variable that existed is restored bit for bit,
variables the first call created keep their first values, and the global random state
(Python, NumPy, Keras, TF op seeds) is restored.
"""

from __future__ import annotations

import contextlib
import os
import sys
import types
import warnings
from collections.abc import Sequence

from ..errors import UsageError
from ..report import Report
from . import backend, failures, load, locate
from .calls import CallRecorder
from .construction import ConstructionWatch
from .context import Observation
from .probes import per_call, run_probes, unbuilt
from .tree import build_tree


@contextlib.contextmanager
def _native_stderr_silenced():
    """TensorFlow's C++ logging prints banner lines (absl, oneDNN) to file descriptor 2 while it
    loads, whatever TF_CPP_MIN_LOG_LEVEL says. Python errors are exceptions and still surface."""
    if "tensorflow" in sys.modules:
        yield
        return
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _setup_keras():
    """Import Keras on the backend asked for (KERAS_BACKEND, set by `--backend` in the child before
    anything imports Keras), or say in one line what is missing."""
    wanted = backend.requested()
    if "keras" not in sys.modules:
        problem = backend.missing(wanted)
        if problem:
            raise UsageError(problem)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        with _native_stderr_silenced():
            import keras  # noqa: F401
    except ImportError as error:
        raise UsageError(f"the runtime inspector needs Keras 3 on the {wanted} backend ({error}): "
                         f"pip install 'layerdoctor[runtime]'") from None
    if os.environ.get("KERAS_BACKEND") and backend.name() != os.environ["KERAS_BACKEND"]:
        raise UsageError(f"Keras was already imported with the {backend.name()} backend; "
                         f"KERAS_BACKEND={os.environ['KERAS_BACKEND']} takes effect only before Keras is imported")
    if backend.name() not in backend.BACKENDS:
        raise UsageError(f"the runtime inspector supports the {', '.join(backend.BACKENDS)} backends, "
                         f"not {backend.name()}")


def inspect_model(model, inputs=None, input_shape=None, *, input_dtype: str | None = None,
                  construction: CallRecorder | None = None, target: str | None = None) -> Report:
    """Probe a Keras model or layer. `input_shape`: one shape or a list of shapes, batch included.
    Returns the Report; raises UsageError for something unusable."""
    _setup_keras()
    if not backend.is_keras_layer(model):
        raise UsageError(f"expected a Keras model or layer, got {type(model).__name__}")
    shapes = None
    if input_shape is not None:
        shapes = [tuple(input_shape)] if input_shape and isinstance(input_shape[0], int) else \
            [tuple(s) for s in input_shape]
    inputs = load.make_inputs(model, inputs, shapes, input_dtype)
    return _inspect(model, inputs, construction=construction, target=target)


def inspect_target(target: str, *, input_shapes: list[tuple[int, ...]] | None = None,
                   input_dtype: str | None = None, unsafe_load: bool = False,
                   imports: Sequence[str] = (), custom_objects: Sequence[str] = ()) -> Report:
    """Load TARGET, build it, probe it. `imports`: modules imported first (they may register
    custom classes); `custom_objects`: modules whose Keras layer classes are passed to Keras when
    loading a .keras file. Returns the Report (files_checked 1: the target's file); raises
    UsageError with one line for anything unusable."""
    _setup_keras()
    with backend.call_context_kept():
        report = _inspect_target(target, input_shapes=input_shapes, input_dtype=input_dtype,
                                 unsafe_load=unsafe_load, imports=imports, custom_objects=custom_objects)
    report.files_checked = 1
    return report


def _inspect_target(target: str, *, input_shapes, input_dtype, unsafe_load, imports, custom_objects) -> Report:
    _setup_keras()
    parsed = load.parse_target(target)
    load.import_modules(list(imports))
    classes = load.import_modules(list(custom_objects))
    if parsed.keras_file:
        model = load.load_keras_file(parsed.keras_file, unsafe_load, classes)
        given = None
        construction = None
    else:
        construction = CallRecorder()
        watch = ConstructionWatch()
        try:
            with construction, watch, _quiet():
                module = load.import_target_module(parsed)
                function = load.find_function(module, parsed)
                result = function()
        except UsageError:
            raise
        except Exception as error:  # noqa: BLE001 - the failure is often the finding
            return _failure_report(error, construction, None, target, watch=watch)
        model, given = load.split_result(result)
        _WATCHES[id(model)] = (model, watch)
    try:
        inputs = load.make_inputs(model, given, input_shapes, input_dtype)
        return _inspect(model, inputs, construction=construction, target=target)
    finally:
        _WATCHES.pop(id(model), None)


# the construction watch of the model being inspected (inspect_target -> _inspect)
_WATCHES: dict = {}


def _failure_report(error, recorder, construction, target, batch_size=None, watch=None, model=None) -> Report:
    found = failures.classify(error, recorder, construction, batch_size, watch=watch, model=model)
    if not found:
        raise UsageError(f"building {target or 'the model'} failed: {failures.summary(error)}",
                         load.user_frames(error)) from None
    tree = _partial_tree(model, recorder, construction, watch, batch_size)
    params = None
    if tree is not None:  # as much of the model as exists: what was built before the failure
        params = {"total": tree.params, "trainable": tree.trainable_params,
                  "non_trainable": tree.non_trainable_params, "untracked": 0, "partial": True}
    report = Report(findings=found, tree=tree, params=params, keras=backend.keras_info(), files_checked=0)
    return report.sort()


def _partial_tree(model, recorder, construction, watch, batch_size):
    """The tree of the model that failed (the one inspected, or else the outermost layer the target
    constructed before it raised), or None when there is nothing to show."""
    try:
        if model is None and watch is not None:
            layers = [layer for layer, _ in watch.created.values()]
            inner = {id(sub) for layer in layers for sub in layer._flatten_layers(include_self=False)}
            roots = [layer for layer in layers if id(layer) not in inner and not _is_input(layer)]
            model = max(roots, key=lambda layer: len(list(layer._flatten_layers())), default=None)
        if model is None:
            return None
        return build_tree(model, recorder, construction if construction is not recorder else None, batch_size)
    except Exception:  # noqa: BLE001 - a half-built model may not walk: the findings still stand
        return None


def _is_input(layer) -> bool:
    return type(layer).__name__ == "InputLayer"


class _quiet:
    """Keras warnings the probes provoke on purpose (unbuilt state...) are findings, not noise."""

    def __enter__(self):
        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")
        return self

    def __exit__(self, *exc):
        self._catch.__exit__(*exc)


def _inspect(model, inputs, construction=None, target=None) -> Report:
    random_state = backend.snapshot_random_state()
    before = _snapshot(model)
    inspection = Observation(model=model, inputs=inputs, batch_size=_batch_size(inputs), construction=construction)
    inspection.before = before  # the first call's snapshot copies only the variables it created
    try:
        with _quiet(), backend.call_context_kept():
            return _probe(inspection, target)
    finally:
        _restore(model, inspection.after_first_call)  # variables the first call created
        _restore(model, before)  # variables that existed before: exactly as they were
        backend.restore_random_state(random_state)


def _probe(inspection: Observation, target) -> Report:
    """Collect once (two forward passes into the Observation), derive (PROBES), then format."""
    model = inspection.model
    inspection.watch = _WATCHES.get(id(model), (None, None))[1]
    inspection.as_returned = unbuilt.as_returned(model)  # before any call changes it
    created = []
    for number in (1, 2):
        recorder = CallRecorder()
        created.clear()
        try:
            with recorder, backend.watch_native_variables(lambda v, frame: created.append((v, locate.user_site(frame)))):
                outputs = inspection.forward()
        except Exception as error:  # noqa: BLE001 - the failure is often the finding
            _check_inputs_match(model, inspection.inputs)
            return _failure_report(error, recorder, inspection.construction, target, inspection.batch_size,
                                   watch=inspection.watch, model=model)
        if number == 1 and _is_symbolic(outputs):
            symbolic = failures.symbolic_output(model, inspection.watch)
            if symbolic:  # values never came out: the probes have nothing to measure
                tree = build_tree(model, recorder, inspection.construction, inspection.batch_size)
                return Report(findings=symbolic, tree=tree, keras=backend.keras_info(), files_checked=0,
                              params={"total": tree.params, "trainable": tree.trainable_params,
                                      "non_trainable": tree.non_trainable_params, "untracked": 0}).sort()
        if number == 1:
            inspection.first_pass, inspection.outputs = recorder, outputs
            inspection.after_first_call = _snapshot(model, skip=inspection.before)
        else:
            inspection.second_pass = recorder
            inspection.created_in_second_pass = [(v, s) for v, s in created if s is not None]
        # The second pass counts the calls: during the first one Keras may also trace call()
        # symbolically to build a layer that has no build(), calling sublayers twice.
        inspection.tree = build_tree(model, recorder, inspection.construction, inspection.batch_size)
        inspection.attributes_after.append(per_call.attribute_identities(inspection))

    derived = run_probes(inspection)  # in the order of probes.PROBES
    derived.findings = [locate_in_user_code(f, inspection) for f in derived.findings]

    tree = inspection.tree
    untracked_count = sum(u.count for u in derived.untracked)
    report = Report(
        findings=_unique(derived.findings), tree=tree, untracked=derived.untracked,
        params={"total": tree.params, "trainable": tree.trainable_params,
                "non_trainable": tree.non_trainable_params, "untracked": untracked_count},
        keras=backend.keras_info(), files_checked=0,
    )
    return report.sort()


def _is_symbolic(outputs) -> bool:
    keras = backend.keras_module()
    try:
        return any(isinstance(value, keras.KerasTensor) for value in keras.tree.flatten(outputs))
    except Exception:  # noqa: BLE001
        return False


def _check_inputs_match(model, inputs) -> None:
    """A model with declared Inputs called on data of another feature size fails inside its first
    layer: that is a wrong --input-shape (or wrong data), not a shared layer (LD008)."""
    declared = getattr(model, "_inputs", None) if getattr(model, "_inputs_struct", None) is not None else None
    if not declared:
        return
    keras = backend.keras_module()
    given = keras.tree.flatten(inputs)
    declared = keras.tree.flatten(declared)
    if len(given) != len(declared):
        return
    for spec, value in zip(declared, given):
        want = tuple(spec.shape)
        got = tuple(getattr(value, "shape", ()))
        if len(want) != len(got) or any(w is not None and w != g for w, g in zip(want[1:], got[1:])):
            shown = ", ".join(str(d) for d in want[1:])
            raise UsageError(f"the inputs do not match the model's Input(({shown}{',' if len(want) == 2 else ''})): "
                             f"given shape {tuple(int(d) for d in got)}, expected {want}; pass --input-shape "
                             f"with the model's own shape")


def locate_in_user_code(finding, inspection: Observation):
    """A finding that points into Keras's own source (a built-in layer's class) points instead at
    the user line that created the layer, when construction was watched."""
    if locate.is_user_file(finding.path) or inspection.watch is None or not finding.extra.get("layer"):
        return finding
    for node in inspection.nodes():
        if node.path == finding.extra["layer"]:
            site = inspection.watch.site_of(node.layer)
            if site:
                from dataclasses import replace

                from ..formatting import display_path
                return replace(finding, path=display_path(site[0]), line=site[1])
    return finding


def _batch_size(inputs):
    keras = backend.keras_module()
    for value in keras.tree.flatten(inputs):
        shape = getattr(value, "shape", None)
        if shape:
            return int(shape[0])
    return None


def _unique(found):
    seen, out = set(), []
    for finding in found:
        key = (finding.code, finding.path, finding.line, finding.attribute, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


# -- leaving the model as it was -------------------------------------------------------

def _all_variables(model) -> list:
    """Every variable reachable from the model: its Keras variables (weights, seed states), and
    Keras or backend variables its layers hold anywhere (lists, dicts, helper objects...)."""
    found = {id(v): v for v in model.variables}
    for layer in model._flatten_layers(include_self=True):
        for value in backend.attributes(layer).values():
            _collect_variables(value, found, set(), 0)
    return list(found.values())


_MAX_DEPTH = 6
_ATOMS = (str, bytes, int, float, complex, bool, type(None), type, types.ModuleType, types.FunctionType,
          types.BuiltinFunctionType, types.MethodType)


def _collect_variables(value, found: dict, seen: set, depth: int) -> None:
    if isinstance(value, _ATOMS) or id(value) in seen or depth > _MAX_DEPTH:
        return
    seen.add(id(value))
    if backend.is_native_variable(value) or backend.is_keras_variable(value):
        found.setdefault(id(value), value)
        return
    if backend.is_keras_layer(value):
        return  # its own variables come through _flatten_layers (or it is not part of the model)
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif hasattr(value, "__dict__") and type(value).__module__.split(".")[0] not in _FRAMEWORKS:
        items = list(vars(value).values())  # a helper object of the user's
    else:
        return
    for item in items[:10_000]:
        _collect_variables(item, found, seen, depth + 1)


_FRAMEWORKS = {"numpy", "tensorflow", "keras", "jax", "jaxlib", "torch", "builtins"}


def _snapshot(model, skip=()) -> dict:
    """Variable values, copied once (to_numpy makes a new array); variables in `skip` are left out:
    one copy of the weights in memory, not one per snapshot."""
    return {id(v): (v, backend.to_numpy(v.value if backend.is_keras_variable(v) else v))
            for v in _all_variables(model) if id(v) not in skip}


def _restore(model, before: dict) -> None:
    for variable, value in before.values():
        backend.assign(variable, value)
