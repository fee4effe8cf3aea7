"""The booklet's settings (texts, identity, choices) and its ready-to-send check, exports
(direct download or background job), the JSON archive import, and the deletion of
participant data or of a whole workshop (organiser only)."""
from typing import Annotated

from flask import current_app, url_for
from pydantic import ConfigDict, Field

from workshops.db import utcnow
from workshops.jobs import start_export
from workshops.messages import worded
from workshops.operations import (ACCOUNT, FORM, ORGANISER, STAFF, Caller, Download, Input,
                                  NoInput, Operation, Rest, checked_by_service)
from workshops.operations.openapi import many, ref
from workshops.operations.rooms import WorkshopLinks, workshop_links
from workshops.services import archive, booklet, curation, exports, retention
from workshops.services.base.errors import Conflict, ServiceError

BASE = "/v1/workshops/<code>"
OWNER = frozenset({ORGANISER})
ACCOUNTS = frozenset({ACCOUNT})
JOB = {"job": "job_id"}
SETTINGS = ("edito", "et_apres", "axes_intro", "recommendations_intro", "colophon",
            "organiser_name", "subtitle", "place", "accent_colour", "links",
            "show_organisations", "show_supports", "empty_axes", "recommendations_shown",
            "top_cards")
FORMAT = {"type": "string", "enum": list(exports.FORMATS)}
Prose = checked_by_service({"type": "string", "nullable": True})
Line = checked_by_service({"type": "string", "maxLength": 200})
Flag = checked_by_service({"type": "boolean"})
Text = checked_by_service({"type": "string"})
IMAGES = ("image/png", "image/jpeg", "image/svg+xml")
# What GET …/export answers, written out: asking the renderers would import them (WeasyPrint
# alone takes 1.5 s) when the app starts.
FILES = ("application/pdf",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "text/html", "text/markdown", "application/json")


class BookletChange(Input):
    """Any of the booklet's texts, identity and choices (the others stay); an unknown name
    is refused (`invalid_body`)."""

    model_config = ConfigDict(extra="forbid")
    edito: Prose = None
    et_apres: Prose = None
    axes_intro: Annotated[Prose, Field(description="« Les 10 axes » introduction")] = None
    recommendations_intro: Prose = None
    colophon: Annotated[Prose, Field(description="credits on the back page")] = None
    organiser_name: Line = None
    subtitle: Line = None
    place: Line = None
    accent_colour: Annotated[Text, Field(description="#rrggbb, or empty")] = None
    links: checked_by_service({"type": "array", "items": {"type": "object", "properties": {
        "label": {"type": "string"},
        "url": {"type": "string", "description": "http(s) only"}}}}) = None
    show_organisations: Flag = None
    show_supports: Flag = None
    empty_axes: checked_by_service({"type": "string", "nullable": True,
                                    "enum": ["omit", "mention", None]}) = None
    recommendations_shown: checked_by_service({"type": "string", "nullable": True,
                                               "enum": ["kept", "all", None]}) = None
    top_cards: Annotated[checked_by_service({"type": "integer", "nullable": True,
                                             "minimum": 0, "maximum": 500}),
                         Field(description="N most supported cards per axis in the body (and "
                                           "the starred verbatims); 0 or null every card")
                         ] = None
    retention_days: Annotated[checked_by_service({"type": "integer", "minimum": 1}),
                              Field(description="days the participants' data is kept after "
                                                "the last day")] = None


class LogoFile(Input):
    file: bytes = b""


class Partner(Input):
    name: Line = ""
    logo: Annotated[bytes | None, Field(description="a file, checked like the "
                                                    "organisation's logo")] = None


class PartnerRef(Input):
    index: int


class ExportQuery(Input):
    format: checked_by_service(FORMAT) = ""
    override: Annotated[checked_by_service({"type": "string", "enum": ["1", "true"]}),
                        Field(description="export even if the booklet is not ready to "
                                          "send")] = None


class NewExport(Input):
    format: checked_by_service(FORMAT) = None
    override: Annotated[checked_by_service({"type": "boolean"}),
                        Field(description="export even if the booklet is not ready to "
                                          "send")] = None


class JobRef(Input):
    job_id: int


class Archive(Input):
    archive: checked_by_service({"type": "object", "required": ["ensemble_archive"],
                                 "properties": {"ensemble_archive": {"type": "integer",
                                                                     "enum": [1]}}})


class RestoredWorkshop(WorkshopLinks):
    title: str


