/**
 * Farewatch client: live flight prices, price history and price alerts over one WebSocket.
 *
 * A plain ES module with no dependencies. It keeps one connection open, reconnects by itself
 * (exponential backoff with full jitter), and after every reconnect follows again each flight it
 * followed — resuming from the last price it has, so no price is missed or repeated — and sets its
 * alerts again (the server forgets a connection's alerts when the connection ends).
 *
 * @example
 * import { FarewatchClient } from './farewatch-client.js';
 * const client = new FarewatchClient();
 * client.addEventListener('price', (e) => console.log(e.detail.flightId, e.detail.price));
 * client.addEventListener('alert', (e) => console.log('below', e.detail.below, e.detail.price));
 * await client.follow('LH400-2026-12-24');
 * const { points, insight } = await client.history('LH400-2026-12-24', 60);
 * await client.alert('LH400-2026-12-24', 400);
 *
 * Events (all `CustomEvent`s; the message or state is in `event.detail`):
 * - `state`: `{state, attempt, retryAt, code, reason}`; `state` is `connecting`, `open`,
 *   `reconnecting` (`retryAt`: epoch ms of the next attempt), `offline` (waits for the network),
 *   `idle` (the server closed a connection that followed nothing; connects again on the next
 *   request, such as a `follow`) or `closed` (after `close()`).
 * - `price`: a `price` message of a followed flight; stale and repeated ones are dropped.
 * - `subscribed`: every `subscribed` message, first follows and resumes alike (`recovered`).
 * - `unsubscribed`: every `unsubscribed` message; one with a `reason` (`removed` or `departed`)
 *   means the server ended the follow itself, as the flight left the catalog.
 * - `alert`: an `alertTriggered` message `{flightId, price, currency, below, ts}`.
 * - `alertset`: every `alertSet` message, and `{flightId, below: null, reason: 'refused', code}`
 *   when the server refuses an alert the client set again by itself after a reconnect.
 * - `error`: an `error` message no promise was rejected with: one that answered the client's own
 *   re-subscribe or re-alert after a reconnect (that flight is then no longer followed, or its
 *   alert forgotten), or that matched no request.
 *
 * Replies are matched to requests by type and flight, oldest first (the server answers in order);
 * an error without a `flightId` answers the oldest request still waiting. Requests are paced to stay
 * within the server's message rate (bursts of 15, then 8 a second); one the server refused as
 * RATE_LIMITED anyway is sent again, not rejected.
 */

const PING_EVERY_MS = 20000;
const DEAD_AFTER_MS = 50000; // no frame at all for this long: the socket is dead, whatever it says
const RESTART_JITTER_MS = 1500;
/**
 * The server reads 10 messages a second per connection, in bursts of 20, refuses more with
 * RATE_LIMITED and closes a connection that keeps on. A page restoring 50 follows and their alerts
 * after a reconnect would; so requests leave at most this fast, a little under the server's limits.
 */
const SEND_BURST = 15;
const SEND_PER_SECOND = 8;

/** Close codes after which the server expects us back at once (it is restarting). */
const GOING_AWAY = new Set([1001, 1012]);

/** Which request an error with this code can answer; codes not listed can answer any. */
const ERROR_REQUEST = {
  INVALID_MINUTES: 'history',
  TOO_MUCH_HISTORY: 'history',
  INVALID_PRICE: 'alert',
  TOO_MANY_ALERTS: 'alert',
  TOO_MANY_SUBSCRIPTIONS: 'subscribe',
  INVALID_SINCE: 'subscribe',
};

/** The reply type that answers each request type. */
const REPLY_TO = { subscribed: 'subscribe', unsubscribed: 'unsubscribe', history: 'history',
  alertSet: 'alert', flights: 'flights', pong: 'ping' };

/** An Error carrying the server's error `code` (and `flightId`, if the error named one). */
export class FarewatchError extends Error {
  constructor(code, message, flightId) {
    super(message || code);
    this.name = 'FarewatchError';
    this.code = code;
    this.flightId = flightId;
  }
}

