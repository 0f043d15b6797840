// The client library against a scripted WebSocket, no server and no browser:
//   node --test src/test/js/
// (Node 20+; the browser tests in src/test/java/dev/farewatch/page drive it against a real server.)
import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';

/** A WebSocket whose other side the test plays: `open()`, `receive(msg)`, `close(code)`. */
class ScriptedSocket {
  static OPEN = 1;
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    ScriptedSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen(); }
  receive(msg) { this.onmessage({ data: JSON.stringify(msg) }); }
  drop(code, reason = '') { this.readyState = 3; this.onclose({ code, reason }); }
}
globalThis.WebSocket = ScriptedSocket;
const { FarewatchClient, defaultUrl } = await import('../../../webapp/farewatch-client.js');

const F = 'LH400-2026-12-24';
const G = 'BA117-2026-12-24';
const last = () => ScriptedSocket.all[ScriptedSocket.all.length - 1];
let clients = [];

function client() {
  const c = new FarewatchClient({ url: 'ws://test/ws/flight-price', watchNetwork: false, connect: false });
  c.events = [];
  for (const type of ['state', 'price', 'subscribed', 'unsubscribed', 'alert', 'alertset', 'error']) {
    c.addEventListener(type, (e) => c.events.push({ ...e.detail, event: type }));
  }
  clients.push(c);
  c.connect();
  return c;
}

function closeAll() {
  for (const c of clients) c.close();
  clients = [];
  ScriptedSocket.all = [];
}
beforeEach(closeAll);
after(closeAll); // no reconnect timer or pinger may keep Node running

test('the default URL is ws(s) beside the page', () => {
  assert.equal(defaultUrl('https://example.com/app/index.html'), 'wss://example.com/app/ws/flight-price');
  assert.equal(defaultUrl('http://localhost:8080/'), 'ws://localhost:8080/ws/flight-price');
});

test('requests made before the connection opens are sent once it does, and resolve with their replies', async () => {
  const c = client();
  const followed = c.follow(F);
  const history = c.history(F, 60);
  const alert = c.alert(F, 400);
  last().open();
  assert.deepEqual(last().sent.map((m) => m.type), ['subscribe', 'history', 'alert']);
  last().receive({ type: 'subscribed', flightId: F, epoch: 'e1' });
  last().receive({ type: 'history', flightId: F, minutes: 60, points: [[60000, 500]] });
  last().receive({ type: 'alertSet', flightId: F, below: 400 });
  assert.equal((await followed).epoch, 'e1');
  assert.deepEqual((await history).points, [[60000, 500]]);
  assert.equal((await alert).below, 400);
});

test('replies are matched by type and flight, oldest first', async () => {
  const c = client();
  last().open();
  const f = c.history(F, 60);
  const g = c.history(G, 60);
  last().receive({ type: 'history', flightId: G, minutes: 60, points: [[1, 2]] });
  last().receive({ type: 'history', flightId: F, minutes: 60, points: [] });
  assert.deepEqual((await g).points, [[1, 2]]);
  assert.deepEqual((await f).points, []);
});

test('an error rejects the request it answers with its code; one without a flight answers the oldest', async () => {
  const c = client();
  last().open();
  const bad = c.history(F, 0);
  const alert = c.alert(G, -1);
  last().receive({ type: 'error', code: 'INVALID_PRICE', flightId: G, message: 'below must be positive' });
  last().receive({ type: 'error', code: 'INVALID_MINUTES', flightId: F, message: 'minutes 1..10080' });
  await assert.rejects(alert, { code: 'INVALID_PRICE', flightId: G });
  await assert.rejects(bad, { code: 'INVALID_MINUTES', flightId: F });
  assert.equal(c.alerts.has(G), false, 'a refused alert is forgotten');
  const unknown = c.history(F, 60);
  last().receive({ type: 'error', code: 'UNKNOWN_TYPE', message: 'Unknown type "history"' });
  await assert.rejects(unknown, { code: 'UNKNOWN_TYPE' });
  assert.equal(c.events.filter((e) => e.event === 'error').length, 0, 'errors that rejected a promise are not events too');
});

test('a refused follow rejects and the flight is no longer followed', async () => {
  const c = client();
  last().open();
  const followed = c.follow(F);
  last().receive({ type: 'error', code: 'UNKNOWN_FLIGHT', flightId: F, message: 'no such flight' });
  await assert.rejects(followed, { code: 'UNKNOWN_FLIGHT' });
  assert.deepEqual(c.following, []);
});

