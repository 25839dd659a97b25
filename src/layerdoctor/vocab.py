"""The shared vocabulary: severities, Keras flavours (targets), detectors and the docs address.

A leaf module: it imports nothing from layerdoctor, so every other module can import it
without creating an import cycle.
"""

from __future__ import annotations

SEVERITIES = ("error", "warning", "info")

# Keras flavours a finding can speak of.
KERAS3 = "keras3"
TF_KERAS = "tf-keras"
TARGETS = (KERAS3, TF_KERAS)
FLAVOUR_NAMES = {KERAS3: "Keras 3", TF_KERAS: "tf.keras 2"}

DETECTORS = ("static", "runtime")

# Where docs/rules.md is published; each rule's help link is this plus `#ldNNN`.
DOCS_URL = "https://github.com/layerdoctor/layerdoctor/blob/main/docs/rules.md"


def flavour_name(target: str) -> str:
    return FLAVOUR_NAMES.get(target, target)
