"""`layerdoctor inspect` runs the target in a child process, so the target cannot decide the outcome.

Parent (`run_in_child`, imports neither Keras nor the target):
  - starts `python -m layerdoctor.runtime.child` in its own process group, the request on stdin;
  - the child's stdout is the parent's stderr: what the target prints never reaches the report;
  - reads the report back as JSON data from a file in a private folder, and validates it;
  - a child that ends without a report (sys.exit or os._exit in the target, a signal, a crash)
    or runs past `timeout` is one UsageError line (exit 2), never a passing run;
  - non-daemon threads the target left running: the report stands, with an error of the run
    (FileError) naming them, so the exit status is 2, never "clean".
Child (`_main`): inspects, writes the report, then leaves with os._exit, which ends any thread
the target started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile

from ..errors import UsageError
from ..finding import FileError, Finding
from ..report import Report

_MAX_REPORT_BYTES = 512 * 1024 * 1024


# ---------------------------------------------------------------- parent


def run_in_child(target: str, *, input_shapes=None, input_dtype=None, unsafe_load=False,
                 timeout: float | None = None, imports=(), custom_objects=(), config: dict | None = None,
                 shape_only: bool = False, keras: str | None = None, backend: str | None = None) -> Report:
    """inspect_target(target, ...) in a child process; returns its Report. Raises UsageError
    (one line) when the child ends without one or runs past `timeout` seconds. `keras`:
    "keras3" or "tf-keras" (None: as the environment says, TF_USE_LEGACY_KERAS). `backend` (jax,
    torch, tensorflow) becomes the child's KERAS_BACKEND, so it holds before Keras is imported."""
    request = {"target": target, "input_shapes": [list(s) for s in input_shapes] if input_shapes else None,
               "input_dtype": input_dtype, "unsafe_load": bool(unsafe_load),
               "imports": list(imports), "custom_objects": list(custom_objects),
               "config": config, "shape_only": bool(shape_only)}
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([package_root, *filter(None, [env.get("PYTHONPATH")])])
    env.update(keras_flavour_env(keras, env))
    if backend:
        env["KERAS_BACKEND"] = backend
    with tempfile.TemporaryDirectory(prefix="layerdoctor-inspect-") as folder:
        request["report_path"] = os.path.join(folder, "report.json")
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            process = subprocess.Popen([sys.executable, "-m", "layerdoctor.runtime.child"], stdin=subprocess.PIPE,
                                       stdout=_stderr_fd(), env=env, start_new_session=True)
        except OSError as exc:
            raise UsageError(f"cannot start the inspector process: {exc.strerror or exc}") from None
        try:
            process.communicate(json.dumps(request).encode(), timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise UsageError(f"inspecting {target} took longer than --timeout {timeout:g} s: stopped") from None
        except BaseException:  # Ctrl-C: do not leave the child running
            _kill(process)
            raise
        _kill(process)  # threads the target left behind are gone with the group
        answer = _read_answer(request["report_path"])
    if answer is None:
        code = process.returncode
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        # SIGKILL with no --timeout is how the kernel ends a process out of memory
        memory = ", or ran out of memory: --shape-only builds it without allocating any weight" \
            if code == -signal.SIGKILL and not shape_only else ""
        raise UsageError(f"inspecting {target}: the process {how} before the report was made "
                         f"(the target called sys.exit/os._exit, or crashed{memory})")
    if "error" in answer:
        details = answer.get("details")
        raise UsageError(str(answer["error"]), [str(d) for d in details] if isinstance(details, list) else None)
    try:
        report = report_from_data(answer["report"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"inspecting {target}: the report did not come back whole ({exc})") from None
    threads = answer.get("stray_threads")
    if isinstance(threads, list) and threads:
        # The report stands, but the run did not end as a build should: an error of the run, so
        # the exit status is 2 (never "clean") and JSON/SARIF readers see it too.
        where = target_file(target)
        names = ", ".join(str(name) for name in threads[:3]) + (", ..." if len(threads) > 3 else "")
        report.errors.append(FileError(where, f"the target left {len(threads)} non-daemon thread(s) running "
                                              f"({names}): stopped with the inspector process"))
    return report


def target_file(target: str) -> str:
    """The file or module part of a TARGET (`models.py:build` -> `models.py`; a path with a colon
    that exists stays whole)."""
    return target.rpartition(":")[0] if ":" in target and not os.path.exists(target) else target


def keras_flavour_env(keras: str | None, env: dict) -> dict:
    """The environment that makes the child import the Keras asked for, before anything imports
    TensorFlow: TF_USE_LEGACY_KERAS=1 for tf.keras 2 (tensorflow.keras then resolves to tf_keras),
    unset for Keras 3."""
    if keras == "tf-keras":
        return {"TF_USE_LEGACY_KERAS": "1"}
    if keras == "keras3":
        env.pop("TF_USE_LEGACY_KERAS", None)
    return {}


def _stderr_fd() -> int:
    try:
        return sys.stderr.fileno()
    except (AttributeError, ValueError, OSError):  # a captured stderr (tests, notebooks)
        return 2


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        pass
    process.wait()


def _read_answer(path: str):
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(_MAX_REPORT_BYTES).decode("utf-8", "surrogatepass"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not ("error" in data or "report" in data):
        return None
    return data


# ---------------------------------------------------------------- the report as data


def _shape_out(shape):
    if shape is None:
        return None
    if isinstance(shape, list):
        return [_shape_out(s) for s in shape]
    try:
        return {"tuple": [None if d is None else int(d) for d in shape]}
    except (TypeError, ValueError):
        return {"text": str(shape)}


def _shape_in(data):
    if data is None:
        return None
    if isinstance(data, list):
        return [_shape_in(s) for s in data]
    if "tuple" in data:
        return tuple(data["tuple"])
    return data["text"]


def _node_out(node) -> dict:
    return {"path": node.path, "name": node.name, "class_name": node.class_name, "own_params": node.own_params,
            "params": node.params, "trainable_params": node.trainable_params,
            "non_trainable_params": node.non_trainable_params, "bytes": node.bytes, "output_shape": _shape_out(node.output_shape),
            "built": node.built, "shared_calls": node.shared_calls, "call_sites": list(node.call_sites),
            "also_at": list(node.also_at), "shared_ref": node.shared_ref,
            "tied": [list(t) for t in node.tied], "children": [_node_out(c) for c in node.children]}


def _node_in(data: dict):
    from .tree import Node

    fields = dict(data)
    fields["output_shape"] = _shape_in(fields["output_shape"])
    fields["tied"] = [tuple(t) for t in fields["tied"]]
    fields["children"] = [_node_in(c) for c in fields["children"]]
    return Node(**fields)


def report_to_data(report: Report) -> dict:
    return {
        "findings": [{"path": f.path, "line": f.line, "column": f.column, "code": f.code, "message": f.message,
                      "severity": f.severity, "detector": f.detector, "target": f.target,
                      "class_name": f.class_name, "attribute": f.attribute, "fix": f.fix, "extra": f.extra}
                     for f in report.findings],
        "errors": [[e.path, e.message] for e in report.errors],
        "files_checked": report.files_checked,
        "params": report.params,
        "keras": report.keras,
        "tree": _node_out(report.tree) if report.tree is not None else None,
        "untracked": [{"what": u.what, "owner": u.owner, "attribute": u.attribute, "count": u.count,
                       "code": u.code, "site": list(u.site) if u.site else None} for u in report.untracked],
        "memory": report.memory,
        "shape_only": report.shape_only,
    }


def report_from_data(data: dict) -> Report:
    from .tree import UntrackedState

    return Report(
        findings=[Finding(**f) for f in data["findings"]],
        errors=[FileError(str(p), str(m)) for p, m in data["errors"]],
        files_checked=int(data["files_checked"]),
        params=data["params"], keras=data["keras"],
        tree=_node_in(data["tree"]) if data["tree"] is not None else None,
        untracked=[UntrackedState(**{**u, "site": tuple(u["site"]) if u["site"] else None})
                   for u in data["untracked"]],
        memory=data.get("memory"), shape_only=data.get("shape_only"),
    )


# ---------------------------------------------------------------- child


def _main() -> None:
    request = json.loads(sys.stdin.read())
    report_path = request["report_path"]
    try:
        answer = {"report": report_to_data(_inspect(request))}
    except UsageError as exc:
        answer = {"error": str(exc), "details": [str(line) for line in exc.details]}
    except SystemExit as exc:
        answer = {"error": f"inspecting {request['target']}: the target called sys.exit({exc.code!r}); "
                           f"no report"}
    except MemoryError:
        answer = {"error": f"inspecting {request['target']}: out of memory"
                           + ("" if request.get("shape_only") else
                              ": --shape-only builds it without allocating any weight")}
    except KeyboardInterrupt:
        os._exit(130)
    except BaseException as exc:  # noqa: BLE001 - one line, never a traceback
        text = " ".join(str(exc).split())[:300]
        answer = {"error": f"inspecting {request['target']}: internal error ({type(exc).__name__}: {text})"}
    import threading

    stray = [t.name for t in threading.enumerate()
             if t is not threading.main_thread() and t.is_alive() and not t.daemon]
    if stray and "report" in answer:
        answer["stray_threads"] = stray
    try:
        with open(report_path, "w", encoding="utf-8", errors="surrogatepass") as handle:
            json.dump(answer, handle, default=str)
    except (OSError, ValueError, TypeError) as exc:
        sys.stderr.write(f"layerdoctor: cannot send the report: {exc}\n")
        os._exit(3)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # threads the target started end here


def _inspect(request: dict) -> Report:
    from ..errors import command_line
    from .api import inspect_target

    shapes = [tuple(s) for s in request["input_shapes"]] if request["input_shapes"] else None
    with command_line():  # the messages go to a shell user: they name flags
        return inspect_target(request["target"], input_shapes=shapes, input_dtype=request["input_dtype"],
                              unsafe_load=request["unsafe_load"], imports=request.get("imports", ()),
                              custom_objects=request.get("custom_objects", ()), config=request.get("config"),
                              shape_only=bool(request.get("shape_only")))


if __name__ == "__main__":
    _main()
