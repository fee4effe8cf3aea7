/* Organiser's booklet screen: an export button starts a background job without leaving
 * the page; its progress is followed (aria-live list) until the file is offered.
 * Curation forms (verbatim, rewording, merges, order, choices) are sent without leaving
 * the page either: the answer's sections replace the page's, the open folds stay open and
 * the keyboard focus comes back to the same control (or to the section's title). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  /* Back from a card's form (…#carte-12): reopen the axis it is in. */
  var target = location.hash && document.getElementById(location.hash.slice(1));
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  if (target) target.scrollIntoView();

  var CURATED = ["pret", "doublons", "axes", "cartes", "recommandations"];
  var status = document.getElementById("curation-status");

  function openFolds(section) {
    return Array.prototype.map.call(section.querySelectorAll("details[open] > summary"),
                                    function (summary) { return summary.textContent; });
  }

  function controlKey(form, button) {
    return form.getAttribute("action") + "|" + (button ? button.name + "=" + button.value : "");
  }

  function findControl(key) {
    var found = null;
    Array.prototype.forEach.call(document.querySelectorAll("form[method=post]"), function (form) {
      var buttons = form.querySelectorAll("button[type=submit]");
      Array.prototype.forEach.call(buttons, function (button) {
        if (!found && controlKey(form, button) === key && !button.disabled) found = button;
      });
    });
    return found;
  }

  function curate(form, button, section) {
    var key = controlKey(form, button);
    var open = {};
    CURATED.forEach(function (id) {
      var here = document.getElementById(id);
      if (here) open[id] = openFolds(here);
    });
    var data = new FormData(form);
    if (button && button.name) data.set(button.name, button.value);
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        /* The server's own page (Jinja-escaped), parsed off-document, then its sections
         * moved in: no user text is ever written as markup here. */
        var fresh = new DOMParser().parseFromString(html, "text/html");
        CURATED.forEach(function (id) {
          var mine = document.getElementById(id), theirs = fresh.getElementById(id);
          if (!mine || !theirs) return;
          var copy = document.importNode(theirs, true);
          Array.prototype.forEach.call(copy.querySelectorAll("details > summary"), function (summary) {
            if ((open[id] || []).indexOf(summary.textContent) >= 0) summary.parentElement.open = true;
          });
          mine.replaceWith(copy);
        });
        var said = Array.prototype.map.call(fresh.querySelectorAll(".flash"),
                                            function (p) { return p.textContent; }).join(" ");
        if (status) { status.textContent = said; status.hidden = !said; }
        var back = findControl(key) || document.querySelector("#" + section + " h2");
        if (back) {
          if (!back.hasAttribute("tabindex") && back.tagName === "H2") back.setAttribute("tabindex", "-1");
          back.focus();
        }
      })
      .catch(function () { form.submit(); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var section = form.closest && form.closest("section");
    if (!section || CURATED.indexOf(section.id) < 0 || form.method.toLowerCase() !== "post") return;
    event.preventDefault();
    curate(form, event.submitter, section.id);
  });

  var list = document.getElementById("export-jobs");
  if (!list) return;
  var statusUrl = list.getAttribute("data-status-url"); /* …/exports/0 */

  function urlOf(id) { return statusUrl.replace(/\/0$/, "/" + id); }

  function render(item, job) {
    item.setAttribute("data-status", job.status);
    var parts = [h("span", { class: "job-label", text: job.label })];
    if (job.status === "done") {
      parts.push(h("a", { class: "button small", href: job.file_url, text: t("download") + " " + job.filename }));
    } else if (job.status === "failed") {
      parts.push(h("span", { class: "field-error", text: t("failed") + " " + job.error }));
    } else {
      parts.push(h("progress", { max: "100", value: String(job.progress), text: job.progress + " %" }));
      parts.push(h("span", { class: "job-percent", text: job.progress + "\u202f%" }));
      parts.push(h("span", { class: "job-state", text: t(job.status === "queued" ? "preparing" : job.status) }));
    }
    if (job.status === "failed") {
      var again = h("button", { type: "button", class: "small", text: t("restart") });
      again.addEventListener("click", function () { start(job.format, again); });
      parts.push(again);
    }
    item.replaceChildren.apply(item, parts);
  }

  function follow(item, id) {
    fetch(urlOf(id), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        render(item, job);
        if (job.status !== "done" && job.status !== "failed") setTimeout(function () { follow(item, id); }, 700);
        else if (job.status === "done") item.querySelector("a").focus();
      })
      .catch(function () { setTimeout(function () { follow(item, id); }, 2000); });
  }

  Array.prototype.forEach.call(list.querySelectorAll("li[data-job]"), function (item) {
    var status = item.getAttribute("data-status");
    if (status !== "done" && status !== "failed") follow(item, item.getAttribute("data-job"));
  });

  var form = document.getElementById("export-form");
  var problem = document.getElementById("export-error");

  /* 409 booklet_not_ready: say why, with each placeholder found. */
  function refused(error) {
    var lines = [error.message].concat((error.warnings || []).filter(function (w) { return w.blocking; })
                                         .map(function (w) { return w.message; }));
    problem.textContent = lines.join(" ");
    problem.hidden = false;
  }

  function start(format, button) {
    var data = new FormData(form);
    data.set("format", format);
    button.disabled = true;
    problem.hidden = true;
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { refused(body.error || { message: t("error") }); return null; }
          return body;
        });
      })
      .then(function (job) {
        if (!job) return;
        var none = document.getElementById("no-jobs");
        if (none) none.remove();
        var item = h("li", { dataset: { job: String(job.id) } });
        list.insertBefore(item, list.firstChild);
        render(item, job);
        follow(item, job.id);
      })
      .catch(function () { refused({ message: t("error") }); })
      .then(function () { button.disabled = false; });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || form.querySelector("button[name=format]");
      start(button.value, button);
    });
  }
})();
