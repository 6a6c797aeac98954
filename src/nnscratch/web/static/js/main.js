// The page: language, navigation between the six chapters, and resizing.
import { debounce, getJSON } from "./api.js";
import { currentLang, onLangChange, setLang, setMessages, t } from "./i18n.js";
import { createPlayground } from "./playground.js";
import { createGradientDescent } from "./gd.js";
import { createPerceptron } from "./perceptron.js";
import { createLikelihood } from "./mle.js";
import { createBackprop } from "./backprop.js";
import { createDigits } from "./digits.js";

const SECTIONS = {
  playground: createPlayground,
  gd: createGradientDescent,
  perceptron: createPerceptron,
  mle: createLikelihood,
  backprop: createBackprop,
  digits: createDigits,
};
const LANG_KEY = "nnscratch.lang";

function chosenLang(serverDefault) {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl === "zh" || fromUrl === "en") return fromUrl;
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === "zh" || stored === "en") return stored;
  } catch {
    // storage may be disabled; the server's default then decides
  }
  return serverDefault;
}

function showBanner(message) {
  const banner = document.getElementById("banner");
  banner.textContent = message || "";
  banner.hidden = !message;
}

async function start() {
  let config, texts;
  try {
    [config, texts] = await Promise.all([getJSON("/api/config"), getJSON("/api/i18n")]);
  } catch (err) {
    showBanner(err.message);
    return;
  }
  setMessages(texts.messages);
  const sections = {};
  for (const [id, create] of Object.entries(SECTIONS)) sections[id] = create(document.getElementById(id), { config });
  let current = null;

  function route() {
    const id = location.hash.slice(1) in sections ? location.hash.slice(1) : "playground";
    for (const [key, section] of Object.entries(sections)) {
      const el = document.getElementById(key);
      el.hidden = key !== id;
      if (key !== id && key === current) section.hide?.();
    }
    for (const a of document.querySelectorAll(".tabs a")) a.classList.toggle("active", a.getAttribute("href") === `#${id}`);
    current = id;
    // the hash would scroll the section's title under the sticky header: always start at the top
    window.scrollTo(0, 0);
    sections[id].show();
  }

  function switchLang(lang) {
    setLang(lang);
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // not remembered across visits then; the switch still works
    }
    const url = new URL(location.href);
    url.searchParams.set("lang", lang);
    history.replaceState(null, "", url);
  }

  onLangChange((lang) => {
    for (const b of document.querySelectorAll(".langs button")) b.classList.toggle("active", b.dataset.lang === lang);
    if (current) sections[current].relabel();
  });
  for (const b of document.querySelectorAll(".langs button")) b.addEventListener("click", () => switchLang(b.dataset.lang));
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", debounce(() => current && sections[current].redraw(), 120));
  window.addEventListener("nnscratch:offline", (e) => showBanner(e.detail || t("web.offline")));
  window.addEventListener("nnscratch:online", () => showBanner(""));
  setLang(chosenLang(config.lang));
  route();
  document.body.dataset.ready = currentLang();
}

start();
