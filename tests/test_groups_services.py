"""Services of groups and recommendations, without HTTP."""
import pytest

from workshops.formats import get_builtin
from workshops.models import Participant
from workshops.services.groups import groups, recommendations as recs, wall
from workshops.services.room import accounts, workshops
from workshops.services.base.errors import ServiceError
from tests.conftest import FORMAT_ID


@pytest.fixture
def ws(session):
    account = accounts.create_account(session, "o@example.org", "long enough password")
    return workshops.create_workshop(session, account, "Jour 2", get_builtin(FORMAT_ID))


def people(session, ws, n):
    found = []
    for i in range(n):
        p = Participant(workshop_id=ws.id, token_hash=f"h{ws.id}-{i}", organisation=f"Org {i % 3}",
                        organisation_type=("association", "etat")[i % 2],
                        profession=("travail_social", "direction", "encadrement")[i % 3])
        session.add(p)
        found.append(p)
    session.commit()
    return found


def test_reforming_keeps_names_and_orphans_drafts_of_removed_groups(session, ws):
    everyone = people(session, ws, 6)
    payload, events = groups.form(session, ws, count=3)
    assert [e.type for e in events] == ["groups"] and events[0].audience == "all"
    groups.rename(session, ws, payload[0]["id"], "La table ronde")
    third = payload[2]
    author = session.get(Participant, third["members"][0])
    rec, _, _ = recs.create(session, ws, author, "c1", "partners", "", "Se coordonner")
    again, _ = groups.form(session, ws, count=2)
    assert [g["name"] for g in again] == ["La table ronde", "Groupe 2"]
    session.refresh(rec)
    assert rec.group_id is None
    assert [r.id for r in recs.visible(session, ws, "staff")] == [rec.id]
    assert recs.visible(session, ws, "participant", author) == []
    assert sorted(p for g in again for p in g["members"]) == [p.id for p in everyone]


def test_visibility_before_and_after_the_wall_opens(session, ws):
    everyone = people(session, ws, 4)
    payload, _ = groups.form(session, ws, count=2)
    a = session.get(Participant, payload[0]["members"][0])
    b = session.get(Participant, payload[1]["members"][0])
    rec, _, events = recs.create(session, ws, a, "c1", "institutions", "Informer", "Informer")
    assert events[0].audience == f"group:{payload[0]['id']}"
    assert recs.visible(session, ws, "participant", b) == []
    assert recs.visible(session, ws, "projection") == []
    _wall, events = wall.set_wall(session, ws, open_=True)
    assert [r["id"] for r in events[0].payload["recommendations"]] == [rec.id]
    assert [r.id for r in recs.visible(session, ws, "projection")] == [rec.id]
    assert [r.id for r in recs.visible(session, ws, "participant", b)] == [rec.id]
    _rec, events = recs.edit(session, ws, a, rec.id, 1, text="Informer mieux")
    assert events[0].audience == "all"
    assert len(everyone) == 4


def test_merging_a_merge_keeps_every_origin_once(session, ws):
    people(session, ws, 6)
    payload, _ = groups.form(session, ws, count=3)
    authors = [session.get(Participant, g["members"][0]) for g in payload]
    r = [recs.create(session, ws, p, f"c{i}", "organisation", "S'organiser", f"Texte {i}")[0]
         for i, p in enumerate(authors)]
    recs.merge(session, ws, r[0].id, [r[1].id])
    survivor, events = recs.merge(session, ws, r[2].id, [r[0].id], text="Texte commun")
    assert survivor.text == "Texte commun"
    assert [o["text"] for o in survivor.origins] == ["Texte 2", "Texte 0", "Texte 1"]
    assert {o["group"] for o in survivor.origins} == {g["id"] for g in payload}
    with pytest.raises(ServiceError) as error:
        recs.merge(session, ws, r[2].id, [r[1].id])
    assert error.value.code == "already_merged"
    with pytest.raises(ServiceError) as error:
        recs.merge(session, ws, r[2].id, [r[2].id])
    assert error.value.code == "merge_needs_two"


def test_dots_are_bounded_and_can_be_taken_back(session, ws):
    people(session, ws, 2)
    payload, _ = groups.form(session, ws, count=1)
    voter = session.get(Participant, payload[0]["members"][0])
    rec, _, _ = recs.create(session, ws, voter, "c", "professional", "Me former", "Se former")
    other, _, _ = recs.create(session, ws, voter, "d", "professional", "Me former", "Lire")
    wall.set_wall(session, ws, open_=True, dots=3)
    _r, mine, _ = wall.put_dots(session, ws, voter, rec.id, 3)
    assert mine == {rec.id: 3}
    with pytest.raises(ServiceError) as error:
        wall.put_dots(session, ws, voter, other.id, 1)
    assert error.value.code == "no_votes_left" and error.value.status == 409
    _r, mine, _ = wall.put_dots(session, ws, voter, rec.id, 1)
    _r, mine, _ = wall.put_dots(session, ws, voter, other.id, 2)
    assert mine == {rec.id: 1, other.id: 2}
    assert recs.dot_totals(session, [rec.id, other.id]) == {rec.id: 1, other.id: 2}
    wall.set_wall(session, ws, dots=0)
    with pytest.raises(ServiceError) as error:
        wall.put_dots(session, ws, voter, rec.id, 0)
    assert error.value.code == "voting_closed"


def test_an_edit_from_an_old_version_never_overwrites(session, ws):
    people(session, ws, 2)
    payload, _ = groups.form(session, ws, count=1)
    a, b = (session.get(Participant, pid) for pid in payload[0]["members"])
    rec, _, _ = recs.create(session, ws, a, "c", "partners", "", "Départ")
    recs.curate(session, ws, rec.id, target="institutions")  # the facilitator moved it: version 2
    with pytest.raises(recs.StaleVersion) as error:
        recs.edit(session, ws, b, rec.id, 1, text="Réécrit")
    assert error.value.details["current"]["target"] == "institutions"
    assert error.value.details["attempted"] == {"text": "Réécrit", "version": 1}
    session.refresh(rec)
    assert (rec.text, rec.version) == ("Départ", 2)
    kept, _ = recs.curate(session, ws, rec.id, status="kept")
    assert kept.version == 2  # marking kept is not an edit of the text
