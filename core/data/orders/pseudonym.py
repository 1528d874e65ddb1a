"""Pseudonymous customer ids: a keyed hash with a per-install secret.

``pseudonym(id) = hex(HMAC-SHA256(secret, utf8(id)))[:20]`` — the first 20 hex digits
(80 bits) of the HMAC of the trimmed id. Without the secret nobody can link a pseudonym
back to a platform account or recompute it from a guessed id (unlike a plain hash);
with the same secret the same buyer always gets the same pseudonym, so repeat uploads
line up. 80 bits keep the chance of any collision among 100 million customers below
1 in 200 million (birthday bound n² / 2⁸¹).

The secret is 32 random bytes in a file created once per install (mode 0600), by
default ``~/.monetization-studio/pseudonym.key`` (``$MONETIZATION_STUDIO_HOME``
overrides the folder). Losing it only means new uploads get new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

SECRET_BYTES = 32
PSEUDONYM_HEX_DIGITS = 20
HOME_ENV = "MONETIZATION_STUDIO_HOME"


def default_secret_path() -> Path:
    """``$MONETIZATION_STUDIO_HOME/pseudonym.key``, else ``~/.monetization-studio/…``."""
    home = os.environ.get(HOME_ENV)
    root = Path(home) if home else Path.home() / ".monetization-studio"
    return root / "pseudonym.key"


def load_or_create_secret(path: Path | None = None) -> bytes:
    """The install secret at ``path`` (default :func:`default_secret_path`), created with
    :data:`SECRET_BYTES` random bytes and mode 0600 when missing."""
    path = path or default_secret_path()
    if path.is_file():
        secret = path.read_bytes()
        if len(secret) < SECRET_BYTES:
            raise ValueError(f"{path}: secret shorter than {SECRET_BYTES} bytes")
        return secret
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = secrets.token_bytes(SECRET_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(secret)
    return secret


def pseudonym(customer_id: str, secret: bytes) -> str:
    """The pseudonym of one (trimmed) customer id."""
    digest = hmac.digest(secret, customer_id.strip().encode("utf-8"), hashlib.sha256)
    return digest.hex()[:PSEUDONYM_HEX_DIGITS]


def pseudonyms(customer_ids: Iterable[object], secret: bytes) -> list[str | None]:
    """:func:`pseudonym` of each id's text (``None`` and empty ids stay ``None``)."""
    out: list[str | None] = []
    for value in customer_ids:
        text = None if value is None else str(value).strip()
        out.append(pseudonym(text, secret) if text else None)
    return out
