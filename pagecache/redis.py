"""Django's Redis cache backend, with long-lived clients and publish/subscribe.

Django's backend builds a new `redis.Redis` object for every cache call;
redis-py documents one long-lived client (thread-safe, pooled) as the way
to use it, and building one costs about 0.15 ms, as much as the rest of a
cached page view. `cache_from_url()` in settings picks this backend for
redis:// URLs.

It also offers Redis's publish/subscribe, so a change made on one app
server can be announced to every process of every server sharing the
cache (see `pagecache.state`). Channel names get the cache's key
prefix, as keys do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property
from redis.client import PubSub, Redis
from redis.connection import ConnectionPool


class PooledClientRedisCacheClient(RedisCacheClient):
    """Return the same client for the same pool on every call."""

    if TYPE_CHECKING:  # Django's private API, which django-stubs leaves out.
        _client: type[Redis]

        def _get_connection_pool_index(self, write: bool) -> int: ...
        def _get_connection_pool(self, write: bool) -> ConnectionPool: ...

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Redis:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """Django's RedisCache with long-lived clients (see the module docstring)."""

    # Set by Django's __init__; private, so django-stubs leaves them out.
    _servers: list[str]
    _options: dict[str, Any]

    @cached_property
    def _cache(self) -> PooledClientRedisCacheClient:
        return PooledClientRedisCacheClient(self._servers, **self._options)

    def publish(self, channel: str, message: str) -> None:
        """Send `message` to every subscriber of `channel`."""
        self._cache.get_client(write=True).publish(self.make_key(channel), message)

    def subscribe(self, channel: str) -> PubSub:
        """Return a confirmed subscription to `channel`; poll it with get_message().

        Raises ConnectionError when Redis does not confirm within a second.
        """
        subscription = self._cache.get_client(write=True).pubsub()
        subscription.subscribe(self.make_key(channel))
        if subscription.get_message(timeout=1.0) is None:
            subscription.close()
            raise ConnectionError("Redis did not confirm the subscription")
        return subscription
