"""CLI start-up: `claims --help` and `claims list` against a bare `import sqlmodel`.

usage: .venv/bin/python bench/bench_startup.py [--runs 15] [--before CHECKOUT]

Each command runs as a fresh process (the interpreter of this virtual environment), `--runs`
times, interleaved so that load on the machine hits all of them alike; the median and the
fastest wall-clock times are printed. `claims list` runs on a fresh SQLite database that one
`claims init` created and upgraded before timing. The baseline, `python -c 'import sqlmodel'`,
is measured in the same run: `claims list` cannot start faster than the ORM it needs.
With `--before CHECKOUT` (another checkout of claim desk, say a worktree of an older
commit) its `claims --help` and `claims list` are timed in the same loop, run from that
folder (as the working directory and PYTHONPATH). Nothing is asserted: the figures go into
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import sqlmodel'": [sys.executable, "-c", "import sqlmodel"],
    "claims --help": [sys.executable, "-m", "claims", "--help"],
    "claims list": [sys.executable, "-m", "claims", "list"],
}


def timed(command: list[str], env: dict[str, str], cwd: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def commands(before: str | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """name → (command, extra environment)."""
    chosen = {name: (command, {}) for name, command in COMMANDS.items()}
    if before:
        for name in ("claims --help", "claims list"):
            chosen[f"{name} (before)"] = (COMMANDS[name], {"PYTHONPATH": before})
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", help="another checkout to time alongside")
    options = parser.parse_args()
    runs, chosen = options.runs, commands(options.before)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{Path(folder) / 'b.sqlite'}"}
        subprocess.run([sys.executable, "-m", "claims", "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times: dict[str, list[float]] = {name: [] for name in chosen}
        for _ in range(runs):
            for name, (command, extra) in chosen.items():
                times[name].append(timed(command, {**env, **extra}, extra.get("PYTHONPATH")))
    print(f"start-up, {runs} runs each, wall-clock seconds (load average "
          f"{os.getloadavg()[0]:.1f}):")
    print(f"{'command':32} {'median':>8} {'fastest':>8}")
    for name, values in times.items():
        print(f"{name:32} {statistics.median(values):8.3f} {min(values):8.3f}")


if __name__ == "__main__":
    main()
