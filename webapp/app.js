// Farewatch browser client: flight catalog, follow/unfollow, live price cards.
// Plain ES module, no dependencies. Talks JSON over one WebSocket.

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 15000;
const PING_EVERY_MS = 20000;
const DEAD_AFTER_MS = 50000;      // no frame at all for this long: assume the socket is dead
const HISTORY_SIZE = 60;          // prices kept per flight for the sparkline
const REFRESH_MS = 200;           // how often "updated … ago" and the countdown redraw
const MESSAGE_TTL_MS = 9000;      // how long an error stays on screen
const MAX_MESSAGES = 4;

/** ws(s)://host/<context path>/ws/flight-price, resolved against the page's directory. */
const WS_URL = (() => {
  const u = new URL('ws/flight-price', location.href);
  return (u.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + u.host + u.pathname;
})();

const CLOSE_REASONS = {
  1001: 'server restarting',
  1003: 'unsupported data',
  1006: 'connection lost',
  1008: 'policy violation',
  1009: 'message too big',
  1011: 'server error',
  1012: 'server restarting',
  1013: 'server busy',
  4000: 'no response',
  4008: 'connection too slow',
};

const ERROR_HINTS = {
  TOO_MANY_SUBSCRIPTIONS: 'Unfollow a flight to make room for another.',
  UNKNOWN_FLIGHT: 'That flight is no longer offered.',
  INVALID_FLIGHT_ID: 'That does not look like a flight id.',
};

// ---------------------------------------------------------------------------
// DOM
// ---------------------------------------------------------------------------

const $ = (sel) => document.querySelector(sel);
const dom = {
  status: $('#status'),
  statusLabel: $('#status .status-label'),
  statusDetail: $('#status .status-detail'),
  retry: $('#retry'),
  filter: $('#filter'),
  list: $('#flight-list'),
  count: $('#flight-count'),
  catalogEmpty: $('#catalog-empty'),
  cards: $('#cards'),
  cardsEmpty: $('#cards-empty'),
  followCount: $('#follow-count'),
  messages: $('#messages'),
};

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function s(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  return el;
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

const moneyFormats = new Map();
function money(amount, currency) {
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, f);
  }
  return f.format(amount);
}

const pctFormat = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kmFormat = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/**
 * The departure in the origin airport's local time, as the server wrote it
 * ("2026-12-24T10:15:00+01:00" → "Thu, Dec 24" and "10:15 AM"), never converted to the viewer's zone.
 */
function departureParts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
  if (!m) return { date: iso || '', time: '' };
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return { date: dateFormat.format(d), time: timeFormat.format(d) };
}

function ago(ms) {
  const sec = Math.max(0, ms) / 1000;
  if (sec < 10) return sec.toFixed(1) + ' s';
  if (sec < 60) return Math.floor(sec) + ' s';
  if (sec < 3600) return Math.floor(sec / 60) + ' min';
  return Math.floor(sec / 3600) + ' h';
}

const MINUS = '\u2212';
const UP_FLASH = 'rgba(220, 38, 38, 0.16)';
const DOWN_FLASH = 'rgba(5, 150, 105, 0.18)';

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

/** flightId → flight, in the server's order. */
const catalog = new Map();
let catalogLoaded = false;

/**
 * flightId → followed flight:
 * { id, history: number[], price, currency, change, epoch, seq, receivedAt, subscribed, el: {...} }
 */
const follows = new Map();

/** Flight ids we sent `subscribe` for and have no answer yet, oldest first. */
let pendingSubs = [];

// ---------------------------------------------------------------------------
// Connection with reconnect (exponential backoff, full jitter)
// ---------------------------------------------------------------------------

let ws = null;
let attempt = 0;
let reconnectTimer = 0;
let reconnectAt = 0;
let pingTimer = 0;
let lastFrameAt = 0;
let lastCloseReason = '';
let connState = 'connecting';

