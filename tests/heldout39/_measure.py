"""Measure what Keras does with one case of this collection: the same script as tests/heldout/_measure.py
(read it for what is printed), run from here so the command in each case's MEASURED works.

    KERAS_BACKEND=tensorflow python tests/heldout39/_measure.py tests/heldout39/<case>.py [...]
"""

import pathlib
import runpy

runpy.run_path(str(pathlib.Path(__file__).resolve().parent.parent / "heldout" / "_measure.py"), run_name="__main__")
