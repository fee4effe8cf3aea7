"""What an archive must look like: its header, and type checks that name the faulty place.

A broken or foreign archive raises `ArchiveError`, whose text (French, for the organiser)
says where and what is wrong; `import_archive` turns it into the `invalid_archive` error.
"""
from __future__ import annotations

import datetime as dt

from workshops.services.base import quotas

VERSION = 1
MARKER = "ensemble_archive"
TEXT_MAX = 20_000
LIST_MAX = quotas.CARDS_PER_WORKSHOP  # no list of a workshop the app makes is longer


class ArchiveError(ValueError):
    """What is wrong with an archive, in French, for the organiser; `reason_code`, when a
    service refused a value, names that service's error (its message is added to the text
    in the organiser's language by the entry point: workshops/messages.py)."""

    def __init__(self, text: str, reason_code: str | None = None):
        super().__init__(text)
        self.reason_code = reason_code


def check_header(data) -> None:
    """Refuse what is not an Ensemble archive of a version this server reads."""
    if not isinstance(data, dict) or MARKER not in data:
        raise ArchiveError("Ce fichier n'est pas une archive Ensemble "
                           f"(le champ « {MARKER} » est absent).")
    if data[MARKER] != VERSION:
        raise ArchiveError(f"Archive de version {data[MARKER]!r} : ce serveur lit la version "
                           f"{VERSION}.")


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


class Check:
    """Type checks that name the faulty place of the archive."""

    @staticmethod
    def dict(value, where: str) -> dict:
        if not isinstance(value, dict):
            raise ArchiveError(f"« {where} » doit être un objet JSON.")
        return value

    @staticmethod
    def list(value, where: str, most: int = LIST_MAX) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ArchiveError(f"« {where} » doit être une liste.")
        if len(value) > most:
            raise ArchiveError(f"« {where} » contient {len(value)} éléments ; {most} au maximum.")
        return value

    @staticmethod
    def text(value, where: str, limit: int = TEXT_MAX, required: bool = False,
             nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if value is None and not required:
            return ""
        if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
            raise ArchiveError(f"« {where} » doit être un texte non vide de {limit} caractères "
                               f"au plus." if required else
                               f"« {where} » doit être un texte de {limit} caractères au plus.")
        return value

    @staticmethod
    def int(value, where: str, nullable: bool = False, minimum: int = 0,
            maximum: int = 2 ** 63 - 1) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) \
                or not minimum <= value <= maximum:
            raise ArchiveError(f"« {where} » doit être un nombre entier entre {minimum} et "
                               f"{maximum}.")
        return value

    @staticmethod
    def answers(value, where: str) -> dict:
        """A feedback form's answers: question key → a text, or a list of texts."""
        for key, answer in Check.dict(value, where).items():
            texts = answer if isinstance(answer, list) else [answer]
            if not all(isinstance(text, str) and len(text) <= TEXT_MAX for text in texts):
                raise ArchiveError(f"« {where}.{key} » doit être un texte ou une liste de "
                                   "textes.")
        return value

    @staticmethod
    def counts(value, where: str) -> dict:
        """The counts kept after the participants' data was erased (retention.py):
        {days: {position: n}, total: n, by_type: {type: n}, organisations: [names]}."""
        value = Check.dict(value or {}, where)
        for part in ("days", "by_type"):
            for key, count in Check.dict(value.get(part) or {}, f"{where}.{part}").items():
                Check.int(count, f"{where}.{part}.{key}")
        Check.int(value.get("total", 0), f"{where}.total")
        for i, name in enumerate(Check.list(value.get("organisations"),
                                            f"{where}.organisations")):
            Check.text(name, f"{where}.organisations[{i}]", 200)
        return value

    @staticmethod
    def choice(value, allowed, where: str) -> str:
        if value not in allowed:
            raise ArchiveError(f"« {where} » doit valoir {', '.join(allowed)}.")
        return value

    @staticmethod
    def bool(value, where: str, nullable: bool = False) -> bool | None:
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            raise ArchiveError(f"« {where} » doit valoir true ou false.")
        return value

    @staticmethod
    def ref(value, known: dict, where: str, nullable: bool = True):
        if value is None and nullable:
            return None
        if value not in known:
            raise ArchiveError(f"« {where} » désigne « {value} », qui n'existe pas dans l'archive.")
        return known[value]

    @staticmethod
    def moment(value, where: str, kind=dt.datetime):
        if value is None:
            return None
        try:
            return kind.fromisoformat(value)
        except (TypeError, ValueError):
            raise ArchiveError(f"« {where} » n'est pas une date valide.") from None

    @staticmethod
    def stamps(item: dict, where: str, *names: str) -> dict:
        """The moments `names` the item carries, for a row's constructor (an archive written
        before they were kept has none: the row then takes the time of the import)."""
        return {name: Check.moment(item[name], f"{where}.{name}")
                for name in names if item.get(name) is not None}

    @staticmethod
    def parallel(values: list, where: str, length: int) -> list:
        """A list that goes item by item with another one (absent: as many None)."""
        if not values:
            return [None] * length
        if len(values) != length:
            raise ArchiveError(f"« {where} » doit avoir un élément par élément de la liste "
                               "qu'elle accompagne.")
        return values
