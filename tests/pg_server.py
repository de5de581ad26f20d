"""A throwaway PostgreSQL server on a free loopback port, for the tests and benchmarks.

As root, initdb and pg_ctl refuse to run, so the server runs as the `postgres` system user
on a folder it owns. `find_bindir()` returns None where no PostgreSQL binaries exist.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if shutil.which("pg_ctl"):
        candidates.insert(0, str(Path(shutil.which("pg_ctl") or "").parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class PostgresServer:
    bindir: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://claims@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://claims@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        data = self.folder / "data"
        subprocess.run(_as_server_user([str(self.bindir / "initdb"), "-D", str(data), "-A",
                                        "trust", "-U", "claims", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=100")
        subprocess.run(_as_server_user([str(self.bindir / "pg_ctl"), "-D", str(data), "-o",
                                        options, "-l", str(self.folder / "log"), "-w", "start"]),
                       check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(_as_server_user([str(self.bindir / "pg_ctl"), "-D",
                                        str(self.folder / "data"), "-m", "fast", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"postgresql://claims@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)


def start_server() -> PostgresServer | None:
    """Start a fresh server, or return None when no PostgreSQL binaries are installed."""
    bindir = find_bindir()
    if bindir is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="claims-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = PostgresServer(bindir, folder, free_port())
    server.start()
    return server
