"""Targets (file.py:function, package.module:function, file.py, model.keras) and inputs."""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import os
import re
import sys
import uuid
from dataclasses import dataclass

import numpy as np

from ..errors import UsageError, option
from . import backend

DEFAULT_FUNCTION = "build_model"
BATCH_SIZE = 2
UNKNOWN_DIM = 8  # for a None dimension other than the batch (e.g. a sequence length)
MODEL_FILE_SUFFIXES = (".keras", ".h5", ".hdf5")
# A .keras file is a zip: refuse one that would unpack to far more than it weighs (a zip bomb).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # always allowed
MAX_UNPACK_RATIO = 50  # weights barely compress: a real model unpacks to about its own size
MAX_INPUT_VALUES = 2**28  # one made-up input array: 1 GiB of float32
_DOTTED_NAME = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$")


@dataclass
class Target:
    """A parsed TARGET: either a .keras file or a function to call."""

    text: str
    keras_file: str | None = None
    module_file: str | None = None
    module_name: str | None = None
    function: str | None = None


def parse_target(text: str) -> Target:
    if not text or not text.strip():
        raise UsageError("empty target: pass path/to/file.py[:function], package.module:function or model.keras")
    text = text.strip()
    if text.lower().endswith(MODEL_FILE_SUFFIXES):
        if not os.path.isfile(text):
            raise UsageError(f"no such model file: {text}")
        return Target(text, keras_file=text)
    where, colon, function = text.rpartition(":")
    if not colon or not function.isidentifier():  # no ":function" (a colon may be a Windows drive: C:\\m.py)
        where, function = text, ""
    if where.lower().endswith(".ipynb"):
        if not os.path.isfile(where):
            raise UsageError(f"no such notebook: {where}")
        return Target(text, module_file=where, function=function or None)
    if where.endswith(".py") or os.path.isfile(where):
        if not os.path.isfile(where):
            raise UsageError(f"no such file: {where}")
        return Target(text, module_file=where, function=function or None)
    if not function and _DOTTED_NAME.match(text):  # package.module.ClassName (or .function)
        module_name, _, attribute = text.rpartition(".")
        return Target(text, module_name=module_name, function=attribute)
    if not function:
        raise UsageError(f"cannot read target {text!r}: pass path/to/file.py[:function], "
                         f"package.module:function or model.keras")
    return Target(text, module_name=where, function=function)


def import_target_module(target: Target):
    """Import the module of a function target (the file's folder goes on sys.path, as with `python file.py`)."""
    if target.module_name:
        # The current folder is where `package.module` is looked for first, as with `python -m`
        # (whatever started this process, and even with PYTHONSAFEPATH).
        cwd = os.getcwd()
        if cwd not in sys.path and "" not in sys.path:
            sys.path.insert(0, cwd)
        try:
            return importlib.import_module(target.module_name)
        except ImportError as error:
            raise UsageError(f"cannot import {target.module_name}: {type(error).__name__}: {error}") from None
    path = os.path.abspath(target.module_file)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    if path.lower().endswith(".ipynb"):
        return _run_notebook(path, target.function or DEFAULT_FUNCTION)
    name = f"layerdoctor_target_{os.path.splitext(os.path.basename(path))[0]}_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{target.module_file}: not a Python file (.py) nor a model file "
                         f"({', '.join(MODEL_FILE_SUFFIXES)})")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # errors are classified by the caller
    return module