class Confirmation(Input):
    confirm: Annotated[Text, Field(description="the workshop's code, repeated")] = None


def export_dir() -> str:
    """Where exported files are kept (the app's EXPORT_DIR)."""
    return current_app.config["EXPORT_DIR"]


def not_ready(error: Conflict) -> Conflict:
    """The 409 with each warning worded."""
    if error.code == "booklet_not_ready":
        error.details = {"warnings": worded(error.details["warnings"])}
    return error


def get_booklet(caller: Caller, _data: NoInput):
    session, workshop = caller.session, caller.workshop
    warnings = booklet.warnings(session, workshop)
    settings = booklet.settings_of(session, workshop)
    data = {name: getattr(settings, name) for name in SETTINGS}
    data.update(links=settings.links or [], has_logo=settings.logo is not None,
                partners=[p["name"] for p in settings.partners or []])
    session.commit()  # the settings' defaults, made on first use
    return {"settings": data, "warnings": worded(warnings)}


def update_booklet(caller: Caller, data: BookletChange):
    curation.update_settings(caller.session, caller.workshop,
                             **data.model_dump(include=data.model_fields_set))
    return get_booklet(caller, NoInput())


def set_logo(caller: Caller, data: LogoFile):
    curation.set_logo(caller.session, caller.workshop, data.file)


def remove_logo(caller: Caller, _data: NoInput):
    curation.set_logo(caller.session, caller.workshop, None)


def add_partner(caller: Caller, data: Partner):
    curation.add_partner(caller.session, caller.workshop, data.name, data.logo)


def remove_partner(caller: Caller, data: PartnerRef):
    curation.remove_partner(caller.session, caller.workshop, data.index)


def export_file(caller: Caller, data: ExportQuery):
    session, workshop = caller.session, caller.workshop
    fmt, now = exports.check_format(data.format), exports.local_now()
    try:
        content = exports.produce(session, workshop, fmt, now,
                                  override=data.override in ("1", "true"))
    except Conflict as error:
        raise not_ready(error) from None
    name = exports.filename(workshop, fmt, now)
    exports.save(export_dir(), name, content)
    exports.record_done(session, workshop, caller.account, fmt, name)
    return Download(content, exports.content_type(fmt), name)


def job_payload(workshop, job) -> dict:
    data = exports.job_dict(job)
    if job.status == "done":
        data["file_url"] = url_for("api.export_job_file", code=workshop.code, job=job.id)
    return data


def start_job(caller: Caller, data: NewExport):
    try:
        job = exports.create_job(caller.session, caller.workshop, caller.account, data.format,
                                 override=data.override is True)
    except Conflict as error:
        raise not_ready(error) from None
    start_export(job.id)
    return job_payload(caller.workshop, job)


def get_job(caller: Caller, data: JobRef):
    return job_payload(caller.workshop,
                       exports.get_job(caller.session, caller.workshop, data.job_id))


def job_file(caller: Caller, data: JobRef):
    job = exports.get_job(caller.session, caller.workshop, data.job_id)
    return Download(exports.job_file(export_dir(), job), exports.content_type(job.format),
                    job.filename)


def import_archive(caller: Caller, data: Archive):
    workshop = archive.import_archive(caller.session, caller.account, data.archive)
    return dict(workshop_links(workshop), title=workshop.title)


def delete_participants(caller: Caller, _data: NoInput):
    return {"deleted": retention.purge_participants(caller.session, caller.workshop,
                                                    utcnow())}


def delete_workshop(caller: Caller, data: Confirmation):
    if data.confirm != caller.workshop.code:
        raise ServiceError("confirmation_required")
    retention.delete_workshop(caller.session, caller.workshop, export_dir())


SETTINGS_AND_WARNINGS = {"type": "object", "properties": {
    "settings": ref("BookletSettings"), "warnings": many("BookletWarning")}}
NOT_READY = ("A booklet that would print a bracketed placeholder is refused (409 "
             "`booklet_not_ready`, with `warnings`) unless overridden")

