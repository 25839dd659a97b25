"""LD003 foreign-variable: tf.Variable / torch.nn.Parameter / JAX arrays on a Keras 3 layer."""

from ...finding import KERAS3
from ..context import FOREIGN
from . import Hit

CODE = "LD003"

_WHAT = {"tensorflow": "a tf.Variable", "torch": "a torch.nn.Parameter", "jax": "a JAX array"}


def check_class(ctx):
    if ctx.target != KERAS3:
        return  # tf.keras 2 tracks tf.Variable
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.method in ctx.phase_methods.get("call", ()):
            continue
        value = ctx.value(assign.value, ctx.methods[assign.method])
        if value.kind != FOREIGN:
            continue
        yield Hit(
            assign.stmt,
            f"{ctx.name}.{assign.attr} is {_WHAT[value.backend]} ({value.qualname}) set in "
            f"{assign.method}(): Keras 3 tracks only keras.Variable, so it is not counted, "
            f"trained or saved (tf.keras 2 would track a tf.Variable)",
            attribute=assign.attr,
            fix=f"self.{assign.attr} = self.add_weight(shape=..., initializer=...)",
        )
