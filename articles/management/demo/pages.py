"""Demo site pages for `load_demo`: About, Contact, Advertise and the two policies.

The text is invented for the demo, like the stories: a small weekly paper
describing itself. Addresses and names here are placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from pages.models import Page

from .stories import place_pictures


@dataclass(frozen=True)
class DemoPage:
    title: str
    url: str
    purpose: str
    placement: str
    order: int
    body: str


PAGES = [
    DemoPage(
        title="About us",
        url="/about/",
        purpose=Page.Purpose.ABOUT,
        placement=Page.Placement.BOTH,
        order=1,
        body="""
<p>The Weekly Mirror is a small newsroom covering Armenia and the Armenian
communities abroad. Five editors and a network of correspondents from Gyumri
to Glendale write the stories; agencies we credit by name file the rest.</p>
<figure data-image="studios" data-layout="inset"
data-caption="The desk works from one of the studios of the restored Gyumri mill"></figure>
<h2>What we cover</h2>
<p>Local government, schools, culture and the lives of people who rarely make
the national news. We publish every day and send the week's best stories
each Friday.</p>
<h2>Who pays for it</h2>
<p>Readers' subscriptions and a few local advertisers. No party, church or
government owns a share of the paper.</p>
""",
    ),
    DemoPage(
        title="Contact",
        url="/contact/",
        purpose=Page.Purpose.CONTACT,
        placement=Page.Placement.FOOTER,
        order=2,
        body="""
<p>Write to the news desk at <a href="mailto:desk@example.com">desk@example.com</a>
with tips, documents or complaints. A person reads every message, usually
within a working day.</p>
<p>To tell us about a mistake in a story, see our
<a href="/corrections-policy/">corrections policy</a>.</p>
""",
    ),
    DemoPage(
        title="Advertise",
        url="/advertise/",
        purpose=Page.Purpose.ADVERTISE,
        placement=Page.Placement.FOOTER,
        order=3,
        body="""
<p>Reach readers in Armenia and the diaspora on the site and in the Friday
newsletter. Advertisements are marked as such and never sit inside a story.</p>
<p>Ask for rates at <a href="mailto:ads@example.com">ads@example.com</a>.</p>
""",
    ),
    DemoPage(
        title="Corrections policy",
        url="/corrections-policy/",
        purpose=Page.Purpose.CORRECTIONS_POLICY,
        placement=Page.Placement.FOOTER,
        order=4,
        body="""
<p>When a story gets a fact wrong we fix it and say so at the end of the story,
with the date of the fix. Small slips of spelling or grammar are fixed
without a note.</p>
<p>Every correction is also listed on the <a href="/corrections/">corrections
page</a>, newest first.</p>
""",
    ),
    DemoPage(
        title="Privacy policy",
        url="/privacy/",
        purpose=Page.Purpose.PRIVACY_POLICY,
        placement=Page.Placement.FOOTER,
        order=5,
        body="""
<p>The site sets no tracking cookies and shows no third-party advertising.
We count how often each story is read, without recording who read it.</p>
<h2>The newsletter</h2>
<p>When you sign up we keep your e-mail address, the time you agreed and the
page you signed up on, and use them only to send the newsletter. Every issue
has a link to unsubscribe; after that we keep the address only to make sure
we never write to it again.</p>
""",
    ),
]


def load_pages_demo(pictures: dict[str, int]) -> int:
    """Create the demo pages that are missing; return how many were made.

    `pictures` gives the library number of each demo picture by key, for
    the pictures a page shows (the About page has one). Safe to run again:
    a page whose path exists, or whose purpose another page already has, is
    left as it is.
    """
    created = 0
    for demo in PAGES:
        if Page.objects.filter(Q(url=demo.url) | Q(purpose=demo.purpose)).exists():
            continue
        Page.objects.create(
            title=demo.title,
            url=demo.url,
            purpose=demo.purpose,
            placement=demo.placement,
            order=demo.order,
            body=place_pictures(demo.body.strip(), pictures),
            is_published=True,
        )
        created += 1
    return created
