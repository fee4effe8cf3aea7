"""Organiser screens of the agenda and the formats.

- the workshop's programme, edited before the day (days, sequences, order, texts, minutes,
  the day each sequence belongs to);
- the formats: duplicate a built-in one, edit it as YAML with the validator's messages
  (line and reason), see its days and sequences, export it as a file, import a file.

Forms are plain HTML posted with a CSRF token; the agenda form is read by hand because its
shape (days × sequences) is dynamic.
"""
import datetime as dt
import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext
from flask_wtf import FlaskForm

from workshops import formats
from workshops.extensions import db_session
from workshops.messages import message_for
from workshops.services.agenda import agenda, agenda_edit, custom_formats
from workshops.services.room import attendance
from workshops.services.base.errors import ServiceError
from workshops.views.auth import current_account, login_required, staff_workshop_or_abort
from workshops.vocabulary import ACTIVITIES

bp = Blueprint("programme", __name__, url_prefix="/organisateur")

MAX_TEXT = 20_000


def _field(name: str) -> str:
    return request.form.get(name, "")[:MAX_TEXT].strip()


def _sequence_from_form(prefix: str, axis_keys: list[str]) -> dict:
    """One row: axes are ticked boxes (all of them, or none: every axis), times are numbers."""
    axes = [k for k in request.form.getlist(f"{prefix}-axes") if k in axis_keys]
    minutes = _field(f"{prefix}-minutes")
    restitution_of = _field(f"{prefix}-restitution_of")
    return {
        "id": _field(f"{prefix}-id") or None,
        "title": _field(f"{prefix}-title"),
        "activity": _field(f"{prefix}-activity"),
        "minutes": int(minutes) if minutes.isdigit() else minutes,
        "instructions": _field(f"{prefix}-instructions"),
        "question": _field(f"{prefix}-question"),
        "axes": axes if axes and len(axes) < len(axis_keys) else None,
        "poll": _field(f"{prefix}-poll") or None,
        "restitution_of": int(restitution_of) if restitution_of.isdigit() else None,
        "day": _field(f"{prefix}-day"),  # « Jour »: the id of the day it goes to
    }


def _order(prefix: str, default: int) -> float:
    try:
        return float(_field(f"{prefix}-order"))
    except ValueError:
        return default


def _indexes(pattern: str) -> list[tuple[int, ...]]:
    """The rows present in the form, by their names' numbers (the editor adds rows with
    new numbers), in the order of those numbers."""
    found = {tuple(int(n) for n in m.groups()) for m in map(re.compile(pattern).fullmatch, request.form) if m}
    return sorted(found)


def agenda_from_form(axis_keys: list[str]) -> list[dict]:
    """The agenda as the organiser left it in the form: order fields applied, deletions and
    empty new rows dropped (a new row or day counts only if it has a title)."""
    days = []
    for (i,) in _indexes(r"day-(\d+)-id")[:agenda_edit.MAX_DAYS + 1]:
        prefix = f"day-{i}"
        if request.form.get(f"{prefix}-delete") or not (_field(f"{prefix}-id") or _field(f"{prefix}-title")):
            continue
        rows = []
        for _i, j in [n for n in _indexes(r"seq-(\d+)-(\d+)-id") if n[0] == i][:agenda_edit.MAX_SEQUENCES + 1]:
            seq_prefix = f"seq-{i}-{j}"
            item = _sequence_from_form(seq_prefix, axis_keys)
            if request.form.get(f"{seq_prefix}-delete") or not (item["id"] or item["title"]):
                continue  # removed, or the empty "add a sequence" row
            rows.append((_order(seq_prefix, j + 1), j, item))
        days.append((_order(prefix, i + 1), i, {
            "id": _field(f"{prefix}-id") or None, "title": _field(f"{prefix}-title"),
            "date": _field(f"{prefix}-date") or None, "starts_at": _field(f"{prefix}-starts_at") or None,
            "objective": _field(f"{prefix}-objective"),
            "sequences": [item for _o, _j, item in sorted(rows, key=lambda r: r[:2])],
        }))
    return [day for _o, _i, day in sorted(days, key=lambda d: d[:2])]


def _starts(days: list[dict]) -> dict:
    """Each sequence's start (HH:MM) by (day, row), from its day's start and the minutes
    before it; none when the day has no start time."""
    starts = {}
    for i, day in enumerate(days):
        start = str(day.get("starts_at") or "")
        if not re.fullmatch(r"\d\d:\d\d", start):
            continue
        at = int(start[:2]) * 60 + int(start[3:])
        for j, seq in enumerate(day.get("sequences") or []):
            starts[i, j] = f"{at // 60 % 24:02d}:{at % 60:02d}"
            at += seq["minutes"] if isinstance(seq.get("minutes"), int) else 0
    return starts


def _day_choices(days: list[dict]) -> list[tuple[str, str]]:
    """The « Jour » field's options, one per day that has an id, said as its heading and its
    date: « Journée 2 · Préconisations — mardi 12 mai »."""
    choices = []
    for n, day in enumerate(days, 1):
        if not str(day.get("id") or "").isdigit():
            continue
        name = gettext("Journée %(n)s", n=n) + (f" · {day['title']}" if day.get("title") else "")
        try:
            name += " — " + format_date(dt.date.fromisoformat(day.get("date") or ""), "EEEE d MMMM")
        except ValueError:
            pass  # no date, or one the organiser is still fixing
        choices.append((str(day["id"]), name))
    return choices


