"""API v1 of mixed groups and recommendations: contract, authorization, conflicts."""
import pytest


def url(room, path):
    return f"/api/v1/workshops/{room.code}/{path}"


def join_many(room, n):
    """n participants from alternating organisations/professions; returns [(id, headers)]."""
    kinds = [("association", "travail_social"), ("bailleur_social", "direction"),
             ("etat", "encadrement")]
    people = []
    for i in range(n):
        org_type, profession = kinds[i % 3]
        pid, headers, _ = room.join(organisation=f"Structure {i % 4}",
                                    organisation_type=org_type, profession=profession)
        people.append((pid, headers))
    return people


def form(room, **body):
    return room.client.post(url(room, "groups"), headers=room.auth, json=body)


def add(room, headers, text="Se former ensemble", target="professional", theme="Me former",
        client_id=None):
    import uuid

    return room.client.post(url(room, "recommendations"), headers=headers, json={
        "client_id": client_id or str(uuid.uuid4()), "target": target, "theme": theme,
        "text": text})


def group_of(groups, pid):
    return next(g["id"] for g in groups if pid in g["members"])


def two_groups(room, n=6):
    people = join_many(room, n)
    groups = form(room, count=2).get_json()
    return people, groups


def test_form_by_size_or_count_gives_balanced_groups(room):
    people = join_many(room, 7)
    response = form(room, size=3)
    assert response.status_code == 201
    groups = response.get_json()
    assert sorted(len(g["members"]) for g in groups) == [2, 2, 3]
    assert sorted(p for g in groups for p in g["members"]) == sorted(p for p, _ in people)
    assert {g["name"] for g in groups} == {"Groupe 1", "Groupe 2", "Groupe 3"}
    assert room.client.get(url(room, "groups"), headers=room.auth).get_json() == groups
    again = form(room, count=2).get_json()
    assert sorted(len(g["members"]) for g in again) == [3, 4]


def test_groups_mix_organisations(room):
    # Four people from each of two organisations: two groups of four, two of each.
    for i in range(8):
        room.join(organisation="Foyer A" if i % 2 else "Bailleur B",
                  organisation_type="association" if i % 2 else "bailleur_social")
    groups = form(room, count=2).get_json()
    for group in groups:
        assert len(group["members"]) == 4
        assert len({pid % 2 for pid in group["members"]}) == 2


@pytest.mark.parametrize("body, code", [
    ({}, "size_or_count"),
    ({"size": 3, "count": 2}, "size_or_count"),
    ({"size": 1}, "invalid_size"),
    ({"size": "3"}, "invalid_size"),
    ({"count": 0}, "invalid_count"),
    ({"count": True}, "invalid_count"),
])
def test_bad_group_requests(room, body, code):
    join_many(room, 3)
    response = form(room, **body)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code


def test_forming_without_anyone_is_a_clear_400(room):
    response = form(room, size=4)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "no_participants"


def test_only_staff_forms_and_lists_groups(room):
    (pid, headers), *_ = join_many(room, 2)
    assert form(room, size=2).status_code == 201
    assert room.client.post(url(room, "groups"), headers=headers, json={"size": 2}).status_code == 401
    assert room.client.get(url(room, "groups"), headers=headers).status_code == 401
    assert room.client.get(url(room, "recommendations"), headers=headers).status_code == 401


def test_latecomer_joins_the_group_they_mix_most(room):
    room.join(organisation="Foyer A", organisation_type="association", profession="travail_social")
    room.join(organisation="Foyer A", organisation_type="association", profession="travail_social")
    room.join(organisation="Mairie", organisation_type="collectivite", profession="direction")
    room.join(organisation="Mairie", organisation_type="collectivite", profession="direction")
    groups = form(room, count=2).get_json()
    late, _h, _ = room.join(organisation="Bailleur C", organisation_type="bailleur_social",
                            profession="encadrement")
    after = room.client.get(url(room, "groups"), headers=room.auth).get_json()
    assert sum(len(g["members"]) for g in after) == 5
    assert any(late in g["members"] for g in after)
    assert [g["id"] for g in after] == [g["id"] for g in groups]


