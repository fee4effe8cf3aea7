/* Ensemble — the `activities` part of a snapshot (polls, private writing, feedback form),
 * kept current by room events. Shared by the phone, the projection and the console, which
 * each add what their screen shows on top. */
(function () {
  "use strict";
  var E = (window.Ensemble = window.Ensemble || {});

  /* Apply one room event to `a` (snapshot.activities). fetchTexts(sequenceId) is called
   * when a sequence's writings get revealed (texts never travel in room events). */
  E.applyActivityEvent = function (a, env, fetchTexts) {
    var d = env.data;
    if (env.type === "poll") {
      a.polls = a.polls.map(function (p) { return p.key === d.key && (!p.seq || p.seq < d.seq) ? d : p; });
    } else if (env.type === "writing_count" || env.type === "writing_reveal") {
      var key = String(d.sequence);
      var ws = a.writing.sequences[key] || (a.writing.sequences[key] = { sequence: d.sequence, revealed: false, count: 0 });
      ws.count = d.count;
      if (env.type === "writing_reveal") {
        ws.revealed = d.revealed;
        if (d.revealed) fetchTexts(d.sequence); else delete ws.texts;
      }
    } else if (env.type === "feedback") {
      a.feedback = d;
    } else if (env.type === "feedback_count") {
      a.feedback.answers = d.answers;
    }
  };
})();
