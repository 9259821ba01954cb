"""A minimal JSON-RPC client that drives `rbl lsp` in a subprocess over stdio, as an editor does."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER = [sys.executable, "-c", "import sys; from rbl.cli import run; sys.argv = ['rbl', 'lsp']; run()"]


class LspClient:
    """Requests wait for their answer; notifications from the server queue up for `notification`."""

    def __init__(self, command: list[str] = SERVER) -> None:
        self.proc = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._notes: queue.Queue[dict] = queue.Queue()
        self._cond = threading.Condition()
        self.raw_stdout: list[bytes] = []          # every byte the server wrote, for the protocol-only check
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            self.raw_stdout.append(header)
            length = int(next(line.split(b":")[1] for line in header.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            body = stream.read(length)
            self.raw_stdout.append(body)
            message = json.loads(body)
            if "id" in message and "method" not in message:
                with self._cond:
                    self._answers[message["id"]] = message
                    self._cond.notify_all()
            else:
                self._notes.put(message)

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        """The whole response message ('result' or 'error')."""
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._cond:
            while ident not in self._answers:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no answer to {method}")
                self._cond.wait(left)
            return self._answers.pop(ident)

    def notification(self, method: str, timeout: float = 30, where=lambda params: True) -> dict:
        """The params of the next notification `method` whose params satisfy `where`."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {method}")
            note = self._notes.get(timeout=left)
            if note.get("method") == method and where(note.get("params")):
                return note["params"]

    def initialize(self) -> dict:
        capabilities = {"textDocument": {"rename": {"prepareSupport": True}}}
        answer = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": capabilities})
        self.notify("initialized", {})
        return answer["result"]

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "rbl", "version": version, "text": text}})

    def close(self) -> int:
        """shutdown then exit, as an editor ends a session; the server's exit code."""
        self.request("shutdown")
        self.notify("exit")
        try:
            return self.proc.wait(timeout=10)
        finally:
            self.proc.stdin.close()
            self.proc.stdout.close()
            self.proc.stderr.close()
