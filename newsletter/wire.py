"""The issue as the SMTP server gets it: made into bytes once, copied per reader.

Every reader's copy of an issue differs from the next only in its ``To``
address, the unsubscribe link (header and both bodies), the tokens of its
click links and open pixel (`tracking`), ``Date`` and ``Message-ID``.
Building each copy with Django's `EmailMessage` spends about 2 ms a
message in Python's `email` package (MIME parts, header encoding and
folding), three times what an SMTP round trip to a fast relay takes:
`make bench` sent at a third of the server's speed. So `WireTemplate`
serializes one copy through Django (the same headers and parts as
`emails.build_message()` gives) with placeholders, and each
reader's bytes are that copy with the placeholders replaced.

It is used only when replacing is safe, and `WireTemplate.build()` returns
None otherwise (the send then builds every message with Django):

* the bodies went out 8bit, so every placeholder is in the bytes verbatim
  (Django switches a part to quoted-printable when a line passes 998
  bytes, which may split a placeholder across lines); each is counted;
* the lines holding the unsubscribe link or a token stay within SMTP's
  998 bytes once real values replace the placeholders.

A reader whose address is not plain ASCII gets a message built by Django
(`fits()`), which encodes such addresses its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME

# RFC 5321: a line of a message is at most 998 bytes before CRLF.
_LINE_LIMIT = 998
# An unsubscribe link is about 110 bytes; room for a long site address too.
_LINK_ROOM = 400
# A click or open token is under 60 bytes; its placeholder is about 30.
_TOKEN_ROOM = 80
_TO_PLACEHOLDER = b"newsletter-reader-placeholder@example.invalid"
_DATE = re.compile(rb"^Date: [^\r\n]*", re.MULTILINE)
_MESSAGE_ID = re.compile(rb"^Message-ID: [^\r\n]*", re.MULTILINE)


@dataclass(frozen=True)
class WireTemplate:
    """One issue's bytes split around the parts that differ per reader."""

    # The bytes between the placeholders, in order; `slots` says which
    # value goes after each piece but the last.
    pieces: tuple[bytes, ...]
    slots: tuple[str, ...]
    placeholder: str
    envelope_from: str

    @classmethod
    def build(
        cls,
        message: EmailMultiAlternatives,
        placeholder: str,
        tokens: dict[str, str] | None = None,
    ) -> WireTemplate | None:
        """Return the template of `message`, or None when copies could not be exact.

        `message` must be addressed to `placeholder_address()` with the
        unsubscribe link `placeholder` everywhere a reader's own goes, and
        each of `tokens` (placeholder -> slot name, such as "click:12") where
        a reader's own token goes; `copy_for()` then takes each slot's value.
        """
        raw = message.message().as_bytes(linesep="\r\n")
        link = placeholder.encode()

        def in_bodies(text: str) -> int:
            return message.body.count(text) + sum(
                str(content).count(text) for content, _ in message.alternatives
            )

        # The List-Unsubscribe header holds the link once more.
        if raw.count(link) != in_bodies(placeholder) + 1 or raw.count(_TO_PLACEHOLDER) != 1:
            return None
        marks = {name.encode(): slot for name, slot in (tokens or {}).items()}
        if any(raw.count(mark) != in_bodies(mark.decode()) for mark in marks):
            return None
        for line in raw.split(b"\r\n"):
            room = _LINK_ROOM * line.count(link) + sum(
                _TOKEN_ROOM * line.count(mark) for mark in marks
            )
            if room and len(line) + room > _LINE_LIMIT:
                return None
        if len(_DATE.findall(raw)) != 1 or len(_MESSAGE_ID.findall(raw)) != 1:
            return None
        raw = _DATE.sub(b"\0date\0", raw)
        raw = _MESSAGE_ID.sub(b"\0msgid\0", raw)
        raw = raw.replace(link, b"\0link\0").replace(_TO_PLACEHOLDER, b"\0to\0")
        for mark, slot in marks.items():
            raw = raw.replace(mark, b"\0" + slot.encode() + b"\0")
        parts = raw.split(b"\0")
        # Split on NUL: even places are bytes, odd places the slot names.
        pieces, slots = tuple(parts[0::2]), tuple(p.decode() for p in parts[1::2])
        encoding = message.encoding or settings.DEFAULT_CHARSET
        return cls(pieces, slots, placeholder, sanitize_address(message.from_email, encoding))

    @staticmethod
    def placeholder_address() -> str:
        """Return the address the template's message must be sent to."""
        return _TO_PLACEHOLDER.decode()

    @staticmethod
    def fits(address: str) -> bool:
        """Say whether a copy for `address` can be made by replacing (plain ASCII)."""
        return address.isascii() and "\r" not in address and "\n" not in address

    def copy_for(
        self, address: str, unsubscribe: str, tokens: dict[str, str] | None = None
    ) -> bytes:
        """Return the message's bytes for the reader at `address`, with their `tokens` by slot."""
        values = {
            **{slot: token.encode() for slot, token in (tokens or {}).items()},
            "to": address.encode(),
            "link": unsubscribe.encode(),
            "date": b"Date: " + formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode(),
            "msgid": b"Message-ID: " + make_msgid(domain=str(DNS_NAME)).encode(),
        }
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[slot])
            out.append(piece)
        return b"".join(out)
