// 4. Maximum likelihood (极大似然估计): the urn's likelihood, its logarithm, and the probability function.
import { debounce, latestOnly, lazySection, showStatus } from "./api.js";
import { COLORS, barChart, fmt, lineChart } from "./charts.js";
import { t } from "./i18n.js";

export function createLikelihood(root) {
  const form = root.querySelector("#mle-form");
  const f = form.elements;
  const request = latestOnly("/api/mle");
  const el = (id) => root.querySelector(id);
  const MAX_N = Number(f.n.max);
  let answer = null;
  let lastN = Number(f.n.value);
  // The k the student chose with the slider. Typing n = 200 passes through n = 2 and 20: k is shown
  // as min(k chosen, n) meanwhile, so it is not lost at each keystroke.
  let kChosen = Number(f.k.value);

  /** The inputs, or null while n is not a whole number in [1, MAX_N] (then the error says so). */
  function readInputs() {
    const typed = f.n.value.trim();
    const n = Number(typed);
    const valid = typed !== "" && Number.isInteger(n) && n >= 1 && n <= MAX_N;
    f.n.setAttribute("aria-invalid", valid ? "false" : "true");
    showStatus(el("#mle-n-error"), valid ? "" : t("web.mle.n_invalid", { max: MAX_N, n: lastN }), valid ? "" : "error");
    if (valid) lastN = n;
    f.k.max = lastN;
    f.k.value = Math.min(kChosen, lastN);
    f.k_out.value = f.k.value;
    f.p_out.value = Number(f.p.value).toFixed(2);
    return valid ? { n: lastN, k: Number(f.k.value), p: Number(f.p.value) } : null;
  }

  async function compute() {
    const inputs = readInputs();
    if (!inputs) return;
    try {
      const data = await request(inputs);
      if (!data) return;
      answer = data;
      draw();
    } catch (err) {
      showStatus(el("#mle-estimate"), t("web.error", { message: err.message }), "error");
    }
  }

  function draw() {
    if (!answer) return;
    const a = answer;
    const pHat = a.estimate;
    el("#mle-estimate").className = "big";
    el("#mle-estimate").textContent = t("web.mle.estimate", { p: fmt(pHat, 4), numeric: fmt(a.numeric_estimate, 6), L: fmt(a.likelihood, 4) });
    el("#mle-estimate").dataset.estimate = pHat;
    const stationary = a.stationary_points.map((s) => fmt(s.p, 3));
    el("#mle-stationary").textContent = a.k === 0 || a.k === a.n
      ? t("web.mle.boundary", { p: fmt(pHat) })
      : t("web.mle.stationary", { points: stationary.join(", ") });

    const ps = a.curves.p;
    const marks = a.stationary_points.map((s) => ({
      x: s.p, y: s.likelihood, color: s.kind === "maximum" ? COLORS.bad : COLORS.muted,
      label: s.kind === "maximum" ? `p̂ = ${fmt(s.p)}` : `p = ${fmt(s.p)}`,
    }));
    if (!marks.some((m) => m.color === COLORS.bad)) marks.push({ x: pHat, y: a.likelihood, color: COLORS.bad, label: `p̂ = ${fmt(pHat)}` });
    lineChart(el("#mle-L"), {
      series: [{ points: ps.map((p, i) => [p, a.curves.L[i]]), color: COLORS.class1 }],
      xlabel: "p", ylabel: "L(p)", x: [0, 1], legend: false, markers: marks,
    });
    // ln L falls to -inf at the ends: show the 40 units below its maximum, where the shape is
    const top = a.log_likelihood;
    lineChart(el("#mle-lnL"), {
      series: [{ points: ps.map((p, i) => [p, a.curves.lnL[i]]), color: COLORS.class1 }],
      xlabel: "p", ylabel: "ln L(p)", x: [0, 1], y: [top - 40, top + 2], legend: false,
      markers: [{ x: pHat, y: top, color: COLORS.bad, label: `p̂ = ${fmt(pHat)}` }],
    });

    el("#mle-prob-title").textContent = t("web.mle.prob_title", { p: fmt(a.p) }) +
      (a.probabilities ? "" : ` ${t("web.mle.prob_too_many", { max: 400 })}`);
    if (a.probabilities) {
      barChart(el("#mle-prob"), {
        values: a.probabilities, labels: a.probabilities.map((_, k) => k), highlight: a.k,
        xlabel: `k (n = ${a.n})`, ylabel: `P(k | n, p = ${fmt(a.p)})`,
      });
    } else {
      const c = el("#mle-prob");
      c.getContext("2d").clearRect(0, 0, c.width, c.height);
    }
    const [q1, q2] = a.homework;
    el("#mle-hw1").textContent = t("web.mle.hw1", { n: a.n, k: a.k });
    el("#mle-hw2").textContent = t("web.mle.hw2", { p_pct: fmt(100 * a.p) });
    const answers = root.querySelectorAll(".homework .answer");
    answers[0].textContent = t(`web.mle.answer.${q1.answer}`, { value: fmt(q1.value) });
    answers[1].textContent = t(`web.mle.answer.${q2.answer}`, { value: fmt(q2.value) });
  }

  const computeSoon = debounce(compute, 80);
  form.addEventListener("input", (e) => {
    if (e.target === f.k) kChosen = Number(f.k.value);
    readInputs();
    computeSoon();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  for (const button of root.querySelectorAll(".homework .reveal")) {
    button.addEventListener("click", () => {
      const answerEl = button.nextElementSibling;
      answerEl.hidden = !answerEl.hidden;
    });
  }

  return lazySection(compute, draw, readInputs);
}
