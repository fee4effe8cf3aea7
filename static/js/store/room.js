/* The room: the workshop (title, axes), where the agenda is (`state`: day, sequence,
 * activity, axis, locked, view…), the timer and the restitution's current screen.
 * The change for `state` carries `previous`, so screens can say what changed. */
import { Store } from "./store.js";

export class RoomStore extends Store {
  static events = { state: null, workshop: null, timer: null, restitution: null };

  reset(snapshot) {
    this.workshop = snapshot.workshop;
    this.timer = snapshot.timer || null;
    this.restitution = snapshot.restitution || null;
    this.me = snapshot.me || null;
  }

  get state() { return this.workshop.state; }

  on_state(data) {
    const previous = this.workshop.state;
    this.workshop = { ...this.workshop, state: data };
    return { previous };
  }

  on_workshop(data) {
    const previous = this.workshop.state;
    this.workshop = data;
    return { previous };
  }

  on_timer(data) {
    const previous = this.timer;
    this.timer = data;
    return { previous };
  }

  on_restitution(data) {
    this.restitution = data;
  }

  axis() {
    return this.workshop.axes.find((axis) => axis.id === this.state.axis) || null;
  }
}
