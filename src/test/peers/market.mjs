// The peers' shared market: a catalog of flights, each priced by a seeded random walk and ticked once
// a second on one of 50 turns of the second, with Farewatch's message shapes. Just enough of the
// protocol for the benchmark's load client: flights, subscribe, price (ts, seq).

export const TURNS = 50;
const TURN_MS = 1000 / TURNS;

export function catalog(count) {
  const flights = [];
  for (let i = 0; i < count; i++) {
    const flightId = `PX${String(100 + i).padStart(4, '0')}-2026-12-24`;
    flights.push({ flightId, turn: i % TURNS, price: 200 + (i * 37) % 500, seq: 0, currency: 'EUR' });
  }
  return flights;
}

export function flightsMessage(flights) {
  return JSON.stringify({
    type: 'flights',
    flights: flights.map(f => ({ flightId: f.flightId, origin: 'FRA', destination: 'JFK', currency: f.currency })),
  });
}

/** Moves the flight's price one step and returns its price message, ts being the tick's due instant. */
export function tick(flight, dueMillis) {
  const step = Math.round((Math.random() - 0.5) * 400) / 100;
  const previous = flight.price;
  flight.price = Math.max(50, Math.round((previous + step) * 100) / 100);
  flight.seq += 1;
  return JSON.stringify({
    type: 'price', flightId: flight.flightId, price: flight.price, currency: flight.currency,
    ts: dueMillis, epoch: 'peer', seq: flight.seq, change: Math.round((flight.price - previous) * 100) / 100,
  });
}

/** Calls turn(index, dueMillis) on every 20 ms boundary of the wall clock, one turn after another. */
export function everyTurn(turn) {
  let due = Date.now() - (Date.now() % TURN_MS) + TURN_MS;
  const next = () => {
    const now = Date.now();
    while (due <= now) {
      turn(Math.floor((due % 1000) / TURN_MS), due);
      due += TURN_MS;
    }
    setTimeout(next, due - Date.now());
  };
  setTimeout(next, due - Date.now());
}

export function parse(data) {
  try {
    const message = JSON.parse(data);
    return message !== null && typeof message === 'object' ? message : null;
  } catch {
    return null;
  }
}