def _run_notebook(path: str, function: str):
    """A module holding what the notebook's code cells define, run in order up to the cell that
    defines `function` (the cells after it, training or saving, are not run). Magics and shell
    escapes are skipped; matplotlib draws nowhere (MPLBACKEND=Agg)."""
    import ast
    import types

    from ..static.notebook import from_cells, read_notebook
    from ..static.source import SourceError

    try:
        read_notebook(path)  # one clear line for a file that is no notebook
        with open(path, encoding="utf-8-sig") as handle:
            import json

            cells = json.load(handle)["cells"]
    except (SourceError, OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{path}: {error}") from None
    os.environ.setdefault("MPLBACKEND", "Agg")
    module = types.ModuleType(f"layerdoctor_notebook_{uuid.uuid4().hex[:8]}")
    module.__file__ = path
    sys.modules[module.__name__] = module
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        # One cell at a time, its lines where they are in the notebook's text, so tracebacks point
        # at the cell's own lines (the file is reported as "path[cell N]").
        code = from_cells([cell]).text
        try:
            tree = ast.parse(code, f"{path}[cell {number}]")
        except SyntaxError as error:
            raise UsageError(f"{path}: cell {number} does not parse: {error.msg} (line {error.lineno})") from None
        exec(compile(tree, f"{path}[cell {number}]", "exec"), module.__dict__)  # noqa: S102 - the user's own notebook
        if any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function
               for node in tree.body):
            return module
    raise UsageError(f"{path}: no code cell defines {function}()")


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _outside_user_code(filename: str) -> bool:
    import sysconfig

    if filename.startswith("<") or os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep):
        return True
    libraries = {sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    return any(lib and os.path.abspath(filename).startswith(os.path.abspath(lib) + os.sep) for lib in libraries)


def user_frames(error: BaseException, limit: int = 5) -> list[str]:
    """The last `limit` frames of the traceback of `error` that are the user's own code (not
    layerdoctor's, the standard library's or an installed package's), innermost last, as
    "  path:line in function" followed by "    source line"."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if not _outside_user_code(f.filename)]
    lines = []
    for frame in frames[-limit:]:
        try:
            shown = os.path.relpath(frame.filename)
        except ValueError:
            shown = frame.filename
        shown = frame.filename if shown.startswith(".." + os.sep + "..") else shown
        lines.append(f"  {shown}:{frame.lineno} in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return lines


def find_function(module, target: Target):
    name = target.function or DEFAULT_FUNCTION
    function = getattr(module, name, None)
    if not callable(function):
        if target.function:
            raise UsageError(f"{target.module_file or target.module_name} has no function {name!r}")
        raise UsageError(f"{target.module_file} has no {DEFAULT_FUNCTION}() function: "
                         f"name one with {target.module_file}:FUNCTION")
    return function


# -- class targets: a layer or model class and its config -------------------------------

# The keys of a serialized Keras object (a keras-hub preset's config.json): its arguments are in "config".
_SERIALIZED_KEYS = {"module", "class_name", "config", "registered_name", "build_config", "compile_config"}


def parse_config(text: str) -> dict:
    """The constructor arguments of a class target, from JSON text (`{"units": 4}`) or a JSON file.
    A serialized Keras object ({"class_name": ..., "config": {...}}) gives its "config".
    Raises UsageError with one line."""
    text = str(text).strip()
    if text.startswith(("{", "[")):
        source, where = text, "the --config JSON text"
    else:
        try:
            with open(text, encoding="utf-8-sig") as handle:
                source, where = handle.read(), text
        except OSError as exc:
            raise UsageError(f"cannot read the config {text}: {exc.strerror or exc} "
                             f"(pass a JSON file or JSON text such as '{{\"units\": 4}}')") from None
    try:
        config = json.loads(source)
    except ValueError as exc:
        raise UsageError(f"{where} is not valid JSON: {exc}") from None
    if not isinstance(config, dict):
        raise UsageError(f"{where} must be a JSON object of constructor arguments, not {type(config).__name__}")
    if "class_name" in config and isinstance(config.get("config"), dict) and set(config) <= _SERIALIZED_KEYS:
        config = config["config"]
    return config


def is_class_target(value) -> bool:
    return backend.is_keras_layer_class(value)


# What Keras's Layer.__init__ takes (named, and legacy ones in **kwargs); the inspector wraps
# Layer.__init__ while the target is constructed, so its signature is not read.
_LAYER_KWARGS = {"activity_regularizer", "trainable", "dtype", "autocast", "name",
                 "input_shape", "input_dim", "batch_input_shape", "batch_size", "weights"}


def construct(cls, config: dict):
    """`cls(**config)`: the class's own constructor, nothing downloaded (no preset, no weights).
    A key no constructor of the class names is refused: a functional model (keras-hub's
    backbones) would silently ignore a misspelt argument."""
    import inspect

    named = set(_LAYER_KWARGS)
    for klass in cls.__mro__:
        if klass is backend.keras_module().layers.Layer:
            continue
        try:
            parameters = inspect.signature(vars(klass)["__init__"]).parameters.values()
        except (KeyError, TypeError, ValueError):
            continue
        named |= {p.name for p in parameters if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    unknown = sorted(set(config) - named)
    if unknown:
        raise UsageError(f"{cls.__name__} takes no argument {', '.join(map(repr, unknown))}: check the config "
                         f"(its arguments: {', '.join(sorted(named - _LAYER_KWARGS - {'self'}))})")
    return cls(**config)


def import_modules(names) -> dict:
    """Import each module of `names` (the current folder first on sys.path, as with `python -m`):
    importing registers the custom classes they decorate. Returns {class name: class} of the
    Keras layers and models they define, to pass as custom_objects. Raises UsageError."""
    cwd = os.getcwd()
    if names and cwd not in sys.path and "" not in sys.path:
        sys.path.insert(0, cwd)
    found = {}
    for name in names or ():
        try:
            module = importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - one line for the user
            raise UsageError(f"cannot import {name}: {type(error).__name__}: {error}") from None
        for attr, value in vars(module).items():
            if isinstance(value, type) and getattr(value, "__module__", None) == module.__name__ \
                    and backend.is_keras_layer_class(value):
                found[attr] = value
    return found


def _unknown_classes(path: str, custom_objects: dict) -> list[str]:
    """Classes named in a .keras file's config that are neither Keras's own, registered, nor
    in `custom_objects`: what loading cannot find."""
    import json
    import zipfile

    keras = backend.keras_module()
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []
    missing: list[str] = []
    todo = [config]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            module, name = value.get("module"), value.get("class_name")
            if isinstance(module, str) and isinstance(name, str) and not module.startswith("keras") \
                    and name not in custom_objects and name not in missing:
                registered = value.get("registered_name") or name
                if keras.saving.get_registered_object(registered) is None:
                    missing.append(f"{module}.{name}" if module else name)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return missing


def load_keras_file(path: str, unsafe_load: bool, custom_objects: dict | None = None):
    """The model stored at `path`, loaded with Keras's safe_mode on unless `unsafe_load`.
    Raises UsageError naming what could not be loaded (a custom class first of all)."""
    _check_model_file(path)
    keras = backend.keras_module()
    # The CLI warns about --unsafe-load; the API trusts an explicit unsafe_load=True.
    try:
        return keras.saving.load_model(path, safe_mode=not unsafe_load, compile=False,
                                       custom_objects=custom_objects or None)
    except Exception as error:  # noqa: BLE001 - any loading problem is one line for the user
        missing = _unknown_classes(path, custom_objects or {}) if path.lower().endswith(".keras") else []
        if missing:
            names = ", ".join(missing[:5])
            raise UsageError(f"cannot load {path}: it uses the custom class{'es' if len(missing) > 1 else ''} "
                             f"{names}, unknown here: import the module that defines "
                             f"{'them' if len(missing) > 1 else 'it'} "
                             f"({option('custom_objects=[MODULE]', '--custom-objects MODULE')}, or "
                             f"{option('imports=[MODULE]', '--import MODULE')} for one that registers them)") from None
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        hint = f"; pass {option('unsafe_load=True', '--unsafe-load')} if you trust the file" \
            if "safe_mode" in str(error) else ""
        raise UsageError(f"cannot load {path}: {type(error).__name__}: {message[:300]}{hint}") from None


def _check_model_file(path: str) -> None:
    """One clear line for a file Keras would misreport ("File not found" for a corrupt .keras)
    or unpack without limit."""
    import zipfile

    if not path.lower().endswith(".keras"):
        return  # .h5: read by h5py, nothing unpacked
    try:
        size = os.path.getsize(path)
        if not zipfile.is_zipfile(path):
            raise UsageError(f"cannot load {path}: not a .keras file (a .keras file is a zip archive; "
                             f"this one is corrupt or something else)")
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile) as error:
        raise UsageError(f"cannot load {path}: not a readable .keras file ({error})") from None
    if unpacked > max(MAX_UNPACKED_BYTES, MAX_UNPACK_RATIO * size):
        raise UsageError(f"cannot load {path}: it would unpack to {unpacked:,} bytes from {size:,} "
                         f"(more than {MAX_UNPACK_RATIO}x its size): refused as a zip bomb")


def split_result(result):
    """A target function returns a model/layer, or (model, inputs)."""
    if isinstance(result, tuple) and len(result) == 2 and backend.is_keras_layer(result[0]):
        if backend.is_keras_layer(result[1]):
            return result[0], None  # (model, layer of interest): not inputs
        return result[0], result[1]
    if not backend.is_keras_layer(result):
        raise UsageError(f"the target returned {type(result).__name__}, not a Keras model or layer "
                         f"(or a tuple (model, inputs)){backend.other_keras_hint(result)}")
    return result, None


# -- inputs ----------------------------------------------------------------------------

def parse_shape(text: str) -> tuple[int, ...]:
    """'4,10' -> (4, 10); the batch is included."""
    try:
        shape = tuple(int(part) for part in text.replace("x", ",").split(",") if part.strip())
    except ValueError:
        raise UsageError(f"bad --input-shape {text!r}: use comma-separated integers, batch first, e.g. 4,10") from None
    if not shape or any(d <= 0 for d in shape):
        raise UsageError(f"bad --input-shape {text!r}: use positive integers, batch first, e.g. 4,10")
    if math.prod(shape) > MAX_INPUT_VALUES:
        raise UsageError(f"--input-shape {text!r} is too large: {math.prod(shape):,} values "
                         f"(at most {MAX_INPUT_VALUES:,})")
    return shape


def parse_dtype(text: str):
    """A NumPy dtype name for --input-dtype (float32, int32, bool...)."""
    try:
        dtype = np.dtype(text.replace("bool_", "bool") if isinstance(text, str) else text)
    except (TypeError, ValueError):
        raise UsageError(f"bad {option('input_dtype', '--input-dtype')} {text!r}: use a dtype such as float32, "
                         f"int32 or bool") from None
    if dtype.kind not in "biuf":
        raise UsageError(f"bad {option('input_dtype', '--input-dtype')} {text!r}: use a numeric or bool dtype "
                         f"such as float32, int32 or bool")
    return dtype


def _embedding_limit(model) -> int | None:
    """Integer inputs feeding an Embedding must be ids below its input_dim: take the smallest."""
    limits = [layer.input_dim for layer in model._flatten_layers(include_self=True)
              if type(layer).__name__ in ("Embedding", "ReversibleEmbedding") and getattr(layer, "input_dim", None)]
    return min(limits) if limits else None


def _array(shape, dtype, model, rng, name=""):
    dtype = np.dtype(str(getattr(dtype, "name", dtype) or "float32").replace("bool_", "bool"))  # a tf.DType too
    if dtype.kind == "b":
        return np.ones(shape, dtype)
    if dtype.kind in "iu":
        if "mask" in (name or ""):
            return np.ones(shape, dtype)  # keras-hub style padding masks: everything is real
        high = _embedding_limit(model) or 2
        return rng.integers(0, high, size=shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def _concrete(shape, free=None):
    """A free (None) batch is BATCH_SIZE, another free dimension UNKNOWN_DIM; both `free` if given."""
    dims = list(shape)
    if dims and dims[0] is None:
        dims[0] = free or BATCH_SIZE
    return tuple((free or UNKNOWN_DIM) if d is None else int(d) for d in dims)


def make_inputs(model, given=None, input_shapes=None, input_dtype=None, shape_keyword="input_shapes=[(2, 4)]"):
    """Inputs in this order: the target's own, the shapes asked for (--input-shape), the model's
    input specs. `shape_keyword`: how an error names the shapes option to a Python caller."""
    if given is not None:
        if isinstance(given, (list, tuple)) and not isinstance(given, Positional) and len(given) >= 2 \
                and required_positional(model) == len(given):
            return Positional(given)  # call(self, t, states): one argument each, as one would never do
        return given
    if input_dtype is not None:
        parse_dtype(input_dtype)
    rng = np.random.default_rng(0)  # a private generator: the global random state is untouched
    if input_shapes:
        arrays = [_array(tuple(s), input_dtype, model, rng) for s in input_shapes]
        return arrays[0] if len(arrays) == 1 else arrays
    specs = _input_specs(model)
    if specs is None:
        shapes_option = option(shape_keyword, "--input-shape 2,4")
        raise UsageError(f"cannot tell the input shape of {type(model).__name__} '{model.name}': "
                         f"pass its shape, batch included (e.g. {shapes_option})")
    return _from_specs(model, specs, input_dtype, rng)


def _from_specs(model, specs, input_dtype, rng, free=None):
    names, shapes, dtypes, structure = specs
    arrays = [_array(_concrete(s, free), input_dtype or d, model, rng, n) for n, s, d in zip(names, shapes, dtypes)]
    if structure == "dict":
        return dict(zip(names, arrays))
    return arrays[0] if len(arrays) == 1 else arrays


def consistent_inputs(model, input_dtype=None):
    """Made-up inputs again, with every free dimension the size of the batch, for a model whose
    free dimensions must agree (a graph's adjacency (nodes, nodes) beside node features whose batch
    is the node count); None when the specs have no free dimension but the batch (nothing to change)."""
    specs = _input_specs(model)
    if specs is None or not any(d is None for shape in specs[1] for d in list(shape)[1:]):
        return None
    size = next((int(s[0]) for s in specs[1] if len(s) and s[0] is not None), BATCH_SIZE)
    return _from_specs(model, specs, input_dtype, np.random.default_rng(0), free=size)


class Positional(tuple):
    """Inputs passed as several positional arguments: `model(*inputs)`, for a call() such as
    `call(self, feat_index, feat_value)` that takes each tensor as its own argument. `keywords`:
    the arguments the target passed by keyword (`enc_pad_mask=m, use_coverage=True`), passed again."""

    keywords: dict = {}

    def __new__(cls, args, keywords=None):
        self = super().__new__(cls, args)
        self.keywords = dict(keywords or {})
        return self


def _call_parameters(model):
    """The parameters of the model's own call() (after self), or None when unreadable."""
    import inspect

    try:
        return list(inspect.signature(type(model).call).parameters.values())[1:]
    except (TypeError, ValueError):
        return None


def required_positional(model) -> int:
    """How many positional arguments without a default the model's call() takes (training and
    mask, which Keras passes by keyword, are not counted)."""
    import inspect

    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in _call_parameters(model) or () if p.kind in kinds and p.default is inspect.Parameter.empty
               and p.name not in ("training", "mask"))


