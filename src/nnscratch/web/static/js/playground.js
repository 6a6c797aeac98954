// 1. Playground (交互训练场): the server trains, this page draws the frames it streams.
import { debounce, postJSON, showStatus } from "./api.js";
import { COLORS, decodeBytes, dot, drawByteMap, fitCanvas, fmt, font, lineChart, pct, plotArea, remPx } from "./charts.js";
import { currentLang, t } from "./i18n.js";

function newSession() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function createPlayground(root, { config }) {
  const limits = config.playground;
  const form = root.querySelector("#pg-form");
  const el = (id) => root.querySelector(id);
  const trainButton = el("#pg-train");
  const stepButton = el("#pg-step");
  const status = el("#pg-status");
  const session = newSession();
  root.dataset.session = session;
  let hidden = [...limits.defaults.hidden];
  let data = null; // {train, test} points: [x1, x2, class]
  let frame = null; // the latest frame
  let history = []; // [epoch, train loss, test loss]
  let stream = null;
  let started = false;

  function settings() {
    const f = form.elements;
    return {
      dataset: f.dataset.value,
      noise: Number(f.noise.value),
      train_ratio: Number(f.train_ratio.value),
      points: Number(f.points.value),
      hidden,
      activation: f.activation.value,
      lr: Number(f.lr.value),
      batch_size: Number(f.batch_size.value),
      loss: f.loss.value,
      optimizer: f.optimizer.value,
      regularization: f.regularization.value,
      reg_rate: Number(f.reg_rate.value),
      epochs_per_frame: Number(f.epochs_per_frame.value),
      seed: Math.max(0, Math.floor(Number(f.seed.value) || 0)),
    };
  }

  function showOutputs() {
    const f = form.elements;
    f.noise_out.value = Number(f.noise.value).toFixed(2);
    f.train_ratio_out.value = `${Math.round(100 * Number(f.train_ratio.value))}%`;
    f.points_out.value = f.points.value;
    f.batch_size_out.value = f.batch_size.value;
  }

  function renderLayers() {
    const box = el("#pg-layers");
    box.replaceChildren();
    if (!hidden.length) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = t("web.pg.no_hidden");
      box.append(p);
    }
    hidden.forEach((n, i) => {
      const row = document.createElement("div");
      row.className = "layer";
      const label = document.createElement("span");
      label.textContent = t("web.pg.layer", { l: i + 2, n });
      const minus = document.createElement("button");
      minus.type = "button";
      minus.textContent = "−";
      minus.disabled = n <= 1;
      minus.addEventListener("click", () => changeNeurons(i, -1));
      const plus = document.createElement("button");
      plus.type = "button";
      plus.textContent = "+";
      plus.disabled = n >= limits.max_neurons;
      plus.addEventListener("click", () => changeNeurons(i, 1));
      row.append(label, minus, plus);
      box.append(row);
    });
    el("#pg-add-layer").disabled = hidden.length >= limits.max_layers;
    el("#pg-remove-layer").disabled = hidden.length === 0;
  }

  function changeNeurons(i, delta) {
    hidden[i] = Math.max(1, Math.min(limits.max_neurons, hidden[i] + delta));
    renderLayers();
    reset();
  }

  // ---- talking to the server --------------------------------------------------------------

  function setRunning(running) {
    trainButton.textContent = t(running ? "web.pg.pause" : "web.pg.train");
    trainButton.dataset.running = running ? "1" : "";
    stepButton.disabled = running;
  }

  function closeStream() {
    if (stream) stream.close();
    stream = null;
    setRunning(false);
  }

  // Busy from the moment a setting changes until the newest network exists: a debounced reset may
  // still be waiting to start while an earlier one finishes, and Train must not start in between.
  let resetScheduled = false;
  let resetCount = 0;

  async function reset() {
    resetScheduled = false;
    const mine = ++resetCount;
    closeStream();
    root.dataset.busy = "1"; // tests and impatient users: the new network is not there yet
    try {
      const first = await postJSON("/api/playground/new", { session, config: settings() });
      data = { train: first.train, test: first.test };
      history = [[0, first.train_loss, first.test_loss]];
      showStatus(status, "");
      accept(first);
    } catch (err) {
      showStatus(status, t("web.error", { message: err.message }), "error");
    } finally {
      if (mine === resetCount && !resetScheduled) root.dataset.busy = "";
    }
  }

  async function step() {
    try {
      accept(await postJSON("/api/playground/step", { session }));
    } catch (err) {
      showStatus(status, t("web.error", { message: err.message }), "error");
    }
  }

  function train() {
    if (stream) {
      // Pause: the server ends the stream after the chunk of epochs it is computing.
      postJSON("/api/playground/pause", { session }).catch(() => closeStream());
      return;
    }
    if (frame && frame.finished) return;
    showStatus(status, "");
    // EventSource sends no custom headers: the language goes in the query.
    stream = new EventSource(`/api/playground/stream?session=${session}&lang=${currentLang()}`);
    setRunning(true);
    stream.addEventListener("frame", (e) => accept(JSON.parse(e.data)));
    stream.addEventListener("end", (e) => {
      const end = JSON.parse(e.data);
      closeStream();
      if (end.frame) accept(end.frame);
      if (end.reason === "diverged" || end.reason === "stuck") showStatus(status, t(`web.pg.${end.reason}`), "error");
      else if (end.reason === "max_epochs") showStatus(status, t("web.pg.max_epochs"));
      else if (end.reason === "evicted") showStatus(status, t("web.error", { message: end.message }), "error");
    });
    stream.onerror = () => {
      // Stop listening instead of retrying forever, then ask why: the server may have closed this
      // page's job (its answer says so, in this page's language) or may not answer at all.
      closeStream();
      postJSON("/api/playground/pause", { session })
        .then(() => showStatus(status, ""))
        .catch((err) => showStatus(status, t("web.error", { message: err.message }), "error"));
    };
  }

  function accept(next) {
    for (const h of next.history || []) history.push(h);
    frame = next;
    if (frame.error === "diverged") showStatus(status, t("web.pg.diverged"), "error");
    else if (frame.error === "stuck") showStatus(status, t("web.pg.stuck"), "error");
    draw();
  }

  // ---- drawing ------------------------------------------------------------------------------

  function draw() {
    if (!frame) return;
    const train = frame.train_accuracy;
    const test = frame.test_accuracy;
    el("#pg-epoch").textContent = t("web.pg.epoch", { epoch: frame.epoch });
    const acc = el("#pg-accuracy");
    acc.textContent = t("web.pg.accuracy", { train: pct(train), test: pct(test) });
    acc.dataset.train = train ?? "";
    acc.dataset.test = test ?? "";
    acc.dataset.epoch = frame.epoch;
    el("#pg-loss").textContent = t("web.pg.loss_line", { train: fmt(frame.train_loss), test: fmt(frame.test_loss) });
    drawOutput();
    drawCurves();
    drawNetwork();
  }

  function drawOutput() {
    const [x0, x1, y0, y1] = frame.extent;
    const a = plotArea(el("#pg-output"), { x: [x0, x1], y: [y0, y1], xlabel: "x₁", ylabel: "x₂" });
    if (!a) return;
    const { ctx } = a;
    drawByteMap(ctx, decodeBytes(frame.output), frame.output_grid, a.px(x0), a.py(y1), a.px(x1) - a.px(x0), a.py(y0) - a.py(y1));
    a.axes({ grid: false });
    const r = Math.max(3, remPx() * 0.28);
    a.clip();
    for (const [x, y, c] of data.train) dot(ctx, a.px(x), a.py(y), r, c ? COLORS.class1 : COLORS.class0, "#fff", 1.2);
    if (el("#pg-show-test").checked) {
      for (const [x, y, c] of data.test) dot(ctx, a.px(x), a.py(y), r, "#fff", c ? COLORS.class1 : COLORS.class0, 2.4);
    }
    ctx.restore();
  }

  function drawCurves() {
    lineChart(el("#pg-curves"), {
      series: [
        { points: history.map((h) => [h[0], h[1]]), color: COLORS.ink, label: t("web.pg.train_loss") },
        { points: history.map((h) => [h[0], h[2]]), color: COLORS.class0, label: t("web.pg.test_loss"), dash: [6, 4] },
      ],
      xlabel: t("web.pg.epoch_axis"),
      y: [0, null],
    });
  }

  function drawNetwork() {
    const fit = fitCanvas(el("#pg-network"));
    if (!fit) return;
    const { ctx, w, h } = fit;
    const sizes = frame.sizes;
    const columns = sizes.length;
    const maxN = Math.max(...sizes);
    const labelH = remPx() * 1.2;
    const box = Math.min((h - labelH) / maxN - 8, (w / columns) * 0.45, remPx() * 4.5);
    const colX = (c) => (w / columns) * (c + 0.5) - box / 2;
    const rowY = (c, i) => labelH + ((h - labelH) - sizes[c] * (box + 8)) / 2 + i * (box + 8) + 4;
    // edges first, under the neurons: blue theta > 0, orange theta < 0, width ~ |theta|
    for (let c = 1; c < columns; c++) {
      const theta = frame.weights[String(c + 1)];
      for (let i = 0; i < sizes[c]; i++) {
        for (let j = 0; j < sizes[c - 1]; j++) {
          const v = theta[i][j];
          ctx.strokeStyle = v >= 0 ? "rgba(11,111,184,0.55)" : "rgba(232,135,14,0.6)";
          ctx.lineWidth = Math.min(7, 0.4 + Math.abs(v) * 1.2);
          ctx.beginPath();
          ctx.moveTo(colX(c - 1) + box, rowY(c - 1, j) + box / 2);
          ctx.lineTo(colX(c), rowY(c, i) + box / 2);
          ctx.stroke();
        }
      }
    }
    // inputs x1, x2: what the first layer sees, a ramp across the plane
    for (let j = 0; j < 2; j++) drawRamp(ctx, colX(0), rowY(0, j), box, j);
    frame.neurons.forEach((maps, k) => {
      maps.forEach((b64, i) => drawByteMap(ctx, decodeBytes(b64), frame.neuron_grid, colX(k + 1), rowY(k + 1, i), box, box, 0.9));
    });
    drawByteMap(ctx, decodeBytes(frame.output), frame.output_grid, colX(columns - 1), rowY(columns - 1, 0), box, box, 0.9);
    ctx.strokeStyle = COLORS.muted;
    ctx.lineWidth = 1;
    for (let c = 0; c < columns; c++) for (let i = 0; i < sizes[c]; i++) ctx.strokeRect(colX(c), rowY(c, i), box, box);
    ctx.fillStyle = COLORS.ink;
    ctx.font = font(0.72, "bold");
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let c = 0; c < columns; c++) {
      const name = c === 0 ? "x = a(1)" : c === columns - 1 ? `a(${c + 1}) = a(L)` : `a(${c + 1})`;
      ctx.fillText(name, colX(c) + box / 2, 2);
    }
  }

  function drawRamp(ctx, x, y, size, axis) {
    const n = 16;
    const bytes = new Uint8Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) bytes[r * n + c] = axis === 0 ? (c / (n - 1)) * 255 : (1 - r / (n - 1)) * 255;
    drawByteMap(ctx, bytes, n, x, y, size, size, 0.9);
    ctx.fillStyle = COLORS.ink;
    ctx.font = font(0.7, "bold");
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(axis === 0 ? "x₁" : "x₂", x + size / 2, y + size / 2);
  }

  // ---- wiring -------------------------------------------------------------------------------

  const resetSoon = debounce(reset, 150);
  form.elements.dataset.addEventListener("input", () => {
    // each dataset looks as intended at its own noise level (the library's default)
    form.elements.noise.value = limits.default_noise[form.elements.dataset.value];
  });
  form.addEventListener("input", (e) => {
    showOutputs();
    if (e.target.name) {
      root.dataset.busy = "1";
      resetScheduled = true;
      resetSoon();
    }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  el("#pg-add-layer").addEventListener("click", () => {
    if (hidden.length < limits.max_layers) hidden.push(hidden[hidden.length - 1] || 2);
    renderLayers();
    reset();
  });
  el("#pg-remove-layer").addEventListener("click", () => {
    hidden.pop();
    renderLayers();
    reset();
  });
  trainButton.addEventListener("click", train);
  stepButton.addEventListener("click", step);
  el("#pg-reset").addEventListener("click", reset);
  el("#pg-show-test").addEventListener("change", () => frame && drawOutput());
  // Closing the page stops its job; the server also stops when the event stream drops.
  window.addEventListener("pagehide", () => {
    closeStream();
    fetch("/api/playground/stop", {
      method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ session }),
    }).catch(() => {});
  });

  return {
    show() {
      showOutputs();
      renderLayers();
      setRunning(Boolean(stream));
      if (!started) {
        started = true;
        reset();
      } else draw();
    },
    hide() {
      if (stream) train(); // pause: nobody is watching this section
    },
    redraw: () => draw(),
    relabel() {
      renderLayers();
      setRunning(Boolean(stream));
      draw();
    },
  };
}
