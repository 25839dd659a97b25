"""Targets (file.py:function, package.module:function, file.py, model.keras) and inputs."""

from __future__ import annotations

import importlib
import importlib.util
import math
import os
import sys
import uuid
from dataclasses import dataclass

import numpy as np

from ..errors import UsageError
from . import backend

DEFAULT_FUNCTION = "build_model"
BATCH_SIZE = 2
UNKNOWN_DIM = 8  # for a None dimension other than the batch (e.g. a sequence length)
MODEL_FILE_SUFFIXES = (".keras", ".h5", ".hdf5")
# A .keras file is a zip: refuse one that would unpack to far more than it weighs (a zip bomb).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # always allowed
MAX_UNPACK_RATIO = 50  # weights barely compress: a real model unpacks to about its own size
MAX_INPUT_VALUES = 2**28  # one made-up input array: 1 GiB of float32


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
    if where.endswith(".py") or os.path.isfile(where):
        if not os.path.isfile(where):
            raise UsageError(f"no such file: {where}")
        return Target(text, module_file=where, function=function or None)
    if not function:
        raise UsageError(f"cannot read target {text!r}: pass path/to/file.py[:function], "
                         f"package.module:function or model.keras")
    return Target(text, module_name=where, function=function)


def import_target_module(target: Target):
    """Import the module of a function target (the file's folder goes on sys.path, as with `python file.py`)."""
    if target.module_name:
        try:
            return importlib.import_module(target.module_name)
        except ImportError as error:
            raise UsageError(f"cannot import {target.module_name}: {type(error).__name__}: {error}") from None
    path = os.path.abspath(target.module_file)
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = f"layerdoctor_target_{os.path.splitext(os.path.basename(path))[0]}_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{target.module_file}: not a Python file (.py) nor a model file "
                         f"({', '.join(MODEL_FILE_SUFFIXES)})")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # errors are classified by the caller
    return module


def find_function(module, target: Target):
    name = target.function or DEFAULT_FUNCTION
    function = getattr(module, name, None)
    if not callable(function):
        if target.function:
            raise UsageError(f"{target.module_file or target.module_name} has no function {name!r}")
        raise UsageError(f"{target.module_file} has no {DEFAULT_FUNCTION}() function: "
                         f"name one with {target.module_file}:FUNCTION")
    return function


def load_keras_file(path: str, unsafe_load: bool):
    _check_model_file(path)
    keras = backend.keras_module()
    # The CLI warns about --unsafe-load; the API trusts an explicit unsafe_load=True.
    try:
        return keras.saving.load_model(path, safe_mode=not unsafe_load, compile=False)
    except Exception as error:  # noqa: BLE001 - any loading problem is one line for the user
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        hint = "; pass --unsafe-load if you trust the file" if "safe_mode" in str(error) else ""
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
                         f"(or a tuple (model, inputs))")
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
        dtype = np.dtype(str(text).replace("bool_", "bool"))
    except (TypeError, ValueError):
        raise UsageError(f"bad --input-dtype {text!r}: use a dtype such as float32, int32 or bool") from None
    if dtype.kind not in "biuf":
        raise UsageError(f"bad --input-dtype {text!r}: use a numeric or bool dtype such as float32, int32 or bool")
    return dtype


def _embedding_limit(model) -> int | None:
    """Integer inputs feeding an Embedding must be ids below its input_dim: take the smallest."""
    limits = [layer.input_dim for layer in model._flatten_layers(include_self=True)
              if type(layer).__name__ in ("Embedding", "ReversibleEmbedding") and getattr(layer, "input_dim", None)]
    return min(limits) if limits else None


def _array(shape, dtype, model, rng, name=""):
    dtype = np.dtype(str(dtype or "float32").replace("bool_", "bool"))
    if dtype.kind == "b":
        return np.ones(shape, dtype)
    if dtype.kind in "iu":
        if "mask" in (name or ""):
            return np.ones(shape, dtype)  # keras-hub style padding masks: everything is real
        high = _embedding_limit(model) or 2
        return rng.integers(0, high, size=shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def _concrete(shape):
    dims = list(shape)
    if dims:
        dims[0] = BATCH_SIZE if dims[0] is None else dims[0]
    return tuple(UNKNOWN_DIM if d is None else int(d) for d in dims)


def make_inputs(model, given=None, input_shapes=None, input_dtype=None):
    """Inputs in this order: the target's own, --input-shape, the model's input specs."""
    if given is not None:
        return given
    rng = np.random.default_rng(0)  # a private generator: the global random state is untouched
    if input_shapes:
        arrays = [_array(tuple(s), input_dtype, model, rng) for s in input_shapes]
        return arrays[0] if len(arrays) == 1 else arrays
    specs = _input_specs(model)
    if specs is None:
        raise UsageError(f"cannot tell the input shape of {type(model).__name__} '{model.name}': "
                         f"pass --input-shape (batch included, e.g. --input-shape 2,4)")
    names, shapes, dtypes, structure = specs
    arrays = [_array(_concrete(s), input_dtype or d, model, rng, n) for n, s, d in zip(names, shapes, dtypes)]
    if structure == "dict":
        return dict(zip(names, arrays))
    return arrays[0] if len(arrays) == 1 else arrays


def _input_specs(model):
    """(names, shapes, dtypes, "list"|"dict") from the model's Input tensors or its build shapes."""
    try:
        inputs = model.inputs  # functional and Sequential models with an Input
    except (AttributeError, ValueError):
        inputs = None
    if inputs:
        struct = getattr(model, "_inputs_struct", None)
        names = list(struct.keys()) if isinstance(struct, dict) else [getattr(t, "name", "") for t in inputs]
        return names, [t.shape for t in inputs], [t.dtype for t in inputs], \
            "dict" if isinstance(struct, dict) else "list"
    shapes = getattr(model, "_build_shapes_dict", None)
    if shapes:
        values = list(shapes.values())
        if len(values) == 1 and values[0] is not None:
            shape = values[0]
            if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
                return [""] * len(shape), list(shape), [None] * len(shape), "list"
            return [""], [shape], [None], "list"
    return None
