"""Random secrets and the hashes we store instead of them."""
import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: join codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_secret(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(24)}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def same_secret(given, expected: str) -> bool:
    """A secret compared in constant time (a projection key): no timing tells how much of
    it was right."""
    return isinstance(given, str) and hmac.compare_digest(given.encode(), expected.encode())
