"""Formats organisers made their own: duplicated from another format, edited, imported, exported.

A format is referred to by a string: a built-in format by its id ("logement-d-abord-10-axes"),
an organiser's own by "custom:<row id>". Every text that comes in is checked by the format
validator (workshops.formats); an invalid one is refused with `invalid_format`, whose message
names the line and the reason (« Ligne 12 : … »). Only the owner sees, edits or uses a format.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops import formats
from workshops.formats.model import SHORT
from workshops.models import Account, CustomFormat
from workshops.services.base.errors import NotFound, ServiceError

PREFIX = "custom:"
MAX_PER_ACCOUNT = 100


def ref(row: CustomFormat) -> str:
    return f"{PREFIX}{row.id}"


def _parse(text, source: str) -> formats.Format:
    if not isinstance(text, str) or not text.strip():
        raise ServiceError("invalid_format", message="Le fichier est vide.")
    try:
        return formats.load_format_text(text, source=source)
    except formats.FormatError as error:
        raise ServiceError("invalid_format", message=error.message, line=error.line) from None


def own(session: Session, account: Account) -> list[CustomFormat]:
    return list(session.scalars(select(CustomFormat).where(
        CustomFormat.owner_account_id == account.id).order_by(CustomFormat.created_at.desc())))


def get_own(session: Session, account: Account, format_ref) -> CustomFormat:
    row = None
    if isinstance(format_ref, str) and format_ref.startswith(PREFIX) \
            and format_ref[len(PREFIX):].isdigit():
        row = session.get(CustomFormat, int(format_ref[len(PREFIX):]))
    if row is None or row.owner_account_id != account.id:
        raise NotFound("unknown_custom_format")
    return row


def resolve(session: Session, account: Account, format_ref) -> formats.Format:
    """The format a workshop can be created from: built-in, or one of the account's own."""
    if isinstance(format_ref, str) and format_ref.startswith(PREFIX):
        return formats.load_format_data(get_own(session, account, format_ref).data)
    fmt = formats.get_builtin(str(format_ref or ""))
    if fmt is None:
        raise ServiceError("unknown_format")
    return fmt


def text_of(session: Session, account: Account, format_ref) -> str:
    """The format as YAML, as exported and as shown in the editor."""
    return formats.dump_format_yaml(resolve(session, account, format_ref))


def _store(session: Session, account: Account, fmt: formats.Format) -> CustomFormat:
    count = session.query(CustomFormat).filter_by(owner_account_id=account.id).count()
    if count >= MAX_PER_ACCOUNT:
        raise ServiceError("too_many_formats", max=MAX_PER_ACCOUNT)
    row = CustomFormat(owner_account_id=account.id, format_id=fmt.id, data=fmt.to_dict())
    session.add(row)
    session.commit()
    return row


def import_text(session: Session, account: Account, text, filename: str = "") -> CustomFormat:
    """A format file from another server (YAML or JSON)."""
    return _store(session, account, _parse(text, filename or "<import>"))


def duplicate(session: Session, account: Account, format_ref) -> CustomFormat:
    """A copy the organiser can edit, of a built-in format or of one of their own."""
    data = resolve(session, account, format_ref).to_dict()
    data["id"] = (data["id"][:58] + "-copie")
    data["title"] = f"{data['title']} (copie)"[:SHORT]
    return _store(session, account, formats.load_format_data(data))


def update_text(session: Session, account: Account, format_ref, text) -> CustomFormat:
    row = get_own(session, account, format_ref)
    fmt = _parse(text, "<éditeur>")
    row.format_id, row.data = fmt.id, fmt.to_dict()
    session.commit()
    return row


def delete(session: Session, account: Account, format_ref) -> None:
    session.delete(get_own(session, account, format_ref))
    session.commit()


def summary(fmt: formats.Format, format_ref: str, builtin: bool) -> dict:
    """What lists and the structured view show: days, sequences, axes, targets, polls, form."""
    return {
        "id": format_ref, "format_id": fmt.id, "builtin": builtin, "title": fmt.title,
        "description": fmt.description,
        "axes": [{"id": a.key, "title": a.title} for a in fmt.axes],
        "targets": [{"key": t.key, "title": t.title, "themes": list(t.themes)} for t in fmt.targets],
        "polls": [{"key": p.key, "question": p.question, "kind": p.kind} for p in fmt.polls],
        "feedback_questions": len(fmt.feedback_form.questions) if fmt.feedback_form else 0,
        "days": [{"title": d.title,
                  "sequences": [{"title": s.title, "activity": s.activity, "minutes": s.minutes}
                                for s in d.sequences]} for d in fmt.days],
    }


def available(session: Session, account: Account) -> list[dict]:
    """Built-in formats, then the account's own."""
    found = [summary(f, f.id, True) for f in formats.builtin_formats().values()]
    for row in own(session, account):
        found.append(summary(formats.load_format_data(row.data), ref(row), False))
    return found
