"""Jupyter notebooks (.ipynb): their code cells as one Python text, as ruff reads them.

Each code cell's lines are kept at their place; IPython magics (`%time`, `%%bash` cells),
shell escapes (`!pip install`) and help (`obj?`) become blank lines, so every line of the text is
one line of one cell. `locate(line)` turns a line of the text back into (cell, line in the cell):
cells are numbered from 1 among all the cells of the notebook, as Jupyter shows them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .source import SourceError

_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Notebook:
    text: str
    # for each line of `text` (0-based): (cell number from 1, line in that cell from 1)
    lines: list[tuple[int, int]] = field(default_factory=list)

    def locate(self, line: int) -> tuple[int, int] | None:
        """(cell, line in the cell) of a 1-based line of `text`, or None past the end."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None


def _is_magic(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#"))


def read_notebook(path: str) -> Notebook:
    """The code cells of the notebook at `path`. Raises SourceError with one line."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
        cells = notebook["cells"]
        if not isinstance(cells, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, RecursionError):
        raise SourceError("not a Jupyter notebook (no JSON with a list of cells)") from None
    return from_cells(cells)


def cell_lines(cell: dict) -> list[str]:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    return text.splitlines()


def blank_magics(source: str) -> str:
    """A cell's source with its magics and shell escapes as empty lines (a `%%` cell all empty)."""
    lines = source.splitlines(True)
    cell_magic = bool(lines) and lines[0].lstrip().startswith("%%")
    return "".join(("\n" if line.endswith("\n") else "") if cell_magic or _is_magic(line) else line
                   for line in lines)


def from_cells(cells: list) -> Notebook:
    out: list[str] = []
    where: list[tuple[int, int]] = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        lines = cell_lines(cell)
        cell_magic = bool(lines) and lines[0].lstrip().startswith("%%")
        for index, line in enumerate(lines, 1):
            out.append("" if cell_magic or _is_magic(line) else line)
            where.append((number, index))
    return Notebook("\n".join(out) + "\n", where)
