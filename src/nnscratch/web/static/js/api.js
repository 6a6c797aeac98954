// Requests to the server. Every request says the page's language (X-Lang), so the server's
// errors ({"error": message, "key": ..., "param": ...}) come back in it.
import { currentLang, t } from "./i18n.js";

export class ApiError extends Error {
  constructor(message, status, key = null) {
    super(message);
    this.status = status;
    this.key = key;
  }
}

async function send(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(t("web.offline"), 0);
  }
  let data;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, response.status);
  }
  if (!response.ok) throw new ApiError(data.error || `HTTP ${response.status}`, response.status, data.key || null);
  return data;
}

export function getJSON(url) {
  return send(url, { headers: { Accept: "application/json", "X-Lang": currentLang() } });
}

export function postJSON(url, body, extra = {}) {
  return send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-Lang": currentLang() },
    body: JSON.stringify(body),
    ...extra,
  });
}

/** A poster whose answers are dropped when a newer request was sent meanwhile (sliders fire fast). */
export function latestOnly(url) {
  let sequence = 0;
  return async (body) => {
    const mine = ++sequence;
    const data = await postJSON(url, body);
    return mine === sequence ? data : null;
  };
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Show an error (or clear it) in a status element. */
export function showStatus(el, message, kind = "") {
  el.textContent = message || "";
  el.className = `status ${kind}`.trim();
}

// A section that computes when first shown and afterwards only redraws (on show, resize, language switch).
export function lazySection(first, draw, beforeShow = () => {}) {
  let started = false;
  return {
    show() {
      beforeShow();
      if (!started) {
        started = true;
        first();
      } else draw();
    },
    redraw: draw,
    relabel: draw,
  };
}
