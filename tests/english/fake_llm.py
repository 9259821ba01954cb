"""A real HTTP server on 127.0.0.1 speaking /v1/chat/completions, replaying scripted answers."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    content: str = ""
    hang: float = 0.0                       # seconds to sleep before answering (a hung connection)
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None                 # the raw response body (an error page), instead of a completion


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict


class FakeLLM:
    """Serves `replies` in order (the last one repeats) and records every request."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies, self.requests = list(replies), []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLM":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, dict(self.headers), body))
                reply = fake.next_reply()
                if reply.hang:
                    time.sleep(reply.hang)
                payload = (reply.body.encode() if reply.body is not None else
                           json.dumps({"choices": [{"message": {"role": "assistant",
                                                                "content": reply.content}}]}).encode())
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        return Handler
