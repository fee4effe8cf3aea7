/* Polls, private writing and the feedback form: the snapshot's `activities` part.
 * Writings' texts never travel in room events: when a sequence's texts are revealed the
 * change says `fetchTexts`, and the screen asks for them (`writing:texts`), then gives
 * them back with setTexts. */
import { Store, newer } from "./store.js";

export class ActivitiesStore extends Store {
  static events = { poll: "key", sequence: "id", writing_count: "sequence", writing_reveal: "sequence",
                    feedback: null, feedback_count: null };

  reset(snapshot) {
    const part = snapshot.activities || {};
    this.sequences = part.sequences || {};
    this.polls = new Map((part.polls || []).map((poll) => [poll.key, poll]));
    this.myVotes = { ...(part.my_votes || {}) };
    this.writing = { sequences: { ...(part.writing?.sequences || {}) }, mine: part.writing?.mine || [] };
    this.feedback = part.feedback || { available: false };
  }

  on_poll(poll) {
    const previous = this.polls.get(poll.key);
    if (newer(previous, poll)) this.polls.set(poll.key, poll);
    return { previous };
  }

  /* A sequence made from the console after the snapshot. */
  on_sequence(sequence) {
    this.sequences[String(sequence.id)] = sequence;
  }

  on_writing_count({ sequence, count }) {
    this.writingOf(sequence).count = count;
  }

  on_writing_reveal({ sequence, count, revealed }) {
    const state = this.writingOf(sequence);
    state.count = count;
    state.revealed = revealed;
    if (!revealed) delete state.texts;
    return { fetchTexts: revealed ? sequence : null };
  }

  on_feedback_count({ answers }) {
    this.feedback = { ...this.feedback, answers };
  }

  writingOf(sequence) {
    const key = String(sequence);
    this.writing.sequences[key] ||= { sequence, revealed: false, count: 0 };
    return this.writing.sequences[key];
  }

  setTexts(sequence, texts) {
    const state = this.writingOf(sequence);
    if (!state.revealed) return;
    state.texts = texts;
    this.notify({ type: "writing_texts", data: { sequence } });
  }

  /* Sequences revealed whose texts this screen does not have yet. */
  missingTexts() {
    return Object.values(this.writing.sequences).filter((s) => s.revealed && !s.texts).map((s) => s.sequence);
  }

  sequence(id) {
    return this.sequences[String(id)] || null;
  }

  poll(key) {
    return this.polls.get(key) || null;
  }

  myWriting(sequence) {
    return this.writing.mine.find((w) => w.sequence === sequence) || null;
  }

  /* Acknowledgements of the person's own answers. */
  setVote(key, choices) {
    this.myVotes[key] = choices;
    this.acknowledge({ data: { poll: key } });
  }

  setWriting(sequence, writing) {
    this.writing.mine = this.writing.mine.filter((w) => w.sequence !== sequence);
    if (writing && writing.text) this.writing.mine.push(writing);
    this.acknowledge({ data: { sequence } });
  }
}
