"""LD007 shared-layer (info): one layer instance called in several places."""

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..facts import shared_layers
from ..triggers import constructed_name_called_twice
from . import Hit

RULE = Rule(
    code="LD007", name="shared-layer", severity="info", tf_keras_severity="info",
    summary="One layer instance is called in several places: its weights are shared and counted once.",
    what="Static: finds a layer instance (a variable or a `self` attribute) that is called more "
         "than once, and lists the call sites. Runtime: reports layers with more than one inbound "
         "node or call, and variables owned by more than one layer.",
    why={
        KERAS3: "Not a bug when intended. Calling one layer instance on several inputs shares its "
                "weights: the model has one set of weights, trained by the gradients of every "
                "call, and the summary counts it once (functional summaries list each call site in "
                "\"Connected to\"; a subclassed Model shows nothing at all). That is what siamese "
                "encoders and tied embeddings need. It is a bug when each call was meant to have "
                "its own weights, for example an encoder defined once and applied to two different "
                "inputs, and the parameter count looks too small. This finding makes the sharing "
                "visible and shows where the instance is called.",
        TF_KERAS: "Same as Keras 3: shared weights, counted once, no message.",
    },
    keras_says={KERAS3: "", TF_KERAS: ""},
    example=snippet("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        encoder = keras.layers.Dense(8)
        score = keras.layers.Dot(axes=-1)([encoder(question), encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    use_instead=snippet("""
        import keras

        question = keras.Input((16,))
        answer = keras.Input((16,))
        question_encoder = keras.layers.Dense(8)  # one instance per input,
        answer_encoder = keras.layers.Dense(8)  # if the weights should not be shared
        score = keras.layers.Dot(axes=-1)([question_encoder(question), answer_encoder(answer)])
        model = keras.Model([question, answer], score)
    """),
    fix_hint="# if the weights should not be shared, one instance per call site:\n"
             "{attr}_a, {attr}_b = <the constructor call>, <the constructor call>",
    fix_safety="No automatic fix: sharing is often intended, and un-sharing doubles the "
               "parameters and changes the saved weights.",
)

CODE = RULE.code
TRIGGER = constructed_name_called_twice


def check_module(ctx):
    for name, ctor, value, sites, _ in shared_layers(ctx):
        lines = ", ".join(str(line) for line in sorted({s.lineno for s in sites}))
        yield Hit(
            ctor,
            f"{name} ({value.layer_class}) is one layer called {len(sites)} times (lines {lines}): "
            f"its weights are shared and counted once",
            attribute=name,
            class_name=value.layer_class,
        )
