"""`{% cache_depending %}`: a template fragment kept with the names it depends on.

Django's `{% cache %}` keeps a fragment under its key until it expires; a
page built from a kept fragment never runs the fragment's template, so the
`depends_on()` calls inside it (a story card naming its story) would be
lost, and a fragment showing a story edited since would be served again.
This tag keeps the names the fragment's template recorded beside it: a
kept fragment is used only while none of them was touched since it was
built (`dependencies.still_fresh()`), and its names are recorded for the
page again, as if it had been rendered.
"""

from __future__ import annotations

import time
from typing import Any

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.base import FilterExpression, NodeList, Parser, Token

from ..dependencies import depends_on, still_fresh

register = template.Library()


class DependingCacheNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        expire: FilterExpression,
        name: str,
        vary_on: list[FilterExpression],
    ) -> None:
        self.nodelist, self.expire, self.name, self.vary_on = nodelist, expire, name, vary_on

    def render(self, context: template.Context) -> str:
        seconds = self.expire.resolve(context)
        request = context.get("request")
        if not seconds or request is None:
            return self.nodelist.render(context)
        fragments = caches["template_fragments"]
        vary = [variable.resolve(context) for variable in self.vary_on]
        key = make_template_fragment_key(f"depending:{self.name}", vary)
        kept: dict[str, Any] | None = fragments.get(key)
        if kept is not None and still_fresh(kept["built"], kept["names"]):
            depends_on(request, kept["names"])
            return kept["html"]
        built = time.time()
        outer = getattr(request, "_pagecache_depends", None)
        request._pagecache_depends = set()
        try:
            html = self.nodelist.render(context)
        finally:
            names = request._pagecache_depends
            request._pagecache_depends = (outer or set()) | names
        fragments.set(key, {"html": html, "built": built, "names": sorted(names)}, int(seconds))
        return html


@register.tag("cache_depending")
def cache_depending(parser: Parser, token: Token) -> DependingCacheNode:
    """``{% cache_depending seconds "name" [vary_on ...] %}...{% endcache_depending %}``.

    As `{% cache %}`, kept in the "template_fragments" cache; 0 seconds
    turns it off. See the module's docstring for what it adds.
    """
    nodelist = parser.parse(("endcache_depending",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]!r} takes at least two arguments.")
    name = bits[2].strip("\"'")
    return DependingCacheNode(
        nodelist, parser.compile_filter(bits[1]), name, [parser.compile_filter(b) for b in bits[3:]]
    )
