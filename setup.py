"""Optional compiled build of the extractor.

Everything about the package lives in pyproject.toml. This file only adds one opt-in: with
`CLAIMS_COMPILE=1`, the pure modules of `claims/extract/` are compiled to C extensions with
mypyc (the compiler behind mypy and black), which makes extraction about a third faster. The
Python sources stay the reference: the compiled build must give the same output, which
tests/test_compiled_extractor.py checks.

    CLAIMS_COMPILE=1 pip install .

Use it for a non-editable install only: in an editable checkout the compiled modules would
shadow the `.py` files you edit.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

COMPILE = os.environ.get("CLAIMS_COMPILE") == "1"
# The extractor's modules, all pure functions over strings. `evaluation` (scoring against
# expectations) and the package `__init__` stay interpreted.
INTERPRETED = {"__init__.py", "evaluation.py"}


def compiled_modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(
        str(path.relative_to(here))
        for path in (here / "claims" / "extract").glob("*.py")
        if path.name not in INTERPRETED
    )


def extension_modules() -> list[object]:
    if not COMPILE:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # pip's first pass, before the build requirement below is installed
        return []
    return list(mypycify(compiled_modules(), opt_level="3"))


setup(
    ext_modules=extension_modules(),
    setup_requires=["mypy>=1.10"] if COMPILE else [],
)
