// The followed flights' cards: price (converted if asked), change, verdict, history chart with a
// range switch, "updated … ago", and the alert control.

import { $, h, domId, reducedMotion } from './dom.js';
import { ago, departureParts, kmFormat, pctFormat } from './format.js';
import { money, priceText } from './money.js';
import { PriceChart } from './chart.js';
import { alertControl, dropControl, refreshUnit } from './alerts.js';
import { flight } from './catalog.js';
import { connState } from './status.js';

const MINUS = '\u2212';
const UP_FLASH = 'rgba(220, 38, 38, 0.16)';
const DOWN_FLASH = 'rgba(5, 150, 105, 0.18)';

/** The chart's ranges: the history asked for, and how the verdict names its window. */
const PERIODS = [
  { label: '1h', minutes: 60, name: 'the last hour' },
  { label: '24h', minutes: 1440, name: 'the last 24 hours' },
  { label: '7d', minutes: 10080, name: 'the last 7 days' },
];

const VERDICTS = {
  low: { text: 'Low price', icon: '▼' },
  typical: { text: 'Typical', icon: '●' },
  high: { text: 'High price', icon: '▲' },
};

const dom = { cards: $('#cards'), empty: $('#cards-empty'), count: $('#follow-count') };

/** flightId → card state, newest first in the page. */
const cards = new Map();
let client = null;
let unfollow = () => {};

export function initCards(farewatch, { onUnfollow }) {
  client = farewatch;
  unfollow = onUnfollow;
  updateCount();
}

export function has(id) {
  return cards.has(id);
}

