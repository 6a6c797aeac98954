// 6. Handwritten digits (手写数字识别): draw, send 28x28 grey levels, show what the network sees and says.
import { getJSON, latestOnly, showStatus } from "./api.js";
import { COLORS, barChart } from "./charts.js";
import { t } from "./i18n.js";

const SIDE = 28;

export function createDigits(root) {
  const el = (id) => root.querySelector(id);
  const pad = el("#dg-pad");
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  const status = el("#dg-status");
  const request = latestOnly("/api/digits/predict");
  let model = null;
  let answer = null;
  let drawing = false;
  let inked = false;
  let last = null;
  let timer = null;
  let drawingNumber = 0; // which drawing an answer belongs to: one computed before "Clear" is dropped

  function clearPad() {
    drawingNumber++;
    clearTimeout(timer);
    timer = null;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, pad.width, pad.height);
    inked = false;
    answer = null;
    el("#dg-prediction").textContent = "?";
    el("#dg-prediction").dataset.digit = "";
    el("#dg-prediction").dataset.settled = "";
    el("#dg-seen").getContext("2d").clearRect(0, 0, SIDE, SIDE);
    drawBars();
    showStatus(status, "");
  }

  /** The pad averaged down to 28 x 28, ink = 1 - brightness: the 784 numbers in [0, 1] the server takes. */
  function pixels() {
    const { data, width } = ctx.getImageData(0, 0, pad.width, pad.height);
    const cell = width / SIDE;
    const out = new Array(SIDE * SIDE).fill(0);
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        let sum = 0;
        let count = 0;
        for (let y = Math.floor(r * cell); y < Math.floor((r + 1) * cell); y++) {
          for (let x = Math.floor(c * cell); x < Math.floor((c + 1) * cell); x++) {
            sum += data[4 * (y * width + x)];
            count++;
          }
        }
        out[r * SIDE + c] = Number((1 - sum / count / 255).toFixed(3));
      }
    }
    return out;
  }

  /** final: the stroke ended (pen lifted); its answer marks the prediction settled until the next stroke. */
  async function predict(final = false) {
    if (!model || !model.available) return;
    if (!inked) {
      showStatus(status, t("web.dg.empty"));
      return;
    }
    const mine = drawingNumber;
    try {
      const data = await request({ pixels: pixels() });
      if (!data || mine !== drawingNumber) return;
      answer = data;
      showStatus(status, "");
      drawAnswer();
      el("#dg-prediction").dataset.settled = final && !drawing ? "1" : "";
    } catch (err) {
      if (mine === drawingNumber) showStatus(status, t("web.error", { message: err.message }), "error");
    }
  }

  function drawAnswer() {
    if (!answer) return;
    const seen = el("#dg-seen").getContext("2d");
    const img = seen.createImageData(SIDE, SIDE);
    answer.image.forEach((v, i) => img.data.set([255 * v, 255 * v, 255 * v, 255], 4 * i));
    seen.putImageData(img, 0, 0);
    const prediction = el("#dg-prediction");
    prediction.textContent = answer.prediction;
    prediction.dataset.digit = answer.prediction;
    drawBars();
  }

  function drawBars() {
    const classes = (answer && answer.classes) || (model && model.classes) || [..."0123456789"];
    barChart(el("#dg-bars"), {
      values: answer ? answer.probabilities : classes.map(() => 0),
      labels: classes,
      highlight: answer ? answer.index : -1,
      ymax: 1,
      color: "#9fb7cc",
      hiColor: COLORS.class1,
      showValues: true,
    });
  }

  async function checkModel() {
    try {
      model = await getJSON("/api/digits/model");
    } catch (err) {
      showStatus(status, t("web.error", { message: err.message }), "error");
      return;
    }
    el("#dg-missing").hidden = model.available;
    el("#dg-lab").hidden = !model.available;
    el("#dg-command").textContent = model.train_command;
    el("#dg-problem").textContent = model.problem ? t("web.dg.problem", { path: model.path, problem: model.problem }) : "";
    el("#dg-model").textContent = model.available ? t("web.dg.model", { path: model.path, sizes: model.sizes.join("-") }) : "";
    root.dataset.model = model.available ? "yes" : "no";
    drawBars();
  }

  // pointer events cover mouse, pen and touch alike; the pad's CSS size may differ from its 280 x 280 pixels
  function at(e) {
    const rect = pad.getBoundingClientRect();
    return [((e.clientX - rect.left) * pad.width) / rect.width, ((e.clientY - rect.top) * pad.height) / rect.height];
  }
  function stroke(to) {
    ctx.strokeStyle = "#000";
    ctx.lineWidth = pad.width / 10; // about MNIST's stroke once scaled into the 20x20 box
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(...(last || to));
    ctx.lineTo(...to);
    ctx.stroke();
    last = to;
    inked = true;
  }
  pad.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    pad.setPointerCapture(e.pointerId);
    drawing = true;
    last = null;
    el("#dg-prediction").dataset.settled = "";
    stroke(at(e));
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    stroke(at(e));
    // a live answer while drawing, at most every 250 ms
    if (!timer) timer = setTimeout(() => { timer = null; predict(); }, 250);
  });
  const finish = () => {
    if (!drawing) return;
    drawing = false;
    last = null;
    clearTimeout(timer); // the live answer is superseded by the finished stroke's
    timer = null;
    predict(true);
  };
  pad.addEventListener("pointerup", finish);
  pad.addEventListener("pointercancel", finish);
  el("#dg-clear").addEventListener("click", clearPad);
  el("#dg-check").addEventListener("click", checkModel);

  let started = false;
  return {
    show() {
      if (!started) {
        started = true;
        clearPad();
      }
      checkModel().then(drawAnswer);
    },
    redraw: drawBars,
    relabel() {
      checkModel();
      drawBars();
    },
  };
}
