// What the page remembers across reloads, in localStorage. Storage may be missing or full
// (private windows, quotas): the page then simply forgets, it never fails.

const PREFIX = 'farewatch.';

function read(name, fallback) {
  try {
    const raw = localStorage.getItem(PREFIX + name);
    return raw == null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(name, value) {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch { /* not remembered, nothing worse */ }
}

const FLIGHT_ID = /^[A-Za-z0-9-]{3,40}$/;

/**
 * The followed flights, oldest first. A link with #follow=ID,ID (a shared or bookmarked view) wins
 * over what this browser remembers.
 */
export function loadFollows() {
  const m = /^#follow=(.*)$/.exec(location.hash);
  let ids = read('follows', []);
  if (m) {
    ids = m[1].split(',').map((raw) => {
      try { return decodeURIComponent(raw).trim(); } catch { return ''; }
    });
  }
  return Array.isArray(ids) ? [...new Set(ids.filter((id) => typeof id === 'string' && FLIGHT_ID.test(id)))] : [];
}

/** Remembers the followed flights (oldest first), in storage and in the URL so the view can be shared. */
export function saveFollows(ids) {
  write('follows', ids);
  const hash = ids.length ? '#follow=' + ids.map(encodeURIComponent).join(',') : '';
  if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
}

/** flightId → threshold of each alert set. */
export function loadAlerts() {
  const saved = read('alerts', {});
  const alerts = new Map();
  if (saved && typeof saved === 'object') {
    for (const [id, below] of Object.entries(saved)) {
      if (FLIGHT_ID.test(id) && typeof below === 'number' && below > 0) alerts.set(id, below);
    }
  }
  return alerts;
}

export function saveAlert(flightId, below) {
  const saved = Object.fromEntries(loadAlerts());
  if (below == null) delete saved[flightId];
  else saved[flightId] = below;
  write('alerts', saved);
}

/** The currency prices are shown in: 'original' or an ISO 4217 code. */
export function loadCurrency() {
  const c = read('currency', 'original');
  return typeof c === 'string' && /^(original|[A-Z]{3})$/.test(c) ? c : 'original';
}

export function saveCurrency(code) {
  write('currency', code);
}
