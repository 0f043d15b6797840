// Small DOM helpers shared by the page's modules.

export const $ = (sel, root = document) => root.querySelector(sel);

/** An element with attributes (`class`, `text`, or any attribute; null/false skipped) and children. */
export function h(tag, attrs, ...children) {
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

export function reducedMotion() {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** An id usable in `id`/`for` attributes, made from a flight id. */
export function domId(prefix, flightId) {
  return prefix + '-' + flightId.replace(/[^A-Za-z0-9_-]/g, '_');
}
