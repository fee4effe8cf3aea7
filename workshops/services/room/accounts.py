"""Organiser accounts: creation, password check, API tokens; listing, deletion, new password."""
import re

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from workshops.models import Account, ApiToken, Workshop, WorkshopMember
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
