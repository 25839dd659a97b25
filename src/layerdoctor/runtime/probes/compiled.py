"""LD009 for what compile() was given: a loss through which no weight gets a gradient (a metric object, a loss
that reads y_pred only through argsort/argmax/round), and a model compiled and then frozen (Keras 3).

The gradient probe differentiates the outputs plus the losses, so a cut loss hides behind the outputs' own
gradient; here the compiled loss is differentiated alone."""

from __future__ import annotations

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult
from .gradients import usage


def _site(inspection):
    model = inspection.model
    site = inspection.watch.site_of(model) if inspection.watch is not None else None
    if site is None and locate.is_user_class(type(model)):
        site = locate.class_site(type(model))
    return site


def _compiled_with_loss(model) -> bool:
    if backend.is_tf_keras():
        return bool(getattr(model, "_is_compiled", False)) and getattr(model, "compiled_loss", None) is not None
    return bool(getattr(model, "compiled", False)) and getattr(model, "loss", None) is not None


def loss_without_gradient(inspection: Observation, explained: Explained) -> ProbeResult:
    """A model compiled with a loss (its own compute_loss/train_step not overridden) whose outputs give its
    weights a gradient while its compiled loss, on targets like its outputs, gives none of them one."""
    result = ProbeResult()
    model = inspection.model
    variables = list(getattr(model, "trainable_weights", []) or [])
    if inspection.symbolic or not variables or not _compiled_with_loss(model) \
            or backend.overridden_training_hooks(model):
        return result
    trained, _, decidable = usage(inspection)
    if not trained or not decidable:
        return result  # (nothing reaches the weights anyway: the gradient probe says so)
    ops = backend.keras_module().ops
    # targets like the outputs (their own values), else sparse labels (their argmax) for a sparse loss
    for make_targets in (backend.stop_gradient, lambda o: ops.argmax(backend.stop_gradient(o), axis=-1)):
        measured = []

        def loss_alone(make_targets=make_targets, measured=measured):
            outputs = inspection.forward_training()
            targets = backend.map_structure(make_targets, outputs)
            loss = backend.compiled_loss(model, inspection.inputs, targets, outputs)
            measured.append(loss)
            return backend.float32_sum(loss) if loss is not None and backend.is_float(loss) else None

        try:
            by_loss, _ = backend.gradients_and_reads([loss_alone], variables)
            break
        except Exception:  # noqa: BLE001 - a loss that needs other targets: the next, else not measured
            continue
    else:
        return result
    if not measured or measured[0] is None or not backend.is_float(measured[0]) or by_loss:
        return result
    result.findings.append(findings.make(
        "LD009", f"{type(model).__name__}'s compiled loss gives none of its {len(variables)} trainable weights a "
                 f"gradient ({backend.no_gradient_means()}), while its outputs do: the loss reads the predictions "
                 f"only through something with no gradient (a metric object such as keras.metrics.X(), argsort, "
                 f"argmax, round, an integer cast), so fit fails with \"No gradients provided for any variable\"",
        site=_site(inspection), fix=None))
    return result


def frozen_after_compile(inspection: Observation, explained: Explained) -> ProbeResult:
    """Keras 3: a model compiled with an optimizer whose `trainable` flag is off, so none of its weights is
    trainable: train_on_batch/fit on it change nothing (Keras 2's compile() kept a snapshot; the Keras 2 GAN
    recipe freezes the discriminator after compiling it). Fine if only a combined model is trained: a warning."""
    result = ProbeResult()
    model = inspection.model
    if backend.is_tf_keras() or getattr(model, "trainable", True) or getattr(model, "optimizer", None) is None \
            or not getattr(model, "compiled", False) or not model.weights or model.trainable_weights:
        return result
    result.findings.append(findings.make(
        "LD009", f"{type(model).__name__} is compiled with an optimizer but its trainable flag is off, so none of "
                 f"its {len(model.weights)} weights is trainable: on Keras 3 train_on_batch()/fit() on it change "
                 f"nothing (\"The model does not have any trainable weights.\"), as in the Keras 2 GAN recipe "
                 f"that freezes a compiled discriminator for the combined model (a heuristic: fine if only a "
                 f"model that contains it is trained; else set trainable = True before training it)",
        site=_site(inspection), severity="warning", fix=None))
    return result
