// 3. Perceptron (感知机): the lecture's table, row by row, replayed by the server from the picks made.
import { lazySection, postJSON, showStatus } from "./api.js";
import { COLORS, dot, font, plotArea, remPx } from "./charts.js";
import { t } from "./i18n.js";

const LECTURE = [[3, 3, 1], [4, 3, 1], [1, 1, -1]];
const TABLE_HEAD = 20; // rows shown from the start of a long table
const TABLE_TAIL = 10; // and from its end

export function createPerceptron(root) {
  const el = (id) => root.querySelector(id);
  const status = el("#pc-status");
  let points = LECTURE.map((p) => [...p]);
  let picks = []; // per iteration: a point's name, or null for the lecture's rule (first misclassified)
  let nextPick = null;
  let answer = null;
  let area = null;

  const eta = () => Number(root.querySelector("[name=eta]").value) || 1;

  async function replay(run = "none") {
    if (!points.length) {
      answer = null;
      showStatus(status, t("web.pc.need_points"));
      draw();
      return false;
    }
    try {
      answer = await postJSON("/api/perceptron", { points, eta: eta(), picks, run });
      if (run === "converge") {
        // The picks that replay this table; rows the server left out of a long one were made by the
        // lecture's rule (the run's own steps), which is what null replays.
        const rows = answer.rows.slice(1);
        picks = Array(rows.length ? rows[rows.length - 1].iteration : 0).fill(null);
        for (const r of rows) picks[r.iteration - 1] = r.misclassified;
      }
      draw();
      return true;
    } catch (err) {
      showStatus(status, t("web.error", { message: err.message }), "error");
      return false;
    }
  }

  async function step() {
    if (answer && answer.converged) return;
    picks.push(nextPick);
    nextPick = null;
    if (!(await replay())) picks.pop();
  }

  function draw() {
    drawTable();
    drawChooser();
    drawPlane();
    if (!answer) return;
    if (answer.converged) showStatus(status, t("web.pc.converged", { model: answer.model }), "ok");
    else if (answer.limited) showStatus(status, t("web.pc.limited", { n: answer.updates }), "error");
    else showStatus(status, "");
  }

  function drawTable() {
    const body = el("#pc-table tbody");
    body.replaceChildren();
    if (!answer) return;
    const last = answer.rows.length - 1;
    // A long run (up to 500 updates) shows its first and last rows and says how many are left out.
    const cut = answer.rows.length > TABLE_HEAD + TABLE_TAIL + 1;
    answer.rows.forEach((row, i) => {
      if (cut && i >= TABLE_HEAD && i <= last - TABLE_TAIL) {
        if (i === TABLE_HEAD) {
          const tr = document.createElement("tr");
          tr.className = "cut";
          const td = document.createElement("td");
          td.colSpan = 5;
          const first = answer.rows[TABLE_HEAD].iteration;
          const until = answer.rows[last - TABLE_TAIL].iteration;
          td.textContent = t("web.pc.table_cut", { hidden: until - first + 1, first, last: until });
          tr.append(td);
          body.append(tr);
        }
        return;
      }
      const tr = document.createElement("tr");
      if (i === last && i > 0) tr.className = "new";
      const final = i > 0 && row.misclassified === null;
      const cells = [row.iteration, i === 0 ? "" : final ? t("web.pc.none") : row.misclassified,
        `(${row.w.join(", ")})`, row.b, row.hyperplane];
      cells.forEach((text, k) => {
        const td = document.createElement("td");
        td.textContent = String(text);
        if (k >= 2) td.className = "mono";
        tr.append(td);
      });
      body.append(tr);
    });
    el("#pc-table").dataset.rows = answer.rows.length;
  }

  function drawChooser() {
    const box = el("#pc-next");
    box.replaceChildren();
    if (!answer || answer.converged) return;
    const first = document.createElement("button");
    first.type = "button";
    first.textContent = t("web.pc.first");
    first.classList.toggle("chosen", nextPick === null);
    first.addEventListener("click", () => choose(null));
    box.append(first);
    for (const name of answer.misclassified) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = name;
      b.dataset.point = name;
      b.classList.toggle("chosen", nextPick === name);
      b.addEventListener("click", () => choose(name));
      box.append(b);
    }
  }

  function choose(name) {
    nextPick = name;
    drawChooser();
    drawPlane();
  }

  function drawPlane() {
    const xs = points.map((p) => p[0]).concat([-1, 6]);
    const ys = points.map((p) => p[1]).concat([-1, 6]);
    const a = plotArea(el("#pc-plane"), {
      x: [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5], y: [Math.min(...ys) - 0.5, Math.max(...ys) + 0.5],
      xlabel: "x₁", ylabel: "x₂", equal: true,
    });
    if (!a) return;
    area = a;
    const { ctx } = a;
    const w = answer ? answer.w : [0, 0];
    const b = answer ? answer.b : 0;
    // shade the side the current model calls positive: the box clipped by w.x + b > 0
    if (answer && (w[0] !== 0 || w[1] !== 0)) {
      const side = ([x, y]) => w[0] * x + w[1] * y + b;
      const box = [[a.x0, a.y0], [a.x1, a.y0], [a.x1, a.y1], [a.x0, a.y1]];
      const positive = [];
      box.forEach((p, k) => {
        const q = box[(k + 1) % 4];
        if (side(p) > 0) positive.push(p);
        if ((side(p) > 0) !== (side(q) > 0)) {
          const f = side(p) / (side(p) - side(q));
          positive.push([p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1])]);
        }
      });
      ctx.fillStyle = "rgba(232,135,14,0.10)";
      ctx.fillRect(a.m.l, a.m.t, a.pw, a.ph);
      if (positive.length > 2) {
        ctx.beginPath();
        positive.forEach(([x, y], k) => (k ? ctx.lineTo(a.px(x), a.py(y)) : ctx.moveTo(a.px(x), a.py(y))));
        ctx.closePath();
        ctx.fillStyle = "#fff"; // the blue tint on white, not on the orange one (that would be grey)
        ctx.fill();
        ctx.fillStyle = "rgba(11,111,184,0.12)";
        ctx.fill();
      }
    }
    a.axes();
    a.clip();
    ctx.strokeStyle = COLORS.muted;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(a.px(0), a.m.t);
    ctx.lineTo(a.px(0), a.m.t + a.ph);
    ctx.moveTo(a.m.l, a.py(0));
    ctx.lineTo(a.m.l + a.pw, a.py(0));
    ctx.stroke();
    if (answer && (w[0] !== 0 || w[1] !== 0)) {
      // the hyperplane w1 x1 + w2 x2 + b = 0, drawn across the whole box
      ctx.strokeStyle = COLORS.ink;
      ctx.lineWidth = 3;
      ctx.beginPath();
      if (Math.abs(w[1]) >= Math.abs(w[0])) {
        ctx.moveTo(a.px(a.x0), a.py(-(w[0] * a.x0 + b) / w[1]));
        ctx.lineTo(a.px(a.x1), a.py(-(w[0] * a.x1 + b) / w[1]));
      } else {
        ctx.moveTo(a.px(-(w[1] * a.y0 + b) / w[0]), a.py(a.y0));
        ctx.lineTo(a.px(-(w[1] * a.y1 + b) / w[0]), a.py(a.y1));
      }
      ctx.stroke();
    }
    const wrong = new Set(answer ? answer.misclassified : []);
    const used = answer && answer.rows.length > 1 ? answer.rows[answer.rows.length - 1].misclassified : null;
    const r = remPx() * 0.45;
    ctx.font = font(0.8, "bold");
    ctx.textBaseline = "bottom";
    ctx.textAlign = "left";
    points.forEach(([x, y, c], i) => {
      const name = `M${i + 1}`;
      const color = c > 0 ? COLORS.class1 : COLORS.class0;
      if (name === used) dot(ctx, a.px(x), a.py(y), r * 2, "rgba(255,214,0,0.6)", null);
      dot(ctx, a.px(x), a.py(y), r, color, wrong.has(name) ? COLORS.bad : "#fff", wrong.has(name) ? 4 : 2);
      if (name === nextPick) dot(ctx, a.px(x), a.py(y), r * 1.7, null, COLORS.bad, 2.5);
      ctx.fillStyle = COLORS.ink;
      ctx.fillText(`${name} ${c > 0 ? "+" : "−"}`, a.px(x) + r + 3, a.py(y) - 3);
    });
    ctx.restore();
  }

  el("#pc-plane").addEventListener("click", (e) => {
    if (!area) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const cx = e.clientX - rect.left;
    const cy = e.clientY - rect.top;
    const near = points.findIndex(([x, y]) => Math.hypot(area.px(x) - cx, area.py(y) - cy) < remPx() * 0.9);
    if (near >= 0) {
      const name = `M${near + 1}`;
      if (answer && answer.misclassified.includes(name)) choose(name);
      return;
    }
    if (points.length >= 40) return;
    const [x, y] = area.inv(cx, cy).map((v) => Math.round(v * 2) / 2);
    const cls = Number(root.querySelector("[name=cls]:checked").value);
    points.push([x, y, cls]);
    picks = [];
    nextPick = null;
    replay();
  });
  el("#pc-step").addEventListener("click", step);
  el("#pc-run").addEventListener("click", () => replay("converge"));
  el("#pc-restart").addEventListener("click", () => {
    picks = [];
    nextPick = null;
    replay();
  });
  el("#pc-lecture").addEventListener("click", () => {
    points = LECTURE.map((p) => [...p]);
    picks = [];
    nextPick = null;
    replay();
  });
  el("#pc-homework").addEventListener("click", () => {
    points = LECTURE.map((p) => [...p]);
    picks = [null, null, null, null, "M2"];
    nextPick = null;
    replay("converge");
  });
  el("#pc-clear").addEventListener("click", () => {
    points = [];
    picks = [];
    nextPick = null;
    replay();
  });
  root.querySelector("[name=eta]").addEventListener("change", () => replay());
  root.querySelector("#pc-form").addEventListener("submit", (e) => e.preventDefault());

  return lazySection(replay, draw);
}
