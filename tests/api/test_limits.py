"""SCREENING_RATE_LIMIT: 429 problem+json with Retry-After, per key, else per address."""

from __future__ import annotations

from clients import authed_client, new_key

from service.api import create_app


def test_over_the_limit_is_429_problem_with_retry_after(settings, catalog_of) -> None:
    client = authed_client(create_app(settings.with_(rate_limit="3/minute"), catalog_of()))
    answers = [client.post("/v1/screen", json={"name": "Acme"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.mimetype == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["status"] == 429
    assert client.get("/readyz").status_code == 200  # probes are never limited


def test_each_key_has_its_own_allowance(settings, catalog_of) -> None:
    app = create_app(settings.with_(rate_limit="2/minute"), catalog_of())
    client = app.test_client()
    a, b = ({"Authorization": f"Bearer {new_key(app)}"} for _ in range(2))
    for _ in range(2):
        client.get("/v1/lists", headers=a)
    assert client.get("/v1/lists", headers=a).status_code == 429
    assert client.get("/v1/lists", headers=b).status_code == 200
    assert client.get("/v1/lists").status_code == 401  # no key: the address's own allowance


def test_no_limit_by_default(client) -> None:
    assert all(client.get("/v1/lists").status_code == 200 for _ in range(30))


def test_counters_live_in_redis_when_configured(settings, catalog_of) -> None:
    """Two apps (two workers) over one Redis share one allowance."""
    from realparts import missing, redis_url
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    url = redis_url(13)
    try:
        Redis.from_url(url).flushdb()
    except RedisConnectionError:
        missing(f"Redis at {url}")
    limited = settings.with_(rate_limit="3/minute", redis_url=url)
    apps = [create_app(limited, catalog_of()) for _ in range(2)]
    key = {"Authorization": f"Bearer {new_key(apps[0])}"}  # one store: valid in both
    first, second = (app.test_client() for app in apps)
    codes = [c.get("/v1/lists", headers=key).status_code for c in (first, second, first, second)]
    assert codes == [200, 200, 200, 429]