def arguments_unfit(model, inputs) -> str | None:
    """Why `inputs` cannot be passed to the model's call() (TypeError of binding them, as Keras does:
    a call that takes arguments layerdoctor did not make up), or None when they fit or it cannot tell."""
    import inspect

    args, kwargs = (tuple(inputs), inputs.keywords) if isinstance(inputs, Positional) else ((inputs,), {})
    try:
        signature = inspect.signature(type(model).call)
        signature.bind(model, *args, **{k: v for k, v in kwargs.items() if k in signature.parameters})
    except TypeError as error:
        return str(error)
    except ValueError:
        return None
    return None


def needs_training(model) -> bool:
    """call() has a `training` argument with no default: Keras 3 passes it only when the caller
    does, so a plain `model(x)` raises TypeError (missing a required argument: 'training')."""
    import inspect

    return any(p.name == "training" and p.default is inspect.Parameter.empty for p in _call_parameters(model) or ())


def call_model(model, inputs, **kwargs):
    """`model(inputs)`, or `model(*inputs)` for Positional inputs; training=False when call()
    requires a `training` argument and none is given."""
    if "training" not in kwargs and needs_training(model):
        kwargs["training"] = False
    if isinstance(inputs, Positional):
        return model(*inputs, **{**inputs.keywords, **kwargs})
    return model(inputs, **kwargs)


