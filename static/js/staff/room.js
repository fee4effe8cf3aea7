/* A staff screen's room (console, projection): the four domain stores, filled by one
 * connection (core/live.js). A writing's texts never travel in room events: once they are
 * revealed, this asks for them. */
import { Live } from "../core/live.js";
import { ActivitiesStore } from "../store/activities.js";
import { BoardStore } from "../store/board.js";
import { GroupsStore } from "../store/groups.js";
import { RoomStore } from "../store/room.js";

export function staffRoom(auth, handlers) {
  const staff = auth.role === "staff";
  const app = {
    room: new RoomStore(),
    board: new BoardStore({ showHidden: staff }),
    activities: new ActivitiesStore(),
    groups: new GroupsStore({ viewer: staff ? "staff" : "projection" }),
  };
  const stores = [app.room, app.board, app.activities, app.groups];
  app.live = new Live(auth, { stores, ...handlers });
  const fetchTexts = (sequence) => app.live.emit("writing:texts", { sequence }).then((ack) => {
    if (ack.ok) app.activities.setTexts(sequence, ack.texts);
  }, () => { /* the next snapshot asks again */ });
  app.activities.subscribe((change) => {
    if (change.fetchTexts) fetchTexts(change.fetchTexts);
    if (change.snapshot) app.activities.missingTexts().forEach(fetchTexts);
  });
  return app;
}
