// Drawing only: axes, line and bar charts, heat maps and contour lines on a <canvas>.
// Every number drawn here was computed by the Python library on the server.

export const COLORS = {
  class0: "#e8870e",
  class1: "#0b6fb8",
  ink: "#1d2530",
  muted: "#5b6675",
  grid: "#e6eaef",
  bad: "#b3261e",
  good: "#1e7d32",
  gd: "#0b6fb8",
  sgd: "#e8870e",
  momentum: "#2e9d4c",
};
// Canvas text takes no CSS variables: the page's font stack (style.css --font), read when first drawn.
const FALLBACK_FONT =
  '"Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
let pageFont = "";

function fontFamily() {
  if (!pageFont) pageFont = getComputedStyle(document.documentElement).getPropertyValue("--font").trim();
  return pageFont || FALLBACK_FONT;
}

export function remPx() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

export function font(scale = 0.75, weight = "") {
  return `${weight} ${Math.round(remPx() * scale)}px ${fontFamily()}`.trim();
}

/** Size the canvas's pixel buffer to its CSS box (sharp on high-DPI screens); null while hidden. */
export function fitCanvas(canvas) {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (!w || !h) return null;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

/** Round tick positions covering [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  const step = (r >= 7.5 ? 10 : r >= 3.5 ? 5 : r >= 1.5 ? 2 : 1) * mag;
  const ticks = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

/** A number for people: 3 significant digits, exponent for the very large and very small. */
export function fmt(v, digits = 3) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(1, digits - 1));
  return String(Number(v.toPrecision(digits)));
}

export function pct(v) {
  return v === null || v === undefined ? "—" : `${(100 * v).toFixed(1)}%`;
}

/**
 * A plot area inside the canvas with data -> pixel maps. `equal` keeps one unit the same length on
 * both axes (circles stay round). Returns null while the canvas is hidden.
 */
export function plotArea(canvas, { x, y, xlabel = "", ylabel = "", equal = false, logY = false }) {
  const fit = fitCanvas(canvas);
  if (!fit) return null;
  const { ctx, w, h } = fit;
  const r = remPx();
  const m = { l: r * (ylabel ? 3.9 : 2.9), r: r * 0.7, t: r * 0.7, b: r * (xlabel ? 2.7 : 1.6) };
  let [x0, x1] = x;
  let [y0, y1] = y;
  const pw = w - m.l - m.r;
  const ph = h - m.t - m.b;
  if (equal) {
    const scale = Math.min(pw / (x1 - x0), ph / (y1 - y0));
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    x0 = cx - pw / scale / 2;
    x1 = cx + pw / scale / 2;
    y0 = cy - ph / scale / 2;
    y1 = cy + ph / scale / 2;
  }
  const px = (v) => m.l + ((v - x0) / (x1 - x0)) * pw;
  const py = (v) => m.t + (1 - (v - y0) / (y1 - y0)) * ph;
  const inv = (cx, cy) => [x0 + ((cx - m.l) / pw) * (x1 - x0), y0 + (1 - (cy - m.t) / ph) * (y1 - y0)];
  const area = { ctx, w, h, m, pw, ph, x0, x1, y0, y1, px, py, inv, logY };
  area.axes = (options = {}) => drawAxes(area, { xlabel, ylabel, ...options });
  area.clip = () => {
    ctx.save();
    ctx.beginPath();
    ctx.rect(m.l, m.t, pw, ph);
    ctx.clip();
  };
  return area;
}

