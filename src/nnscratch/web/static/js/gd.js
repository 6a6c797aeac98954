// 2. Gradient descent (梯度下降演示): paths of GD, SGD and momentum over the contour map of J(w).
import { debounce, latestOnly, lazySection, showStatus } from "./api.js";
import { COLORS, arrowHead, dot, drawContours, fmt, font, lineChart, plotArea, remPx } from "./charts.js";
import { fill, t } from "./i18n.js";

const METHODS = ["gd", "sgd", "momentum"];

export function createGradientDescent(root) {
  const form = root.querySelector("#gd-form");
  const request = latestOnly("/api/gd");
  const results = root.querySelector("#gd-results");
  let start = [-2, 3];
  let answer = null;
  let contourArea = null;

  // The slider moves in steps of 0.05 in log10(α); a "Try α =" button sets α exactly, until the slider moves.
  let exactLr = null;
  const lr = () => exactLr ?? Number((10 ** Number(form.elements.lr_log.value)).toPrecision(2));

  function showOutputs() {
    const f = form.elements;
    f.lr_out.value = lr();
    f.steps_out.value = f.steps.value;
    f.momentum_out.value = Number(f.momentum.value).toFixed(2);
    f.batch_size_out.value = f.batch_size.value;
    f.noise_out.value = Number(f.noise.value).toFixed(1);
  }

  async function compute() {
    const f = form.elements;
    try {
      const data = await request({
        lr: lr(), steps: Number(f.steps.value), start, momentum: Number(f.momentum.value),
        batch_size: Number(f.batch_size.value), noise: Number(f.noise.value),
        seed: Math.max(0, Math.floor(Number(f.seed.value) || 0)),
      });
      if (!data) return;
      answer = data;
      draw();
    } catch (err) {
      results.replaceChildren();
      const li = document.createElement("li");
      li.className = "error";
      showStatus(li, t("web.error", { message: err.message }), "error");
      results.append(li);
    }
  }

  function draw() {
    if (!answer) return;
    drawMap();
    drawCurve();
    drawData();
    drawResults();
  }

  function drawMap() {
    const g = answer.grid;
    const a = plotArea(root.querySelector("#gd-contour"), {
      x: [g.w1[0], g.w1[g.w1.length - 1]], y: [g.w2[0], g.w2[g.w2.length - 1]], xlabel: "w₁", ylabel: "w₂",
    });
    if (!a) return;
    contourArea = a;
    // levels spaced evenly in ln J above the minimum: fine rings near it, wide ones far out
    const jmin = answer.optimum.J;
    const jmax = Math.max(...g.J.flat().filter(Number.isFinite));
    const levels = [];
    for (let k = 1; k <= 14; k++) levels.push(jmin + (jmax - jmin) * ((Math.exp((k / 14) * 3) - 1) / (Math.exp(3) - 1)) * 0.98);
    drawContours(a, g.w1, g.w2, g.J, levels);
    a.axes({ grid: false });
    const { ctx } = a;
    a.clip();
    for (const m of METHODS) {
      const path = answer.paths[m].w;
      ctx.strokeStyle = COLORS[m];
      ctx.fillStyle = COLORS[m];
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      path.forEach(([x, y], i) => (i ? ctx.lineTo(a.px(x), a.py(y)) : ctx.moveTo(a.px(x), a.py(y))));
      ctx.stroke();
      const r = Math.max(2, remPx() * 0.15);
      for (const [x, y] of path) dot(ctx, a.px(x), a.py(y), r, COLORS[m], null);
      const n = path.length;
      if (n > 1) arrowHead(ctx, a.px(path[n - 2][0]), a.py(path[n - 2][1]), a.px(path[n - 1][0]), a.py(path[n - 1][1]), remPx() * 0.6);
    }
    const [ox, oy] = answer.optimum.w;
    ctx.fillStyle = COLORS.ink;
    ctx.font = font(0.8, "bold");
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    dot(ctx, a.px(ox), a.py(oy), remPx() * 0.35, "#fff", COLORS.bad, 3);
    ctx.fillStyle = COLORS.bad;
    ctx.fillText(t("web.gd.minimum"), a.px(ox) + 10, a.py(oy) - 4);
    dot(ctx, a.px(start[0]), a.py(start[1]), remPx() * 0.4, COLORS.ink, "#fff", 2);
    ctx.fillStyle = COLORS.ink;
    ctx.fillText(`${t("web.gd.start")} w⁰`, a.px(start[0]) + 10, a.py(start[1]) - 4);
    ctx.restore();
  }

  function drawCurve() {
    const series = METHODS.map((m) => ({
      points: answer.paths[m].J.map((j, k) => [k, j]),
      color: COLORS[m],
      label: t(`web.gd.m.${m}`),
    }));
    const floor = answer.optimum.J;
    series.push({ points: [[0, floor], [answer.paths.gd.J.length - 1, floor]], color: COLORS.bad, dash: [4, 4], width: 1.5 });
    lineChart(root.querySelector("#gd-curve"), { series, xlabel: t("web.gd.step_axis"), ylabel: "J(w)/N", logY: true });
  }

  function drawData() {
    const pts = answer.points;
    const lim = Math.max(...pts.map((p) => Math.max(Math.abs(p[0]), Math.abs(p[1])))) * 1.05;
    const a = plotArea(root.querySelector("#gd-data"), { x: [-lim, lim], y: [-lim, lim], xlabel: "x₁", ylabel: "x₂", equal: true });
    if (!a) return;
    a.axes();
    const { ctx } = a;
    a.clip();
    const r = Math.max(2.5, remPx() * 0.22);
    for (const [x, y, c] of pts) dot(ctx, a.px(x), a.py(y), r, c ? COLORS.class1 : COLORS.class0, "#fff", 1);
    // each method's boundary w1 x1 + w2 x2 = 0 (b = 0): the line through 0 perpendicular to w
    for (const m of METHODS) {
      const path = answer.paths[m].w;
      const [w1, w2] = path[path.length - 1];
      if (!Number.isFinite(w1) || !Number.isFinite(w2) || (w1 === 0 && w2 === 0)) continue;
      const L = lim * 3;
      ctx.strokeStyle = COLORS[m];
      ctx.lineWidth = 3;
      ctx.setLineDash(m === "sgd" ? [8, 5] : m === "momentum" ? [2, 4] : []);
      ctx.beginPath();
      ctx.moveTo(a.px(-w2 * L), a.py(w1 * L));
      ctx.lineTo(a.px(w2 * L), a.py(-w1 * L));
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.restore();
  }

  function drawResults() {
    results.replaceChildren();
    for (const m of METHODS) {
      const p = answer.paths[m];
      const li = document.createElement("li");
      li.dataset.method = m;
      li.dataset.verdict = p.verdict;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = COLORS[m];
      const text = document.createElement("span");
      const verdict = document.createElement("span");
      verdict.className = `verdict-${p.verdict}`;
      verdict.textContent = t(`web.gd.v.${p.verdict}`);
      // the catalog's sentence, with the verdict as a coloured element inside it
      text.append(...fill("web.gd.result", { method: t(`web.gd.m.${m}`), verdict, J: fmt(p.J[p.J.length - 1]) }));
      li.append(swatch, text);
      results.append(li);
    }
  }

  const computeSoon = debounce(compute, 120);
  form.addEventListener("input", (e) => {
    if (e.target.name === "lr_log") exactLr = null;
    showOutputs();
    computeSoon();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  for (const b of form.querySelectorAll("button[data-lr]")) {
    b.addEventListener("click", () => {
      form.elements.lr_log.value = Math.log10(Number(b.dataset.lr));
      exactLr = Number(b.dataset.lr);
      showOutputs();
      compute();
    });
  }
  root.querySelector("#gd-contour").addEventListener("click", (e) => {
    if (!contourArea) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const [x, y] = contourArea.inv(e.clientX - rect.left, e.clientY - rect.top);
    start = [Number(x.toFixed(2)), Number(y.toFixed(2))].map((v) => Math.max(-50, Math.min(50, v)));
    compute();
  });

  return lazySection(compute, draw, showOutputs);
}
