// The list of flights on offer: rows with a Follow button, and the filter above them.

import { $, h } from './dom.js';
import { departureParts } from './format.js';

const dom = {
  filter: $('#filter'),
  list: $('#flight-list'),
  count: $('#flight-count'),
  empty: $('#catalog-empty'),
};

/** flightId → flight, in the server's order (by departure). */
const flights = new Map();
let loaded = false;
let isFollowing = () => false;
let onToggle = () => {};
let isConnected = () => true;

/**
 * @param {object} hooks
 * @param {(id: string) => boolean} hooks.isFollowing
 * @param {(id: string) => void} hooks.onToggle the traveller pressed Follow / Unfollow
 * @param {() => boolean} hooks.isConnected whether a list is on its way (for the empty note)
 */
export function initCatalog(hooks) {
  ({ isFollowing, onToggle, isConnected } = hooks);
  dom.filter.addEventListener('input', applyFilter);
  document.addEventListener('keydown', (e) => {
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement && document.activeElement.tagName);
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing) {
      e.preventDefault();
      dom.filter.focus();
    } else if (e.key === 'Escape' && document.activeElement === dom.filter && dom.filter.value) {
      dom.filter.value = '';
      applyFilter();
    }
  });
  applyFilter();
}

export function flight(id) {
  return flights.get(id);
}

/** Replaces the list with the server's catalog. */
export function setFlights(list) {
  flights.clear();
  for (const fl of list) if (fl && fl.flightId) flights.set(fl.flightId, fl);
  loaded = true;
  dom.list.replaceChildren(...[...flights.values()].map(renderRow));
  applyFilter();
}

/** Redraws a row's Follow button after the flight was followed or unfollowed. */
export function updateRow(id) {
  const li = dom.list.querySelector(`li[data-flight-id="${CSS.escape(id)}"]`);
  if (li) paintRow(li, id);
}

function paintRow(li, id) {
  const following = isFollowing(id);
  const fl = flights.get(id);
  li.classList.toggle('is-following', following);
  const btn = li.querySelector('button.follow');
  btn.setAttribute('aria-pressed', String(following));
  btn.textContent = following ? 'Unfollow' : 'Follow';
  btn.setAttribute('aria-label', (following ? 'Unfollow ' : 'Follow ') + (fl ? fl.flightNumber : id));
}

function searchText(fl) {
  return [fl.flightId, fl.flightNumber, fl.carrier, fl.carrierName, fl.origin, fl.originCity,
    fl.destination, fl.destinationCity, fl.origin + '-' + fl.destination].filter(Boolean).join(' ');
}

function normalize(str) {
  return String(str).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function renderRow(fl) {
  const dep = departureParts(fl.departure);
  const btn = h('button', { class: 'follow', type: 'button' });
  btn.addEventListener('click', () => onToggle(fl.flightId));
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
  paintRow(li, fl.flightId);
  return li;
}

/** Hides the rows that do not match every word typed, and says how many are shown. */
export function applyFilter() {
  const terms = normalize(dom.filter.value).split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const li of dom.list.children) {
    const hit = terms.every((t) => li._search.includes(t));
    li.hidden = !hit;
    if (hit) shown++;
  }
  const total = flights.size;
  if (!loaded) {
    dom.count.textContent = '';
    dom.empty.textContent = isConnected() ? 'Loading flights…' : 'Flights appear once connected.';
    dom.empty.hidden = false;
    return;
  }
  dom.count.textContent = terms.length ? `${shown} of ${total}` : `${total} ${total === 1 ? 'flight' : 'flights'}`;
  dom.empty.hidden = shown > 0;
  dom.empty.textContent = total === 0 ? 'No flights on offer right now.' : `No flights match “${dom.filter.value.trim()}”.`;
}

export function isLoaded() {
  return loaded;
}