def inputs_from_construction(model, construction):
    """When call() takes several tensors as positional arguments, the made-up single input cannot
    call it: reuse the concrete arguments the target itself called the model with (its last
    outermost call while it was built, keyword arguments too), or None."""
    if construction is None:
        return None
    several = required_positional(model) >= 2
    for call in reversed(construction.calls):
        if call.layer is model and call.arguments is not None:
            args, kwargs = call.arguments
            keywords = {k: v for k, v in kwargs.items() if k != "training"}  # each pass sets its own
            if not several and not {k for k in keywords if k != "mask"}:
                return None  # one tensor and nothing more: the made-up input does as well
            # (one tensor with settings the call needs, `model(h, edges_from=[0, 1])`: reused as given)
            if args and len(args) + len(keywords) >= 2 and all(_concrete_value(a) for a in args) \
                    and all(_concrete_value(v) or _plain_value(v) for v in keywords.values()):
                return Positional(args, keywords)
    return None


def _plain_value(value) -> bool:
    """A flag or setting passed by keyword (`use_coverage=True`, `prev_coverage=None`, `edges=[0, 1]`)."""
    if isinstance(value, (list, tuple)):
        return len(value) <= 64 and all(_plain_value(v) for v in value)
    return value is None or isinstance(value, (bool, int, float, str))