function drawAxes(a, { xlabel, ylabel, grid = true }) {
  const { ctx, m, pw, ph } = a;
  ctx.save();
  ctx.font = font(0.68);
  ctx.fillStyle = COLORS.muted;
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of niceTicks(a.x0, a.x1, Math.max(3, Math.round(pw / 90)))) {
    const x = a.px(v);
    if (grid) line(ctx, x, m.t, x, m.t + ph);
    ctx.fillText(fmt(v), x, m.t + ph + 4);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of a.logY ? logTicks(a.y0, a.y1) : niceTicks(a.y0, a.y1, Math.max(3, Math.round(ph / 60)))) {
    const y = a.py(v);
    if (grid) line(ctx, m.l, y, m.l + pw, y);
    ctx.fillText(a.logY ? fmt(10 ** v, 2) : fmt(v), m.l - 5, y);
  }
  ctx.strokeStyle = COLORS.muted;
  ctx.strokeRect(m.l, m.t, pw, ph);
  ctx.fillStyle = COLORS.ink;
  ctx.font = font(0.75);
  if (xlabel) {
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(xlabel, m.l + pw / 2, a.h - 2);
  }
  if (ylabel) {
    ctx.translate(remPx() * 0.2, m.t + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(ylabel, 0, 0);
  }
  ctx.restore();
}

/** Tick positions (in log10 units) for a log axis over [lo, hi] (also log10 units). */
function logTicks(lo, hi) {
  if (hi - lo >= 1.5) {
    const out = [];
    for (let k = Math.ceil(lo); k <= Math.floor(hi); k++) out.push(k);
    return out;
  }
  return niceTicks(10 ** lo, 10 ** hi, 4).filter((v) => v > 0).map(Math.log10);
}

export function line(ctx, x0, y0, x1, y1) {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

export function dot(ctx, x, y, radius, fill, stroke = "#fff", width = 1.5) {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  if (stroke) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.stroke();
  }
}

/** Line chart. series: [{points: [[x, y], ...], color, label, dash, width}]; null y breaks the line. */
export function lineChart(canvas, { series, xlabel, ylabel, x, y, logY = false, legend = true, markers = [] }) {
  const tf = (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : logY ? (v > 0 ? Math.log10(v) : null) : v);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => tf(p[1]))).filter((v) => v !== null);
  let xr = x || [Math.min(...xs), Math.max(...xs)];
  if (!(xr[1] > xr[0])) xr = [xr[0] - 1, xr[0] + 1];
  let yr = y ? [tf(y[0]) ?? Math.min(...ys), tf(y[1]) ?? Math.max(...ys)] : [Math.min(...ys), Math.max(...ys)];
  if (!ys.length) yr = [0, 1];
  if (!(yr[1] > yr[0])) yr = [yr[0] - 0.5, yr[0] + 0.5];
  else if (!y) {
    const pad = (yr[1] - yr[0]) * 0.06;
    yr = [yr[0] - pad, yr[1] + pad];
  }
  const a = plotArea(canvas, { x: xr, y: yr, xlabel, ylabel, logY });
  if (!a) return null;
  a.axes();
  const { ctx } = a;
  a.clip();
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.width || 2.5;
    ctx.setLineDash(s.dash || []);
    ctx.beginPath();
    let pen = false;
    for (const [px, py] of s.points) {
      const v = tf(py);
      if (v === null) {
        pen = false;
        continue;
      }
      const cx = a.px(px);
      const cy = Math.max(-1e4, Math.min(1e4, a.py(v)));
      if (pen) ctx.lineTo(cx, cy);
      else ctx.moveTo(cx, cy);
      pen = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const mk of markers) {
    const v = tf(mk.y);
    if (v === null) continue;
    dot(ctx, a.px(mk.x), a.py(v), mk.radius || 6, mk.color || COLORS.bad, "#fff", 2);
    if (mk.label) {
      ctx.fillStyle = mk.color || COLORS.bad;
      ctx.font = font(0.7, "bold");
      ctx.textAlign = mk.x > (a.x0 + a.x1) / 2 ? "right" : "left";
      const nearTop = a.py(v) < a.m.t + remPx() * 1.5;
      ctx.textBaseline = nearTop ? "top" : "bottom";
      ctx.fillText(mk.label, a.px(mk.x) + (ctx.textAlign === "left" ? 10 : -10), a.py(v) + (nearTop ? 6 : -6));
    }
  }
  ctx.restore();
  if (legend) drawLegend(a, series.filter((s) => s.label));
  return a;
}

