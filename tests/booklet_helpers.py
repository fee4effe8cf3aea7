"""A small but complete study day in the database, for the booklet, export and RGPD tests."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from workshops.models import Attendance, Card, Day, Group, GroupMember, Sequence
from workshops.services.activities import feedback, writing
from workshops.services.board import cards
from workshops.services.groups import recommendations, wall
from workshops.services.room import participants


@pytest.fixture
def day(room, app):
    """The study day in the `room` fixture's workshop (import this fixture to use it)."""
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        return study_day(session, session.merge(room.workshop))


def study_day(session, workshop) -> SimpleNamespace:
    """Three people over two dated days; cards (one hidden, one answering a lever, one
    question-board answer), supports, a revealed writing, two groups and recommendations
    (one merged into another, one kept), feedback answers."""
    days = list(session.scalars(select(Day).where(Day.workshop_id == workshop.id)
                                .order_by(Day.position)))
    days[0].date, days[1].date = dt.date(2026, 3, 12), dt.date(2026, 4, 9)
    days[0].starts_at = dt.time(9, 30)
    people = [participants.join(session, workshop, organisation=org, organisation_type=kind,
                                profession="travail_social")[0]
              for org, kind in (("Foyer Notre-Dame", "association"),
                                ("Grand Lyon Habitat", "bailleur_social"),
                                ("Foyer Notre-Dame", "association"))]
    for person in people:
        session.add(Attendance(participant_id=person.id, day_id=days[0].id))
    session.add(Attendance(participant_id=people[0].id, day_id=days[1].id))
    session.commit()
    a1, a2 = workshop.axes[0].id, workshop.axes[1].id
    alice, bob, carla = people

    def post(who, text, kind="lever", axis=a1, parent=None, sequence=None):
        card, _created, _events = cards.post_card(session, workshop, who, f"c-{text[:20]}-{who.id}",
                                                  axis, kind, text, parent, sequence=sequence)
        return card

    lever_low = post(alice, "Un bail glissant rassure les bailleurs")
    lever_top = post(bob, "Le logement est un droit, pas une récompense")
    answer = post(carla, "Oui, mais il manque des logements", kind="limit", parent=lever_top.id)
    other_limit = post(alice, "Les délais restent trop longs", kind="limit")
    hidden = post(bob, "Texte masqué par l'animation")
    duplicate = post(carla, "Le logement est un droit (doublon)")
    axis2 = post(bob, "La coopération avec le 115", axis=a2)
    for who in (alice, carla):
        cards.support(session, workshop, who, lever_top.id)
    cards.support(session, workshop, carla, duplicate.id)
    cards.moderate(session, workshop, hidden.id, hidden=True)
    cards.moderate(session, workshop, lever_top.id, verbatim=True)
    question = session.scalar(select(Sequence).where(Sequence.workshop_id == workshop.id,
                                                     Sequence.activity == "question_board"))
    reply = post(alice, "Un logement d'abord, sans condition", kind="answer", axis=None,
                 sequence=question.id)
    writing_seq = session.scalar(select(Sequence).where(Sequence.workshop_id == workshop.id,
                                                        Sequence.activity == "individual_writing"))
    writing.save(session, workshop, alice, writing_seq.id, "J'accompagne vers le logement direct")
    writing.reveal(session, workshop, writing_seq.id, True)

    groups = [Group(workshop_id=workshop.id, name=name, position=i)
              for i, name in enumerate(("Groupe 1", "Groupe 2"))]
    session.add_all(groups)
    session.flush()
    session.add_all([GroupMember(participant_id=alice.id, group_id=groups[0].id),
                     GroupMember(participant_id=bob.id, group_id=groups[1].id)])
    session.commit()
    rec_a, _, _ = recommendations.create(session, workshop, alice, "r1", "professional",
                                         "Me former", "Se former au Logement d'Abord")
    rec_b, _, _ = recommendations.create(session, workshop, bob, "r2", "professional",
                                         "Me former", "Se former ensemble au LDA")
    rec_c, _, _ = recommendations.create(session, workshop, bob, "r3", "institutions",
                                         "Informer", "Informer les bailleurs")
    rec_d, _, _ = recommendations.create(session, workshop, alice, "r4", "institutions",
                                         "Informer", "Brouillon jamais retenu")
    recommendations.merge(session, workshop, rec_a.id, [rec_b.id],
                          text="Se former, entre structures, au Logement d'Abord")
    for rec in (rec_a, rec_c):
        recommendations.curate(session, workshop, rec.id, status="kept")
    wall.set_wall(session, workshop, open_=True, dots=3)
    wall.put_dots(session, workshop, carla, rec_c.id, 2)

    workshop.current_sequence_id = session.scalar(select(Sequence.id).where(
        Sequence.workshop_id == workshop.id, Sequence.activity == "feedback_form"))
    session.commit()
    feedback.save_answers(session, workshop, "device-1", {"satisfaction": "5", "revenir": "Oui",
                                                          "plus_utile": "Les échanges"})
    feedback.save_answers(session, workshop, "device-2", {"satisfaction": "4", "revenir": "Oui"})
    workshop.current_sequence_id = None
    session.commit()
    return SimpleNamespace(people=people, days=days, lever_low=lever_low, lever_top=lever_top,
                           answer=answer, other_limit=other_limit, hidden=hidden,
                           duplicate=duplicate, axis2=axis2, reply=reply, rec_a=rec_a,
                           rec_b=rec_b, rec_c=rec_c, rec_d=rec_d, question=question,
                           writing_seq=writing_seq)


def all_card_texts(session, workshop) -> list[str]:
    return list(session.scalars(select(Card.text).where(Card.workshop_id == workshop.id)))
