#!/usr/bin/env python3
"""What `make run` runs: Safeboard served the way production serves it, on this machine.

Prepares (migrate, load the examples and print their demo accounts, collectstatic), then starts
every process in `processes()` (gunicorn and the background worker) and stops them all when one
exits or on Ctrl-C. The settings are
config.settings.local (DEBUG off, WhiteNoise, the embedded SQLite in WAL mode), unless
DJANGO_SETTINGS_MODULE says otherwise.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent


def processes(port: int) -> list[tuple[str, list[str]]]:
    """The long-running processes, by name: the web server and the background worker (queued
    tasks, and the reminder job on its schedule; production runs it as its own process)."""
    return [
        (
            "web",
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                # WeasyPrint renders a whole plan in one request.
                "--timeout=120",
                "--access-logfile=-",
                # A test may serve beside `make run`: no control socket for them to share.
                "--no-control-socket",
            ],
        ),
        ("worker", [PY, "manage.py", "run_worker", "--verbosity=1"]),
    ]


def manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True)


def prepare(*, examples: bool) -> None:
    manage("migrate", "--noinput", "--verbosity=0")
    if examples:
        manage("load_examples")
    manage("collectstatic", "--noinput", "--verbosity=0")


def serve(port: int) -> int:
    """Start every process; when any one ends (or on SIGINT/SIGTERM) stop the rest."""
    running: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for name, cmd in processes(port):
        running[name] = subprocess.Popen(cmd, cwd=ROOT)
    print(f"Serving on http://127.0.0.1:{port} (Ctrl-C to stop)", flush=True)
    code = 0
    while not stopping:
        ended = [name for name, proc in running.items() if proc.poll() is not None]
        if ended:
            code = running[ended[0]].returncode or 0
            print(f"{ended[0]} stopped (exit {code}): stopping the others.", flush=True)
            break
        time.sleep(0.2)
    for proc in running.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in running.values():
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "--no-examples", action="store_true", help="do not load the example partnerships"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Links in the reminder e-mails (printed by the console backend) point at this server.
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{args.port}")
    prepare(examples=not args.no_examples)
    return serve(args.port)


if __name__ == "__main__":
    sys.exit(main())
