"""The seed 000 booklet as a real workshop in a database, for the booklet benches and for
looking at the PDF built from the database (not from a ready-made synthesis).

``seed_workshop(session, account, cards=None)`` creates a workshop of the built-in
« Logement d'Abord — les 10 axes » format holding the seed's cards (with their supports,
« Oui, mais… » under their lever and verbatims), its recommendations by target and theme,
groups, about 90 participants by organisation type with attendance on both days, and
feedback answers. ``cards=N`` adds synthetic cards up to N on the axes, ``recommendations=N``
synthetic recommendations up to N over the targets and groups.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fixtures import load_seed_synthesis  # noqa: E402
from workshops.formats import get_builtin  # noqa: E402
from workshops.models import (Attendance, BookletSettings, Card, Day, FeedbackAnswer,  # noqa: E402
                              Group, Participant, Recommendation, RecommendationVote)
from workshops.services.room import workshops  # noqa: E402

FORMAT_ID = "logement-d-abord-10-axes"
TYPES = {"Association (accompagnement, hébergement)": "association",
         "Bailleur social": "bailleur_social", "Services de l'État": "etat",
         "Collectivité (Métropole, communes)": "collectivite", "Santé, psychiatrie":
         "sante_medico_social", "Personne concernée": "personne_concernee",
         "Autre (formation, bénévolat)": "autre"}


def seed_workshop(session, account, cards: int | None = None, seed: int = 0,
                  recommendations: int | None = None):
    rng = random.Random(seed)
    s = load_seed_synthesis()
    workshop = workshops.create_workshop(session, account, s.title, get_builtin(FORMAT_ID))
    session.add(BookletSettings(workshop_id=workshop.id, edito=s.edito, et_apres=s.et_apres,
                                organiser_name=s.organiser, subtitle=s.subtitle, place=s.place,
                                axes_intro=s.axes_intro,
                                recommendations_intro=s.recommendations_intro,
                                colophon=s.colophon, accent_colour=s.accent_colour,
                                links=[{"label": link.label, "url": link.url} for link in s.links],
                                partners=[], axis_order=[], kept_counts={}))
    days = list(session.scalars(select(Day).where(Day.workshop_id == workshop.id)
                                .order_by(Day.position)))
    for day, date in zip(days, s.dates):
        day.date = date
    people = []
    for label, count in s.attendance.by_type:
        for i in range(count):
            people.append(Participant(
                workshop_id=workshop.id, token_hash=f"{workshop.id}-{rng.getrandbits(128):032x}",
                organisation="" if TYPES[label] == "personne_concernee" else f"Structure {i % 9 + 1}",
                organisation_type=TYPES[label], profession="travail_social"))
    session.add_all(people)
    session.flush()
    for index, person in enumerate(people):
        for day, attended in zip(days, (index < 62, index >= len(people) - 58)):
            if attended:
                session.add(Attendance(participant_id=person.id, day_id=day.id))

    number = 0

    def card(axis, kind, item, parent=None):
        nonlocal number
        number += 1
        row = Card(workshop_id=workshop.id, axis_id=axis.id, kind=kind, text=item.text,
                   supports=item.supports, verbatim=item.verbatim, client_id=f"seed-{number}",
                   participant_id=rng.choice(people).id, parent_id=parent.id if parent else None)
        session.add(row)
        session.flush()
        return row

    for axis, section in zip(workshop.axes, s.axes):
        for lever in section.levers:
            parent = card(axis, "lever", lever)
            for answer in lever.answers:
                card(axis, "limit", answer, parent)
        for limit in section.other_limits:
            card(axis, "limit", limit)
    texts = [c.text for c in s.annex_cards]
    while cards and number < cards:
        number += 1
        session.add(Card(workshop_id=workshop.id, axis_id=rng.choice(workshop.axes).id,
                         kind=rng.choice(("lever", "lever", "limit")), supports=rng.randint(0, 30),
                         text=f"{rng.choice(texts)} (carte {number})", client_id=f"seed-{number}",
                         participant_id=rng.choice(people).id, verbatim=rng.random() < 0.03))

    groups = {}
    keys = [t["key"] for t in workshop.format_data["targets"]]
    position = 0
    for key, target in zip(keys, s.recommendations):
        for theme in target.themes:
            for item in theme.items:
                if item.group not in groups:
                    groups[item.group] = Group(workshop_id=workshop.id, name=item.group,
                                               position=len(groups))
                    session.add(groups[item.group])
                    session.flush()
                position += 1
                rec = Recommendation(workshop_id=workshop.id, group_id=groups[item.group].id,
                                     client_id=f"seed-r{position}", target=key, theme=theme.title,
                                     text=item.text, status=item.status, position=position,
                                     origins=[], version=1)
                session.add(rec)
                session.flush()
                if item.votes:
                    session.add(RecommendationVote(participant_id=people[position].id,
                                                   recommendation_id=rec.id, count=item.votes))
    made = [(key, theme.title) for key, target in zip(keys, s.recommendations)
            for theme in target.themes]
    texts = [item.text for target in s.recommendations for theme in target.themes
             for item in theme.items]
    while recommendations and position < recommendations:
        position += 1
        key, theme = rng.choice(made)
        group = rng.choice(list(groups.values()))
        session.add(Recommendation(workshop_id=workshop.id, group_id=group.id,
                                   client_id=f"seed-r{position}", target=key, theme=theme,
                                   text=f"{rng.choice(texts)} ({position})",
                                   status=rng.choice(("kept", "kept", "draft")),
                                   position=position, origins=[], version=1))
    for i in range(21):
        session.add(FeedbackAnswer(workshop_id=workshop.id, respondent=f"bench-{i}", answers={
            "satisfaction": str(rng.choice("3445")), "revenir": rng.choice(["Oui", "Peut-être"]),
            "plus_utile": "Les échanges entre structures" if i % 3 == 0 else ""}))
    session.commit()
    return workshop
