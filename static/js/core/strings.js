/* The page's strings, in the person's language: every <script type="application/json"
 * data-strings="…"> block rendered by Flask-Babel (and the page's id="strings" block), read
 * once. A block without a name is the page's common table; a named one (data-strings="groups")
 * a domain's, looked up first by translator("groups"). Placeholders are written {n} (Jinja's
 * gettext formats %(n)s itself). */

let tables = null;

function read() {
  tables = new Map();
  for (const node of document.querySelectorAll("script[type='application/json'][data-strings], script#strings")) {
    const name = node.dataset.strings || "";
    tables.set(name, Object.assign(tables.get(name) || {}, JSON.parse(node.textContent)));
  }
}

function format(text, params) {
  return Object.entries(params || {}).reduce((out, [name, value]) => out.replaceAll(`{${name}}`, String(value)), text);
}

export function translator(domain = "") {
  return (key, params) => {
    if (tables === null) read();
    const own = tables.get(domain) || {};
    const common = tables.get("") || {};
    const text = Object.hasOwn(own, key) ? own[key] : Object.hasOwn(common, key) ? common[key] : key;
    return format(text, params);
  };
}

export const t = translator();

/* The language of the format's texts (axes, sequences, questions, polls) when it is not the
 * page's, else null: an element showing them carries it (h(tag, {lang: contentLang()})), so
 * a screen reader in English mode reads them in French. */
export function contentLang() {
  const lang = document.documentElement.dataset.contentLang || "fr";
  return lang === pageLocale() ? null : lang;
}

/* The page's language (<html lang>), for dates and numbers: the chosen one, not the phone's. */
export function pageLocale() {
  return document.documentElement.lang || "fr";
}

/* A count in words, in the page's language: `key_one` or `key_other` from the strings
 * (both rendered with Flask-Babel's ngettext), chosen by the language's plural rule
 * (French: 0 and 1 are singular). */
export function plural(translate, key, n, params = {}) {
  return translate(`${key}_${new Intl.PluralRules(pageLocale()).select(n) === "one" ? "one" : "other"}`, { n, ...params });
}

/* The start of a person's text in a label or a message: whole words, and « … » when cut. */
export function excerpt(text, max = 40) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).replace(/\s+\S*$/, "");
  return `${(cut || text.slice(0, max)).trimEnd()}…`;
}
