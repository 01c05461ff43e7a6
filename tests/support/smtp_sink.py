"""A real SMTP server on loopback that keeps what it receives (aiosmtpd).

The sending tests, the browser walk and `make bench` send through it with
Django's SMTP backend, as production sends to a relay, and read back the
envelope, the headers and the body parts. It can refuse chosen recipients
for good (550), answer every message with a passing failure (451), or
stall past the client's timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    at: float

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)  # type: ignore[return-value]

    def part(self, content_type: str) -> str:
        """Return the body part of `content_type` ("text/plain", "text/html")."""
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_content()
        raise LookupError(content_type)


@dataclass
class SinkHandler:
    """aiosmtpd's handler: record each message; refuse, fail or stall on request."""

    received: list[Received] = field(default_factory=list)
    # Addresses refused for good at RCPT (as for an unknown mailbox).
    refuse: set[str] = field(default_factory=set)
    # While set, every message is answered with this (e.g. a 451).
    fail_with: str = ""
    # Seconds to wait before answering DATA (to outlast a client's timeout).
    stall: float = 0.0
    # Off for a benchmark's many thousand messages: count them only.
    keep: bool = True
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            await asyncio.sleep(self.stall)
        if self.fail_with:
            return self.fail_with
        with self.lock:
            self.count += 1
            if self.keep:
                self.received.append(
                    Received(
                        envelope.mail_from, list(envelope.rcpt_tos), envelope.content, time.time()
                    )
                )
        return "250 Message accepted"


class SmtpSink:
    """Start and stop the server; read what it received."""

    def __init__(self, port: int = 0, *, keep: bool = True) -> None:
        self.handler = SinkHandler(keep=keep)
        self.port = port or _free_port()
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10
        )

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def to(self, address: str) -> list[Received]:
        """Return the messages whose envelope names `address`."""
        return [r for r in self.received if address in r.rcpt_tos]

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        """Return the messages once `count` have come (or whatever came by `timeout`)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received

    def settings(self) -> dict[str, object]:
        """Return the Django settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    def environment(self) -> dict[str, str]:
        """Return the same settings as environment variables, for a subprocess."""
        return {key: str(value) for key, value in self.settings().items()} | {
            "EMAIL_USE_TLS": "false",
            "EMAIL_USE_SSL": "false",
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    """Serve on --port until stopped (SIGTERM, Ctrl-C); print how many messages came."""
    import argparse
    import signal

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=2525)
    args = parser.parse_args()
    sink = SmtpSink(args.port, keep=False).start()
    print(f"SMTP sink on 127.0.0.1:{sink.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    sink.stop()
    print(f"received {sink.handler.count}", flush=True)


if __name__ == "__main__":
    main()
