/* The room: the workshop (title, axes), where the agenda is (`state`: day, sequence,
 * activity, axis, locked, view…), the timer, the restitution's current screen and, for
 * screens, who is in (`presence`, from the snapshot; then the `presence` messages) and,
 * for staff, who came each day (`attendance`). The change for `state` carries `previous`,
 * so screens can say what changed; `agenda` says the organiser edited the programme. */
import { Store } from "./store.js";

export class RoomStore extends Store {
  static events = { state: null, workshop: null, timer: null, restitution: null, attendance: null, agenda: null };

  reset(snapshot) {
    this.workshop = snapshot.workshop;
    this.timer = snapshot.timer || null;
    this.restitution = snapshot.restitution || null;
    this.presence = snapshot.presence || null;
    this.attendance = snapshot.attendance || [];
  }

  get state() { return this.workshop.state; }

  on_state(state) {
    const previous = this.state;
    this.workshop = { ...this.workshop, state };
    return { previous };
  }

  on_attendance({ days }) {
    this.attendance = days;
  }

  axis() {
    return this.workshop.axes.find((axis) => axis.id === this.state.axis) || null;
  }
}
