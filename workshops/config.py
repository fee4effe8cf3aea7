"""Configuration read from the environment, with embedded defaults (SQLite, one process)."""
import os
import secrets
from pathlib import Path


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else generated once into the instance folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(instance_path: Path) -> dict:
    instance_path.mkdir(parents=True, exist_ok=True)
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance_path / 'ensemble.sqlite3'}"
        ),
        "MESSAGE_QUEUE_URL": os.environ.get("MESSAGE_QUEUE_URL") or None,
        # Public base URL (behind a reverse proxy). Empty: derived from the LAN address.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "").rstrip("/"),
        "EXPORT_DIR": os.environ.get("EXPORT_DIR", str(instance_path / "exports")),
        "ASYNC_MODE": os.environ.get("ASYNC_MODE", "threading"),
        # Phones get the crowd's events at most this often, in batches (realtime/digest.py).
        "PHONE_BATCH_S": float(os.environ.get("PHONE_BATCH_S", "0.1")),
        # Rate limits (workshops/runtime/limits.py); RATE_LIMITS=off turns them all off.
        "RATE_LIMITS": os.environ.get("RATE_LIMITS", "on") != "off",
        "RATE_LIMIT_LOGIN": os.environ.get("RATE_LIMIT_LOGIN", "10 per minute"),
        "RATE_LIMIT_JOIN": os.environ.get("RATE_LIMIT_JOIN", "1200 per minute"),
        "RATE_LIMIT_UNKNOWN_CODE": os.environ.get("RATE_LIMIT_UNKNOWN_CODE", "20 per minute"),
        "RATE_LIMIT_POST": os.environ.get("RATE_LIMIT_POST", "30 per minute"),
        "RATE_LIMIT_SOCKET": os.environ.get("RATE_LIMIT_SOCKET", "60 per 10 seconds"),
        # Behind a reverse proxy: how many proxies' X-Forwarded-* headers to trust.
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        # /metrics: from loopback, or with `Authorization: Bearer <METRICS_TOKEN>`.
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),
        # /source: the running code as a .tar.gz, or a redirect to this address (AGPL § 13).
        "SOURCE_URL": os.environ.get("SOURCE_URL", ""),
        # Logs (workshops/runtime/logs.py): text or json; access log on, off or addresses.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO").upper(),
        "ACCESS_LOG": os.environ.get("ACCESS_LOG", "on"),
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "JSON_SORT_KEYS": False,
    }
