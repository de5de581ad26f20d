"""The opt-in compiled extractor (`CLAIMS_COMPILE=1 pip install .`, see setup.py) gives exactly
the output of the Python sources.

The extractor's sources are copied to a temporary folder and compiled there by setup.py's own
mypyc step (`setup.py build_ext --inplace`), so the checkout is never touched. Then the same
script extracts the seed, the hand-written passages and a few hostile texts once with the
compiled modules and once with the sources, and the two outputs must be identical.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("cc") is None and shutil.which("gcc") is None,
                       reason="no C compiler to build the compiled extractor with"),
]

# Prints the claims of every text as JSON, and whether the modules were compiled.
EXTRACT_ALL = """
import json, sys
from datetime import date
from pathlib import Path
import claims.extract.quantities as quantities
from claims.extract import extract_claims

texts = [(p.read_text(encoding="utf-8"), date(2024, 7, 8))
         for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
texts += [("", None), ("\\u200f\\u202e 41 \\x00 people died. " * 50, None),
          ("Between 30 and 40 people died on Monday, " * 200, date(2024, 1, 3)),
          ("<p>“We lost $4bn,” he said.</p>" * 20, None), ("9" * 100_000, None)]
print(json.dumps({
    "compiled": quantities.__file__.endswith(".so"),
    "claims": [[c.to_dict() for c in extract_claims(t, d)] for t, d in texts],
}))
"""


def _run(python_path: Path, cwd: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    done = subprocess.run([sys.executable, "-c", EXTRACT_ALL, str(ROOT / "fixtures")],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_compiled_extractor_gives_the_output_of_the_sources(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "claims").mkdir(parents=True)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, build / name)
    shutil.copy(ROOT / "claims" / "__init__.py", build / "claims" / "__init__.py")
    shutil.copytree(ROOT / "claims" / "extract", build / "claims" / "extract",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "CLAIMS_COMPILE": "1"}
    made = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
                          cwd=build, env=env, capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    compiled = sorted(p.name.split(".")[0] for p in (build / "claims" / "extract").glob("*.so"))
    sources = sorted(p.stem for p in (ROOT / "claims" / "extract").glob("*.py"))
    assert compiled == [name for name in sources if name not in ("__init__", "evaluation")]

    fast = _run(build, tmp_path)
    reference = _run(ROOT, tmp_path)
    assert fast["compiled"] is True and reference["compiled"] is False
    assert fast["claims"] == reference["claims"]
    assert any(reference["claims"])  # the texts did give claims to compare
