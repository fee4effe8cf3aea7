"""The organisation's identity in its booklets: name, logo, accent colour, useful links,
partners and funders, credits, the « Les 10 axes » and « Les recommandations » introductions.

Edited on the Livret screen (and through the API), kept per workshop; a new workshop starts
from the values of its organiser's last workshop (`inherited`). Everything is checked here:
a logo must be a PNG, JPEG or SVG of at most 2 MB, and an SVG may hold no script, no event
handler, no entity and no reference outside itself (refused, never stored); links are
http(s) only; every text has a limit, said in the error.
"""
from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ElementTree

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import BookletSettings, Workshop, WorkshopMember
from workshops.services.base.errors import ServiceError

LOGO_MAX_BYTES = 2 * 1024 * 1024
NAME_MAX = 200
LINK_LABEL_MAX = 200
URL_MAX = 500
LINKS_MAX = 20
PARTNERS_MAX = 20
PROSE_MAX = 20_000
RASTER_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
SVG_TYPE = "image/svg+xml"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# What the organisation carries from one workshop to the next.
INHERITED = ("organiser_name", "accent_colour", "logo", "logo_type", "links", "partners",
             "colophon", "axes_intro", "recommendations_intro")


def inherited(session: Session, workshop: Workshop) -> dict:
    """The identity of the last workshop (most recent first) of this workshop's organiser,
    for a new workshop's defaults; {} if they have none."""
    owners = select(WorkshopMember.account_id).where(
        WorkshopMember.workshop_id == workshop.id, WorkshopMember.role == "organiser")
    previous = session.scalar(
        select(BookletSettings)
        .join(WorkshopMember, WorkshopMember.workshop_id == BookletSettings.workshop_id)
        .join(Workshop, Workshop.id == BookletSettings.workshop_id)
        .where(WorkshopMember.account_id.in_(owners), WorkshopMember.role == "organiser",
               BookletSettings.workshop_id != workshop.id)
        .order_by(Workshop.created_at.desc(), Workshop.id.desc()).limit(1))
    return {name: getattr(previous, name) for name in INHERITED} if previous else {}


# --- checks


def logo(data: bytes) -> tuple[bytes, str]:
    """(data, media type) of an acceptable logo, or a ServiceError saying why not."""
    if not isinstance(data, bytes) or not data:
        raise ServiceError("logo_not_image")
    if len(data) > LOGO_MAX_BYTES:
        raise ServiceError("logo_too_large", status=413, max="2 Mo")
    head = data[:512].lstrip()
    if head.startswith(b"<") and (b"<svg" in data[:4096] or head.startswith(b"<?xml")):
        return _svg(data), SVG_TYPE
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ServiceError("logo_not_image") from None
    if kind not in RASTER_TYPES:
        raise ServiceError("logo_not_image")
    return data, RASTER_TYPES[kind]


_SVG_NS = "{http://www.w3.org/2000/svg}"
_LINK_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href", "src")


def _svg(data: bytes) -> bytes:
    """The SVG itself if it draws only from within itself; refused otherwise."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise ServiceError("logo_unsafe_svg")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise ServiceError("logo_not_image") from None
    if root.tag != f"{_SVG_NS}svg" and root.tag != "svg":
        raise ServiceError("logo_not_image")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in ("script", "foreignobject", "iframe", "embed", "object"):
            raise ServiceError("logo_unsafe_svg")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ServiceError("logo_unsafe_svg")
            if name in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                raise ServiceError("logo_unsafe_svg")
            if "url(" in value and not re.fullmatch(r"\s*url\(\s*#[^)]*\)\s*", value):
                raise ServiceError("logo_unsafe_svg")
        if tag == "style" and re.search(r"url\(|@import", element.text or "", re.IGNORECASE):
            raise ServiceError("logo_unsafe_svg")
    return data


def colour(value) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not COLOUR.fullmatch(value.strip()):
        raise ServiceError("invalid_colour")
    return value.strip().lower()


def text(value, maximum: int, field: str) -> str:
    if not isinstance(value, str):
        raise ServiceError("invalid_text")
    value = value.replace("\r\n", "\n").strip()
    if len(value) > maximum:
        raise ServiceError("field_too_long", field=field, max=maximum)
    return value


def links(value) -> list[dict]:
    """[{"label", "url"}], http(s) only; accepts the Livret screen's lines « Libellé | URL »."""
    if isinstance(value, str):
        value = [dict(zip(("label", "url"), (part.strip() for part in line.rsplit("|", 1))))
                 if "|" in line else {"label": "", "url": line.strip()}
                 for line in value.splitlines() if line.strip()]
    if not isinstance(value, list) or len(value) > LINKS_MAX:
        raise ServiceError("invalid_links", max=LINKS_MAX)
    checked = []
    for link in value:
        if not isinstance(link, dict):
            raise ServiceError("invalid_links", max=LINKS_MAX)
        url = text(link.get("url", ""), URL_MAX, "URL")
        if not re.fullmatch(r"https?://[^\s<>\"]+\.[^\s<>\"]+", url, re.IGNORECASE):
            raise ServiceError("invalid_link_url", url=url[:80])
        label = text(link.get("label", ""), LINK_LABEL_MAX, "libellé du lien") or url
        checked.append({"label": label, "url": url})
    return checked


def partner(name, logo_data: bytes | None) -> dict:
    """A partner or funder: a name, and a logo checked like the organisation's."""
    entry = {"name": text(name, NAME_MAX, "nom du partenaire"), "logo_type": "", "logo": ""}
    if not entry["name"]:
        raise ServiceError("partner_name_required")
    if logo_data:
        data, media_type = logo(logo_data)
        entry.update(logo_type=media_type, logo=base64.b64encode(data).decode("ascii"))
    return entry


def add_partner(settings: BookletSettings, entry: dict) -> None:
    partners = list(settings.partners or [])
    if len(partners) >= PARTNERS_MAX:
        raise ServiceError("too_many_partners", max=PARTNERS_MAX)
    settings.partners = [*partners, entry]


def remove_partner(settings: BookletSettings, index) -> None:
    partners = list(settings.partners or [])
    if not isinstance(index, int) or not 0 <= index < len(partners):
        raise ServiceError("unknown_partner", status=404)
    del partners[index]
    settings.partners = partners
