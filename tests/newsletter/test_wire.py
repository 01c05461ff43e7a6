"""A reader's copy made from the issue's bytes (newsletter/wire.py) is what Django builds."""

from __future__ import annotations

import re
from email import message_from_bytes, policy

import pytest

from newsletter.emails import (
    UNSUBSCRIBE_PLACEHOLDER,
    RenderedEmail,
    build_message,
    issue_message,
    render_issue,
)
from newsletter.sending import send_issue
from newsletter.tracking import tracked_links
from newsletter.wire import WireTemplate

pytestmark = pytest.mark.django_db


def _clicks(html: str) -> set[str]:
    return set(re.findall(r"/newsletter/c/([^/\"]+)/", html))


def _parts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_a_readers_copy_over_smtp_is_the_message_django_builds_for_them(
    smtp_sink, make_issue, make_subscriber
):
    issue = make_issue(subject="Gyumri, Երևան and İzmir", stories=3)
    anna = make_subscriber("anna@example.com")
    make_subscriber("boris@example.com")
    send_issue(issue)
    got = smtp_sink.to("anna@example.com")[0].message
    rendered = render_issue(issue)
    # Her own click links, as a message built for her alone would have them.
    mine = tracked_links(issue, rendered).apply(rendered, anna)
    built = issue_message(mine, anna, newsletter=issue.newsletter, issue_id=issue.pk)
    expected = message_from_bytes(built.message().as_bytes(linesep="\r\n"), policy=policy.default)
    # The link's signature carries the time it was made: the same reader, a
    # moment apart, gets another token.
    link = got["List-Unsubscribe"].strip().strip("<>")
    other = expected["List-Unsubscribe"].strip().strip("<>")
    assert link.rsplit("/", 2)[0] == other.rsplit("/", 2)[0]
    # Every copy has the same MIME boundary, which only needs to be absent
    # from the parts.
    skip = {"Date", "Message-ID", "List-Unsubscribe", "Content-Type"}
    assert [(k, v) for k, v in got.items() if k not in skip] == [
        (k, v) for k, v in expected.items() if k not in skip
    ]
    assert got.get_content_type() == expected.get_content_type()
    assert _parts(got) == {
        kind: text.replace(other, link) for kind, text in _parts(expected).items()
    }
    assert "/newsletter/c/" in _parts(got)["text/html"]
    ids = {r.message["Message-ID"] for r in smtp_sink.received}
    assert len(ids) == 2
    # Each reader's copy carries their own click tokens.
    boris = smtp_sink.to("boris@example.com")[0].message
    assert _clicks(_parts(boris)["text/html"]).isdisjoint(_clicks(_parts(got)["text/html"]))


def test_a_reader_whose_address_is_not_ascii_gets_a_message_built_for_them(
    smtp_sink, make_issue, make_subscriber
):
    issue = make_issue()
    make_subscriber("anna@bücher.example")
    make_subscriber("boris@example.com")
    report = send_issue(issue)
    assert report.sent == 2
    (received,) = smtp_sink.to("anna@xn--bcher-kva.example")
    assert received.message["To"] == "anna@xn--bcher-kva.example"
    assert "/newsletter/unsubscribe/" in received.part("text/plain")


def test_a_body_with_a_line_too_long_for_smtp_is_never_copied(newsletter):
    # Django sends such a part quoted-printable, which may split the
    # placeholder across lines: copies would keep it instead of the link.
    long_line = "<p>" + "word " * 400 + f'<a href="{UNSUBSCRIBE_PLACEHOLDER}">Leave</a></p>'
    rendered = RenderedEmail("Subject", f"Leave: {UNSUBSCRIBE_PLACEHOLDER}\n", long_line)
    message = build_message(
        rendered,
        newsletter=newsletter,
        to=WireTemplate.placeholder_address(),
        unsubscribe=UNSUBSCRIBE_PLACEHOLDER,
    )
    assert WireTemplate.build(message, UNSUBSCRIBE_PLACEHOLDER) is None


def test_an_issue_too_long_in_a_line_still_reaches_every_reader_with_their_link(
    smtp_sink, make_issue, make_subscriber, monkeypatch
):
    import newsletter.sending

    issue = make_issue()
    make_subscriber("anna@example.com")
    real = newsletter.sending.render_issue

    def one_long_line(issue):
        rendered = real(issue)
        return RenderedEmail(
            rendered.subject, rendered.text, rendered.html.replace("\n", " ") + " " * 1000
        )

    monkeypatch.setattr(newsletter.sending, "render_issue", one_long_line)
    send_issue(issue)
    (received,) = smtp_sink.wait_for(1)
    link = received.message["List-Unsubscribe"].strip().strip("<>")
    assert link in received.part("text/html")
    assert UNSUBSCRIBE_PLACEHOLDER not in received.raw.decode()


def test_copies_carry_each_readers_own_open_pixel_when_opens_are_counted(
    smtp_sink, make_issue, make_subscriber, settings
):
    from newsletter.tracking import read_open_token

    settings.NEWSLETTER_TRACK_OPENS = True
    issue = make_issue(stories=2)
    readers = [make_subscriber(f"{name}@example.com") for name in ("anna", "boris")]
    send_issue(issue)
    for reader in readers:
        html = _parts(smtp_sink.to(reader.email)[0].message)["text/html"]
        (token,) = re.findall(r"/newsletter/o/([^\"/]+)\.gif", html)
        assert read_open_token(token) == (reader.pk, issue.pk)
        for click in _clicks(html):
            from newsletter.tracking import read_click_token

            assert read_click_token(click)[0] == reader.pk
