"""LD012: Lambda layers made in a loop whose function reads the loop's variable when it runs.

`for k in range(3): Lambda(lambda z: z[:, k])`: every Lambda holds the same code and the same
closure cell for `k`, so when the model runs (after the loop has ended) each reads the cell's
last value and they all compute the same thing. Nothing raises; only the outputs are wrong.
"""

from __future__ import annotations

from .. import findings, locate
from ..context import Explained, Observation, ProbeResult

# Values a loop variable that indexes or slices holds; a layer or a tensor in a shared cell is the
# scan's business (untracked.py), not this probe's.
_PLAIN = (int, float, str, slice, tuple)


def late_bound_loop_variables(inspection: Observation, explained: Explained) -> ProbeResult:
    result = ProbeResult()
    by_code: dict = {}
    for node in inspection.nodes():
        function = getattr(node.layer, "function", None) if type(node.layer).__name__ == "Lambda" else None
        code = getattr(function, "__code__", None)
        if code is not None and code.co_freevars and getattr(function, "__closure__", None):
            by_code.setdefault(code, []).append((node, function))
    for code, lambdas in by_code.items():
        if len(lambdas) < 2:
            continue
        names = [name for index, name in enumerate(code.co_freevars)
                 if _one_plain_cell([fn.__closure__[index] for _, fn in lambdas])
                 and locate.is_loop_variable_around(code.co_filename, code.co_firstlineno, name)]
        if not names:
            continue
        node, function = lambdas[0]
        values = ", ".join(f"{name}={function.__closure__[code.co_freevars.index(name)].cell_contents!r}"
                           for name in names)
        result.findings.append(findings.make(
            "LD012",
            f"{len(lambdas)} Lambda layers made by one function in a loop ({node.path}, ...) read the loop "
            f"variable {', '.join(names)} through one closure cell: each reads it when the model runs, after "
            f"the loop has ended ({values}), so they all compute the same; bind it when the Lambda is made: "
            f"`lambda x, {names[0]}={names[0]}: ...` or `arguments={{'{names[0]}': {names[0]}}}`",
            attribute=names[0], site=locate.function_site(function), layer=node.path, fix=None))
    return result


def _one_plain_cell(cells) -> bool:
    """The same cell object in every closure, holding an index-like value."""
    first = cells[0]
    if any(cell is not first for cell in cells):
        return False
    try:
        value = first.cell_contents
    except ValueError:  # an empty cell
        return False
    return isinstance(value, _PLAIN) and not isinstance(value, bool)