export function drawLegend(a, items) {
  if (!items.length) return;
  const { ctx } = a;
  ctx.save();
  ctx.font = font(0.68);
  const r = remPx();
  const width = Math.max(...items.map((s) => ctx.measureText(s.label).width)) + r * 2.2;
  const x = a.m.l + a.pw - width - 6;
  let y = a.m.t + 6;
  ctx.fillStyle = "rgba(255,255,255,0.85)";
  ctx.fillRect(x - 4, y - 2, width + 4, items.length * r * 1.05 + 4);
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  for (const s of items) {
    const cy = y + r * 0.5;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 3;
    ctx.setLineDash(s.dash || []);
    line(ctx, x, cy, x + r * 1.4, cy);
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.ink;
    ctx.fillText(s.label, x + r * 1.8, cy);
    y += r * 1.05;
  }
  ctx.restore();
}

/** Vertical bars, one per value; `highlight` is the index drawn in the accent colour. */
export function barChart(canvas, { values, labels, highlight = -1, xlabel = "", ylabel = "", ymax, color, hiColor, showValues = false }) {
  const top = ymax ?? Math.max(1e-12, ...values.filter(Number.isFinite)) * 1.08;
  const a = plotArea(canvas, { x: [-0.5, values.length - 0.5], y: [0, top], xlabel, ylabel });
  if (!a) return null;
  const { ctx } = a;
  // y grid and labels only: the x ticks are the bars' own labels
  drawAxesY(a);
  const step = a.pw / values.length;
  const bw = Math.max(1, step * 0.75);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const x = a.px(i) - bw / 2;
    ctx.fillStyle = i === highlight ? hiColor || COLORS.class0 : color || COLORS.class1;
    ctx.fillRect(x, a.py(v), bw, a.py(0) - a.py(v));
    if (showValues && step > remPx() * 1.6) {
      ctx.fillStyle = COLORS.ink;
      ctx.font = font(0.62);
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.fillText(pctShort(v), a.px(i), a.py(v) - 2);
    }
  });
  ctx.fillStyle = COLORS.ink;
  ctx.font = font(labels.length > 30 ? 0.6 : 0.8, labels.length <= 12 ? "bold" : "");
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const every = Math.max(1, Math.ceil((labels.length * remPx() * 1.4) / a.pw));
  labels.forEach((label, i) => {
    const clash = highlight >= 0 && i !== highlight && Math.abs(i - highlight) < every;
    if ((i % every === 0 && !clash) || i === highlight) ctx.fillText(String(label), a.px(i), a.m.t + a.ph + 4);
  });
  if (xlabel) {
    ctx.font = font(0.75);
    ctx.textBaseline = "bottom";
    ctx.fillText(xlabel, a.m.l + a.pw / 2, a.h - 2);
  }
  return a;
}