function setState(state) {
  connState = state;
  dom.status.dataset.state = state;
  document.documentElement.dataset.conn = state;
  const labels = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', paused: 'Paused' };
  dom.statusLabel.textContent = labels[state];
  dom.retry.hidden = !(state === 'reconnecting' || state === 'offline');
  dom.status.title = state === 'live' ? 'Connected — prices update every second'
    : lastCloseReason ? 'Disconnected: ' + lastCloseReason : '';
  renderStatusDetail();
  for (const f of follows.values()) renderLiveness(f);
}

function renderStatusDetail() {
  let detail = '';
  if (connState === 'reconnecting') {
    const secs = Math.max(0, (reconnectAt - performance.now()) / 1000);
    detail = ' in ' + (secs < 1 ? secs.toFixed(1) : Math.ceil(secs)) + ' s';
  } else if (connState === 'offline') {
    detail = navigator.onLine === false ? ' — no network' : '';
  } else if (connState === 'paused') {
    detail = ' — follow a flight to resume';
  }
  if (dom.statusDetail.textContent !== detail) dom.statusDetail.textContent = detail;
}

function connect() {
  clearTimeout(reconnectTimer);
  reconnectTimer = 0;
  if (ws) return;
  if (navigator.onLine === false) {
    setState('offline');
    return;
  }
  setState('connecting');
  let sock;
  try {
    sock = new WebSocket(WS_URL);
  } catch (e) {
    lastCloseReason = String(e && e.message || e);
    scheduleReconnect();
    return;
  }
  ws = sock;
  let heardBack = false;

  sock.onopen = () => {
    if (ws !== sock) return;
    lastFrameAt = Date.now();
    lastCloseReason = '';
    setState('live');
    pendingSubs = [];
    send({ type: 'flights' });
    for (const f of follows.values()) sendSubscribe(f);
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (ws !== sock) return;
      if (Date.now() - lastFrameAt > DEAD_AFTER_MS) {
        drop(sock, 4000);
        return;
      }
      send({ type: 'ping' });
    }, PING_EVERY_MS);
  };

  sock.onmessage = (ev) => {
    if (ws !== sock) return;
    lastFrameAt = Date.now();
    if (!heardBack) {
      // Only a connection that actually talks to us resets the backoff: a server that
      // accepts and immediately closes (e.g. 1013, full) must not be hammered.
      heardBack = true;
      attempt = 0;
    }
    let msg;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    handle(msg);
  };

  sock.onclose = (ev) => {
    if (ws !== sock) return;
    drop(sock, ev.code, ev.reason);
  };
}

/** Forget the socket (closing it if still open) and plan the next attempt. */
function drop(sock, code, reason) {
  if (ws !== sock) return;
  ws = null;
  clearInterval(pingTimer);
  sock.onopen = sock.onmessage = sock.onclose = null;
  try {
    if (sock.readyState <= 1) sock.close(code >= 3000 && code < 5000 ? code : 1000);
  } catch { /* already gone */ }
  lastCloseReason = (reason && String(reason)) || CLOSE_REASONS[code] || (code ? 'closed (' + code + ')' : 'connection lost');
  pendingSubs = [];
  for (const f of follows.values()) f.subscribed = false;
  if (code === 1008 && follows.size === 0) {
    // The server closes a connection that follows nothing for a while: wait for the next follow.
    setState('paused');
    return;
  }
  scheduleReconnect();
}

function scheduleReconnect() {
  clearTimeout(reconnectTimer);
  if (navigator.onLine === false) {
    setState('offline');
    return;
  }
  const cap = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
  attempt = Math.min(attempt + 1, 30);
  const delay = Math.random() * cap; // full jitter
  reconnectAt = performance.now() + delay;
  reconnectTimer = setTimeout(connect, delay);
  setState('reconnecting');
}

function reconnectNow() {
  attempt = 0;
  if (ws) return;
  connect();
}

function send(obj) {
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify(obj));
    return true;
  }
  return false;
}

