"""LD009: every trainable weight must get a gradient from what training optimises.

Two objectives: the sum of every float output in inference mode, and in training mode the sum
of the float outputs plus `model.losses` (add_loss) plus the compiled loss when the model was
compiled (a loss function may read a weight the outputs do not). A weight is trained when
either gives it a gradient. TF returns None for a weight no objective depends on
differentiably (unused, stop_gradient, NumPy round trip, round/argmax/int casts).

When nothing is differentiable (the model outputs only ids and has no loss), the weights the
forward pass never reads (a tape's watched variables) are still reported.
"""

from __future__ import annotations

from .. import backend, findings, locate
from ..context import Explained, Observation, ProbeResult, is_user_class


def _float_outputs(outputs) -> list:
    return [o for o in backend.flatten(outputs) if backend.is_float(o)]


def _objective(outputs, extra=()):
    """The scalar to differentiate, or None when there is nothing float to sum."""
    terms = [backend.float32_sum(o) for o in _float_outputs(outputs)]
    terms += [backend.float32_sum(t) for t in extra if t is not None and backend.is_float(t)]
    return sum(terms[1:], terms[0]) if terms else None


def _compiled_loss(inspection, outputs):
    """The compiled loss on the outputs (their own values as targets: only which weights it reads
    matters, not its value), or the model's own compute_loss(), or None. Metric trackers it
    updates are put back. A compute_loss() override that cannot run here is recorded: what it
    trains is then unknown."""
    try:
        targets = backend.map_structure(backend.stop_gradient, outputs)
        return backend.compiled_loss(inspection.model, inspection.inputs, targets, outputs)
    except Exception:  # noqa: BLE001 - a loss that needs real targets: the outputs decide alone
        inspection.measured["own_loss_failed"] = True
        return None


def usage(inspection: Observation):
    """(trained, read, decidable): ids of the trainable weights that get a gradient from an
    objective, ids of those a forward pass reads, and whether any objective was differentiable.
    Measured once per Observation (LD010 and LD009 both use it)."""
    if "usage" in inspection.measured:
        return inspection.measured["usage"]
    variables = list(inspection.model.trainable_weights)
    decidable = []

    def inference():
        value = _objective(inspection.forward())
        decidable.append(value is not None)
        return value

    def training():
        outputs = inspection.forward_training()
        losses = list(getattr(inspection.model, "losses", []) or [])
        value = _objective(outputs, losses + [_compiled_loss(inspection, outputs)])
        decidable.append(value is not None)
        return value

    trained, read = set(), set()
    if variables:
        trained, read = backend.gradients_and_reads([inference], variables)
        try:
            more_trained, more_read = backend.gradients_and_reads([training], variables)
            trained, read = trained | more_trained, read | more_read
        except Exception:  # noqa: BLE001 - a model that cannot run in training mode here
            pass
    inspection.measured["usage"] = (trained, read, any(decidable))
    return inspection.measured["usage"]


def owner_and_attribute(inspection, variable):
    """The tree node owning `variable`, and the attribute that holds it (or its name)."""
    for node in inspection.nodes():
        if any(v is variable for v in backend.own_variables(node.layer)):
            for name, value in backend.attributes(node.layer).items():
                if value is variable:
                    return node, name
            return node, _short_name(variable)
    return None, _short_name(variable)


def _short_name(variable) -> str:
    return backend.variable_path(variable).rpartition("/")[2]


def _inside_library_model(inspection, node) -> bool:
    """Is the weight part of a library model (a keras-hub backbone...)? Those may own weights
    their outputs do not use by design (a backbone's reverse embedding, used only by a task head)."""
    keras = backend.keras_module()
    for other in inspection.nodes():
        if node.path == other.path or node.path.startswith(other.path + "/"):
            layer = other.layer
            if isinstance(layer, keras.Model) and not is_user_class(type(layer)) \
                    and type(layer).__name__ not in ("Functional", "Sequential"):
                return True
    return False


def _held_by_explained_attributes(inspection, explained) -> set:
    """Ids of the variables that attributes another probe explained hold now (LD002: state call()
    re-creates, which tf.keras 2 tracks; each new variable gets no gradient, and that is LD002)."""
    layers = {id(n.layer): n.layer for n in inspection.nodes()}
    held = set()
    for layer_id, attribute in explained.attributes:
        value = getattr(layers.get(layer_id), attribute, None)
        held |= {id(v) for v in (value.weights if backend.is_keras_layer(value) else [value])}
    return held


