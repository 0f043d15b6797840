// A minimal Bun server doing Farewatch's job, as a peer in the benchmark (Bun's WebSocket server is
// uWebSockets): src/test/peers/node_modules/.bin/bun src/test/peers/bun-server.mjs PORT FLIGHTS
// Each price is encoded once per tick and published to its flight's topic.
import { catalog, everyTurn, flightsMessage, parse, tick, TURNS } from './market.mjs';

const port = Number(process.argv[2] ?? 9002);
const flights = catalog(Number(process.argv[3] ?? 1680));
const byId = new Map(flights.map(f => [f.flightId, f]));
const byTurn = Array.from({ length: TURNS }, (_, turn) => flights.filter(f => f.turn === turn));
const catalogJson = flightsMessage(flights);

const server = Bun.serve({
  hostname: '127.0.0.1',
  port,
  fetch(req, server) {
    if (new URL(req.url).pathname === '/ws/flight-price' && server.upgrade(req)) {
      return undefined;
    }
    return new Response('Not Found', { status: 404 });
  },
  websocket: {
    perMessageDeflate: false,
    message(ws, data) {
      const message = typeof data === 'string' ? parse(data) : null;
      if (message?.type === 'flights') {
        ws.send(catalogJson);
      } else if (message?.type === 'subscribe' && byId.has(message.flightId)) {
        ws.subscribe(message.flightId);
        ws.send(JSON.stringify({ type: 'subscribed', flightId: message.flightId }));
      } else {
        ws.send(JSON.stringify({ type: 'error', code: 'INVALID_MESSAGE' }));
      }
    },
  },
});

everyTurn((turn, due) => {
  for (const flight of byTurn[turn]) {
    server.publish(flight.flightId, tick(flight, due));
  }
});

console.log(`bun listening on ${port}`);