test('prices: repeated and stale ones are dropped; a new epoch starts afresh', () => {
  const c = client();
  last().open();
  c.follow(F);
  last().receive({ type: 'subscribed', flightId: F, epoch: 'e1' });
  for (const seq of [5, 6, 6, 4, 7]) last().receive({ type: 'price', flightId: F, price: 500 + seq, epoch: 'e1', seq });
  last().receive({ type: 'price', flightId: F, price: 400, epoch: 'e2', seq: 0 });
  assert.deepEqual(c.events.filter((e) => e.event === 'price').map((e) => e.epoch + ':' + e.seq), ['e1:5', 'e1:6', 'e1:7', 'e2:0']);
});

test('after a reconnect each flight resumes from its last price and each alert is set again', async () => {
  const c = client();
  last().open();
  c.follow(F);
  c.alert(F, 400);
  last().receive({ type: 'subscribed', flightId: F, epoch: 'e1' });
  last().receive({ type: 'alertSet', flightId: F, below: 400 });
  last().receive({ type: 'price', flightId: F, price: 500, epoch: 'e1', seq: 41 });
  const first = last();
  first.drop(1006);
  assert.equal(c.state, 'reconnecting');
  c.connect(); // skip the wait
  assert.notEqual(last(), first);
  last().open();
  assert.deepEqual(last().sent, [
    { type: 'subscribe', flightId: F, since: { epoch: 'e1', seq: 41 } },
    { type: 'alert', flightId: F, below: 400 },
  ]);
  // A re-set alert the server now refuses is reported, and forgotten.
  last().receive({ type: 'subscribed', flightId: F, epoch: 'e1', recovered: true });
  last().receive({ type: 'error', code: 'TOO_MANY_ALERTS', flightId: F, message: 'too many' });
  assert.equal(c.alerts.size, 0);
  assert.ok(c.events.some((e) => e.event === 'alertset' && e.reason === 'refused' && e.below === null));
  assert.ok(c.events.some((e) => e.event === 'error' && e.code === 'TOO_MANY_ALERTS'));
});

test('backoff: full jitter under a doubling cap; a restart (1001, 1012) comes back within 1.5 s', () => {
  const random = Math.random;
  Math.random = () => 0.999; // the top of each jitter window
  try {
    const c = client();
    const waits = [];
    for (let i = 0; i < 6; i++) {
      last().drop(1006); // never heard back: the backoff grows
      const s = c.events.filter((e) => e.event === 'state' && e.state === 'reconnecting').pop();
      waits.push(s.retryAt - Date.now());
      c.connect();
    }
    const caps = [500, 1000, 2000, 4000, 8000, 15000];
    waits.forEach((w, i) => assert.ok(w <= caps[i] && w > caps[i] * 0.95, `attempt ${i}: waited ${w} ms, cap ${caps[i]}`));
    // Full jitter: anywhere from 0 to the cap, not the cap plus or minus a little.
    Math.random = () => 0;
    last().drop(1006);
    assert.ok(c.events.filter((e) => e.event === 'state').pop().retryAt - Date.now() <= 1);
    c.connect();
    Math.random = () => 0.999;
    for (const code of [1001, 1012]) {
      last().drop(code, 'restarting');
      const s = c.events.filter((e) => e.event === 'state').pop();
      assert.equal(s.state, 'reconnecting');
      assert.ok(s.retryAt - Date.now() <= 1500, `${code}: waited ${s.retryAt - Date.now()} ms`);
      c.connect();
    }
  } finally {
    Math.random = random;
  }
});

test('closed for following nothing (1008), it waits idle until the next follow', () => {
  const c = client();
  last().open();
  const first = last();
  first.drop(1008, 'followed nothing');
  assert.equal(c.state, 'idle');
  assert.equal(ScriptedSocket.all.length, 1);
  c.follow(F).catch(() => {}); // never answered here: close() rejects it
  assert.equal(ScriptedSocket.all.length, 2);
  assert.equal(c.state, 'connecting');
});