def _called_outside_the_model(inspection) -> set:
    """Ids of the trainable weights of the model's sublayers that the target itself called at top
    level on concrete values while it built the model (`model.encoder(x)`), not through its call()."""
    construction, model = inspection.construction, inspection.model
    if construction is None:
        return set()
    inner = {id(layer) for layer in model._flatten_layers(include_self=False)}
    return {id(v) for call in construction.calls  # (on concrete values: wiring a functional model is not it)
            if call.arguments is not None and call.concrete and call.layer is not model and id(call.layer) in inner
            for v in call.layer.trainable_weights}


def no_gradient(inspection: Observation, explained: Explained) -> ProbeResult:
    """LD009: a trainable weight that gets no gradient from the outputs or the losses (unless
    LD010 explains it); with nothing differentiable, a weight the forward pass never reads."""
    result = ProbeResult()
    variables = [v for v in inspection.model.trainable_weights]
    if not variables:
        return result
    trained, read, decidable = usage(inspection)
    explained_ids = explained.no_gradient | _held_by_explained_attributes(inspection, explained)
    # a compute_loss() override that ran is differentiated with the outputs (usage); a train_step()
    # override, or a compute_loss() that could not run on the sample data, is not measured
    hooks = backend.overridden_training_hooks(inspection.model)
    unmeasured_hooks = [h for h in hooks if h == "train_step"
                        or (h == "compute_loss" and inspection.measured.get("own_loss_failed"))]
    outside = _called_outside_the_model(inspection)
    for variable in variables:
        if id(variable) in trained or id(variable) in explained_ids:
            continue
        if not decidable and id(variable) in read:
            continue  # the model outputs only ids and has no loss: nothing says it should train
        node, attribute = owner_and_attribute(inspection, variable)
        if node is not None and _inside_library_model(inspection, node):
            continue
        cls = type(node.layer) if node else None
        why = (f"gets no gradient from the outputs or the losses ({backend.no_gradient_means()})" if decidable else
               "is never read by the forward pass (the outputs are not float, so this is decided "
               "from what call() reads)")
        severity = None
        if id(variable) in outside and id(variable) not in read:
            # the target calls that sublayer itself (`model.encoder(x)` before `model(...)`): its own
            # training loop trains it, which this forward pass does not measure
            severity = "warning"
            why += (f"; but the target calls the sublayer that holds it outside {type(inspection.model).__name__}"
                    f".call(), as a hand-written training loop may (not measured: heuristic)")
        elif decidable and cls is not None and attribute and locate.is_user_class(cls) \
                and locate.read_on_an_instance(cls, attribute):
            # `self.crf.transitions` in a loss object (a CRF's transitions reach the outputs only through
            # a Viterbi argmax): the loss trains it, which this forward pass does not measure
            severity = "warning"
            why += (f"; but code of its file reads .{attribute} on an instance, as a loss built on it may "
                    f"(not measured: heuristic)")
        elif decidable and cls is not None and attribute and locate.is_user_class(cls) \
                and (readers := locate.other_readers(cls, attribute)):
            # gSDE's `log_std`, read by `get_std()` that the actor's loss calls (held-out 41): code outside
            # the forward pass trains it, which this forward pass does not measure
            severity = "warning"
            why += (f"; but {cls.__name__}.{readers[0]}() reads it and call() does not run that method: a loss "
                    f"built on it may train it (not measured: heuristic)")
        elif unmeasured_hooks:
            # fit() goes through the model's own train_step()/compute_loss(), which may use a
            # sublayer call() never reaches (a GAN's discriminator): not measured, so a warning
            severity = "warning"
            why += (f"; but {type(inspection.model).__name__} overrides {' and '.join(unmeasured_hooks)}(), which "
                    f"fit() runs and which may train it (not measured: heuristic)")
        result.findings.append(findings.make(
            "LD009", f"{cls.__name__ if cls else '?'}.{attribute} (variable '{backend.variable_path(variable)}', "
                     f"{backend.size_of(variable)} values) {why}: it is counted "
                     f"as trainable but never trained", cls=cls, attribute=attribute, severity=severity,
            # where call() reads it (through stop_gradient, NumPy, round...), else where it is made
            site=locate.use_site(cls, "call", attribute) if cls else None,
            layer=node.path if node else None, variable=backend.variable_path(variable)))
    return result
