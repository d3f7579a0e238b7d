"""The signature header: made as documented, and what a receiver's check refuses."""

from __future__ import annotations

import hashlib
import hmac

from service.webhooks.signing import TOLERANCE_SECONDS, sign, verify

BODY = b'{"id":"evt_1","type":"alert.created"}'


def test_the_header_is_the_documented_hmac() -> None:
    header = sign("whsec_x", 1700000000, BODY)
    expected = hmac.new(b"whsec_x", b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"


def test_a_receiver_accepts_ours_and_refuses_forgeries_and_replays() -> None:
    header = sign("whsec_x", 1700000000, BODY)
    assert verify("whsec_x", header, BODY, now=1700000000 + TOLERANCE_SECONDS)
    assert not verify("whsec_x", header, BODY, now=1700000000 + TOLERANCE_SECONDS + 1)
    assert not verify("whsec_y", header, BODY, now=1700000000)  # another secret
    assert not verify("whsec_x", header, BODY + b" ", now=1700000000)  # body changed
    moved = header.replace("t=1700000000", "t=1700000100")  # a fresh time on an old body
    assert not verify("whsec_x", moved, BODY, now=1700000100)
    assert not verify("whsec_x", "", BODY, now=1700000000)
    assert not verify("whsec_x", "t=abc,v1=00", BODY, now=1700000000)
    rotated = f"{header},v1={'0' * 64}"
    assert verify("whsec_x", rotated, BODY, now=1700000000)


def test_the_readme_snippet_verifies_our_signatures() -> None:
    """The verification code we tell receivers to use, run against what we send."""
    import time
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("## Webhooks", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(snippet, scope)  # noqa: S102 - our own README
    readme_verify = scope["verify"]
    t = int(time.time())
    assert readme_verify("whsec_x", sign("whsec_x", t, BODY), BODY)
    assert not readme_verify("whsec_y", sign("whsec_x", t, BODY), BODY)
    assert not readme_verify("whsec_x", sign("whsec_x", t - TOLERANCE_SECONDS - 5, BODY), BODY)
    assert not readme_verify("whsec_x", sign("whsec_x", t, BODY), BODY + b"x")
