// Prices: formatting in a currency, and converting with the server's exchange rates
// (GET /api/rates, units of each currency per 1 EUR) into the currency the traveller chose.

import { loadCurrency, saveCurrency } from './store.js';

const formats = new Map();

/** "€510.20", "¥84,500": the currency's own symbol and minor unit, in the viewer's locale. */
export function money(amount, currency) {
  let f = formats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formats.set(currency, f);
  }
  return f.format(amount);
}

let rates = null; // code → units per 1 EUR, once loaded
let shownIn = loadCurrency();
const listeners = new Set();

/** The chosen currency: 'original' or an ISO code. */
export function displayCurrency() {
  return shownIn;
}

/** `amount` in `from`, converted to `to`; null when either rate is unknown. */
export function convert(amount, from, to) {
  if (!rates || !(from in rates) || !(to in rates) || !rates[from]) return null;
  return (amount / rates[from]) * rates[to];
}

/**
 * A price as it is shown: `primary` in the chosen currency ("≈ $552.31", marked approximate since it
 * is converted), and `quote` the price as quoted ("€510.20") when that differs from `primary`.
 */
export function priceText(amount, currency) {
  const quoted = money(amount, currency);
  if (shownIn === 'original' || shownIn === currency) return { primary: quoted, quote: null };
  const converted = convert(amount, currency, shownIn);
  if (converted == null) return { primary: quoted, quote: null };
  return { primary: '\u2248 ' + money(converted, shownIn), quote: quoted };
}

/** Calls `fn` whenever the chosen currency or the rates change, so that prices can be redrawn. */
export function onCurrencyChange(fn) {
  listeners.add(fn);
}

function changed() {
  for (const fn of listeners) fn();
}

/**
 * Wires the "Show prices in" select: fills it once the rates are loaded, remembers the choice.
 * Without rates (an older server, no network) it offers only the original currency.
 */
export async function initCurrencySelect(select, note) {
  select.value = 'original';
  select.addEventListener('change', () => {
    shownIn = select.value;
    saveCurrency(shownIn);
    changed();
  });
  try {
    const res = await fetch(new URL('api/rates', location.href), { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const body = await res.json();
    if (!body || typeof body.rates !== 'object') throw new Error('no rates');
    rates = body.rates;
  } catch {
    select.disabled = true;
    note.textContent = 'Conversion unavailable right now.';
    return;
  }
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'currency' }) : null;
  for (const code of Object.keys(rates).sort()) {
    let label = code;
    try { if (names) label = code + ' \u2013 ' + names.of(code); } catch { /* code only */ }
    select.append(new Option(label, code));
  }
  if (shownIn !== 'original' && !(shownIn in rates)) shownIn = 'original';
  select.value = shownIn;
  note.textContent = '';
  changed();
}
