"""LD013 from the construction: attributes a user layer set on itself before Layer.__init__ ran,
which Layer.__init__ then silently reset (e.g. `self.trainable = False` before
`super().__init__()`: the layer is trainable after all)."""

from __future__ import annotations

from .. import findings
from ..context import Explained, Observation, ProbeResult


def attributes_reset_by_init(inspection: Observation, explained: Explained) -> ProbeResult:
    result = ProbeResult()
    watch = inspection.watch
    if watch is None:
        return result
    reported = set()
    for reset in watch.resets:
        cls = type(reset.layer)
        key = (cls, reset.attribute)
        if key in reported:
            continue
        reported.add(key)
        if reset.again:
            message = (f"{cls.__name__}.__init__ calls super().__init__() a second time, which sets "
                       f"{reset.attribute} back to Keras's default ({reset.before!r} after the first call, "
                       f"{reset.after!r} after the second; a value given for it is lost); pass every setting "
                       f"in one super().__init__() call")
        elif reset.kept_in:
            message = (f"{cls.__name__} sets self.{reset.attribute} = {reset.before!r} before calling "
                       f"super().__init__(), but Keras 3 reads {reset.kept_in}, which super().__init__() sets "
                       f"to {reset.after!r}: the value set is never used; pass {reset.kept_in}= to "
                       f"super().__init__()")
        else:
            message = (f"{cls.__name__} sets self.{reset.attribute} = {reset.before!r} before calling "
                       f"super().__init__(), which resets it to {reset.after!r}: '{reset.layer.name}' ends up "
                       f"with {reset.attribute} == {reset.after!r}; call super().__init__() first")
        result.findings.append(findings.make(
            "LD013", message,
            cls=cls, attribute=reset.attribute, site=reset.site,
            before=repr(reset.before), after=repr(reset.after)))
    return result
