"""The one place that decides between codes describing overlapping states.

Which probe runs first (and so which code wins when two could describe one attribute) is the
order of `probes.PROBES`; which code untracked state gets is decided here.
"""

from __future__ import annotations

# What kind of untracked value was found -> its code when it is not inside a Lambda.
_UNTRACKED = {
    "layer": "LD011",  # a layer held in a plain object, a global, a closure...
    "variable": "LD011",  # a keras.Variable held the same way
    "native": "LD003",  # a tf.Variable (a backend-native variable) on a layer
    "native_in_object": "LD011",  # a tf.Variable reached through a tf.Module/plain object on a layer
    "tensor": "LD001",  # a weight-like tensor or array
}


def untracked_code(kind: str, in_lambda: bool) -> str:
    """LD011 versus LD012 (and LD003/LD001): whatever a Lambda's function captures is LD012."""
    if in_lambda:
        return "LD012"
    return _UNTRACKED[kind]
