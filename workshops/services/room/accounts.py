"""Organiser accounts: creation, password check, API tokens."""
import re

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from workshops.models import Account, ApiToken
from workshops.services.base.errors import Conflict, ServiceError
from workshops.services.base.tokens import digest, new_secret

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
# Werkzeug's default (scrypt). Tests swap in a cheap method; production never does.
HASH_METHOD = "scrypt"


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise ServiceError("invalid_email")
    return email


def create_account(session: Session, email: str, password: str) -> Account:
    email = normalise_email(email)
    if len(password or "") < MIN_PASSWORD:
        raise ServiceError("password_too_short", min=MIN_PASSWORD)
    if find_account(session, email):
        raise Conflict("account_exists")
    account = Account(email=email,
                      password_hash=generate_password_hash(password, method=HASH_METHOD))
    session.add(account)
    session.commit()
    return account


def find_account(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == (email or "").strip().lower()))


def authenticate(session: Session, email: str, password: str) -> Account | None:
    account = find_account(session, email)
    if account and check_password_hash(account.password_hash, password or ""):
        return account
    return None


def issue_token(session: Session, account: Account) -> str:
    raw = new_secret("org")
    session.add(ApiToken(account_id=account.id, token_hash=digest(raw)))
    session.commit()
    return raw


def account_for_token(session: Session, raw: str) -> Account | None:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(raw)))
    return token.account if token else None