/** ws(s)://<page host>/<page directory>/ws/flight-price: where the page that loaded us was served from. */
export function defaultUrl(base = globalThis.location && globalThis.location.href) {
  const u = new URL('ws/flight-price', base);
  return (u.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + u.host + u.pathname;
}

export class FarewatchClient extends EventTarget {
  /**
   * Connects at once (unless `connect: false`).
   * @param {object} [options]
   * @param {string} [options.url] the WebSocket URL; defaults to {@link defaultUrl}
   * @param {number} [options.backoffMs=500] the first reconnect's delay cap, doubled each failed attempt
   * @param {number} [options.maxBackoffMs=15000] the largest delay cap
   * @param {boolean} [options.connect=true] connect at once (after the current script, so that
   *   listeners added right after construction see every event); otherwise call {@link FarewatchClient#connect}
   * @param {boolean} [options.watchNetwork=true] follow the browser's online/offline and visibility events
   */
  constructor({ url, backoffMs = 500, maxBackoffMs = 15000, connect = true, watchNetwork = true } = {}) {
    super();
    this.url = url || defaultUrl();
    this.backoffMs = backoffMs;
    this.maxBackoffMs = maxBackoffMs;
    /** @type {string} the connection's state, as the last `state` event said */
    this.state = 'closed';
    /** flightId → {epoch, seq, waiters}: what we follow and the last price we have of each. */
    this._follows = new Map();
    /** flightId → threshold: the alerts we want set. */
    this._alerts = new Map();
    /** Flights whose alert has triggered since it was set: set again unarmed, so it does not fire again at once. */
    this._fired = new Set();
    this._pending = []; // requests sent and not yet answered, in the order sent
    this._queued = []; // requests waiting for the send rate to allow them, in order
    this._tokens = SEND_BURST;
    this._tokensAt = 0;
    this._pacer = 0;
    this._deferred = []; // requests made while not connected, sent once connected
    this._ws = null;
    this._attempt = 0;
    this._timer = 0;
    this._retryAt = 0;
    this._pinger = 0;
    this._lastFrameAt = 0;
    if (watchNetwork && typeof window !== 'undefined') this._watchNetwork();
    // After the caller's own code has run: its listeners then see the first `state` event.
    if (connect) queueMicrotask(() => this.connect());
  }

  /** The flight ids followed, oldest first. */
  get following() { return [...this._follows.keys()]; }

  /** The alerts wanted, as a Map of flightId → threshold. */
  get alerts() { return new Map(this._alerts); }

  /**
   * Follows a flight: its prices arrive as `price` events, and it is followed again after every
   * reconnect. Resolves with the `subscribed` message; rejects with a {@link FarewatchError} if the
   * server refuses (the flight is then no longer followed). Following a followed flight is harmless.
   */
  follow(flightId) {
    let f = this._follows.get(flightId);
    const isNew = !f;
    if (isNew) {
      f = { epoch: null, seq: null, subscribed: null, waiters: [] };
      this._follows.set(flightId, f);
    } else if (f.subscribed) {
      return Promise.resolve(f.subscribed);
    }
    const answered = new Promise((resolve, reject) => f.waiters.push({ resolve, reject }));
    if (isNew && this._isOpen()) this._subscribe(flightId, f);
    else if (this.state === 'idle') this.connect();
    return answered;
  }

  /** Stops following a flight. Resolves with the `unsubscribed` message (at once if not connected). */
  unfollow(flightId) {
    const f = this._follows.get(flightId);
    this._follows.delete(flightId);
    if (f) f.waiters.splice(0).forEach((w) => w.reject(new FarewatchError('UNFOLLOWED', 'Unfollowed', flightId)));
    if (!this._isOpen()) return Promise.resolve({ type: 'unsubscribed', flightId });
    return this._request({ type: 'unsubscribe', flightId });
  }

  /**
   * The flight's price over the last `minutes` (1..10080), one point per minute: resolves with the
   * `history` message `{flightId, minutes, currency, points: [[ts, price], …], insight?}`; rejects
   * with a {@link FarewatchError} (`code` such as `INVALID_MINUTES` or `UNKNOWN_FLIGHT`). Asked while
   * disconnected, it is sent once connected. The flight need not be followed.
   */
  history(flightId, minutes = 60) {
    return this._request({ type: 'history', flightId, minutes });
  }

  /**
   * Asks for an `alert` event when the flight's price is at or below `below` (in the flight's
   * currency); replaces any alert of that flight, and is set again after every reconnect.
   * Resolves with the `alertSet` message; rejects with a {@link FarewatchError} (the alert is then
   * forgotten).
   */
  alert(flightId, below) {
    this._supersedeAlert(flightId);
    this._alerts.set(flightId, below);
    this._fired.delete(flightId);
    return this._request({ type: 'alert', flightId, below }).catch((e) => {
      if (this._alerts.get(flightId) === below) this._alerts.delete(flightId);
      throw e;
    });
  }

  /** Clears the flight's alert. Resolves with the `alertSet` message (at once if not connected). */
  clearAlert(flightId) {
    this._supersedeAlert(flightId);
    this._alerts.delete(flightId);
    this._fired.delete(flightId);
    if (!this._isOpen()) return Promise.resolve({ type: 'alertSet', flightId, below: null });
    return this._request({ type: 'alert', flightId, below: null });
  }

  /** The catalog: resolves with the array of flights (sent once connected). */
  flights() {
    return this._request({ type: 'flights' }).then((m) => (Array.isArray(m.flights) ? m.flights : []));
  }

  /** Opens the connection now if there is none (also skips the rest of a reconnect delay). */
  connect() {
    clearTimeout(this._timer);
    this._timer = 0;
    if (this._ws) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this._setState('offline');
      return;
    }
    this._setState('connecting');
    let sock;
    try {
      sock = new WebSocket(this.url);
    } catch (e) {
      this._scheduleReconnect(0, String((e && e.message) || e));
      return;
    }
    this._ws = sock;
    let heardBack = false;
    sock.onopen = () => this._ws === sock && this._opened(sock);
    sock.onmessage = (ev) => {
      if (this._ws !== sock) return;
      this._lastFrameAt = Date.now();
      if (!heardBack) {
        // Only a server that talks to us resets the backoff: one that accepts and closes at once
        // (full, 1013) must not be hammered.
        heardBack = true;
        this._attempt = 0;
      }
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      if (msg && typeof msg === 'object') this._handle(msg);
    };
    sock.onclose = (ev) => this._drop(sock, ev.code, ev.reason);
  }

  /** Reconnects at once, forgetting the backoff (for a "Retry now" button). */
  reconnect() {
    this._attempt = 0;
    this.connect();
  }

  /**
   * Closes the connection for good: no reconnect until {@link FarewatchClient#connect}. Requests
   * waiting for a reply are rejected (`code` CLOSED); follows and alerts are kept for `connect()`.
   */
  close() {
    const sock = this._ws;
    if (sock) this._drop(sock, 1000, 'closed by client', false);
    clearTimeout(this._timer);
    const closed = new FarewatchError('CLOSED', 'The client was closed');
    for (const req of this._deferred.splice(0)) req.settle(null, closed);
    for (const [id, f] of this._follows) f.waiters.splice(0).forEach((w) => w.reject(new FarewatchError('CLOSED', 'The client was closed', id)));
    this._setState('closed');
  }

  // ------------------------------------------------------------------ connection

  _isOpen() {
    return !!this._ws && this._ws.readyState === WebSocket.OPEN;
  }

  _opened(sock) {
    this._lastFrameAt = Date.now();
    // The server counts each connection's messages afresh.
    this._tokens = SEND_BURST;
    this._tokensAt = Date.now();
    this._setState('open');
    // State first, so that a history asked before the reconnect sees the flight followed again.
    for (const [id, f] of this._follows) this._subscribe(id, f);
    // An alert asked for while disconnected is sent with the deferred requests below: not twice.
    const asked = new Set(this._deferred.filter((r) => r.msg.type === 'alert').map((r) => r.msg.flightId));
    for (const [id, below] of this._alerts) if (!asked.has(id)) this._resetAlert(id, below);
    for (const req of this._deferred.splice(0)) this._send(req);
    clearInterval(this._pinger);
    this._pinger = setInterval(() => {
      if (this._ws !== sock) return;
      if (Date.now() - this._lastFrameAt > DEAD_AFTER_MS) this._drop(sock, 4000, 'no response');
      else this._send({ msg: { type: 'ping' }, settle: (reply, err) => err && this._emit('error', err.detail) });
    }, PING_EVERY_MS);
  }

  /** Forgets the socket (closing it if still open) and, unless told not to, plans the next attempt. */
  _drop(sock, code, reason, reconnect = true) {
    if (this._ws !== sock) return;
    this._ws = null;
    clearInterval(this._pinger);
    sock.onopen = sock.onmessage = sock.onclose = null;
    try {
      if (sock.readyState <= WebSocket.OPEN) sock.close(code >= 3000 && code < 5000 ? code : 1000);
    } catch { /* already gone */ }
    // Requests in flight are lost with the socket: ask again once connected. Follows and alerts
    // are state, sent again from _follows and _alerts, so only the others are kept.
    const resend = this._pending.concat(this._queued).filter((r) => r.retry);
    this._deferred = resend.concat(this._deferred);
    this._pending = [];
    this._queued = [];
    clearTimeout(this._pacer);
    this._pacer = 0;
    for (const f of this._follows.values()) f.subscribed = null;
    if (!reconnect) return;
    if (code === 1008 && this._follows.size === 0 && this._alerts.size === 0 && this._deferred.length === 0) {
      // The server closes a connection that follows nothing: wait until there is something to follow.
      this._setState('idle', { code, reason });
      return;
    }
    this._scheduleReconnect(code, reason);
  }

  _scheduleReconnect(code, reason) {
    clearTimeout(this._timer);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this._setState('offline', { code, reason });
      return;
    }
    let delay;
    if (GOING_AWAY.has(code)) {
      // A restart: come back at once, but spread out so that every client does not land together.
      this._attempt = 0;
      delay = Math.random() * RESTART_JITTER_MS;
    } else {
      const cap = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** this._attempt);
      delay = Math.random() * cap; // full jitter
    }
    this._attempt = Math.min(this._attempt + 1, 30);
    this._timer = setTimeout(() => this.connect(), delay);
    this._retryAt = Date.now() + delay;
    this._setState('reconnecting', { code, reason, retryAt: this._retryAt });
  }

  _setState(state, { code = null, reason = '', retryAt = null } = {}) {
    this.state = state;
    this._emit('state', { state, attempt: this._attempt, retryAt, code, reason });
  }

  _watchNetwork() {
    window.addEventListener('online', () => this.reconnect());
    window.addEventListener('offline', () => {
      if (this._ws) this._drop(this._ws, 1006, 'no network');
    });
    document.addEventListener('visibilitychange', () => {
      // Back in a tab that waited long in the background: don't sit out the rest of the backoff.
      if (document.visibilityState === 'visible' && this.state === 'reconnecting'
          && this._retryAt - Date.now() > 2000) this.reconnect();
    });
  }

  // ------------------------------------------------------------------ requests and replies

  /** Sends a request (or keeps it until connected); resolves with its reply, rejects on its error. */
  _request(msg) {
    return new Promise((resolve, reject) => {
      const req = { msg, retry: true, settle: (reply, err) => (err ? reject(err) : resolve(reply)) };
      if (this._isOpen()) {
        this._send(req);
        return;
      }
      this._deferred.push(req);
      if (this.state === 'idle') this.connect(); // paused for want of a follow: this is reason enough
    });
  }

  _send(req) {
    if (!this._isOpen()) return false;
    this._queued.push(req);
    this._pace();
    return true;
  }

  /** Sends what the rate allows now, oldest first, and plans the rest (a token bucket). */
  _pace() {
    clearTimeout(this._pacer);
    this._pacer = 0;
    const now = Date.now();
    this._tokens = Math.min(SEND_BURST, this._tokens + ((now - this._tokensAt) * SEND_PER_SECOND) / 1000);
    this._tokensAt = now;
    while (this._queued.length && this._tokens >= 1 && this._isOpen()) {
      const req = this._queued.shift();
      this._ws.send(JSON.stringify(req.msg));
      this._pending.push(req);
      this._tokens -= 1;
    }
    if (this._queued.length && this._isOpen()) {
      this._pacer = setTimeout(() => this._pace(), Math.ceil(((1 - this._tokens) * 1000) / SEND_PER_SECOND));
    }
  }

  _subscribe(flightId, f) {
    // Resume after the last price we have, so that the stream goes on without a hole.
    const msg = { type: 'subscribe', flightId };
    if (f.epoch != null && f.seq != null) msg.since = { epoch: f.epoch, seq: f.seq };
    this._send({
      msg,
      settle: (reply, err) => {
        if (this._follows.get(flightId) !== f) return; // unfollowed meanwhile
        if (err) this._follows.delete(flightId);
        const waiters = f.waiters.splice(0);
        if (err && !waiters.length) this._emit('error', err.detail);
        for (const w of waiters) (err ? w.reject(err) : w.resolve(reply));
      },
    });
  }

  /**
   * A newer alert or clear of the flight replaces one not sent yet (asked while offline, or waiting
   * for the send rate): the older would otherwise reach the server after the newer was decided.
   */
  _supersedeAlert(flightId) {
    const older = (r) => r.msg.type === 'alert' && r.msg.flightId === flightId;
    const superseded = this._deferred.filter(older).concat(this._queued.filter(older));
    this._deferred = this._deferred.filter((r) => !older(r));
    this._queued = this._queued.filter((r) => !older(r));
    const err = new FarewatchError('SUPERSEDED', 'A newer alert of the flight replaced this one', flightId);
    superseded.forEach((r) => r.settle(null, err));
  }

  _resetAlert(flightId, below) {
    // Told of already: the server waits for a price above before it can tell again.
    const msg = { type: 'alert', flightId, below };
    if (this._fired.has(flightId)) msg.armed = false;
    this._send({
      msg,
      settle: (reply, err) => {
        if (!err) return; // the alertSet itself is emitted as every alertSet is
        if (this._alerts.get(flightId) === below) this._alerts.delete(flightId);
        this._emit('alertset', { type: 'alertSet', flightId, below: null, reason: 'refused', code: err.code });
        this._emit('error', err.detail);
      },
    });
  }

  /** Takes the oldest pending request that `match`es out of the queue. */
  _take(match) {
    const i = this._pending.findIndex(match);
    return i < 0 ? null : this._pending.splice(i, 1)[0];
  }

  _handle(msg) {
    const type = msg.type;
    if (type === 'price') return this._price(msg);
    if (type === 'alertTriggered') {
      if (this._alerts.has(msg.flightId)) this._fired.add(msg.flightId);
      return this._emit('alert', msg);
    }
    if (type === 'error') return this._error(msg);
    if (type === 'unsubscribed' && msg.reason) {
      // The server ended the follow itself: the flight left the catalog, and took its alert along.
      const f = this._follows.get(msg.flightId);
      this._follows.delete(msg.flightId);
      this._alerts.delete(msg.flightId);
      this._fired.delete(msg.flightId);
      if (f) f.waiters.splice(0).forEach((w) => w.reject(new FarewatchError(msg.reason.toUpperCase(), 'The flight left the catalog', msg.flightId)));
      return this._emit('unsubscribed', msg);
    }
    if (type === 'alertSet' && msg.reason) {
      this._alerts.delete(msg.flightId);
      this._fired.delete(msg.flightId);
      return this._emit('alertset', msg);
    }
    const requestType = REPLY_TO[type];
    if (!requestType) return undefined;
    const req = this._take((r) => r.msg.type === requestType && r.msg.flightId === msg.flightId);
    if (type === 'subscribed') this._subscribed(msg);
    if (req) req.settle(msg, null);
    if (type === 'alertSet') this._emit('alertset', msg);
    if (type === 'subscribed') this._emit('subscribed', msg);
    if (type === 'unsubscribed') this._emit('unsubscribed', msg);
    return undefined;
  }

  _subscribed(msg) {
    const f = this._follows.get(msg.flightId);
    if (!f) return;
    f.subscribed = msg;
    if (msg.recovered !== true) {
      // Not a continuation of what we have (a restarted server, or away too long): a new stream follows.
      f.epoch = msg.epoch != null ? msg.epoch : null;
      f.seq = null;
    }
  }

  _price(msg) {
    const f = this._follows.get(msg.flightId);
    if (!f || typeof msg.price !== 'number') return;
    if (msg.epoch === f.epoch && f.seq != null && typeof msg.seq === 'number' && msg.seq <= f.seq) return;
    f.epoch = msg.epoch != null ? msg.epoch : null;
    f.seq = typeof msg.seq === 'number' ? msg.seq : null;
    this._emit('price', msg);
  }

  _error(msg) {
    if (msg.code === 'RATE_LIMITED') {
      // Not read, and answered in its turn: the oldest request waiting. Sent again once the rate allows.
      const refused = this._take(() => true);
      if (refused) {
        this._tokens = 0;
        this._queued.unshift(refused);
        this._pace();
        return undefined;
      }
    }
    const err = new FarewatchError(msg.code, msg.message, msg.flightId);
    err.detail = msg;
    const only = ERROR_REQUEST[msg.code];
    // Replies keep the order of requests: the error answers the oldest request it can answer.
    const compatible = (r) => !only || r.msg.type === only;
    // The server echoes a flight id cut to 64 characters, or a non-string one not at all: then the
    // oldest request it can answer is the one, as replies keep the order of requests.
    const req = this._take((r) => compatible(r) && (msg.flightId == null || r.msg.flightId === msg.flightId))
      || this._take(compatible);
    // The request's promise rejects; the client's own requests (re-subscribe, re-alert) emit `error`.
    if (req) req.settle(null, err);
    else this._emit('error', msg);
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