test('a request made while idle connects again to be answered', async () => {
  const c = client();
  last().open();
  last().drop(1008, 'followed nothing');
  assert.equal(c.state, 'idle');
  const history = c.history(F, 60);
  assert.equal(c.state, 'connecting');
  last().open();
  assert.deepEqual(last().sent, [{ type: 'history', flightId: F, minutes: 60 }]);
  last().receive({ type: 'history', flightId: F, minutes: 60, points: [] });
  assert.deepEqual((await history).points, []);
});

test('listeners added right after construction see the first state; close() rejects what waits', async () => {
  const c = new FarewatchClient({ url: 'ws://test/ws/flight-price', watchNetwork: false });
  clients.push(c);
  const states = [];
  c.addEventListener('state', (e) => states.push(e.detail.state));
  const flights = c.flights();
  await Promise.resolve();
  assert.deepEqual(states, ['connecting']);
  c.close();
  await assert.rejects(flights, { code: 'CLOSED' });
  assert.deepEqual(states, ['connecting', 'closed']);
});

test('a flight that leaves the catalog ends its follow and its alert', async () => {
  const c = client();
  last().open();
  const followed = c.follow(F);
  c.alert(F, 400).catch(() => {}); // never answered here: close() rejects it
  last().receive({ type: 'unsubscribed', flightId: F, reason: 'removed' });
  last().receive({ type: 'alertSet', flightId: F, below: null, reason: 'removed' });
  assert.deepEqual(c.following, []);
  assert.equal(c.alerts.size, 0);
  assert.ok(c.events.some((e) => e.event === 'unsubscribed' && e.reason === 'removed'));
  await assert.rejects(followed, { code: 'REMOVED' });
});

test('an alert that triggered is set again unarmed after a reconnect, so it does not fire again at once', () => {
  const c = client();
  last().open();
  c.alert(F, 400).catch(() => {});
  c.alert(G, 300).catch(() => {});
  last().receive({ type: 'alertSet', flightId: F, below: 400 });
  last().receive({ type: 'alertSet', flightId: G, below: 300 });
  last().receive({ type: 'alertTriggered', flightId: F, price: 390, currency: 'EUR', below: 400, ts: 1 });
  last().drop(1006);
  c.connect();
  last().open();
  const alerts = last().sent.filter((m) => m.type === 'alert');
  assert.deepEqual(alerts, [
    { type: 'alert', flightId: F, below: 400, armed: false },
    { type: 'alert', flightId: G, below: 300 },
  ]);
});

test('a newer alert or clear replaces one not sent yet, whose promise rejects as SUPERSEDED', async () => {
  const c = client();
  const older = c.alert(F, 400);
  const cleared = c.clearAlert(F);
  last().open();
  assert.deepEqual(last().sent.filter((m) => m.type === 'alert'), []);
  await assert.rejects(older, { code: 'SUPERSEDED' });
  assert.equal((await cleared).below, null);
});

test('an error echoing a cut flight id still answers its request', async () => {
  const c = client();
  last().open();
  const long = 'X'.repeat(70);
  const history = c.history(long, 60);
  last().receive({ type: 'error', code: 'INVALID_FLIGHT_ID', message: 'not a flight id', flightId: 'X'.repeat(64) + '…' });
  await assert.rejects(history, { code: 'INVALID_FLIGHT_ID' });
});

test('requests are paced under the server rate: a burst of 15, then 8 a second', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  const c = client();
  last().open();
  const asked = [];
  for (let i = 0; i < 31; i++) asked.push(c.history(F, i + 1));
  assert.equal(last().sent.length, 15);
  t.mock.timers.tick(1000);
  assert.equal(last().sent.length, 23);
  t.mock.timers.tick(1000);
  assert.equal(last().sent.length, 31);
  assert.deepEqual(last().sent.map((m) => m.minutes), Array.from({ length: 31 }, (_, i) => i + 1));
  c.close();
  await Promise.allSettled(asked);
});

test('a request refused as RATE_LIMITED is sent again, not rejected', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  const c = client();
  last().open();
  const history = c.history(F, 60);
  last().receive({ type: 'error', code: 'RATE_LIMITED', message: 'More than 10 messages a second' });
  assert.equal(last().sent.length, 1);
  t.mock.timers.tick(200);
  assert.deepEqual(last().sent.map((m) => m.type), ['history', 'history']);
  last().receive({ type: 'history', flightId: F, minutes: 60, points: [] });
  assert.deepEqual((await history).points, []);
  assert.equal(c.events.filter((e) => e.event === 'error').length, 0);
});
