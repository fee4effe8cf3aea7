/* The feedback page, a plain form that works without scripts. With scripts, the answers go
 * in the background; when the network is down they wait on this phone (localStorage) and go
 * as soon as it is back. Sending them again changes nothing: the server keeps one set of
 * answers per phone (its cookie), the last one. */
import { forget, load, save } from "../core/storage.js";

const KEY = `ensemble:feedback:${location.pathname}`;
const RETRY_MS = 5000;
let sending = false;

function send() {
  const answers = load(KEY, null);
  if (!answers || sending) return;
  sending = true;
  fetch(location.pathname, { method: "POST", body: new URLSearchParams(answers), credentials: "same-origin" })
    .then((response) => response.text().then((html) => {
      if (response.status >= 500) throw new Error(String(response.status));
      forget(KEY);
      // The server's page, as a plain submission would show it (saved, or what to complete);
      // its message takes the focus, so it is seen and said (the button it replaced had it).
      const page = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      document.querySelector("main").replaceChildren(...page.childNodes);
      const said = document.querySelector("main [role=alert]")
        ?? document.querySelector("main .flash:not([hidden])");
      if (said) { said.tabIndex = -1; said.focus(); }
      watch();
    }))
    .catch(() => { document.getElementById("feedback-waiting")?.removeAttribute("hidden"); })
    .finally(() => { sending = false; });
}

function watch() {
  const form = document.querySelector("form.feedback-form");
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    save(KEY, [...new FormData(form)]);
    send();
  });
}

watch();
window.addEventListener("online", send);
setInterval(send, RETRY_MS);
send();