function pctShort(v) {
  return v >= 0.995 ? "100%" : `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
}

function drawAxesY(a) {
  const { ctx, m, pw, ph } = a;
  ctx.save();
  ctx.font = font(0.68);
  ctx.fillStyle = COLORS.muted;
  ctx.strokeStyle = COLORS.grid;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of niceTicks(a.y0, a.y1, Math.max(3, Math.round(ph / 60)))) {
    line(ctx, m.l, a.py(v), m.l + pw, a.py(v));
    ctx.fillText(fmt(v), m.l - 5, a.py(v));
  }
  ctx.strokeStyle = COLORS.muted;
  line(ctx, m.l, m.t + ph, m.l + pw, m.t + ph);
  ctx.restore();
}

// ---- heat maps --------------------------------------------------------------------------------

function hexRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const C0 = hexRgb(COLORS.class0);
const C1 = hexRgb(COLORS.class1);

/** v in [0, 1]: 0 -> class-0 orange, 0.5 -> white, 1 -> class-1 blue; `strength` < 1 keeps it pale. */
export function diverging(v, strength = 0.75) {
  const s = Math.min(1, Math.abs(2 * v - 1)) * strength;
  const c = v < 0.5 ? C0 : C1;
  return [255 + (c[0] - 255) * s, 255 + (c[1] - 255) * s, 255 + (c[2] - 255) * s];
}

export function decodeBytes(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** An n x n map of bytes (0..255, rows from the top) drawn into the box (x, y, w, h), smoothly scaled. */
export function drawByteMap(ctx, bytes, n, x, y, w, h, strength = 0.75) {
  const img = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = diverging(bytes[i] / 255, strength);
    img.data.set([r, g, b, 255], 4 * i);
  }
  const off = document.createElement("canvas");
  off.width = n;
  off.height = n;
  off.getContext("2d").putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(off, x, y, w, h);
  ctx.restore();
}

/** A sequential colour for t in [0, 1]: pale yellow (low) to deep blue (high), for J(w) maps. */
export function sequential(t) {
  const stops = [[255, 250, 225], [190, 228, 190], [100, 190, 200], [45, 120, 180], [30, 50, 120]];
  const u = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1);
  const i = Math.floor(u);
  const f = u - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
}

/**
 * A smooth colour map of Z (rows along y) over the grid xs, ys, with iso-lines at `levels` (ascending)
 * traced by marching squares. Colours follow the levels, so equal colour steps mean equal level steps.
 */
export function drawContours(a, xs, ys, Z, levels) {
  const { ctx } = a;
  const position = (v) => {
    // v's place among the levels, continuous: 0 below the first, 1 above the last
    if (v <= levels[0]) return 0;
    for (let k = 1; k < levels.length; k++) {
      if (v <= levels[k]) return (k - 1 + (v - levels[k - 1]) / (levels[k] - levels[k - 1])) / (levels.length - 1);
    }
    return 1;
  };
  const nx = xs.length;
  const ny = ys.length;
  const img = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = Z[j][i];
      const [r, g, b] = v === null ? [255, 255, 255] : sequential(position(v));
      img.data.set([r, g, b, 255], 4 * ((ny - 1 - j) * nx + i)); // image rows run from the top
    }
  }
  const off = document.createElement("canvas");
  off.width = nx;
  off.height = ny;
  off.getContext("2d").putImageData(img, 0, 0);
  const hx = (xs[1] - xs[0]) / 2;
  const hy = (ys[1] - ys[0]) / 2;
  a.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(off, a.px(xs[0] - hx), a.py(ys[ny - 1] + hy), a.px(xs[nx - 1] + hx) - a.px(xs[0] - hx), a.py(ys[0] - hy) - a.py(ys[ny - 1] + hy));
  ctx.strokeStyle = "rgba(29,37,48,0.45)";
  ctx.lineWidth = 1;
  for (const level of levels) {
    ctx.beginPath();
    for (let j = 0; j + 1 < ys.length; j++) {
      for (let i = 0; i + 1 < xs.length; i++) {
        const corners = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
        const pts = [];
        for (let e = 0; e < 4; e++) {
          const [ia, ja] = corners[e];
          const [ib, jb] = corners[(e + 1) % 4];
          const za = Z[ja][ia];
          const zb = Z[jb][ib];
          if (za === null || zb === null || (za - level) * (zb - level) >= 0) continue;
          const f = (level - za) / (zb - za);
          pts.push([a.px(xs[ia] + f * (xs[ib] - xs[ia])), a.py(ys[ja] + f * (ys[jb] - ys[ja]))]);
        }
        for (let p = 0; p + 1 < pts.length; p += 2) {
          ctx.moveTo(pts[p][0], pts[p][1]);
          ctx.lineTo(pts[p + 1][0], pts[p + 1][1]);
        }
      }
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** An arrow head at (x1, y1) pointing away from (x0, y0). */
export function arrowHead(ctx, x0, y0, x1, y1, size) {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(angle - 0.4), y1 - size * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - size * Math.cos(angle + 0.4), y1 - size * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}
