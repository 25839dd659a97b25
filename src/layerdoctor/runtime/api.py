"""The runtime inspector: build a model on real inputs, probe it, and report.

    inspect_model(model, inputs=None, input_shape=None) -> Report
    inspect_target("path/to/file.py:build_model", input_shapes=[(2, 4)]) -> Report

Inspecting never changes the model: every variable that existed is proved bit-identical or
restored (state.Snapshot: only the variables written during the inspection are copied),
variables the first call created keep their first values, and the global random state
(Python, NumPy, Keras, TF op seeds) is restored.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import warnings
from collections.abc import Sequence

from ..errors import UsageError, option
from ..report import Report
from . import backend, failures, findings, load, locate
from .calls import CallRecorder
from .construction import ConstructionWatch
from .context import Explained, Observation
from . import shape_only as shape_only_mode
from .probes import PROBES, per_call, run_probes, unbuilt
from .probes import untracked as untracked_probe
from .state import Snapshot, all_variables
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
    if backend.is_tf_keras():
        _setup_tf_keras()
        return
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


def _setup_tf_keras():
    """tf.keras 2 (TF_USE_LEGACY_KERAS=1, or --keras tf-keras): the tf-keras package, which
    `tensorflow.keras` then resolves to."""
    try:
        with _native_stderr_silenced():
            import tensorflow as tf
            import tf_keras
    except ImportError as error:
        missing = "tf-keras" if getattr(error, "name", "") == "tf_keras" else "TensorFlow"
        raise UsageError(f"tf.keras 2 was asked for (--keras tf-keras or TF_USE_LEGACY_KERAS=1) but {missing} is not "
                         f"installed: pip install tf-keras (the release matching TensorFlow's)") from None
    if tf.keras.layers.Layer is not tf_keras.layers.Layer:  # TensorFlow was imported before the variable was set
        raise UsageError("tf.keras 2 was asked for, but tensorflow.keras already resolved to Keras 3 in this process: "
                         "set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported")


def inspect_model(model, inputs=None, input_shape=None, *, input_dtype: str | None = None,
                  construction: CallRecorder | None = None, target: str | None = None,
                  shape_only: bool = False) -> Report:
    """Probe a Keras model or layer. `input_shape`: one shape or a list of shapes, batch included.
    `shape_only`: build what is unbuilt without allocating weights and run only the checks that
    need no values (see runtime/shape_only.py). Returns the Report; raises UsageError for something unusable."""
    _setup_keras()
    if not backend.is_keras_layer(model):
        raise UsageError(f"expected a Keras model or layer, got {type(model).__name__}{backend.other_keras_hint(model)}")
    shapes = None
    if input_shape is not None:
        shapes = [tuple(input_shape)] if input_shape and isinstance(input_shape[0], int) else \
            [tuple(s) for s in input_shape]
    if inputs is None and shapes is None and load.has_no_call(model):
        return _inspect_parts(model, construction, target, input_dtype, shape_only)
    made_up = inputs is None and shapes is None
    try:
        inputs = load.make_inputs(model, inputs, shapes, input_dtype, shape_keyword="input_shape=(2, 4)")
    except UsageError as error:
        return _as_returned_or_raise(model, construction, error, made_up)
    return _inspect(model, inputs, construction=construction, target=target, shape_only=shape_only,
                    consistent=_consistent(model, input_dtype) if made_up else None)


def inspect_target(target: str, *, input_shapes: list[tuple[int, ...]] | None = None,
                   input_dtype: str | None = None, unsafe_load: bool = False,
                   imports: Sequence[str] = (), custom_objects: Sequence[str] = (),
                   config: dict | None = None, shape_only: bool = False) -> Report:
    """Load TARGET, build it, probe it. `imports`: modules imported first (they may register
    custom classes); `custom_objects`: modules whose Keras layer classes are passed to Keras when
    loading a .keras file. A TARGET naming a layer or model class (`keras_hub.models.GPT2Backbone`,
    `file.py:MyModel`) is constructed as `cls(**config)`. `shape_only`: no weight is allocated
    (the tree, totals, memory and the checks that need no values). Returns the Report
    (files_checked 1: the target's file); raises UsageError with one line for anything unusable."""
    _setup_keras()
    with backend.call_context_kept():
        try:
            report = _inspect_target(target, input_shapes=input_shapes, input_dtype=input_dtype,
                                     unsafe_load=unsafe_load, imports=imports, custom_objects=custom_objects,
                                     config=config, shape_only=shape_only)
        except WeightsTooLarge as too_large:
            raise UsageError(_too_large_message(target, too_large, input_shapes, input_dtype, config)) from None
    report.files_checked = 1
    return report


def _inspect_target(target: str, *, input_shapes, input_dtype, unsafe_load, imports, custom_objects,
                    config=None, shape_only=False) -> Report:
    _setup_keras()
    parsed = load.parse_target(target)
    if parsed.keras_file and (shape_only or config is not None):
        raise UsageError(f"{target}: a model file is loaded with its weights; {option('shape_only=True', '--shape-only')}"
                         f" and a class config go with a class or a function target")
    load.import_modules(list(imports))
    classes = load.import_modules(list(custom_objects))
    if parsed.keras_file:
        with _weights_guard(shape_only):
            model = load.load_keras_file(parsed.keras_file, unsafe_load, classes)
        given = None
        construction = None
    else:
        construction = CallRecorder()
        watch = ConstructionWatch()
        try:
            made = backend.watch_native_variables(
                lambda variable, frame: watch.native_variables.append((variable, locate.user_site(frame))))
            with construction, watch, made, _quiet(), _weights_guard(shape_only) as guard:
                with backend.no_allocation() if shape_only else contextlib.nullcontext():
                    module = load.import_target_module(parsed)
                    function = load.find_function(module, parsed)
                    result = _call_target(function, parsed, config)
        except UsageError:
            raise
        except Exception as error:  # noqa: BLE001 - the failure is often the finding
            guard.check()  # Keras may have turned the guard's error into another one
            return _failure_report(error, construction, None, target, watch=watch)
        guard.check()
        held = _tf_module_holding_layers(result)
        if held:
            return held
        model, given = load.split_result(result)
        _WATCHES[id(model)] = (model, watch)
    try:
        found = failures.never_initialised(model)
        if found:  # nothing of the model can be read: the cause is the report
            return Report(findings=found, keras=backend.keras_info(), files_checked=0).sort()
        if given is None and not input_shapes and load.has_no_call(model):
            return _inspect_parts(model, construction, target, input_dtype, shape_only)
        if given is None and not input_shapes:
            given = load.inputs_from_construction(model, construction)
        made_up = given is None and not input_shapes
        try:
            inputs = load.make_inputs(model, given, input_shapes, input_dtype)
        except UsageError as error:
            return _as_returned_or_raise(model, construction, error, made_up)
        return _inspect(model, inputs, construction=construction, target=target, shape_only=shape_only,
                        consistent=_consistent(model, input_dtype) if made_up else None)
    finally:
        _WATCHES.pop(id(model), None)


def _tf_module_holding_layers(result) -> Report | None:
    """The target returned a tf.Module (alone or with its inputs) that holds Keras layers: on Keras 3 its
    `trainable_variables` lists none of their weights (a Keras 3 layer is no tf.Module), so whatever trains or saves
    that list (grl's DQN networks, held-out 40) gets nothing. LD011 with what the module lists against what its
    layers hold; None for anything else (split_result says what is wrong with it)."""
    module = result[0] if isinstance(result, tuple) and len(result) == 2 else result
    if backend.name() != "tensorflow" or backend.is_keras_layer(module):
        return None
    import tensorflow as tf

    if not isinstance(module, tf.Module):
        return None
    layers = untracked_probe.held_keras_layers(module)
    weights = {id(w): w for layer in layers for w in layer.trainable_weights}
    listed = {id(v) for v in module.trainable_variables}
    # (a Keras 3 variable on TensorFlow wraps a tf.Variable, `.value`: listed if either is)
    missing = [w for key, w in weights.items() if key not in listed and id(getattr(w, "value", None)) not in listed]
    if not missing:
        return None
    cls = type(module)
    count = sum(math.prod(w.shape) for w in missing)
    named = sorted(layer.name for layer in layers if layer.weights)
    finding = findings.make(
        "LD011", f"{cls.__name__} is a tf.Module holding Keras layers ({', '.join(named[:4])}"
                 f"{', ...' if len(named) > 4 else ''}): its trainable_variables lists {len(weights) - len(missing)} "
                 f"of their {len(weights)} trainable weights ({count:,} parameters missing), because a Keras 3 layer "
                 f"is no tf.Module and its variables are no tf.Variables; an optimizer or checkpoint given that list "
                 f"trains or saves nothing; make {cls.__name__} a keras.layers.Layer or keras.Model",
        cls=cls, site=locate.class_site(cls))
    sys.stderr.write(f"layerdoctor: note: the target returned a tf.Module ({cls.__name__}), not a Keras model: "
                     f"reported the Keras layers it holds\n")
    return Report(findings=[finding], keras=backend.keras_info(), files_checked=0).sort()


def _as_returned_or_raise(model, construction, error: UsageError, no_inputs_given: bool) -> Report:
    """The model cannot be called because its input shape is unknown: when, as returned, it has
    unbuilt layers that make weights (a Sequential without an Input, a subclassed model never
    called) or layers holding tf.Variables, report that model as it is, its tree and an LD005 naming
    those layers (LD003 for the variables), instead of only asking for a shape. Anything else (a model
    with no weights to lose, inputs that were given but do not fit) stays the usage error."""
    if not no_inputs_given or not str(error).startswith("cannot tell the input shape"):
        raise error
    found = _unbuilt_as_returned(model, reason="its input shape is unknown")
    return _as_returned(model, construction, str(error), found, or_raise=error)


def _unbuilt_as_returned(model, reason: str, ask_shape: bool = True) -> list:
    return unbuilt.returned_unbuilt(model, _WATCHES.get(id(model), (None, None))[1], reason=reason,
                                    ask_shape=ask_shape)


def _as_returned(model, construction, note: str, found: list, or_raise: UsageError | None = None) -> Report:
    """The model as the target returned it, not called (`note` says why on stderr): its tree and
    `found`, the LD005 of layers left unbuilt; the checks that need a forward pass do not run.
    `or_raise`: raised instead when there is nothing to report."""
    tree = build_tree(model, None, construction, None)
    # a tf.Variable a layer already holds needs no call to be a finding (held-out 34 NTM: call() wants prev_state)
    found = found + _foreign_variables_held(tree, _WATCHES.get(id(model), (None, None))[1], found)
    if not found and or_raise is not None:
        raise or_raise
    sys.stderr.write(f"layerdoctor: note: {note}; reported the model as returned, not called\n")
    report = Report(findings=found, tree=tree, keras=backend.keras_info(), files_checked=0,
                    params={"total": tree.params, "trainable": tree.trainable_params,
                            "non_trainable": tree.non_trainable_params, "untracked": 0, "untracked_checked": False, "not_called": True})
    return report.sort()


def _inspect_parts(model, construction, target, input_dtype, shape_only) -> Report:
    """A model whose class has no call() (a GAN whose train_step calls its generator and its
    discriminator): the whole cannot be called, so each built sublayer whose inputs are known is
    inspected as a model of its own; the report's tree is the container's, with every weight.
    What only the container holds (its own attributes, layers no sub-model reaches) is not probed."""
    parts, skipped = [], []
    for sub in backend.sublayers(model):
        try:
            inputs = load.make_inputs(sub, None, None, input_dtype) if getattr(sub, "built", False) else None
        except UsageError:
            inputs = None
        if inputs is None:
            skipped.append(sub.name)
        else:
            parts.append((sub, inputs))
    if not parts:
        raise UsageError(f"cannot tell the input shape of {type(model).__name__} '{model.name}', which has no "
                         f"call() and no built sub-model with known inputs: inspect a sub-model, or give it a call()")
    sys.stderr.write(f"layerdoctor: note: {type(model).__name__} '{model.name}' has no call(): inspected its "
                     f"sub-models {', '.join(sub.name for sub, _ in parts)} one by one, each on its own inputs"
                     + (f"; not {', '.join(skipped)} (unbuilt or inputs unknown)" if skipped else "") + "\n")
    watch = _WATCHES.get(id(model), (None, None))[1]
    found, untracked = [], []
    if any(not getattr(sub, "built", True) for sub in backend.sublayers(model)):
        # The target's code built some sublayers by running them and left others unbuilt (a Dense only a
        # non-default branch runs): named as returned, before the parts' calls build anything.
        found += _unbuilt_as_returned(model, reason="it has no call() of its own; the target's code built "
                                      f"{', '.join(sub.name for sub, _ in parts)} by running them, not these",
                                      ask_shape=False)
    for sub, inputs in parts:
        _WATCHES[id(sub)] = (sub, watch)
        try:
            report = _inspect(sub, inputs, construction=construction, target=target, shape_only=shape_only,
                              consistent=_consistent(sub, input_dtype), container=model)
        finally:
            _WATCHES.pop(id(sub), None)
        found += report.findings
        untracked += report.untracked
    tree = build_tree(model, None, construction, None)
    # what the container itself holds: tf.Variables on it (an EWC model's Fisher and anchor lists: held-out 36)
    found += _foreign_variables_held(tree, watch, found)
    report = Report(findings=_unique(found), tree=tree, untracked=untracked, keras=backend.keras_info(),
                    files_checked=0,
                    params={"total": tree.params, "trainable": tree.trainable_params,
                            "non_trainable": tree.non_trainable_params,
                            "untracked": sum(u.count for u in untracked)})
    if shape_only:
        report.memory = shape_only_mode.memory(tree)
        report.shape_only = {"skipped": shape_only_mode.skipped()}
    return report.sort()


def _call_target(function, parsed, config):
    """The target's model: a class is constructed from `config`, a function is called."""
    if load.is_class_target(function):
        return load.construct(function, config or {})
    if config is not None:
        raise UsageError(f"{parsed.text} is a function: a class config (--config JSON) goes with a layer "
                         f"or model class target such as keras_hub.models.GPT2Backbone")
    return function()


# -- weights that would not fit ----------------------------------------------------------

# A real inspection holds the weights, a copy of them (to restore them afterwards) and their
# gradients: about three times the weights.
MEMORY_PER_WEIGHT_BYTE = 3


class WeightsTooLarge(UsageError):
    """Building would allocate more weights than the free memory can hold."""

    def __init__(self, needed: int, free: int):
        from ..render.tree import memory as shown

        super().__init__(f"the weights need more than {shown(needed)}, and inspecting holds about "
                         f"{MEMORY_PER_WEIGHT_BYTE}x its weights; {shown(free)} of memory is free: "
                         f"inspect it shape-only (no weight allocated)")
        self.needed, self.free = needed, free


class _Guard:
    """Raises WeightsTooLarge before the variable that would not fit is allocated, and again at
    check() if Keras swallowed or re-raised the first error as another."""

    def __init__(self, free: int | None):
        self.free, self.tripped = free, None

    def on_exceed(self, needed: int):
        self.tripped = WeightsTooLarge(needed, self.free)
        raise self.tripped

    def check(self) -> None:
        if self.tripped is not None:
            raise self.tripped


@contextlib.contextmanager
def _weights_guard(shape_only: bool):
    guard = _Guard(None if shape_only else shape_only_mode.available_memory())
    if guard.free is None:
        yield guard
        return
    with backend.weights_memory_guard(guard.free // MEMORY_PER_WEIGHT_BYTE, guard.on_exceed):
        yield guard


def _too_large_message(target, too_large: WeightsTooLarge, input_shapes, input_dtype, config) -> str:
    """One line: what the weights need (the total from a shape-only pass when it works), the free
    memory, and --shape-only."""
    from ..render.tree import memory as shown

    needed = f"more than {shown(too_large.needed)}"
    try:
        import gc

        gc.collect()  # the partly built model
        estimate = _inspect_target(target, input_shapes=input_shapes, input_dtype=input_dtype, unsafe_load=False,
                                   imports=(), custom_objects=(), config=config, shape_only=True)
        if estimate.params and estimate.memory:
            needed = f"{shown(estimate.memory['total']['weights'])} ({estimate.params['total']:,} params)"
    except Exception:  # noqa: BLE001 - the lower bound stands
        pass
    return (f"{target}: its weights need {needed}, and inspecting holds about {MEMORY_PER_WEIGHT_BYTE}x its "
            f"weights; {shown(too_large.free)} of memory is free: run with {option('shape_only=True', '--shape-only')} "
            f"to see its tree, "
            f"totals and memory without allocating any weight")


# the construction watch of the model being inspected (inspect_target -> _inspect)
_WATCHES: dict = {}


def _failure_report(error, recorder, construction, target, batch_size=None, watch=None, model=None,
                    as_returned=None) -> Report:
    # None: a code that is not a bug on this Keras (LD003 on tf.keras 2)
    found = [f for f in failures.classify(error, recorder, construction, batch_size, watch=watch, model=model) if f]
    hidden = unbuilt.unbuilt_behind_declared_shape(as_returned, error) if as_returned else []
    if hidden:
        # the cause comes first; a shape error it explains is not reuse (LD008's guess at the failure)
        found = [f for f in hidden if f] + [f for f in found if f.code != "LD008"]
    if not found and as_returned:  # a model marked built whose call() fails: what that left unbuilt
        found = [f for f in unbuilt.marked_built_call_failed(as_returned, error) if f]
    tree = _partial_tree(model, recorder, construction, watch, batch_size)
    if not found:
        # no check explains the failure, but a tf.Variable the layers hold by then is a finding all the same
        # (FM's `if not self.w:` on the tf.Variables its first call made: held-out 33 pyrec)
        found = _foreign_variables_held(tree, watch, [])
        if not found:
            raise UsageError(f"building {target or 'the model'} failed: {failures.summary(error)}",
                             load.user_frames(error)) from None
        sys.stderr.write(f"layerdoctor: note: calling {target or 'the model'} failed ({failures.summary(error)}); "
                         f"the report shows what was found before the failure\n")
    else:
        found += _foreign_variables_held(tree, watch, found)
    params = None
    if tree is not None:  # as much of the model as exists: what was built before the failure
        params = {"total": tree.params, "trainable": tree.trainable_params,
                  "non_trainable": tree.non_trainable_params, "untracked": 0, "untracked_checked": False, "partial": True}
    report = Report(findings=found, tree=tree, params=params, keras=backend.keras_info(), files_checked=0)
    return report.sort()


def _foreign_variables_held(tree, watch, found) -> list:
    """LD003 beside a failure's findings: a tf.Variable kept directly on a user layer of the partial
    model (Perceiver's `self.latents = tf.Variable(...)`). Keras 3 does not track it whether or not
    the model could be called, so it is a finding without a call; the rest of the untracked-state
    checks need a forward pass and are left out."""
    if tree is None or backend.is_tf_keras():
        return []
    try:
        observation = Observation(model=tree.layer, inputs=None, tree=tree, watch=watch)
        result = untracked_probe.untracked_state(observation, Explained())
    except Exception:  # noqa: BLE001 - a half-built model may not scan: the failure's findings stand
        return []
    known = {(f.path, f.line, f.code) for f in found}
    return [f for f in result.findings if f and f.code == "LD003" and (f.path, f.line, f.code) not in known]


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


def _consistent(model, input_dtype):
    """For made-up inputs: how to make them again with every free dimension equal (_collect)."""
    return lambda: load.consistent_inputs(model, input_dtype)


def _inspect(model, inputs, construction=None, target=None, shape_only=False, consistent=None,
             container=None) -> Report:
    """`consistent`: for made-up inputs, a function that makes them again with every free
    dimension equal, tried when the first call fails on a shape error nothing explains.
    `container`: the model the target returned, when `model` is one of its parts."""
    if shape_only:
        return _inspect_shape_only(model, inputs, construction, target, consistent, container)
    random_state = backend.snapshot_random_state()
    inspection = Observation(model=model, inputs=inputs, batch_size=_batch_size(inputs), construction=construction,
                             container=container)
    inspection.before = Snapshot(all_variables(model))
    try:
        with _quiet(), backend.call_context_kept(), _weights_guard(False) as guard:
            try:
                report = _probe(inspection, target, consistent=consistent)
            finally:
                guard.check()  # a failure the guard caused is the guard's
        return report
    finally:
        if inspection.after_first_call is not None:
            inspection.after_first_call.restore()  # variables the first call created: as it left them
        inspection.before.restore()  # variables that existed before: exactly as they were
        backend.restore_random_state(random_state)


def _inspect_shape_only(model, inputs, construction, target, consistent=None, container=None) -> Report:
    """Call the model on symbolic inputs without allocating anything: no value exists, so there is
    nothing to snapshot or restore but the random state."""
    random_state = backend.snapshot_random_state()
    inspection = Observation(model=model, inputs=shape_only_mode.symbolic_inputs(inputs),
                             batch_size=_batch_size(inputs), construction=construction, symbolic=True,
                             container=container)
    symbolic = None if consistent is None else \
        lambda: None if (values := consistent()) is None else shape_only_mode.symbolic_inputs(values)
    try:
        with _quiet(), backend.call_context_kept(), backend.no_allocation(), backend.eager_builds():
            report = _probe(inspection, target, probes=shape_only_mode.PROBES_WITHOUT_DATA, symbolic=True,
                            consistent=symbolic)
    except UsageError as error:
        if isinstance(error, WeightsTooLarge) or not str(error).startswith("building "):
            raise
        flag = option("shape_only=True", "--shape-only")
        raise UsageError(f"{error} ({flag} calls the model on symbolic inputs: a call() that needs "
                         f"values, such as .numpy(), cannot run so; inspect it without {flag})",
                         error.details) from None
    finally:
        backend.restore_random_state(random_state)
    if report.tree is not None and report.tree.layer is not None:
        report.memory = shape_only_mode.memory(report.tree)
    report.shape_only = {"skipped": shape_only_mode.skipped()}
    return report


def _probe(inspection: Observation, target, probes=PROBES, symbolic=False, consistent=None) -> Report:
    """Collect once (two forward passes into the Observation), derive (`probes`), then format.
    `symbolic`: the inputs are KerasTensors (--shape-only), the outputs too. `consistent`: see _inspect."""
    model = inspection.model
    inspection.watch = _WATCHES.get(id(model), (None, None))[1]
    inspection.as_returned = unbuilt.as_returned(model)  # before any call changes it
    failed = _collect(inspection, target, symbolic, consistent)
    if failed is not None:
        return failed

    derived = run_probes(inspection, probes)  # in the order of probes.PROBES
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


def _collect(inspection: Observation, target, symbolic, consistent) -> Report | None:
    """The two forward passes into `inspection`; a failure Report instead when a call fails."""
    model = inspection.model
    created = []
    for number in (1, 2):
        recorder = CallRecorder()
        created.clear()
        try:
            with recorder, backend.watch_native_variables(lambda v, frame: created.append((v, locate.user_site(frame)))):
                outputs = inspection.forward()
        except Exception as error:  # noqa: BLE001 - the failure is often the finding
            _check_inputs_match(model, inspection.inputs)
            unfit = load.arguments_unfit(model, inspection.inputs) if number == 1 and not symbolic else None
            if unfit:  # our inputs, not the model, are wrong: report it as returned instead of failing
                return _as_returned(model, inspection.construction, f"inspect could not call "
                                    f"{type(model).__name__} '{model.name}' ({unfit})",
                                    _unbuilt_as_returned(model, reason="it could not be called"))
            try:
                return _failure_report(error, recorder, inspection.construction, target, inspection.batch_size,
                                       watch=inspection.watch, model=model, as_returned=inspection.as_returned)
            except UsageError as unexplained:
                retry = consistent() if consistent and number == 1 and failures.is_shape_mismatch(error) else None
                if retry is None:
                    raise
                return _collect_again(inspection, target, symbolic, retry, error, unexplained)
        if number == 1 and not symbolic and _is_symbolic(outputs):
            symbolic = failures.symbolic_output(model, inspection.watch)
            if symbolic:  # values never came out: the probes have nothing to measure
                tree = build_tree(model, recorder, inspection.construction, inspection.batch_size)
                return Report(findings=symbolic, tree=tree, keras=backend.keras_info(), files_checked=0,
                              params={"total": tree.params, "trainable": tree.trainable_params,
                                      "non_trainable": tree.non_trainable_params, "untracked": 0,
                                      "untracked_checked": False}).sort()
        if number == 1:
            inspection.first_pass, inspection.outputs = recorder, outputs
            inspection.after_first_call = None if symbolic else \
                Snapshot(v for v in all_variables(model) if v not in inspection.before)
            inspection.created_in_first_pass = list(created)
        else:
            inspection.second_pass = recorder
            inspection.created_in_second_pass = [(v, s) for v, s in created if s is not None]
        # The second pass counts the calls: during the first one Keras may also trace call()
        # symbolically to build a layer that has no build(), calling sublayers twice.
        inspection.tree = build_tree(model, recorder, inspection.construction, inspection.batch_size)
        inspection.attributes_after.append(per_call.attribute_identities(inspection))
    return None


def _collect_again(inspection: Observation, target, symbolic, inputs, error, unexplained: UsageError) -> Report | None:
    """Made-up inputs whose free dimensions must agree (a graph's adjacency (nodes, nodes) beside
    node features batched by node) failed on a shape error: call again with every free dimension
    equal. Only a failure no check explained comes here, so a finding (LD008...) is never traded
    for a clean call; when the retry fails too, the first failure is the one reported."""
    inspection.inputs, inspection.batch_size = inputs, _batch_size(inputs)
    try:
        failed = _collect(inspection, target, symbolic, None)
    except UsageError:
        raise unexplained from None
    sys.stderr.write(f"layerdoctor: note: the made-up inputs did not fit together ({failures.summary(error)}); "
                     f"called again with every free dimension {inspection.batch_size}\n")
    return failed


def _is_symbolic(outputs) -> bool:
    try:
        return any(backend.is_symbolic_tensor(value) for value in backend.flatten(outputs))
    except Exception:  # noqa: BLE001
        return False


def _check_inputs_match(model, inputs) -> None:
    """A model with declared Inputs called on data of another feature size fails inside its first
    layer: that is a wrong --input-shape (or wrong data), not a shared layer (LD008)."""
    try:
        declared = model.inputs  # a functional model's, or a Sequential's that starts with an Input
    except (AttributeError, ValueError):  # a subclassed model declares none
        return
    if not declared:
        return
    given = backend.flatten(inputs)
    declared = backend.flatten(declared)
    if len(given) != len(declared):
        return
    for spec, value in zip(declared, given):
        want = tuple(spec.shape)
        got = tuple(getattr(value, "shape", ()))
        if len(want) != len(got) or any(w is not None and w != g for w, g in zip(want[1:], got[1:])):
            shown = ", ".join(str(d) for d in want[1:])
            raise UsageError(f"the inputs do not match the model's Input(({shown}{',' if len(want) == 2 else ''})): "
                             f"given shape {tuple(int(d) for d in got)}, expected {want}; pass "
                             f"{option('inputs of that shape', '--input-shape with that shape')}")


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
    if isinstance(inputs, load.Positional):  # keras.tree takes a tuple subclass for a leaf
        inputs = tuple(inputs)
    for value in backend.flatten(inputs):
        shape = getattr(value, "shape", None)
        if shape is not None and len(shape) > 0:  # a rank-0 input (a time value) has no batch
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