function sendSubscribe(f) {
  // After a reconnect, ask for what was missed: the chart then goes on without a hole.
  const msg = { type: 'subscribe', flightId: f.id };
  if (f.epoch != null && f.seq != null) msg.since = { epoch: f.epoch, seq: f.seq };
  if (send(msg)) pendingSubs.push(f.id);
}

window.addEventListener('online', reconnectNow);
window.addEventListener('offline', () => {
  if (ws) drop(ws, 1006, 'no network');
  else setState('offline');
});
document.addEventListener('visibilitychange', () => {
  // Coming back to a tab that waited long in the background: don't sit out the rest of the backoff.
  if (document.visibilityState === 'visible' && connState === 'reconnecting' && reconnectAt - performance.now() > 2000) {
    reconnectNow();
  }
});
dom.retry.addEventListener('click', reconnectNow);

// ---------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------

function handle(msg) {
  switch (msg && msg.type) {
    case 'flights':
      setCatalog(Array.isArray(msg.flights) ? msg.flights : []);
      break;
    case 'subscribed': {
      pendingSubs = pendingSubs.filter((id) => id !== msg.flightId);
      const f = follows.get(msg.flightId);
      if (f) {
        f.subscribed = true;
        if (typeof msg.recovered === 'boolean' && f.el) f.el.card.dataset.recovered = String(msg.recovered);
        if (msg.recovered !== true) {
          // Not a continuation of what we have (a restarted server, or too long away): a new stream follows.
          f.epoch = msg.epoch != null ? msg.epoch : null;
          f.seq = null;
        }
        renderLiveness(f);
      }
      break;
    }
    case 'unsubscribed':
      onUnsubscribed(msg);
      break;
    case 'price':
      onPrice(msg);
      break;
    case 'pong':
      break;
    case 'error':
      onError(msg);
      break;
    default:
      break;
  }
}

function onPrice(msg) {
  const f = follows.get(msg.flightId);
  if (!f || typeof msg.price !== 'number') return;
  const sameStream = msg.epoch === f.epoch;
  if (sameStream && typeof msg.seq === 'number' && f.seq != null && msg.seq <= f.seq) return; // stale or duplicate
  f.subscribed = true;
  f.epoch = msg.epoch != null ? msg.epoch : null;
  f.seq = msg.seq;
  f.price = msg.price;
  f.change = typeof msg.change === 'number' ? msg.change : 0;
  f.currency = msg.currency || f.currency || (catalog.get(f.id) || {}).currency || 'EUR';
  f.receivedAt = performance.now();
  f.history.push(msg.price);
  if (f.history.length > HISTORY_SIZE) f.history.splice(0, f.history.length - HISTORY_SIZE);
  renderQuote(f, true);
}

// The server ended a follow itself: the flight left the catalog, withdrawn or departed. (Our own
// unsubscribe is confirmed without a reason, and its card is gone already.)
function onUnsubscribed(msg) {
  if (!msg.reason || !msg.flightId) return;
  removeFollow(msg.flightId, false);
  const departed = msg.reason === 'departed';
  showMessage(departed ? 'DEPARTED' : 'REMOVED',
    departed ? 'This flight has departed.' : 'This flight was taken off sale.', msg.flightId);
  send({ type: 'flights' }); // the list changed too
}

function onError(msg) {
  let id = msg.flightId;
  const refusesSubscription = ['TOO_MANY_SUBSCRIPTIONS', 'UNKNOWN_FLIGHT', 'INVALID_FLIGHT_ID'].includes(msg.code);
  if (refusesSubscription && !id && pendingSubs.length) id = pendingSubs[0]; // answers come in request order
  if (refusesSubscription && id) {
    pendingSubs = pendingSubs.filter((p) => p !== id);
    if (follows.has(id)) removeFollow(id, false);
  }
  showMessage(msg.code || 'ERROR', msg.message || 'Something went wrong.', id);
}

// ---------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------