OPERATIONS = (
    Operation(
        "booklet.get", STAFF, NoInput, get_booklet,
        "The booklet's texts, identity and choices, and its ready-to-send warnings",
        output=SETTINGS_AND_WARNINGS,
        rest=(Rest("GET", BASE + "/booklet", "The booklet's settings and warnings",
                   responses={200: "Settings and warnings"}),)),
    Operation(
        "booklet.update", STAFF, BookletChange, update_booklet,
        "Change any of the booklet's texts, identity and choices; every text bounded (the "
        "limit is in the error)", output=SETTINGS_AND_WARNINGS,
        rest=(Rest("PATCH", BASE + "/booklet", "Change the booklet's settings",
                   responses={200: "As GET"}),)),
    Operation(
        "booklet.set_logo", STAFF, LogoFile, set_logo,
        "The organisation's logo (PNG, JPEG or SVG, at most 2 MB; an SVG with script or "
        "outside references is refused)", errors=(413,),
        rest=(Rest("PUT", BASE + "/booklet/logo", "The organisation's logo (the body is the "
                   "file)", status=204, upload=IMAGES, responses={204: "Stored"}),)),
    Operation(
        "booklet.remove_logo", STAFF, NoInput, remove_logo, "Remove the logo",
        rest=(Rest("DELETE", BASE + "/booklet/logo", "Remove the logo", status=204,
                   responses={204: "Removed"}),)),
    Operation(
        "booklet.add_partner", STAFF, Partner, add_partner,
        "Add a partner or funder to the back page (form fields name, and logo as a file, "
        "checked like the organisation's)", errors=(413,),
        rest=(Rest("POST", BASE + "/booklet/partners", "Add a partner or funder",
                   status=201, upload=(FORM,), reply=lambda _result: ("", 201),
                   responses={201: "Added"}),)),
    Operation(
        "booklet.remove_partner", STAFF, PartnerRef, remove_partner,
        "Remove a partner (by its place in the list, from 0)",
        rest=(Rest("DELETE", BASE + "/booklet/partners/<int:index>", "Remove a partner",
                   status=204, responses={204: "Removed"}),)),
    Operation(
        "export.file", STAFF, ExportQuery, export_file,
        "The booklet (or the JSON archive) as a file; a copy is kept in the server's output "
        "folder. " + NOT_READY + " (`override=1`)", errors=(409,),
        rest=(Rest("GET", BASE + "/export", "The booklet or the archive as a file",
                   query=True, content=FILES, responses={
                       200: "The file, with Content-Disposition attachment and a name saying "
                            "what and when (livret-<title>-<YYYY-MM-DD-HHMM>.<ext>, "
                            "archive-….json)"}),)),
    Operation(
        "export.start", STAFF, NewExport, start_job,
        "Start an export in the background (long PDFs); poll the job, then fetch its file. "
        + NOT_READY + " (`override: true`)", output="ExportJob", errors=(409,),
        rest=(Rest("POST", BASE + "/exports", "Start an export in the background",
                   status=202, responses={202: "The job"}),)),
    Operation(
        "export.job", STAFF, JobRef, get_job, "An export job's progress", output="ExportJob",
        rest=(Rest("GET", BASE + "/exports/<int:job>", "An export job's progress",
                   fields=JOB, responses={200: "The job"}),)),
    Operation(
        "export.job_file", STAFF, JobRef, job_file, "The finished job's file (attachment)",
        rest=(Rest("GET", BASE + "/exports/<int:job>/file", "The finished job's file",
                   fields=JOB, responses={200: "The file"}),)),
    Operation(
        "workshop.import", ACCOUNTS, Archive, import_archive,
        "Restore a JSON archive ({\"ensemble_archive\": 1, …}) as a new workshop of the "
        "caller, with a new code; all or nothing",
        output=RestoredWorkshop,
        rest=(Rest("POST", "/v1/workshops/import", "Restore a JSON archive as a new "
                   "workshop", status=201, whole="archive",
                   responses={201: "The restored workshop"}),)),
    Operation(
        "participant.delete_all", OWNER, NoInput, delete_participants,
        "Delete the participants' declared data; cards, recommendations and the booklet's "
        "counts stay (organiser only)",
        output={"type": "object", "properties": {"deleted": {"type": "integer"}}},
        rest=(Rest("DELETE", BASE + "/participants", "Delete the participants' declared "
                   "data", responses={200: "How many participants were deleted"}),)),
    Operation(
        "workshop.delete", OWNER, Confirmation, delete_workshop,
        "Delete the whole workshop and its exported files (organiser only); the body "
        "repeats its code; phones and screens still connected are told",
        rest=(Rest("DELETE", BASE, "Delete the whole workshop", status=204, body=True,
                   responses={204: "Deleted"}),), emits=("workshop_deleted",)),
)
