"""A real Ralph LRS (ralph-malph 5.1, file-system backend) on loopback, for tests and benchmarks.

    with Ralph(tmp_path / "ralph") as lrs:
        requests.post(lrs.url + "/statements", json=statement, auth=lrs.auth)
        assert lrs.statement_ids() == [statement["id"]]

Ralph lives in a venv of its own (.venv-ralph: its pinned dependencies conflict with the app's).
We do not use `ralph runserver`: it starts uvicorn with reload=True (a watcher process plus a
worker, about 2 s) and offers no way to change the FS backend's write mode. Instead a few lines
run in Ralph's Python (LAUNCHER below) patch that mode and serve a socket we bound ourselves,
so the port is chosen without a race and stays the same across restart().
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import requests

PROJECT = Path(__file__).resolve().parents[2]
RALPH_BIN = PROJECT / ".venv-ralph" / "bin"
DATA_FILE = "fs_lrs.jsonl"  # FSLRSBackendSettings.DEFAULT_LRS_FILE

# Both snippets run in .venv-ralph's Python. bcrypt at 4 rounds instead of 12: Ralph hashes a
# dummy password when its API is imported and checks the user's hash on the first request, and
# at 12 rounds each costs 0.25 s of every start. What the tests exercise does not change.
CHEAP_BCRYPT = """
import bcrypt
_gensalt = bcrypt.gensalt
bcrypt.gensalt = lambda rounds=4, prefix=b"2b": _gensalt(4, prefix)
"""
# `ralph auth …`, the CLI command itself, with CHEAP_BCRYPT.
AUTH_CLI = CHEAP_BCRYPT + "from ralph.cli import cli\ncli()\n"
# argv[1] is the number of the listening socket we pass down, argv[2] our pid.
LAUNCHER = (
    CHEAP_BCRYPT
    + """
import os, socket, sys, threading, time
import uvicorn

def exit_with_parent(parent=int(sys.argv[2])):
    # If the test process dies without stop() (SIGKILL, a crash), Ralph must not outlive it.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)