function setCatalog(flights) {
  catalog.clear();
  for (const fl of flights) if (fl && fl.flightId) catalog.set(fl.flightId, fl);
  catalogLoaded = true;
  const rows = [];
  for (const fl of catalog.values()) rows.push(renderRow(fl));
  dom.list.replaceChildren(...rows);
  for (const f of follows.values()) renderCardHead(f);
  applyFilter();
}

function searchText(fl) {
  return [fl.flightId, fl.flightNumber, fl.carrier, fl.carrierName, fl.origin, fl.originCity,
    fl.destination, fl.destinationCity, fl.origin + '-' + fl.destination]
    .filter(Boolean).join(' ');
}

function normalize(str) {
  return String(str).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function renderRow(fl) {
  const dep = departureParts(fl.departure);
  const following = follows.has(fl.flightId);
  const btn = h('button', {
    class: 'follow', type: 'button', 'aria-pressed': String(following),
    'aria-label': (following ? 'Unfollow ' : 'Follow ') + fl.flightNumber,
    text: following ? 'Unfollow' : 'Follow',
  });
  btn.addEventListener('click', () => {
    if (follows.has(fl.flightId)) removeFollow(fl.flightId, true);
    else addFollow(fl.flightId, true);
  });
  const li = h('li', { class: 'flight-row', 'data-flight-id': fl.flightId },
    h('div', { class: 'row-main' },
      h('p', { class: 'row-top' },
        h('span', { class: 'flight-no', text: fl.flightNumber || fl.flightId }),
        h('span', { class: 'carrier', text: fl.carrierName || fl.carrier || '' })),
      h('p', { class: 'row-route' },
        h('span', { class: 'iata', text: fl.origin }),
        h('span', { class: 'arrow', 'aria-hidden': 'true', text: ' → ' }),
        h('span', { class: 'sr-only', text: ' to ' }),
        h('span', { class: 'iata', text: fl.destination }),
        h('span', { class: 'cities', text: ' ' + (fl.originCity || '') + ' → ' + (fl.destinationCity || '') })),
      h('p', { class: 'row-when' },
        h('time', { datetime: fl.departure, text: dep.date + ' · ' + dep.time }),
        h('span', { class: 'local', text: ' local' }))),
    btn);
  li._search = normalize(searchText(fl));
  if (following) li.classList.add('is-following');
  return li;
}

function updateRow(id) {
  const li = dom.list.querySelector(`li[data-flight-id="${CSS.escape(id)}"]`);
  if (!li) return;
  const fl = catalog.get(id);
  const following = follows.has(id);
  li.classList.toggle('is-following', following);
  const btn = li.querySelector('button.follow');
  btn.setAttribute('aria-pressed', String(following));
  btn.textContent = following ? 'Unfollow' : 'Follow';
  btn.setAttribute('aria-label', (following ? 'Unfollow ' : 'Follow ') + (fl ? fl.flightNumber : id));
}

function applyFilter() {
  const terms = normalize(dom.filter.value).split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const li of dom.list.children) {
    const hit = terms.every((t) => li._search.includes(t));
    li.hidden = !hit;
    if (hit) shown++;
  }
  const total = catalog.size;
  if (!catalogLoaded) {
    dom.count.textContent = '';
    dom.catalogEmpty.textContent = connState === 'live' || connState === 'connecting'
      ? 'Loading flights…' : 'Flights appear once connected.';
    dom.catalogEmpty.hidden = false;
    return;
  }
  dom.count.textContent = terms.length ? `${shown} of ${total}` : `${total} ${total === 1 ? 'flight' : 'flights'}`;
  dom.catalogEmpty.hidden = shown > 0;
  dom.catalogEmpty.textContent = total === 0 ? 'No flights on offer right now.'
    : `No flights match “${dom.filter.value.trim()}”.`;
}

dom.filter.addEventListener('input', applyFilter);
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey
      && !['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement && document.activeElement.tagName)) {
    e.preventDefault();
    dom.filter.focus();
  } else if (e.key === 'Escape' && document.activeElement === dom.filter && dom.filter.value) {
    dom.filter.value = '';
    applyFilter();
  }
});