def test_rename_and_move(room):
    people, groups = two_groups(room, 4)
    first, second = groups
    renamed = room.client.patch(url(room, f"groups/{first['id']}"), headers=room.auth,
                                json={"name": "  Table   près de la fenêtre "})
    assert renamed.status_code == 200
    assert renamed.get_json()[0]["name"] == "Table près de la fenêtre"
    assert room.client.patch(url(room, f"groups/{first['id']}"), headers=room.auth,
                             json={"name": "x" * 61}).status_code == 400
    mover = first["members"][0]
    moved = room.client.put(url(room, f"participants/{mover}/group"), headers=room.auth,
                            json={"group": second["id"]}).get_json()
    assert mover in moved[1]["members"] and mover not in moved[0]["members"]
    assert room.client.put(url(room, f"participants/{mover}/group"), headers=room.auth,
                           json={"group": 10**9}).status_code == 404
    added = room.client.post(url(room, "groups/new"), headers=room.auth, json={}).get_json()
    assert [g["name"] for g in added][-1] == "Groupe 3" and added[-1]["members"] == []


def test_recommendation_is_idempotent_and_filed_in_my_group(room):
    people, groups = two_groups(room)
    pid, headers = people[0]
    first = add(room, headers, client_id="r-1")
    again = add(room, headers, client_id="r-1")
    assert first.status_code == 201 and again.status_code == 200
    body = first.get_json()
    assert body == again.get_json()
    assert body["group"] == group_of(groups, pid)
    assert body.keys() >= {"id", "group", "target", "theme", "text", "version"}
    assert body["version"] == 1
    listed = room.client.get(url(room, "recommendations"), headers=room.auth).get_json()
    assert [(r["text"], r["status"], r["votes"]) for r in listed] == [("Se former ensemble", "draft", 0)]


