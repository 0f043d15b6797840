// Price alerts: the "Alert me below …" control on each card, and what happens when one fires —
// an in-page banner always (role="alert"), and a browser notification if the traveller allowed it.

import { $, h, domId } from './dom.js';
import { money, priceText } from './money.js';
import { saveAlert } from './store.js';

const MAX_BANNERS = 5;
const banners = $('#alert-banners');

/** flightId → the elements of its control. */
const controls = new Map();
let client = null;
let describe = (id) => id;

/**
 * @param {import('./farewatch-client.js').FarewatchClient} farewatch
 * @param {(flightId: string) => string} name how a flight is named in banners ("LH400 Frankfurt → New York")
 */
export function initAlerts(farewatch, name) {
  client = farewatch;
  describe = name;
  client.addEventListener('alert', (e) => announce(e.detail));
  client.addEventListener('alertset', (e) => {
    const { flightId, below, reason } = e.detail;
    show(flightId, below);
    if (below == null && reason === 'refused') {
      note(flightId, 'The server refused this alert (' + (e.detail.code || 'error') + ') after reconnecting; set it again.');
    }
  });
}

/**
 * The control for one followed flight. `currency()` says which currency the flight is quoted in:
 * thresholds are in that currency, as the server compares them with the quoted price.
 */
export function alertControl(flightId, currency) {
  const inputId = domId('alert-below', flightId);
  const noteId = domId('alert-note', flightId);
  const el = {
    input: h('input', { id: inputId, class: 'alert-input', type: 'number', inputmode: 'decimal', min: '0.01',
      step: 'any', required: true, 'aria-describedby': noteId }),
    unit: h('span', { class: 'alert-unit' }),
    set: h('button', { class: 'alert-set', type: 'submit', text: 'Set alert' }),
    clear: h('button', { class: 'alert-clear', type: 'button', text: 'Clear', 'aria-label': 'Clear alert for ' + flightId, hidden: true }),
    note: h('p', { class: 'alert-note', id: noteId, 'aria-live': 'polite' }),
    currency,
    below: null,
  };
  el.form = h('form', { class: 'alert-form', 'data-flight-id': flightId, 'data-below': '', novalidate: true },
    h('label', { for: inputId, class: 'alert-label' }, 'Alert me below', el.unit),
    h('div', { class: 'alert-row' }, el.input, el.set, el.clear),
    el.note);
  el.form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(flightId, el);
  });
  el.clear.addEventListener('click', () => {
    client.clearAlert(flightId).then(() => show(flightId, null), (err) => note(flightId, err.message));
  });
  controls.set(flightId, el);
  refreshUnit(flightId);
  return el.form;
}

/** The card is gone: its alert goes too, on the server and in storage. */
export function dropControl(flightId) {
  if (!controls.delete(flightId)) return;
  if (client.alerts.has(flightId)) client.clearAlert(flightId).catch(() => {});
  saveAlert(flightId, null);
}

/** Sets again an alert remembered from an earlier visit. */
export function restore(flightId, below) {
  show(flightId, below);
  client.alert(flightId, below).catch((err) => {
    show(flightId, null);
    note(flightId, 'Could not set the alert again: ' + err.message);
  });
}

/** Redraws the unit after the flight's currency became known. */
export function refreshUnit(flightId) {
  const el = controls.get(flightId);
  if (!el) return;
  const cur = el.currency();
  el.unit.textContent = cur ? ' (' + cur + ')' : '';
  if (el.below != null) show(flightId, el.below);
}

function submit(flightId, el) {
  const below = Number(el.input.value);
  if (!el.input.value || !Number.isFinite(below) || below <= 0) {
    note(flightId, 'Enter a price above zero.');
    el.input.focus();
    return;
  }
  // Ask to notify only now, inside the click or Enter that set an alert: browsers ignore (or
  // penalise) a permission prompt that no gesture asked for. Not awaited: the alert is set
  // whatever the answer, and the in-page banner works without it.
  if ('Notification' in window && Notification.permission === 'default') {
    try { Notification.requestPermission(); } catch { /* old callback-only API: no notifications */ }
  }
  note(flightId, 'Setting alert…');
  client.alert(flightId, below).then(
    (reply) => show(flightId, reply.below),
    (err) => {
      if (err.code === 'SUPERSEDED') return; // a newer set or clear decides
      show(flightId, client.alerts.get(flightId) ?? null);
      note(flightId, 'Alert not set: ' + err.message);
    });
}

/** Shows (and remembers) the flight's alert: `below` null means none. */
function show(flightId, below) {
  saveAlert(flightId, below);
  const el = controls.get(flightId);
  if (!el) return;
  el.below = below;
  el.form.dataset.below = below == null ? '' : String(below);
  el.clear.hidden = below == null;
  el.set.textContent = below == null ? 'Set alert' : 'Update alert';
  const cur = el.currency();
  note(flightId, below == null ? '' : 'Alert on: below ' + (cur ? money(below, cur) : String(below)) + '.');
  if (below != null && !el.input.value) el.input.value = String(below);
}

function note(flightId, text) {
  const el = controls.get(flightId);
  if (el && el.note.textContent !== text) el.note.textContent = text;
}

/** An alert fired: a banner on the page and, if allowed, a notification outside it. */
function announce({ flightId, price, currency, below, ts }) {
  const shown = priceText(price, currency);
  const now = shown.quote ? `${shown.primary} (${shown.quote})` : shown.primary;
  const text = `${describe(flightId)} is now ${now}, below your alert of ${money(below, currency)}.`;
  const close = h('button', { class: 'banner-close', type: 'button', 'aria-label': 'Dismiss alert for ' + flightId, text: '×' });
  const banner = h('div', { class: 'alert-banner', role: 'alert', 'data-flight-id': flightId },
    h('p', { class: 'banner-text' },
      h('strong', { text: 'Price alert: ' }), text, ' ',
      h('span', { class: 'banner-id', text: flightId })),
    close);
  close.addEventListener('click', () => banner.remove());
  banners.prepend(banner);
  while (banners.children.length > MAX_BANNERS) banners.lastElementChild.remove();
  const at = new Date(typeof ts === 'number' ? ts : Date.now()).toLocaleTimeString();
  note(flightId, `Alert on: below ${money(below, currency)}. Fired at ${at} at ${money(price, currency)}.`);
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      // One notification per flight: a newer one replaces it rather than piling up.
      new Notification('Farewatch: price below ' + money(below, currency), { body: text, tag: 'farewatch-' + flightId });
    } catch { /* some browsers allow notifications only from a service worker: the banner suffices */ }
  }
}