def _concrete_value(value) -> bool:
    if isinstance(value, (list, tuple)):  # an RNN cell's states: `cell(x, [h, c])`
        return 0 < len(value) <= 16 and all(_concrete_value(v) for v in value)
    return hasattr(value, "shape") and hasattr(value, "dtype") and type(value).__name__ != "KerasTensor" \
        and (hasattr(value, "numpy") or hasattr(value, "__array__"))


def has_no_call(model) -> bool:
    """Whether `model`'s class has no call() of its own: the first call() along its classes is
    Keras's base one, which raises NotImplementedError (a container such as a GAN whose
    train_step uses its sub-models). Functional and Sequential models have theirs."""
    for cls in type(model).__mro__:
        if "call" in vars(cls):
            return cls.__module__.split(".", 1)[0] in ("keras", "tf_keras") and cls.__name__ in ("Model", "Layer")
    return False


def _is_shape(value) -> bool:
    """A shape: a tuple/list of ints and Nones (a TensorShape too)."""
    try:
        dims = value.as_list() if hasattr(value, "as_list") else value
        return isinstance(dims, (list, tuple)) and all(d is None or int(d) == d for d in dims)
    except (TypeError, ValueError):
        return False


def _names_ids(name: str) -> bool:
    """An input named like token ids (input_ids, token_type_ids, position_ids)."""
    return name == "ids" or name.endswith("_ids")


