// The page's texts in both languages, fetched once from /api/i18n (the same catalog as the CLI).
const messages = { en: {}, zh: {} };
let lang = "en";
const listeners = [];

export function setMessages(all) {
  Object.assign(messages, all);
}

export function currentLang() {
  return lang;
}

/** The text for `key` in the current language, with {name} fields filled in. */
export function t(key, fields = {}) {
  const text = messages[lang][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? String(fields[name]) : whole));
}

/** The text for `key` as a list of strings and nodes: {name} fields may be DOM elements (for append). */
export function fill(key, fields = {}) {
  const text = messages[lang][key] ?? messages.en[key] ?? key;
  return text.split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part;
    if (!(part in fields)) return `{${part}}`;
    const value = fields[part];
    return value instanceof Node ? value : String(value);
  });
}

export function applyTexts(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

export function setLang(next) {
  lang = next === "zh" ? "zh" : "en";
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = t("web.title");
  applyTexts();
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener) {
  listeners.push(listener);
}