@bp.route("/ateliers/<code>/programme", methods=["GET", "POST"])
@login_required
def edit_agenda(code):
    workshop, role = staff_workshop_or_abort(code)
    session = db_session()
    form = FlaskForm()
    error = error_at = None
    days = agenda.agenda_dict(session, workshop)["days"]
    axis_keys = [a.key for a in workshop.axes]
    if request.method == "POST":
        if role != "organiser":
            abort(403)
        submitted = agenda_from_form(axis_keys)
        if not form.validate_on_submit():
            error = message_for("invalid_body")
        else:
            try:
                submitted = agenda_edit.to_chosen_days(session, workshop, submitted)
                agenda_edit.replace(session, workshop, submitted)
            except ServiceError as exc:
                session.rollback()
                error = message_for(exc.code, exc.params)
                if "day" in exc.params:  # a sequence's field, or a day's (sequence: None)
                    sequence = exc.params.get("sequence")
                    error_at = (exc.params["day"] - 1, sequence - 1 if sequence else None, exc.params.get("field"))
            else:
                flash(gettext("Programme enregistré."))
                return redirect(url_for("programme.edit_agenda", code=code))
        ran = {s["id"]: s.get("started_at") for d in days for s in d["sequences"]}
        for seq in (s for d in submitted for s in d["sequences"]):
            seq["started_at"] = ran.get(int(seq["id"])) if str(seq["id"] or "").isdigit() else None
        days = submitted
    fmt = workshop.format_data
    return render_template(
        "organiser/agenda.html", workshop=workshop, role=role, form=form, days=days, error=error,
        error_at=error_at, activities=ACTIVITIES, polls=fmt.get("polls", []), axes=workshop.axes,
        starts=_starts(days), day_choices=_day_choices(days),
        attendance=attendance.by_day(session, workshop)), 400 if error else 200


# ---------------------------------------------------------------- formats


@bp.get("/formats")
@login_required
def list_formats():
    return render_template("organiser/formats.html", form=FlaskForm(),
                           formats=custom_formats.available(db_session(), current_account()))


@bp.post("/formats/dupliquer")
@login_required
def duplicate_format():
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        row = custom_formats.duplicate(db_session(), current_account(), request.form.get("source", ""))
    except ServiceError as exc:
        db_session().rollback()
        flash(message_for(exc.code, exc.params), "error")
        return redirect(url_for("programme.list_formats"))
    flash(gettext("Copie créée : vous pouvez la modifier."))
    return redirect(url_for("programme.edit_format", format_id=row.id))


@bp.post("/formats/importer")
@login_required
def import_format():
    if not FlaskForm().validate_on_submit():
        abort(400)
    upload = request.files.get("file")
    text, name = request.form.get("text", ""), ""
    if upload and upload.filename:
        name = upload.filename[:200]
        raw = upload.read(formats.MAX_SOURCE_CHARS * 4 + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    try:
        if text is None:
            raise ServiceError("invalid_format", message=gettext(
                "Le fichier n'est pas un texte UTF-8 : enregistrez-le en UTF-8 et réessayez."))
        row = custom_formats.import_text(db_session(), current_account(), text, name)
    except ServiceError as exc:
        db_session().rollback()
        return render_template("organiser/formats.html", form=FlaskForm(),
                               formats=custom_formats.available(db_session(), current_account()),
                               import_error=message_for(exc.code, exc.params),
                               import_text=text or ""), 400
    flash(gettext("Format importé."))
    return redirect(url_for("programme.edit_format", format_id=row.id))


@bp.route("/formats/<int:format_id>", methods=["GET", "POST"])
@login_required
def edit_format(format_id):
    session, account = db_session(), current_account()
    ref = f"{custom_formats.PREFIX}{format_id}"
    try:
        row = custom_formats.get_own(session, account, ref)
    except ServiceError:
        abort(404)
    form = FlaskForm()
    error = error_line = None
    text = custom_formats.text_of(session, account, ref)
    if request.method == "POST":
        text = request.form.get("text", "")
        if not form.validate_on_submit():
            abort(400)
        try:
            row = custom_formats.update_text(session, account, ref, text)
        except ServiceError as exc:
            session.rollback()
            error, error_line = message_for(exc.code, exc.params), exc.params.get("line")
        else:
            flash(gettext("Format enregistré."))
            return redirect(url_for("programme.edit_format", format_id=format_id))
    saved = custom_formats.summary(formats.load_format_data(row.data), ref, False)
    return render_template("organiser/format_edit.html", form=form, ref=ref, row=row, text=text,
                           saved=saved, error=error, error_line=error_line,
                           activities=ACTIVITIES), 400 if error else 200


@bp.post("/formats/<int:format_id>/supprimer")
@login_required
def delete_format(format_id):
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        custom_formats.delete(db_session(), current_account(), f"{custom_formats.PREFIX}{format_id}")
    except ServiceError:
        abort(404)
    flash(gettext("Format supprimé."))
    return redirect(url_for("programme.list_formats"))


@bp.get("/formats/<path:format_ref>/fichier")
@login_required
def export_format(format_ref):
    session, account = db_session(), current_account()
    try:
        fmt = custom_formats.resolve(session, account, format_ref)
    except ServiceError:
        abort(404)
    return Response(formats.dump_format_yaml(fmt), mimetype="application/yaml",
                    headers={"Content-Disposition": f'attachment; filename="{fmt.id}.yaml"'})
