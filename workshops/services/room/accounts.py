"""Organiser accounts: creation, password check, browser sessions, API tokens; listing,
deletion, new password."""
import re
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from workshops.db import utcnow
from workshops.models import Account, ApiToken, Workshop, WorkshopMember
from workshops.services.base.errors import Conflict, NotFound, ServiceError
from workshops.services.base.tokens import digest, new_secret

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
# Werkzeug's default (scrypt). Tests swap in a cheap method; production never does.
HASH_METHOD = "scrypt"
TOKEN_LIFETIME = timedelta(days=90)  # an API token stops working this long after it was made


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise ServiceError("invalid_email")
    return email


def _password_hash(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ServiceError("password_too_short", min=MIN_PASSWORD)
    return generate_password_hash(password, method=HASH_METHOD)


def create_account(session: Session, email: str, password: str) -> Account:
    email = normalise_email(email)
    password_hash = _password_hash(password)
    if find_account(session, email):
        raise Conflict("account_exists")
    account = Account(email=email, password_hash=password_hash)
    session.add(account)
    session.commit()
    return account


def find_account(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == (email or "").strip().lower()))


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash("no account has this password", method=method)


def authenticate(session: Session, email: str, password: str) -> Account | None:
    """The account if the password is its own. An unknown address costs the same hash as a
    known one, so the answer's time does not tell whether an account exists."""
    account = find_account(session, email)
    stored = account.password_hash if account else _dummy_hash(HASH_METHOD)
    if check_password_hash(stored, password or "") and account is not None:
        return account
    return None


# Browser sessions: the signed cookie carries the account and its session generation; a
# logout moves the generation on, so a cookie kept from before (replayed) no longer opens
# anything — on every device of that account.
def session_fields(account: Account) -> dict:
    """What a logged-in browser's session cookie holds."""
    return {"account_id": account.id, "generation": account.session_generation}


def session_account(session: Session, fields) -> Account | None:
    """The account a session cookie still opens, or None (logged out since, or deleted)."""
    account_id = fields.get("account_id")
    account = session.get(Account, account_id) if isinstance(account_id, int) else None
    if account is None or fields.get("generation") != account.session_generation:
        return None
    return account


def end_sessions(session: Session, account: Account) -> None:
    """Log the account out everywhere: every session cookie issued so far stops working."""
    account.session_generation += 1
    session.commit()


def issue_token(session: Session, account: Account) -> str:
    raw = new_secret("org")
    session.add(ApiToken(account_id=account.id, token_hash=digest(raw)))
    session.commit()
    return raw


def account_for_token(session: Session, raw: str) -> Account | None:
    """The token's account, while the token is neither revoked nor past its lifetime."""
    token = session.scalar(select(ApiToken).where(
        ApiToken.token_hash == digest(raw), ApiToken.created_at > utcnow() - TOKEN_LIFETIME))
    return token.account if token else None


def tokens_of(session: Session, account: Account) -> list[dict]:
    """The account's API tokens still valid: {id, created_at, expires_at} (never the secret)."""
    rows = session.scalars(select(ApiToken).where(
        ApiToken.account_id == account.id, ApiToken.created_at > utcnow() - TOKEN_LIFETIME)
        .order_by(ApiToken.created_at.desc()))
    return [{"id": t.id, "created_at": t.created_at.isoformat() + "Z",
             "expires_at": (t.created_at + TOKEN_LIFETIME).isoformat() + "Z"} for t in rows]


def revoke_token(session: Session, account: Account, token_id: int) -> None:
    """The owner revokes one of their tokens; it stops working at once."""
    token = session.get(ApiToken, token_id)
    if token is None or token.account_id != account.id:
        raise NotFound("unknown_token")
    session.delete(token)
    session.commit()


def list_accounts(session: Session) -> list[tuple[Account, int]]:
    """Every account, by e-mail address, with the number of workshops it belongs to."""
    count = (select(func.count()).where(WorkshopMember.account_id == Account.id)
             .correlate(Account).scalar_subquery())
    rows = session.execute(select(Account, count).order_by(Account.email))
    return [(account, workshops) for account, workshops in rows]


def set_password(session: Session, account: Account, password: str) -> None:
    """A new password; the account's API tokens stop working (whoever held them, re-login)."""
    account.password_hash = _password_hash(password)
    session.execute(delete(ApiToken).where(ApiToken.account_id == account.id))
    session.commit()


def workshops_only_organised_by(session: Session, account: Account) -> list[str]:
    """Codes of the workshops that would be left without an organiser if `account` went."""
    other_organiser = (select(WorkshopMember.workshop_id)
                       .where(WorkshopMember.role == "organiser",
                              WorkshopMember.account_id != account.id))
    return list(session.scalars(
        select(Workshop.code).join(WorkshopMember, WorkshopMember.workshop_id == Workshop.id)
        .where(WorkshopMember.account_id == account.id, WorkshopMember.role == "organiser",
               Workshop.id.not_in(other_organiser))
        .order_by(Workshop.code)))


def delete_account(session: Session, account: Account) -> None:
    """Deletes the account, its tokens, memberships and own formats (the database cascades).

    Callers check `workshops_only_organised_by` first: a workshop without an organiser could
    no longer be opened by anyone.
    """
    session.delete(account)
    session.commit()
