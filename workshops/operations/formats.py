"""Formats: the built-in ones and each organiser's own (duplicate, edit, import, export)."""
from typing import Annotated

from pydantic import Field

from workshops.formats import load_format_data
from workshops.operations import (ACCOUNT, Caller, Download, Input, NoInput, Operation, Rest,
                                  checked_by_service)
from workshops.operations.openapi import many, ref
from workshops.services.agenda import custom_formats
from workshops.services.base.errors import ServiceError

ACCOUNTS = frozenset({ACCOUNT})
FORMAT_PATH = "/v1/formats/<format>"
REF = {"format": "ref"}
Text = checked_by_service({"type": "string"})


class FormatRef(Input):
    ref: Annotated[Text, Field(description="a built-in id or custom:<n>")] = None


class NewFormat(Input):
    """{"from": format id} duplicates a format; {"text": YAML or JSON} imports a file."""

    source: Annotated[Text, Field(alias="from", description="the id of the format to copy")
                      ] = None
    text: Annotated[Text, Field(description="the format file's text (YAML or JSON)")] = None
    filename: Text = None


class FormatText(Input):
    ref: Text = None
    text: Annotated[Text, Field(description="the edited YAML")] = None


def _described(row) -> dict:
    return dict(custom_formats.summary(load_format_data(row.data), custom_formats.ref(row),
                                       False))


def list_formats(caller: Caller, _data: NoInput):
    return custom_formats.available(caller.session, caller.account)


def create_format(caller: Caller, data: NewFormat):
    if data.source is not None:
        row = custom_formats.duplicate(caller.session, caller.account, str(data.source))
    elif "text" in data.model_fields_set:
        row = custom_formats.import_text(caller.session, caller.account, data.text,
                                         str(data.filename or "")[:200])
    else:
        raise ServiceError("invalid_format", message="Envoyez « text » (un fichier) ou « from ».")
    return _described(row)


def get_format(caller: Caller, data: FormatRef):
    fmt = custom_formats.resolve(caller.session, caller.account, data.ref)
    builtin = not data.ref.startswith(custom_formats.PREFIX)
    return dict(custom_formats.summary(fmt, data.ref, builtin),
                text=custom_formats.text_of(caller.session, caller.account, data.ref))


def update_format(caller: Caller, data: FormatText):
    return _described(custom_formats.update_text(caller.session, caller.account, data.ref,
                                                 data.text))


def delete_format(caller: Caller, data: FormatRef):
    custom_formats.delete(caller.session, caller.account, data.ref)


def export_format(caller: Caller, data: FormatRef):
    fmt = custom_formats.resolve(caller.session, caller.account, data.ref)
    return Download(custom_formats.text_of(caller.session, caller.account, data.ref),
                    "application/yaml", f"{fmt.id}.yaml")


OPERATIONS = (
    Operation(
        "format.list", ACCOUNTS, NoInput, list_formats,
        "The built-in formats, then the caller's own", output=many("FormatSummary"),
        rest=(Rest("GET", "/v1/formats", "The built-in formats, then the caller's own"),)),
    Operation(
        "format.create", ACCOUNTS, NewFormat, create_format,
        "Duplicate a format ({from}) or import a format file ({text})",
        output="FormatSummary",
        rest=(Rest("POST", "/v1/formats", "Duplicate a format or import a format file",
                   status=201),)),
    Operation(
        "format.get", ACCOUNTS, FormatRef, get_format,
        "A format, its structure and its YAML text", errors=(400,),
        output={"allOf": [ref("FormatSummary"), {"type": "object", "properties": {
            "text": {"type": "string", "description": "YAML"}}}]},
        rest=(Rest("GET", FORMAT_PATH, "A format and its YAML text", fields=REF),)),
    Operation(
        "format.update", ACCOUNTS, FormatText, update_format,
        "Replace one of the caller's own formats with an edited text", output="FormatSummary",
        rest=(Rest("PUT", FORMAT_PATH, "Replace one of the caller's own formats",
                   fields=REF),)),
    Operation(
        "format.delete", ACCOUNTS, FormatRef, delete_format,
        "Delete one of the caller's own formats (workshops made from it keep their copy)",
        rest=(Rest("DELETE", FORMAT_PATH, "Delete one of the caller's own formats",
                   status=204, fields=REF, responses={204: "Deleted"}),)),
    Operation(
        "format.export", ACCOUNTS, FormatRef, export_format,
        "The format as a YAML file, to import on another server",
        output={"type": "string", "description": "the format's YAML"},
        rest=(Rest("GET", FORMAT_PATH + "/export", "The format as a YAML file", fields=REF,
                   responses={200: "YAML file (Content-Disposition attachment)"},
                   content="application/yaml"),)),
)