// ---------------------------------------------------------------------------
// Following and cards
// ---------------------------------------------------------------------------

function addFollow(id, announce) {
  if (follows.has(id)) return;
  const fl = catalog.get(id);
  const f = {
    id, history: [], price: null, currency: fl ? fl.currency : null, change: 0,
    epoch: null, seq: null, receivedAt: 0, subscribed: false, el: null,
  };
  follows.set(id, f);
  f.el = buildCard(f);
  dom.cards.prepend(f.el.card);
  renderCardHead(f);
  renderQuote(f, false);
  updateRow(id);
  updateFollowCount();
  saveFollows();
  sendSubscribe(f);
  if (!ws && connState === 'paused') reconnectNow();
  if (announce && matchMedia('(max-width: 859px)').matches) {
    f.el.card.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
}

function removeFollow(id, tellServer) {
  const f = follows.get(id);
  if (!f) return;
  follows.delete(id);
  pendingSubs = pendingSubs.filter((p) => p !== id);
  if (tellServer) send({ type: 'unsubscribe', flightId: id });
  f.el.card.remove();
  updateRow(id);
  updateFollowCount();
  saveFollows();
}

function updateFollowCount() {
  dom.followCount.textContent = String(follows.size);
  dom.cardsEmpty.hidden = follows.size > 0;
}

function buildCard(f) {
  const titleId = 'card-title-' + f.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const unfollow = h('button', { class: 'unfollow', type: 'button', 'aria-label': 'Unfollow ' + f.id },
    h('span', { 'aria-hidden': 'true', class: 'x', text: '×' }), h('span', { class: 'unfollow-text', text: 'Unfollow' }));
  unfollow.addEventListener('click', () => removeFollow(f.id, true));

  const chart = s('svg', {
    class: 'chart', viewBox: '0 0 300 64', preserveAspectRatio: 'none', role: 'img',
    'aria-label': 'Price chart, waiting for prices',
  });
  const defs = s('defs');
  const gradId = 'grad-' + titleId;
  const grad = s('linearGradient', { id: gradId, x1: '0', y1: '0', x2: '0', y2: '1' });
  grad.append(s('stop', { offset: '0', class: 'stop-top' }), s('stop', { offset: '1', class: 'stop-bottom' }));
  defs.append(grad);
  const area = s('path', { class: 'chart-area', fill: `url(#${gradId})` });
  const line = s('path', { class: 'chart-line', 'vector-effect': 'non-scaling-stroke' });
  const dot = s('path', { class: 'chart-dot', 'vector-effect': 'non-scaling-stroke' });
  chart.append(defs, area, line, dot);

  const el = {
    title: h('h3', { class: 'card-title', id: titleId }),
    carrier: h('p', { class: 'card-carrier' }),
    route: h('p', { class: 'card-route' }),
    when: h('p', { class: 'card-when' }),
    price: h('p', { class: 'price', text: '—' }),
    change: h('p', { class: 'change', 'data-dir': 'none' }),
    badge: h('span', { class: 'live-badge' }),
    updated: h('p', { class: 'updated', text: 'waiting for first price…' }),
    range: h('p', { class: 'range' }),
    chart, area, line, dot,
  };
  el.card = h('article', { class: 'quote-card', 'data-flight-id': f.id, 'aria-labelledby': titleId },
    h('header', { class: 'card-head' },
      h('div', { class: 'card-ident' }, el.title, el.carrier),
      unfollow),
    h('div', { class: 'card-trip' }, el.route, el.when),
    h('div', { class: 'quote' },
      h('div', { class: 'quote-main' }, el.price, el.change),
      el.badge),
    h('div', { class: 'chart-wrap' }, chart),
    h('footer', { class: 'card-foot' }, el.updated, el.range));
  return el;
}

function renderCardHead(f) {
  const fl = catalog.get(f.id);
  const el = f.el;
  if (!el) return;
  const dep = fl ? departureParts(fl.departure) : null;
  el.title.replaceChildren(
    h('span', { class: 'flight-no', text: fl ? fl.flightNumber : f.id.split('-')[0] }),
    h('span', { class: 'flight-id', text: f.id }));
  el.carrier.textContent = fl ? [fl.carrierName || fl.carrier, fl.distanceKm ? kmFormat.format(fl.distanceKm) : null]
    .filter(Boolean).join(' · ') : '';
  if (fl) {
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
    if (!f.currency) f.currency = fl.currency;
  }
}

function renderQuote(f, fresh) {
  const el = f.el;
  if (f.price == null) {
    el.card.dataset.seq = '';
    renderLiveness(f);
    return;
  }
  el.card.dataset.seq = String(f.seq);
  el.card.dataset.points = String(f.history.length);
  el.price.textContent = money(f.price, f.currency);
  el.price.dataset.value = String(f.price);
  el.price.dataset.currency = f.currency;

  const dir = f.change > 0 ? 'up' : f.change < 0 ? 'down' : 'flat';
  el.change.dataset.dir = dir;
  el.change.dataset.value = String(f.change);
  const prev = f.price - f.change;
  const pct = prev ? Math.abs(f.change / prev) : 0;
  if (dir === 'flat') {
    el.change.replaceChildren(
      h('span', { class: 'chg-arrow', 'aria-hidden': 'true', text: '●' }),
      ' ' + money(0, f.currency) + ' ',
      h('span', { class: 'pct', text: 'no change' }));
    el.change.setAttribute('aria-label', 'No change since last update');
  } else {
    const sign = dir === 'up' ? '+' : MINUS;
    el.change.replaceChildren(
      h('span', { class: 'chg-arrow', 'aria-hidden': 'true', text: dir === 'up' ? '▲' : '▼' }),
      ' ' + sign + money(Math.abs(f.change), f.currency) + ' ',
      h('span', { class: 'pct', text: '(' + sign + pctFormat.format(pct) + ')' }));
    el.change.setAttribute('aria-label', (dir === 'up' ? 'Up ' : 'Down ') + money(Math.abs(f.change), f.currency)
      + (dir === 'up' ? ', pricier' : ', cheaper') + ' than a second ago');
  }

  if (f.history.length > 1) {
    const lo = Math.min(...f.history);
    const hi = Math.max(...f.history);
    el.range.replaceChildren(
      h('span', { class: 'lo', text: 'Low ' + money(lo, f.currency) }),
      h('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      h('span', { class: 'hi', text: 'High ' + money(hi, f.currency) }));
  } else {
    el.range.textContent = '';
  }

  renderChart(f);
  renderLiveness(f);
  renderUpdated(f, performance.now());

  if (fresh && dir !== 'flat' && !reducedMotion() && el.price.animate) {
    el.price.animate(
      [{ backgroundColor: dir === 'up' ? UP_FLASH : DOWN_FLASH }, { backgroundColor: 'transparent' }],
      { duration: 900, easing: 'ease-out' });
  }
}

function renderChart(f) {
  const { line, area, dot, chart } = f.el;
  const hist = f.history;
  const W = 300, H = 64, PAD = 6;
  if (!hist.length) {
    line.setAttribute('d', '');
    area.setAttribute('d', '');
    dot.setAttribute('d', '');
    return;
  }
  let lo = Math.min(...hist);
  let hi = Math.max(...hist);
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const step = W / (HISTORY_SIZE - 1);
  const n = hist.length;
  // Newest price at the right edge; older ones scroll off to the left.
  const pts = hist.map((p, i) => [W - (n - 1 - i) * step, PAD + (1 - (p - lo) / (hi - lo)) * (H - 2 * PAD)]);
  const d = pts.map(([x, y], i) => (i ? 'L' : 'M') + x.toFixed(2) + ',' + y.toFixed(2)).join('');
  line.setAttribute('d', n === 1 ? `M${(W - step).toFixed(2)},${pts[0][1].toFixed(2)}L${W},${pts[0][1].toFixed(2)}` : d);
  area.setAttribute('d', n === 1 ? '' : d + `L${W},${H}L${pts[0][0].toFixed(2)},${H}Z`);
  const [lx, ly] = pts[n - 1];
  dot.setAttribute('d', `M${(lx - 0.01).toFixed(2)},${ly.toFixed(2)}l0.01,0`);
  dot.dataset.dir = f.change > 0 ? 'up' : f.change < 0 ? 'down' : 'flat';
  chart.setAttribute('aria-label', `Price over the last ${n} update${n === 1 ? '' : 's'}: low ${money(Math.min(...hist), f.currency)}, high ${money(Math.max(...hist), f.currency)}, now ${money(f.price, f.currency)}`);
}

function renderLiveness(f) {
  const el = f.el;
  if (!el) return;
  let state;
  if (connState !== 'live') state = 'paused';
  else if (!f.subscribed || f.price == null) state = 'pending';
  else state = 'live';
  if (el.card.dataset.live === state) return;
  el.card.dataset.live = state;
  el.badge.textContent = state === 'live' ? 'Live' : state === 'pending' ? 'Starting…' : 'Paused';
  el.badge.title = state === 'paused' ? 'Not connected — showing the last price received; resumes on reconnect' : '';
}

function renderUpdated(f, now) {
  const txt = f.price == null
    ? (connState === 'live' ? 'waiting for first price…' : 'waiting for connection…')
    : 'updated ' + ago(now - f.receivedAt) + ' ago';
  if (f.el.updated.textContent !== txt) f.el.updated.textContent = txt;
}

function reducedMotion() {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// The followed flights live in the URL fragment (#follow=ID,ID) so a view can be bookmarked or shared.
function saveFollows() {
  const ids = [...follows.keys()].reverse(); // oldest first
  const hash = ids.length ? '#follow=' + ids.map(encodeURIComponent).join(',') : '';
  if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
}

function loadFollows() {
  const m = /^#follow=(.*)$/.exec(location.hash);
  if (!m) return;
  for (const raw of m[1].split(',')) {
    let id;
    try { id = decodeURIComponent(raw).trim(); } catch { continue; }
    if (/^[A-Za-z0-9-]{3,40}$/.test(id)) addFollow(id, false);
  }
}

// ---------------------------------------------------------------------------
// Messages (server errors)
// ---------------------------------------------------------------------------

function showMessage(code, text, flightId) {
  const close = h('button', { class: 'msg-close', type: 'button', 'aria-label': 'Dismiss message', text: '×' });
  const hint = ERROR_HINTS[code];
  const item = h('div', { class: 'message', 'data-code': code },
    h('div', { class: 'msg-body' },
      h('p', { class: 'msg-line' },
        h('code', { class: 'msg-code', text: code }),
        flightId ? h('span', { class: 'msg-flight', text: flightId }) : null),
      h('p', { class: 'msg-text', text }),
      hint ? h('p', { class: 'msg-hint', text: hint }) : null),
    close);
  const dismiss = () => {
    clearTimeout(timer);
    item.classList.add('leaving');
    setTimeout(() => item.remove(), reducedMotion() ? 0 : 200);
  };
  close.addEventListener('click', dismiss);
  const timer = setTimeout(dismiss, MESSAGE_TTL_MS);
  dom.messages.append(item);
  while (dom.messages.children.length > MAX_MESSAGES) dom.messages.firstElementChild.remove();
}

// ---------------------------------------------------------------------------
// Clock: "updated … ago" and the reconnect countdown
// ---------------------------------------------------------------------------

setInterval(() => {
  const now = performance.now();
  for (const f of follows.values()) renderUpdated(f, now);
  renderStatusDetail();
  if (!catalogLoaded) applyFilter();
}, REFRESH_MS);

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

updateFollowCount();
applyFilter();
loadFollows();
connect();
