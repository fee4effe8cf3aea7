"""First run: a one-time link, printed in the terminal, to create the first organiser.

Until an account exists, `python app.py` prints /installation/<token>; only whoever
sees the terminal can use it, and it stops working once the first account exists.
"""
import hmac
import secrets
from pathlib import Path


def _token_file(instance_path: str) -> Path:
    return Path(instance_path) / "setup_token"


def setup_token(instance_path: str) -> str:
    path = _token_file(instance_path)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(16))
        path.chmod(0o600)
    return path.read_text().strip()


def check_setup_token(instance_path: str, candidate: str) -> bool:
    path = _token_file(instance_path)
    return path.exists() and hmac.compare_digest(path.read_text().strip(), candidate or "")


def forget_setup_token(instance_path: str) -> None:
    _token_file(instance_path).unlink(missing_ok=True)
