// A followed flight's price chart: uPlot, one point per minute on a time axis, with the
// history's low–high band and its typical (median) price drawn under the line.

import uPlot from './vendor/uplot/uPlot.esm.js';
import { money } from './money.js';

const HEIGHT = 150;
const LINE = '#2563eb';
const BAND = 'rgba(16, 185, 129, 0.12)';
const BAND_EDGE = 'rgba(5, 150, 105, 0.45)';
const TYPICAL = 'rgba(15, 23, 42, 0.45)';

/**
 * A chart in `wrap` (an element that owns its size). The price line is one point per minute, as the
 * server's history is: a live price updates its minute's point, or starts the next minute's.
 */
export class PriceChart {
  constructor(wrap, currency) {
    this.wrap = wrap;
    this.currency = currency;
    this.minutes = 60;
    this.insight = null;
    this.xs = []; // minute starts, in seconds (uPlot's time unit)
    this.ys = [];
    this.plot = new uPlot(this._options(), [this.xs, this.ys], wrap);
    // Cards change width with the layout: follow it rather than guess.
    this.resizer = new ResizeObserver(() => this._fit());
    this.resizer.observe(wrap);
    this._publish();
  }

  /** Replaces the line with a `history` reply: `points` [[ts ms, price], …] over `minutes`. */
  setHistory({ points, insight, minutes, currency }) {
    this.minutes = minutes || this.minutes;
    if (currency) this.currency = currency;
    this.insight = insight || null;
    this.xs = [];
    this.ys = [];
    for (const [ts, price] of points || []) {
      if (typeof ts === 'number' && typeof price === 'number') this._put(ts, price);
    }
    this._redraw();
  }

  /** Adds a live price at `ts` (epoch ms). */
  addPrice(ts, price) {
    this._put(ts, price);
    // Keep the window the range asked for: the oldest minutes scroll off to the left.
    const from = this.xs[this.xs.length - 1] - this.minutes * 60;
    let drop = 0;
    while (drop < this.xs.length - 1 && this.xs[drop] <= from) drop++;
    if (drop) {
      this.xs.splice(0, drop);
      this.ys.splice(0, drop);
    }
    this._redraw();
  }

  get points() {
    return this.xs.length;
  }

  destroy() {
    this.resizer.disconnect();
    this.plot.destroy();
  }

  _put(ts, price) {
    const minute = Math.floor(ts / 60000) * 60;
    const last = this.xs.length - 1;
    if (last >= 0 && minute === this.xs[last]) this.ys[last] = price;
    else if (last < 0 || minute > this.xs[last]) {
      this.xs.push(minute);
      this.ys.push(price);
    } // an older minute than the last: already in the history, nothing to add
  }

  _redraw() {
    this.plot.setData([this.xs, this.ys]);
    this._publish();
  }

  /** What is drawn, for assistive technology and for tests (the canvas itself says nothing). */
  _publish() {
    const n = this.xs.length;
    this.wrap.dataset.points = String(n);
    if (!n) {
      this.wrap.setAttribute('aria-label', 'Price chart, waiting for prices');
      return;
    }
    const lo = Math.min(...this.ys);
    const hi = Math.max(...this.ys);
    let label = `Price over the last ${n} minute${n === 1 ? '' : 's'}: lowest ${money(lo, this.currency)}, `
      + `highest ${money(hi, this.currency)}, now ${money(this.ys[n - 1], this.currency)}`;
    if (this.insight) {
      label += `. Typical ${money(this.insight.typical, this.currency)}, usual range `
        + `${money(this.insight.low, this.currency)} to ${money(this.insight.high, this.currency)}`;
    }
    this.wrap.setAttribute('aria-label', label);
  }

  _fit() {
    const width = Math.floor(this.wrap.clientWidth);
    if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
  }

  _options() {
    const chart = this;
    return {
      width: Math.max(200, Math.floor(this.wrap.clientWidth) || 300),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        // The whole range asked for, even while few minutes are known: the line then grows from the
        // right as time does, instead of one point being stretched over the width.
        x: {
          time: true,
          // From the data, not from min/max: uPlot widens a single time point by 86400 / ms
          // "units", which with seconds is years.
          range: (u) => {
            const xs = u.data[0];
            const end = xs.length ? xs[xs.length - 1] : Math.floor(Date.now() / 60000) * 60;
            return [Math.min(xs.length ? xs[0] : end, end - (chart.minutes - 1) * 60), end];
          },
        },
        // Room for the band as well as the line, so that a price far from typical shows as such.
        y: {
          range: (u, min, max) => {
            let lo = min;
            let hi = max;
            if (chart.insight) {
              lo = Math.min(lo, chart.insight.low);
              hi = Math.max(hi, chart.insight.high);
            }
            if (lo == null || hi == null) return [0, 1];
            const pad = Math.max((hi - lo) * 0.1, Math.abs(hi) * 0.002, 0.01);
            return [lo - pad, hi + pad];
          },
        },
      },
      axes: [
        { stroke: '#4b5563', grid: { stroke: '#eef2f7' }, ticks: { show: false }, size: 40 },
        {
          stroke: '#4b5563', grid: { stroke: '#eef2f7' }, ticks: { show: false },
          values: (u, vals) => vals.map((v) => money(v, chart.currency)),
          // As wide as the longest label ("TRY 28,950.00" is wider than "€510"), measured, not guessed.
          size: (u, values) => (values ? Math.max(...values.map((v) => textWidth(u, v))) : 40) + 14,
        },
      ],
      series: [
        {},
        {
          label: 'Price', stroke: LINE, width: 2, fill: 'rgba(37, 99, 235, 0.08)',
          // With few points the line is short: show them so that a single minute is visible.
          points: { show: (u) => u.data[0].length < 30, size: 5 },
          value: (u, v) => (v == null ? '' : money(v, chart.currency)),
        },
      ],
      hooks: { drawAxes: [(u) => drawBand(u, chart.insight)] },
    };
  }
}

function textWidth(u, text) {
  u.ctx.save();
  u.ctx.font = u.axes[1].font[0];
  const w = u.ctx.measureText(text).width / devicePixelRatio;
  u.ctx.restore();
  return Math.ceil(w);
}

/** The low–high band and the typical price, under the line (drawn after the axes, before the series). */
function drawBand(u, insight) {
  if (!insight) return;
  const { ctx, bbox } = u;
  const top = u.valToPos(insight.high, 'y', true);
  const bottom = u.valToPos(insight.low, 'y', true);
  const mid = u.valToPos(insight.typical, 'y', true);
  ctx.save();
  ctx.fillStyle = BAND;
  ctx.fillRect(bbox.left, top, bbox.width, Math.max(1, bottom - top));
  ctx.lineWidth = 1 * devicePixelRatio;
  ctx.strokeStyle = BAND_EDGE;
  ctx.beginPath();
  ctx.moveTo(bbox.left, top);
  ctx.lineTo(bbox.left + bbox.width, top);
  ctx.moveTo(bbox.left, bottom);
  ctx.lineTo(bbox.left + bbox.width, bottom);
  ctx.stroke();
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.strokeStyle = TYPICAL;
  ctx.beginPath();
  ctx.moveTo(bbox.left, mid);
  ctx.lineTo(bbox.left + bbox.width, mid);
  ctx.stroke();
  ctx.restore();
}
