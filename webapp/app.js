// Farewatch's page: puts the modules together on one FarewatchClient.
//   farewatch-client.js  the WebSocket: reconnects, resumes, re-sets alerts
//   catalog.js           the list of flights and its filter
//   cards.js             a card per followed flight, with chart.js (uPlot) and alerts.js
//   money.js             prices and currency conversion; store.js what survives a reload
//   status.js            the connection indicator and the server's messages

import { FarewatchClient } from './farewatch-client.js';
import { $ } from './dom.js';
import { applyFilter, flight, initCatalog, isLoaded, setFlights, updateRow } from './catalog.js';
import { addCard, has, initCards, markAllUnsubscribed, onPrice, onSubscribed, refreshHeads, refreshPrices, removeCard, tick } from './cards.js';
import { initAlerts, restore } from './alerts.js';
import { initCurrencySelect, onCurrencyChange } from './money.js';
import { loadAlerts, loadFollows, saveAlert, saveFollows } from './store.js';
import { connState, onRetry, showMessage, showState, tickStatus } from './status.js';

const REFRESH_MS = 200; // how often "updated … ago" and the reconnect countdown redraw

const client = new FarewatchClient({ connect: false });

/** Follows a flight: a card at once (with its history asked for), prices once subscribed. */
function follow(id, { scroll = false } = {}) {
  if (has(id)) return;
  // Subscribe first: the card's history request then reaches the server after it.
  client.follow(id).catch((err) => {
    if (err.code === 'UNFOLLOWED') return; // unfollowed before the server answered
    forget(id);
    showMessage(err.code || 'ERROR', err.message, id);
  });
  addCard(id, { scroll });
  updateRow(id);
  save();
}

function unfollow(id) {
  forget(id);
  client.unfollow(id).catch(() => { /* the card is gone whatever the server says */ });
}

/** Takes the flight off the page (the server has let go of it, or will). */
function forget(id) {
  removeCard(id);
  updateRow(id);
  save();
}

function save() {
  saveFollows([...document.querySelectorAll('#cards article.quote-card')].map((c) => c.dataset.flightId).reverse());
}

function loadCatalog() {
  client.flights().then((flights) => {
    setFlights(flights);
    refreshHeads();
  }, (err) => showMessage(err.code || 'ERROR', err.message));
}

function name(id) {
  const fl = flight(id);
  return fl ? `${fl.flightNumber} ${fl.origin} → ${fl.destination}` : id;
}

client.addEventListener('state', (e) => {
  showState(e.detail);
  if (e.detail.state === 'open') loadCatalog();
  else markAllUnsubscribed();
  if (!isLoaded()) applyFilter();
});
client.addEventListener('price', (e) => onPrice(e.detail));
client.addEventListener('subscribed', (e) => onSubscribed(e.detail));
client.addEventListener('unsubscribed', (e) => {
  // The server ended a follow itself: the flight left the catalog, withdrawn or departed.
  const { flightId, reason } = e.detail;
  if (!reason || !has(flightId)) return;
  forget(flightId);
  const departed = reason === 'departed';
  showMessage(departed ? 'DEPARTED' : 'REMOVED',
    departed ? 'This flight has departed.' : 'This flight was taken off sale.', flightId);
  loadCatalog(); // the list changed too
});
client.addEventListener('error', (e) => {
  const { code, message, flightId } = e.detail;
  // A follow refused when the client resumed it after a reconnect (say, the flight left meanwhile).
  if (flightId && has(flightId) && !client.following.includes(flightId)) forget(flightId);
  showMessage(code || 'ERROR', message || 'Something went wrong.', flightId);
});

initCatalog({
  isFollowing: has,
  onToggle: (id) => (has(id) ? unfollow(id) : follow(id, { scroll: true })),
  isConnected: () => connState() === 'live' || connState() === 'connecting',
});
initCards(client, { onUnfollow: unfollow });
initAlerts(client, name);
onRetry(() => client.reconnect());
onCurrencyChange(refreshPrices);
initCurrencySelect($('#currency'), $('#currency-note'));

// What the traveller followed and the alerts they set last time, in the order followed.
const alerts = loadAlerts();
const follows = loadFollows();
for (const id of follows) {
  follow(id);
  if (alerts.has(id)) restore(id, alerts.get(id));
}
for (const id of alerts.keys()) if (!follows.includes(id)) saveAlert(id, null); // its card is gone

setInterval(() => {
  tick();
  tickStatus();
  if (!isLoaded()) applyFilter();
}, REFRESH_MS);

client.connect();