/** Adds a card for a flight just followed and asks for its history at once. */
export function addCard(id, { scroll = false } = {}) {
  if (cards.has(id)) return;
  const fl = flight(id);
  const c = {
    id, price: null, currency: fl ? fl.currency : null, change: 0, seq: null, ts: 0, ticks: 0,
    receivedAt: 0, subscribed: false, insight: null, period: PERIODS[0], historyAsked: 0,
  };
  c.el = buildCard(c);
  cards.set(id, c);
  dom.cards.prepend(c.el.card);
  c.chart = new PriceChart(c.el.chart, c.currency || 'EUR');
  renderHead(c);
  renderQuote(c, false);
  updateCount();
  loadHistory(c);
  if (scroll && matchMedia('(max-width: 859px)').matches) {
    c.el.card.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
}

export function removeCard(id) {
  const c = cards.get(id);
  if (!c) return;
  cards.delete(id);
  c.chart.destroy();
  c.el.card.remove();
  dropControl(id);
  updateCount();
}

/** A `price` event of the client. */
export function onPrice(msg) {
  const c = cards.get(msg.flightId);
  if (!c) return;
  c.subscribed = true;
  c.seq = msg.seq;
  c.ts = typeof msg.ts === 'number' ? msg.ts : Date.now();
  c.ticks++;
  c.price = msg.price;
  c.change = typeof msg.change === 'number' ? msg.change : 0;
  const known = c.currency;
  c.currency = msg.currency || c.currency || 'EUR';
  if (known !== c.currency) refreshUnit(c.id);
  c.receivedAt = performance.now();
  c.chart.currency = c.currency;
  c.chart.addPrice(c.ts, c.price);
  renderQuote(c, true);
}

/** A `subscribed` event: the card is live again, and after a resume that failed, its chart has a hole to fill. */
export function onSubscribed(msg) {
  const c = cards.get(msg.flightId);
  if (!c) return;
  c.subscribed = true;
  if (typeof msg.recovered === 'boolean') c.el.card.dataset.recovered = String(msg.recovered);
  if (msg.recovered === false && c.historyAsked) loadHistory(c);
  renderLiveness(c);
}

/** The catalog arrived: cards made before it (restored follows) get their names and routes. */
export function refreshHeads() {
  for (const c of cards.values()) renderHead(c);
}

/** The display currency changed: redraw every price. */
export function refreshPrices() {
  for (const c of cards.values()) renderQuote(c, false);
}

/** Redraws what depends on the clock or the connection: "updated … ago", Live/Paused. */
export function tick() {
  const now = performance.now();
  for (const c of cards.values()) {
    renderLiveness(c);
    const txt = c.price == null
      ? (connState() === 'live' ? 'waiting for first price…' : 'waiting for connection…')
      : 'updated ' + ago(now - c.receivedAt) + ' ago';
    if (c.el.updated.textContent !== txt) c.el.updated.textContent = txt;
  }
}

function updateCount() {
  dom.count.textContent = String(cards.size);
  dom.empty.hidden = cards.size > 0;
}

function loadHistory(c) {
  const period = c.period;
  c.historyAsked = period.minutes;
  c.el.chartNote.textContent = 'Loading ' + period.name + '…';
  client.history(c.id, period.minutes).then((msg) => {
    if (cards.get(c.id) !== c || c.period !== period) return; // unfollowed, or another range asked since
    c.insight = msg.insight || null;
    c.chart.setHistory(msg);
    // A price that arrived while the history was on its way belongs at its end.
    if (c.price != null) c.chart.addPrice(c.ts, c.price);
    c.el.card.dataset.historyPoints = String((msg.points || []).length);
    c.el.chartNote.textContent = (msg.points || []).length ? '' : 'No history yet for ' + period.name + '.';
    renderQuote(c, false);
  }, (err) => {
    if (cards.get(c.id) !== c || err.code === 'UNFOLLOWED') return;
    c.el.chartNote.textContent = err.code === 'TOO_MUCH_HISTORY'
      ? 'Too much history asked at once: ' + err.message + '.' // the server says when to ask again
      : 'History unavailable (' + (err.code || 'error') + '); showing live prices.';
  });
}

function buildCard(c) {
  const titleId = domId('card-title', c.id);
  const unfollowButton = h('button', { class: 'unfollow', type: 'button', 'aria-label': 'Unfollow ' + c.id },
    h('span', { 'aria-hidden': 'true', class: 'x', text: '×' }), h('span', { class: 'unfollow-text', text: 'Unfollow' }));
  unfollowButton.addEventListener('click', () => unfollow(c.id));

  const periods = h('div', { class: 'period-switch', role: 'group', 'aria-label': 'Chart range' });
  for (const p of PERIODS) {
    const b = h('button', { type: 'button', class: 'period', 'data-minutes': String(p.minutes),
      'aria-pressed': String(p === c.period), title: 'Show ' + p.name },
    p.label, h('span', { class: 'sr-only', text: ', ' + p.name }));
    b.addEventListener('click', () => {
      if (c.period === p) return;
      c.period = p;
      for (const other of periods.children) other.setAttribute('aria-pressed', String(other === b));
      loadHistory(c);
    });
    periods.append(b);
  }

  const el = {
    title: h('h3', { class: 'card-title', id: titleId }),
    carrier: h('p', { class: 'card-carrier' }),
    route: h('p', { class: 'card-route' }),
    when: h('p', { class: 'card-when' }),
    price: h('p', { class: 'price', text: '—' }),
    quote: h('span', { class: 'price-quote', hidden: true }),
    change: h('p', { class: 'change', 'data-dir': 'none' }),
    verdict: h('span', { class: 'verdict', hidden: true }),
    badge: h('span', { class: 'live-badge' }),
    chart: h('div', { class: 'chart', role: 'img', 'aria-label': 'Price chart, waiting for prices' }),
    chartNote: h('p', { class: 'chart-note', 'aria-live': 'polite' }),
    updated: h('p', { class: 'updated', text: 'waiting for first price…' }),
    range: h('p', { class: 'range' }),
  };
  el.card = h('article', { class: 'quote-card', 'data-flight-id': c.id, 'aria-labelledby': titleId },
    h('header', { class: 'card-head' }, h('div', { class: 'card-ident' }, el.title, el.carrier), unfollowButton),
    h('div', { class: 'card-trip' }, el.route, el.when),
    h('div', { class: 'quote' },
      h('div', { class: 'quote-main' }, el.price, el.quote, el.change),
      h('div', { class: 'badges' }, el.verdict, el.badge)),
    h('div', { class: 'chart-tools' }, periods, el.chartNote),
    h('div', { class: 'chart-wrap' }, el.chart),
    h('footer', { class: 'card-foot' }, el.updated, el.range),
    alertControl(c.id, () => c.currency));
  return el;
}

function renderHead(c) {
  const fl = flight(c.id);
  const el = c.el;
  el.title.replaceChildren(
    h('span', { class: 'flight-no', text: fl ? fl.flightNumber : c.id.split('-')[0] }),
    h('span', { class: 'flight-id', text: c.id }));
  el.carrier.textContent = fl ? [fl.carrierName || fl.carrier, fl.distanceKm ? kmFormat.format(fl.distanceKm) : null]
    .filter(Boolean).join(' · ') : '';
  if (!fl) return;
  const dep = departureParts(fl.departure);
  el.route.replaceChildren(
    h('span', { class: 'iata', text: fl.origin }),
    h('span', { class: 'arrow', 'aria-hidden': 'true', text: ' → ' }),
    h('span', { class: 'sr-only', text: ' to ' }),
    h('span', { class: 'iata', text: fl.destination }),
    h('span', { class: 'cities', text: (fl.originCity || '') + ' → ' + (fl.destinationCity || '') }));
  el.when.replaceChildren(
    document.createTextNode('Departs '),
    h('time', { datetime: fl.departure, text: dep.date + ', ' + dep.time }),
    document.createTextNode(' local time'));
  if (!c.currency) {
    c.currency = fl.currency;
    refreshUnit(c.id);
  }
}

function renderQuote(c, fresh) {
  const el = c.el;
  el.card.dataset.ticks = String(c.ticks);
  renderLiveness(c);
  if (c.price == null) {
    el.card.dataset.seq = '';
    return;
  }
  el.card.dataset.seq = String(c.seq);
  const shown = priceText(c.price, c.currency);
  el.price.textContent = shown.primary;
  el.price.dataset.value = String(c.price);
  el.price.dataset.currency = c.currency;
  el.quote.hidden = !shown.quote;
  el.quote.textContent = shown.quote ? 'quoted ' + shown.quote : '';
  renderChange(c);
  renderVerdict(c);

  const ys = c.chart.ys;
  if (ys.length > 1) {
    el.range.replaceChildren(
      h('span', { class: 'lo', text: 'Low ' + money(Math.min(...ys), c.currency) }),
      h('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      h('span', { class: 'hi', text: 'High ' + money(Math.max(...ys), c.currency) }));
  } else {
    el.range.textContent = '';
  }
  const dir = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'flat';
  if (fresh && dir !== 'flat' && !reducedMotion() && el.price.animate) {
    el.price.animate([{ backgroundColor: dir === 'up' ? UP_FLASH : DOWN_FLASH }, { backgroundColor: 'transparent' }],
      { duration: 900, easing: 'ease-out' });
  }
}

function renderChange(c) {
  const el = c.el;
  const dir = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'flat';
  el.change.dataset.dir = dir;
  el.change.dataset.value = String(c.change);
  const prev = c.price - c.change;
  const pct = prev ? Math.abs(c.change / prev) : 0;
  if (dir === 'flat') {
    el.change.replaceChildren(
      h('span', { class: 'chg-arrow', 'aria-hidden': 'true', text: '●' }),
      ' ' + money(0, c.currency) + ' ',
      h('span', { class: 'pct', text: 'no change' }));
    el.change.setAttribute('aria-label', 'No change since last update');
    return;
  }
  const sign = dir === 'up' ? '+' : MINUS;
  el.change.replaceChildren(
    h('span', { class: 'chg-arrow', 'aria-hidden': 'true', text: dir === 'up' ? '▲' : '▼' }),
    ' ' + sign + money(Math.abs(c.change), c.currency) + ' ',
    h('span', { class: 'pct', text: '(' + sign + pctFormat.format(pct) + ')' }));
  el.change.setAttribute('aria-label', (dir === 'up' ? 'Up ' : 'Down ') + money(Math.abs(c.change), c.currency)
    + (dir === 'up' ? ', pricier' : ', cheaper') + ' than a second ago');
}

/**
 * "Low price" / "Typical" / "High price": the current price against the history's band, by the
 * server's rule (at or below the 25th percentile is low, at or above the 75th high, typical when
 * they are equal), so that the badge follows live prices between history requests.
 */
function renderVerdict(c) {
  const badge = c.el.verdict;
  const band = c.insight;
  if (!band) {
    badge.hidden = true;
    return;
  }
  const price = c.price ?? null;
  let verdict = band.verdict;
  if (price != null) {
    // Prices that do not spread at all are all typical: nothing to be low or high against.
    verdict = band.low === band.high ? 'typical' : price <= band.low ? 'low' : price >= band.high ? 'high' : 'typical';
  }
  const v = VERDICTS[verdict] || VERDICTS.typical;
  badge.hidden = false;
  const context = `compared with ${c.period.name}: usually ${money(band.low, c.currency)} to `
    + `${money(band.high, c.currency)}, typically ${money(band.typical, c.currency)}`;
  if (badge.dataset.verdict !== verdict || badge.title !== context) {
    badge.dataset.verdict = verdict;
    badge.title = context;
    // The words carry the meaning; colour and arrow only repeat it. The context is read out too.
    badge.replaceChildren(h('span', { 'aria-hidden': 'true', class: 'verdict-icon', text: v.icon + ' ' }),
      h('span', { class: 'verdict-text', text: v.text }),
      h('span', { class: 'sr-only', text: ', ' + context }));
  }
}

function renderLiveness(c) {
  const el = c.el;
  let state;
  if (connState() !== 'live') state = 'paused';
  else if (!c.subscribed || c.price == null) state = 'pending';
  else state = 'live';
  if (el.card.dataset.live === state) return;
  el.card.dataset.live = state;
  el.badge.textContent = state === 'live' ? 'Live' : state === 'pending' ? 'Starting…' : 'Paused';
  el.badge.title = state === 'paused' ? 'Not connected — showing the last price received; resumes on reconnect' : '';
}

/** Marks every card as not subscribed (the connection dropped): they show Paused until resumed. */
export function markAllUnsubscribed() {
  for (const c of cards.values()) {
    c.subscribed = false;
    renderLiveness(c);
  }
}