threading.Thread(target=exit_with_parent, daemon=True).start()

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
# Ralph 5.1's FS backend writes with CREATE by default, which refuses an existing file: every
# POST after the first would answer 500 "Statements bulk indexation failed". APPEND is what an
# LRS needs: each batch is added to the one data file.
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
# The FS backend also logs every file read and write in a JSON list it rewrites in full each
# time (the CLI's "already fetched" bookkeeping): requests would slow with how many came before,
# not only with how many statements are stored. An LRS does not need it.
from ralph.backends.data.mixins import HistoryMixin
HistoryMixin.append_to_history = lambda self, event: None
sock = socket.socket(fileno=int(sys.argv[1]))
config = uvicorn.Config(
    "ralph.api:app", log_level="warning", access_log=False, timeout_graceful_shutdown=2
)
uvicorn.Server(config).run(sockets=[sock])
"""
)


class RalphError(RuntimeError):
    """Ralph did not start, or stopped unexpectedly."""


class Ralph:
    """One Ralph server with its own folder: data/fs_lrs.jsonl, auth.json (and credentials.txt,
    the user and password in clear), ralph.log, run/ (its working folder, empty)."""

    username = "kyo-tests"
    # Credentials made once per process, copied to every later server's folder.
    _shared_auth: tuple[tuple[str, str], str] | None = None

    def __init__(self, workdir: Path, *, port: int = 0) -> None:
        self.workdir = Path(workdir)
        self.port = port
        self.auth: tuple[str, str] = (self.username, secrets.token_urlsafe(16))
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The xAPI endpoint; statements are at url + "/statements"."""
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def data_file(self) -> Path:
        return self.workdir / "data" / DATA_FILE

    @property
    def log_file(self) -> Path:
        return self.workdir / "ralph.log"

    def _env(self) -> dict[str, str]:
        # Drop any RALPH_* of the caller's: only this folder's settings may reach the server.
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env.update(
            RALPH_RUNSERVER_BACKEND="fs",  # `ralph auth` too imports the API, which needs it
            RALPH_APP_DIR=str(self.workdir / "app"),  # not ~/.config/ralph
            RALPH_AUTH_FILE=str(self.workdir / "auth.json"),
            # Unused (LAUNCHER turns the history off), but never ~/.config/ralph's.
            RALPH_HISTORY_FILE=str(self.workdir / "history.json"),
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.workdir / "data"),
            PYTHONUNBUFFERED="1",
        )
        return env

    def _run_dir(self) -> Path:
        """Ralph also reads a .env in its working folder: give it one we made, empty."""
        run = self.workdir / "run"
        run.mkdir(parents=True, exist_ok=True)
        if any(run.iterdir()):
            raise RalphError(f"{run} must stay empty (Ralph would read a .env there)")
        return run

    def _start_auth(self) -> subprocess.Popen[bytes] | None:
        """`ralph auth` for a user with every scope, unless the folder has one already or
        another Ralph of this process made one we can copy (saves ~0.6 s a start)."""
        auth_file, secret = self.workdir / "auth.json", self.workdir / "credentials.txt"
        if auth_file.exists() and secret.exists():  # a folder an earlier Ralph left
            user, _, password = secret.read_text(encoding="utf-8").partition(":")
            self.auth = (user, password)
            return None
        if Ralph._shared_auth is not None:
            self.auth, text = Ralph._shared_auth
            auth_file.write_text(text, encoding="utf-8")
            secret.write_text(":".join(self.auth), encoding="utf-8")
            return None
        user, password = self.auth
        args = ["auth", "-u", user, "-p", password, "-s", "all", "-w"]
        args += ["-M", f"mailto:{user}@example.com", "-N", "Karmayogi Offline tests"]
        with self.log_file.open("ab") as log:
            return subprocess.Popen(
                [str(RALPH_BIN / "python"), "-c", AUTH_CLI, *args],
                cwd=self._run_dir(),
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def _finish_auth(self, proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
        if proc is None:
            return
        if proc.wait(timeout) != 0:
            raise RalphError(f"ralph auth failed:\n{self._log_tail()}")
        (self.workdir / "credentials.txt").write_text(":".join(self.auth), encoding="utf-8")
        Ralph._shared_auth = (self.auth, (self.workdir / "auth.json").read_text("utf-8"))

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(128)
        self.port = sock.getsockname()[1]
        return sock

    def start(self, timeout: float = 30) -> None:
        """Start the server (and, the first time in a process, `ralph auth` beside it), then
        wait until an authenticated request answers 200. ~0.7 s; the first ~1.4 s."""
        if not (RALPH_BIN / "ralph").exists():
            raise RalphError(f"{RALPH_BIN / 'ralph'} is missing: run scripts/bootstrap.sh test")
        if self._proc is not None:
            raise RalphError("already running")
        self.workdir.mkdir(parents=True, exist_ok=True)
        auth_proc = self._start_auth()
        sock = self._bind()
        try:
            with self.log_file.open("ab") as log:
                self._proc = subprocess.Popen(
                    [
                        str(RALPH_BIN / "python"),
                        "-c",
                        LAUNCHER,
                        str(sock.fileno()),
                        str(os.getpid()),
                    ],
                    cwd=self._run_dir(),
                    env=self._env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=[sock.fileno()],
                    start_new_session=True,  # its own process group: stop() ends all of it
                )
        finally:
            sock.close()  # the child has its copy; ours would keep the port open after stop()
        try:
            self._finish_auth(auth_proc, timeout)
            self._wait_ready(time.monotonic() + timeout)
        except BaseException:
            if auth_proc is not None and auth_proc.poll() is None:
                auth_proc.kill()
                auth_proc.wait()
            self.stop()
            raise

    def _wait_ready(self, deadline: float) -> None:
        # The socket listens before Ralph has imported anything, so a probe connects at once
        # and simply waits for the answer; a refused or reset one means Ralph died.
        while True:
            if self._proc is None or self._proc.poll() is not None:
                raise RalphError(f"Ralph exited during startup:\n{self._log_tail()}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise RalphError(f"Ralph not ready in time:\n{self._log_tail()}")
            try:
                answer = requests.get(
                    self.url + "/statements", params={"limit": 1}, auth=self.auth, timeout=left
                )
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.05)
                continue
            if answer.status_code == 200:
                return
            raise RalphError(f"Ralph answers {answer.status_code}:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the process group, then SIGKILL after 5 s; idempotent."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(grace)
                break
            except subprocess.TimeoutExpired:
                continue
        # Anything else left in the group (there should be nothing) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    def restart(self) -> None:
        """Stop, then start again on the same port, data and credentials."""
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def statements(self) -> list[dict[str, object]]:
        """Every stored statement, as the FS backend wrote it (one JSON object a line)."""
        try:
            text = self.data_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def statement_ids(self) -> list[str]:
        """Every stored statement's id in file (= arrival) order, duplicates included."""
        return [str(s["id"]) for s in self.statements()]

    def count(self) -> int:
        return len(self.statement_ids())

    def __enter__(self) -> Ralph:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