@pytest.mark.parametrize("change, code", [
    ({"target": "everyone"}, "unknown_target"),
    ({"target": None}, "unknown_target"),
    ({"text": " "}, "text_required"),
    ({"text": "x" * 1001}, "text_too_long"),
    ({"theme": "t" * 121}, "theme_too_long"),
    ({"theme": 3}, "invalid_theme"),
])
def test_bad_recommendations_get_a_clear_400_and_store_nothing(room, change, code):
    people, _groups = two_groups(room)
    body = {"client_id": "c1", "target": "institutions", "theme": "Informer", "text": "ok"}
    body.update(change)
    response = room.client.post(url(room, "recommendations"), headers=people[0][1], json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code
    assert room.client.get(url(room, "recommendations"), headers=room.auth).get_json() == []


def test_free_theme_is_accepted(room):
    people, _groups = two_groups(room)
    body = add(room, people[0][1], theme="  Un   thème libre ").get_json()
    assert body["theme"] == "Un thème libre"


def test_participant_outside_any_group_is_refused(room):
    _pid, headers, _ = room.join()
    response = add(room, headers)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_in_group"
    # Before groups exist, latecomer placement does nothing; after forming, it works.
    form(room, size=2)
    assert add(room, headers).status_code == 201


def test_another_groups_recommendation_cannot_be_edited_or_seen(room):
    people, groups = two_groups(room)
    (a, alice), = [(p, h) for p, h in people if p == groups[0]["members"][0]]
    (b, bob), = [(p, h) for p, h in people if p == groups[1]["members"][0]]
    rec = add(room, alice, text="Texte d'Alice").get_json()
    response = room.client.patch(url(room, f"recommendations/{rec['id']}"), headers=bob,
                                 json={"version": 1, "text": "Réécrit par Bob"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_your_group"
    mine = room.client.get(url(room, "my-group"), headers=bob).get_json()
    assert mine["recommendations"] == []
    assert mine["group"]["id"] == groups[1]["id"]
    assert len(mine["group"]["members"]) == len(groups[1]["members"])
    assert [m["me"] for m in mine["group"]["members"]].count(True) == 1
    theirs = room.client.get(url(room, "my-group"), headers=alice).get_json()
    assert [r["text"] for r in theirs["recommendations"]] == ["Texte d'Alice"]


def test_stale_version_is_409_with_both_texts_and_nothing_overwritten(room):
    people, groups = two_groups(room)
    members = [h for p, h in people if p in groups[0]["members"]]
    alice, carol = members[0], members[1]
    rec = add(room, alice, text="Première version").get_json()
    edit_url = url(room, f"recommendations/{rec['id']}")
    first = room.client.patch(edit_url, headers=alice, json={"version": 1, "text": "Version d'Alice"})
    assert first.status_code == 200 and first.get_json()["version"] == 2
    stale = room.client.patch(edit_url, headers=carol, json={"version": 1, "text": "Version de Carol"})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["message"]
    assert error["current"]["text"] == "Version d'Alice" and error["current"]["version"] == 2
    assert error["attempted"] == {"text": "Version de Carol", "version": 1}
    stored = room.client.get(url(room, "recommendations"), headers=room.auth).get_json()
    assert [r["text"] for r in stored] == ["Version d'Alice"]
    merged = room.client.patch(edit_url, headers=carol,
                               json={"version": 2, "text": "Version d'Alice et de Carol"})
    assert merged.status_code == 200 and merged.get_json()["version"] == 3


def test_edit_needs_a_version(room):
    people, groups = two_groups(room)
    rec = add(room, people[0][1]).get_json()
    response = room.client.patch(url(room, f"recommendations/{rec['id']}"), headers=people[0][1],
                                 json={"text": "Sans version"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "version_required"


def test_wall_merge_keep_move_and_votes(room):
    people, groups = two_groups(room)
    by_group = {g["id"]: [h for p, h in people if p in g["members"]] for g in groups}
    g1, g2 = groups[0]["id"], groups[1]["id"]
    one = add(room, by_group[g1][0], text="Former les équipes", target="organisation",
              theme="S'organiser").get_json()
    two = add(room, by_group[g2][0], text="Former les salariés", target="organisation",
              theme="S'organiser").get_json()
    third = add(room, by_group[g2][1], text="Informer les élus", target="institutions",
                theme="Informer").get_json()
    # Closed wall: no votes, and each group sees only its own drafts.
    assert room.client.put(url(room, f"recommendations/{one['id']}/votes"), headers=by_group[g2][0],
                           json={"count": 1}).status_code == 409
    opened = room.client.post(url(room, "wall"), headers=room.auth, json={"open": True, "votes": 2})
    assert opened.get_json() == {"open": True, "votes_per_participant": 2}
    seen = room.client.get(url(room, "my-group"), headers=by_group[g1][0]).get_json()
    assert {r["id"] for r in seen["recommendations"]} == {one["id"], two["id"], third["id"]}

    voter = by_group[g1][1]
    vote = room.client.put(url(room, f"recommendations/{two['id']}/votes"), headers=voter,
                           json={"count": 2})
    assert vote.status_code == 200 and vote.get_json()["recommendation"]["votes"] == 2
    too_many = room.client.put(url(room, f"recommendations/{third['id']}/votes"), headers=voter,
                               json={"count": 1})
    assert too_many.status_code == 409 and too_many.get_json()["error"]["code"] == "no_votes_left"

    merged = room.client.post(url(room, "recommendations/merge"), headers=room.auth,
                              json={"into": one["id"], "ids": [two["id"]]})
    assert merged.status_code == 200
    survivor = merged.get_json()
    assert survivor["text"] == "Former les équipes\nFormer les salariés"
    assert [(o["id"], o["group"], o["text"]) for o in survivor["origins"]] == [
        (one["id"], g1, "Former les équipes"), (two["id"], g2, "Former les salariés")]
    assert survivor["votes"] == 2
    kept = room.client.post(url(room, f"recommendations/{one['id']}/curation"), headers=room.auth,
                            json={"status": "kept", "target": "partners",
                                  "theme": "Travailler en coopération"}).get_json()
    assert (kept["status"], kept["target"], kept["theme"]) == ("kept", "partners",
                                                               "Travailler en coopération")
    listed = {r["id"]: r for r in room.client.get(url(room, "recommendations"),
                                                  headers=room.auth).get_json()}
    assert listed[two["id"]]["status"] == "merged" and listed[two["id"]]["merged_into"] == one["id"]
    assert listed[one["id"]]["votes"] == 2 and listed[two["id"]]["votes"] == 0
    again = room.client.post(url(room, "recommendations/merge"), headers=room.auth,
                             json={"into": third["id"], "ids": [two["id"]]})
    assert again.status_code == 409
    assert room.client.post(url(room, f"recommendations/{one['id']}/curation"), headers=room.auth,
                            json={"target": "nobody"}).status_code == 400


def test_participants_cannot_curate_or_open_the_wall(room):
    people, _groups = two_groups(room)
    rec = add(room, people[0][1]).get_json()
    headers = people[0][1]
    assert room.client.post(url(room, "wall"), headers=headers, json={"open": True}).status_code == 401
    assert room.client.post(url(room, f"recommendations/{rec['id']}/curation"), headers=headers,
                            json={"status": "kept"}).status_code == 401
    assert room.client.post(url(room, "recommendations/merge"), headers=headers,
                            json={"into": rec["id"], "ids": [rec["id"]]}).status_code == 401


def test_locked_room_refuses_new_recommendations(room):
    people, _groups = two_groups(room)
    room.client.post(url(room, "state"), headers=room.auth, json={"locked": True})
    response = add(room, people[0][1])
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "locked"


def test_openapi_lists_groups_and_recommendations(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path in ("/v1/workshops/{code}/groups", "/v1/workshops/{code}/recommendations",
                 "/v1/workshops/{code}/recommendations/{rec_id}", "/v1/workshops/{code}/wall"):
        assert path in paths
