/* Mixed groups, the recommendations a screen may see, the wall and dots.
 * Until the wall opens a phone sees its own group's drafts only; once it opens, every
 * recommendation that is not merged into another. The room's `groups` event says each
 * group's size, never who is in it: its change says `regroup` when the groups were
 * re-formed or the phone's own group changed (name, place, size; for a phone in no group,
 * the total): the phone then asks `group:mine` and gives the answer to loadMine. The
 * staff's list keeps its members (ids) until `groups:list` answers. */
import { Store, newer } from "./store.js";

export class GroupsStore extends Store {
  constructor({ viewer = "participant" } = {}) {
    super();
    this.viewer = viewer;
  }

  static events = { groups: null, recommendation: "id", wall: null };

  reset(snapshot) {
    this.groups = snapshot.groups || [];
    this.targets = snapshot.targets || [];
    this.people = snapshot.people || [];
    this.loadMine(snapshot);
  }

  /* The snapshot, or the answer to `group:mine`. */
  loadMine(data) {
    this.myGroup = data.my_group || null;
    if (data.groups) this.groups = data.groups;
    if (data.wall) this.wall = { open: data.wall.open, votes_per_participant: data.wall.votes_per_participant };
    this.wall ||= { open: false, votes_per_participant: 0 };
    this.myVotes = { ...(data.my_votes || {}) };
    this.recommendations = new Map();
    for (const rec of data.recommendations || []) this.recommendations.set(rec.id, rec);
  }

  on_groups({ groups, formed }) {
    if (this.viewer === "staff") {
      const known = new Map(this.groups.map((g) => [g.id, g.members]));
      this.groups = groups.map((g) => ({ ...g, members: known.get(g.id) || [] }));
      return {};
    }
    const before = this.groupKey(this.groups);
    this.groups = groups;
    return { regroup: this.viewer === "participant" && (formed || this.groupKey(groups) !== before) };
  }

  on_recommendation(rec) {
    this.keep(rec);
  }

  on_wall(data) {
    const opened = data.open && !this.wall.open;
    this.wall = { open: data.open, votes_per_participant: data.votes_per_participant };
    if (this.viewer !== "staff") {
      for (const rec of this.recommendations.values()) if (!this.ours(rec)) this.recommendations.delete(rec.id);
    }
    for (const rec of data.recommendations || []) this.keep(rec);
    return { opened };
  }

  /* What of the room's groups tells this phone its group changed. */
  groupKey(list) {
    if (!this.myGroup) return String(list.reduce((sum, g) => sum + g.size, 0));
    const group = list.find((g) => g.id === this.myGroup.id);
    return group ? `${group.name}|${group.place}|${group.size}` : "";
  }

  ours(rec) {
    return Boolean(this.myGroup) && rec.group === this.myGroup.id;
  }

  /* A recommendation from an event or an acknowledgement. */
  keep(rec) {
    if (!newer(this.recommendations.get(rec.id), rec)) return;
    const visible = this.viewer === "staff" || this.ours(rec) || (this.wall.open && rec.status !== "merged");
    if (visible) this.recommendations.set(rec.id, rec);
    else this.recommendations.delete(rec.id);
  }

  setMyVotes(votes) {
    this.myVotes = { ...votes };
  }

  list(filter) {
    return [...this.recommendations.values()].filter(filter)
      .sort((a, b) => (a.position - b.position) || (a.id - b.id));
  }

  target(key) {
    return this.targets.find((target) => target.key === key) || { key, title: key, themes: [] };
  }

  groupName(id) {
    return this.groups.find((group) => group.id === id)?.name ?? null;
  }
}
