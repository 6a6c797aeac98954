// 5. Backpropagation (反向传播): the lecture's 3-4-2 network, every z, a, δ and gradient on the diagram,
// each gradient beside its finite-difference check. The server computes; this draws.
import { lazySection, postJSON, showStatus } from "./api.js";
import { COLORS, fmt, lineChart } from "./charts.js";
import { t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const SUB = "₀₁₂₃₄₅₆₇₈₉";
const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sub = (n) => String(n).split("").map((d) => SUB[d]).join("");
const sup = (l) => `⁽${String(l).split("").map((d) => SUP[d]).join("")}⁾`;
/** The lecture's notation: sym("z", 2, 1) -> z₁⁽²⁾, sym("θ", 2, 1, 3) -> θ₁₃⁽²⁾. */
const sym = (name, l, i, j) => `${name}${sub(i)}${j === undefined ? "" : sub(j)}${sup(l)}`;
const num = (v) => fmt(v, 5);

// geometry of the diagram in its 1200 x 560 viewBox: one column per layer, room for labels between
const COLUMNS = { 1: { x: 10, w: 150 }, 2: { x: 350, w: 290 }, 3: { x: 905, w: 290 } };
const BOX_H = { 1: 48, 2: 104, 3: 128 };

export function createBackprop(root) {
  const el = (id) => root.querySelector(id);
  const form = el("#bp-form");
  const f = form.elements;
  let steps = 0;
  let answer = null;
  let selected = { l: 3, i: 0 };

  function body() {
    const number = (name, fallback) => (Number.isFinite(Number(f[name].value)) && f[name].value !== "" ? Number(f[name].value) : fallback);
    return {
      x: [number("x0", 0), number("x1", 0), number("x2", 0)],
      y: [number("y0", 0), number("y1", 0)],
      lr: number("lr", 0.5),
      steps,
      seed: Math.max(0, Math.floor(number("seed", 0))),
      activation: f.activation.value,
    };
  }

  async function compute(nextSteps = steps) {
    const previous = steps;
    steps = nextSteps;
    try {
      answer = await postJSON("/api/backprop", body());
      draw();
    } catch (err) {
      steps = previous;
      showStatus(el("#bp-state"), t("web.error", { message: err.message }), "error");
    }
  }

  function draw() {
    if (!answer) return;
    el("#bp-state").className = "big";
    el("#bp-state").textContent = t("web.bp.state", { steps: answer.steps, E: num(answer.E) });
    el("#bp-state").dataset.steps = answer.steps;
    el("#bp-check").textContent = t("web.bp.check", { err: answer.max_error.toExponential(1) });
    el("#bp-check").dataset.maxError = answer.max_error;
    lineChart(el("#bp-history"), {
      series: [{ points: answer.history.map((e, k) => [k, e]), color: COLORS.class1 }],
      xlabel: t("web.gd.step_axis"), ylabel: "E", legend: false, y: [0, null],
    });
    drawDiagram();
    drawTables();
  }

  function layer(l) {
    return answer.layers.find((la) => la.l === l);
  }

  function boxY(l, i) {
    const n = answer.sizes[l - 1];
    const gap = (520 - n * BOX_H[l]) / (n + 1);
    return 36 + gap + i * (BOX_H[l] + gap);
  }

  function node(l, i) {
    const c = COLUMNS[l];
    const y = boxY(l, i);
    return { x: c.x, y, w: c.w, h: BOX_H[l], left: [c.x, y + BOX_H[l] / 2], right: [c.x + c.w, y + BOX_H[l] / 2] };
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawDiagram() {
    const box = el("#bp-diagram");
    box.replaceChildren();
    const titles = { 1: t("web.bp.input_layer"), 2: t("web.bp.hidden_layer"), 3: t("web.bp.output_layer") };
    for (const l of [1, 2, 3]) box.append(svg("text", { x: COLUMNS[l].x + COLUMNS[l].w / 2, y: 22, "text-anchor": "middle", class: "title" }, titles[l]));
    // edges: colour is the sign of theta, width its size; the selected neuron's inputs are labelled
    const labels = [];
    for (const l of [2, 3]) {
      const la = layer(l);
      la.theta.forEach((row, i) => row.forEach((v, j) => {
        const from = node(l - 1, j).right;
        const to = node(l, i).left;
        const chosen = selected.l === l && selected.i === i;
        box.append(svg("line", {
          x1: from[0], y1: from[1], x2: to[0], y2: to[1],
          stroke: chosen ? COLORS.ink : v >= 0 ? COLORS.class1 : COLORS.class0,
          "stroke-width": chosen ? 3 : Math.min(6, 0.6 + Math.abs(v) * 1.5), "stroke-opacity": chosen ? 0.9 : 0.45,
        }));
        if (chosen) labels.push({ l, i, j, from, to });
      }));
    }
    for (const { l, i, j, from, to } of labels) {
      const la = layer(l);
      // near the source end, where the edges into one neuron are still far apart
      const x = from[0] + (to[0] - from[0]) * 0.05 + 6;
      const y = from[1] + (to[1] - from[1]) * 0.05;
      const g = svg("g", { class: "edge-label" });
      const lines = [
        `${sym("θ", l, i + 1, j + 1)} = ${num(la.theta[i][j])}`,
        `∂E/∂θ = ${num(la.grad_theta[i][j])}`,
        `${t("web.bp.fd")} = ${num(la.numeric_theta[i][j])}`,
      ];
      g.append(svg("rect", { x: x - 4, y: y - 26, width: 190, height: 56, rx: 4, fill: "#fff", "fill-opacity": 0.94, stroke: COLORS.ink, "stroke-opacity": 0.4 }));
      lines.forEach((text, k) => g.append(svg("text", { x, y: y - 9 + k * 17, class: "edge-label" }, text)));
      box.append(g);
    }
    // neurons
    for (let j = 0; j < 3; j++) {
      const n = node(1, j);
      const g = svg("g", {});
      g.append(svg("rect", { x: n.x, y: n.y, width: n.w, height: n.h, rx: 10, fill: "#f5f7fa", stroke: COLORS.muted }));
      g.append(svg("text", { x: n.x + 12, y: n.y + 30 }, `x${sub(j + 1)} = ${sym("a", 1, j + 1)} = ${fmt(answer.x[j], 4)}`));
      box.append(g);
    }
    for (const l of [2, 3]) {
      const la = layer(l);
      la.z.forEach((z, i) => {
        const n = node(l, i);
        const chosen = selected.l === l && selected.i === i;
        const g = svg("g", { class: "node", "data-l": l, "data-i": i });
        g.append(svg("rect", {
          x: n.x, y: n.y, width: n.w, height: n.h, rx: 10, fill: chosen ? "#fff7d6" : "#fff",
          stroke: chosen ? COLORS.ink : COLORS.muted, "stroke-width": chosen ? 3 : 1.5,
        }));
        const lines = [
          `${sym("z", l, i + 1)} = ${num(z)}`,
          `${sym("a", l, i + 1)} = f(z) = ${num(la.a[i])}`,
          `${sym("δ", l, i + 1)} = ${num(la.delta[i])}`,
          `∂E/∂${sym("b", l, i + 1)} = ${num(la.grad_b[i])} (${t("web.bp.fd")} ${num(la.numeric_b[i])})`,
        ];
        if (l === 3) lines.push(`y${sub(i + 1)} = ${fmt(answer.y[i], 4)}`);
        lines.forEach((text, k) => g.append(svg("text", { x: n.x + 10, y: n.y + 22 + k * 24, class: k === 3 ? "small" : "" }, text)));
        g.addEventListener("click", () => {
          selected = { l, i };
          drawDiagram();
        });
        box.append(g);
      });
    }
    box.append(svg("text", { x: 1190, y: 552, "text-anchor": "end", class: "title" }, `E = ½‖y − a⁽³⁾‖² = ${num(answer.E)}`));
    box.append(svg("text", { x: 10, y: 552, class: "small" }, t("web.bp.fd_legend")));
  }

  function drawTables() {
    const holder = el("#bp-tables");
    holder.replaceChildren();
    for (const la of answer.layers) {
      const section = document.createElement("div");
      const h = document.createElement("h3");
      h.textContent = `${t("web.bp.layer_params", { l: la.l })} — ‖g − n‖/(‖g‖ + ‖n‖): θ ${la.error_theta.toExponential(1)}, b ${la.error_b.toExponential(1)}`;
      const table = document.createElement("table");
      table.className = "table";
      const head = document.createElement("tr");
      for (const key of ["web.bp.col.param", "web.bp.col.value", "web.bp.col.backprop", "web.bp.col.numeric"]) {
        const th = document.createElement("th");
        th.textContent = t(key);
        head.append(th);
      }
      table.append(head);
      const addRow = (name, value, grad, numeric) => {
        const tr = document.createElement("tr");
        for (const [text, cls] of [[name, ""], [num(value), "mono"], [fmt(grad, 6), "mono"], [fmt(numeric, 6), "mono"]]) {
          const td = document.createElement("td");
          td.textContent = text;
          td.className = cls;
          tr.append(td);
        }
        table.append(tr);
      };
      la.theta.forEach((row, i) => row.forEach((v, j) => addRow(sym("θ", la.l, i + 1, j + 1), v, la.grad_theta[i][j], la.numeric_theta[i][j])));
      la.b.forEach((v, i) => addRow(sym("b", la.l, i + 1), v, la.grad_b[i], la.numeric_b[i]));
      section.append(h, table);
      holder.append(section);
    }
  }

  el("#bp-step").addEventListener("click", () => compute(steps + 1));
  el("#bp-step10").addEventListener("click", () => compute(steps + 10));
  el("#bp-reset").addEventListener("click", () => compute(0));
  form.addEventListener("change", () => compute(0));
  form.addEventListener("submit", (e) => e.preventDefault());

  return lazySection(() => compute(0), draw);
}
