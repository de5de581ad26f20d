"""The README's first command: `claims demo` loads the seed and serves the dashboard."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from claims import service
from claims.settings import PROJECT_ROOT
from claims.store import create_engine
from tests.pg_server import free_port


def test_claims_demo_serves_the_seed_article_on_sqlite() -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")}
    process = subprocess.Popen([sys.executable, "-m", "claims", "demo", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    try:
        healthy = False
        deadline = time.monotonic() + 90
        with httpx.Client(trust_env=False) as client:
            while time.monotonic() < deadline and process.poll() is None:
                with contextlib.suppress(httpx.TransportError):
                    healthy = client.get(f"http://127.0.0.1:{port}/_stcore/health").text == "ok"
                if healthy:
                    break
                time.sleep(0.5)
            assert healthy, "the dashboard did not come up"
            assert "<div id=\"root\">" in client.get(f"http://127.0.0.1:{port}/").text
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
    assert "seed article 1 with" in output
    made = re.search(r"demo database (\S+):", output)
    assert made, output  # an earlier demo's file is never replaced: read the one named
    path = Path(made.group(1))
    engine = create_engine(f"sqlite:///{path}")
    claims = service.list_claims(engine, limit=None)
    assert any("at least 41 people" in claim.text for claim in claims)
    assert {user.name for user in service.list_users(engine)} >= {"asha", "eddie", "vera"}
    engine.dispose()
    if path != PROJECT_ROOT / "db" / "demo.sqlite":  # a numbered one made because of a test
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()


def test_stopping_claims_serve_stops_the_dashboard(tmp_path: Path) -> None:
    """A stop signal to `claims serve` (a service manager's SIGTERM) leaves no server behind."""
    port = free_port()
    env = {**os.environ, "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite"}
    process = subprocess.Popen([sys.executable, "-m", "claims", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}/_stcore/health"
    try:
        with httpx.Client(trust_env=False) as client:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and process.poll() is None:
                with contextlib.suppress(httpx.TransportError):
                    if client.get(url).text == "ok":
                        break
                time.sleep(0.5)
            assert client.get(url).text == "ok"
            process.terminate()  # the process itself, not its group
            process.wait(timeout=30)
            deadline = time.monotonic() + 10
            answering = True
            while answering and time.monotonic() < deadline:
                try:
                    client.get(url, timeout=1)
                    time.sleep(0.2)
                except httpx.TransportError:
                    answering = False
            assert not answering, "the dashboard kept running after claims serve was stopped"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
