"""`python -m layerdoctor.runtime TARGET [options]`: the same as `layerdoctor inspect TARGET [options]`."""

from __future__ import annotations

import sys

from ..cli import main

if __name__ == "__main__":
    sys.exit(main(["inspect", *sys.argv[1:]]))
