/* The join form: a few words about the person (type of organisation, profession…), each
 * error tied to its field (aria-describedby, aria-invalid until fixed). */
import { load, save } from "../core/storage.js";
import { t } from "../core/strings.js";

const PROFILE_KEY = "ensemble:profile";
const CHOICES = ["organisation_type", "profession"];

export function joinForm(code, onJoined) {
  const form = document.getElementById("join-form");
  const field = (name) => form.elements[name];
  const error = (name) => document.getElementById(name ? `${name}-error` : "join-error");

  function toggleOther(name) {
    form.querySelector(`.other[data-for="${name}"]`).hidden = field(name).value !== "autre";
  }

  function choiceValue(name) {
    const value = field(name).value;
    if (value !== "autre") return value;
    const detail = document.getElementById(`${name}_other`).value.trim();
    return detail ? `autre:${detail}` : "autre";
  }

  function organisationRequired() {
    field("organisation").required = field("organisation_type").value !== "personne_concernee";
  }

  function clearError(name) {
    field(name).removeAttribute("aria-invalid");
    error(name).hidden = true;
  }

  /* Said under its field, which gets the focus (the message is the template's); without a
   * field, above the form. */
  function fail(name, message = error(name).dataset.message) {
    error(name).textContent = message;
    error(name).hidden = false;
    if (name) field(name).setAttribute("aria-invalid", "true");
    (name ? field(name) : error(name)).focus();
  }

  for (const name of CHOICES) {
    field(name).addEventListener("change", () => { toggleOther(name); organisationRequired(); clearError(name); });
  }
  field("organisation").addEventListener("input", () => clearError("organisation"));
  field("organisation_type").addEventListener("change", () => clearError("organisation"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error(null).hidden = true;
    // what the markup requires (organisation: unless one comes as « personne concernée »)
    const invalid = [...CHOICES, "organisation"].find((name) => !field(name).checkValidity());
    if (invalid) { fail(invalid); return; }
    // the named fields (organisation, display_name and the choices, with their detail for « autre »)
    const body = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, value.trim()]));
    for (const name of CHOICES) body[name] = choiceValue(name);
    save(PROFILE_KEY, body);
    fetch(`/api/v1/workshops/${encodeURIComponent(code)}/participants`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    }).then((response) => response.json().then((data) => ({ ok: response.ok, data })))
      .then(({ ok, data }) => {
        if (!ok) { fail(null, data.error.message); return; }
        onJoined({ token: data.token, id: data.id });
      }, () => fail(null, t("join_failed")));
  });

  /* Show the form, filled with what this phone answered last time (any workshop). */
  return function showJoin() {
    const profile = load(PROFILE_KEY, null);
    if (profile) {
      field("organisation").value = profile.organisation || "";
      field("display_name").value = profile.display_name || "";
      for (const name of CHOICES) {
        const [value, detail] = (profile[name] || "").split(/:(.*)/);
        field(name).value = value;
        if (detail) document.getElementById(`${name}_other`).value = detail;
        toggleOther(name);
      }
    }
    organisationRequired();
  };
}
