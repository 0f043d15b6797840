// The connection indicator in the header, and the server's messages (errors, removed flights).

import { $, h, reducedMotion } from './dom.js';

const MESSAGE_TTL_MS = 9000; // how long a message stays on screen
const MAX_MESSAGES = 4;

const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', paused: 'Paused' };

/** The client's states as the page names them (the tests and the CSS know these names). */
const PAGE_STATE = { connecting: 'connecting', open: 'live', reconnecting: 'reconnecting', offline: 'offline',
  idle: 'paused', closed: 'offline' };

const CLOSE_REASONS = {
  1001: 'server restarting', 1003: 'unsupported data', 1006: 'connection lost', 1008: 'policy violation',
  1009: 'message too big', 1011: 'server error', 1012: 'server restarting', 1013: 'server busy',
  4000: 'no response', 4008: 'connection too slow',
};

const ERROR_HINTS = {
  TOO_MANY_SUBSCRIPTIONS: 'Unfollow a flight to make room for another.',
  TOO_MANY_ALERTS: 'Clear an alert to make room for another.',
  UNKNOWN_FLIGHT: 'That flight is no longer offered.',
  INVALID_FLIGHT_ID: 'That does not look like a flight id.',
};

const dom = {
  status: $('#status'),
  label: $('#status .status-label'),
  detail: $('#status .status-detail'),
  retry: $('#retry'),
  messages: $('#messages'),
};

let current = { state: 'connecting', retryAt: 0 };

/** The page's name for the connection's state: connecting, live, reconnecting, offline or paused. */
export function connState() {
  return current.state;
}

/** Shows a `state` event of the client. */
export function showState(detail) {
  const state = PAGE_STATE[detail.state] || 'offline';
  current = { state, retryAt: detail.retryAt || 0 };
  dom.status.dataset.state = state;
  document.documentElement.dataset.conn = state;
  dom.label.textContent = LABELS[state];
  dom.retry.hidden = !(state === 'reconnecting' || state === 'offline');
  const reason = detail.reason || CLOSE_REASONS[detail.code] || (detail.code ? 'closed (' + detail.code + ')' : '');
  dom.status.title = state === 'live' ? 'Connected — prices update every second' : reason ? 'Disconnected: ' + reason : '';
  tickStatus();
}

/** Redraws the countdown to the next attempt. */
export function tickStatus() {
  let detail = '';
  if (current.state === 'reconnecting') {
    const secs = Math.max(0, (current.retryAt - Date.now()) / 1000);
    detail = ' in ' + (secs < 1 ? secs.toFixed(1) : Math.ceil(secs)) + ' s';
  } else if (current.state === 'offline') {
    detail = navigator.onLine === false ? ' — no network' : '';
  } else if (current.state === 'paused') {
    detail = ' — follow a flight to resume';
  }
  if (dom.detail.textContent !== detail) dom.detail.textContent = detail;
}

export function onRetry(fn) {
  dom.retry.addEventListener('click', fn);
}

/** A message in the log at the bottom of the page, gone after a while or when dismissed. */
export function showMessage(code, text, flightId) {
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