def _input_specs(model):
    """(names, shapes, dtypes, "list"|"dict") from the model's Input tensors or its build shapes."""
    try:
        inputs = model.inputs  # functional and Sequential models with an Input
    except (AttributeError, ValueError):
        inputs = None
    if inputs:
        struct = getattr(model, "_inputs_struct", None)
        if isinstance(struct, dict) and all(hasattr(t, "shape") for t in struct.values()):
            # by key: model.inputs is in sorted-key order, the dict in the order it was written
            names, inputs = list(struct.keys()), list(struct.values())
        else:
            names, struct = [getattr(t, "name", "") for t in inputs], None
        return names, [t.shape for t in inputs], [t.dtype for t in inputs], "list" if struct is None else "dict"
    values = backend.built_input_shapes(model)
    if values:
        if len(values) == 1 and values[0] is not None:
            shape = values[0]
            if isinstance(shape, dict):
                # Built by a call on a dict of inputs (a Hugging Face model's dummy inputs):
                # {"input_ids": (3, 5)}; feed the same keys back. Token ids and positions are
                # integers (an Embedding would gather at random float indices otherwise).
                names = [str(key) for key in shape]
                if not all(_is_shape(value) for value in shape.values()):
                    return None
                return names, list(shape.values()), \
                    ["int32" if _names_ids(name) else None for name in names], "dict"
            if not _is_shape(shape) and not (isinstance(shape, (list, tuple)) and shape
                                             and all(_is_shape(s) for s in shape)):
                return None  # a nested structure: ask for the shape rather than guess
            if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
                return [""] * len(shape), list(shape), [None] * len(shape), "list"
            return [""], [shape], [None], "list"
    return None
