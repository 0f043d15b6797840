// A minimal Node.js + ws server doing Farewatch's job, as a peer in the benchmark:
//   node src/test/peers/node-ws.mjs PORT FLIGHTS
// Each price is encoded once per tick and the same Buffer goes to every follower.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { catalog, everyTurn, flightsMessage, parse, tick, TURNS } from './market.mjs';

const port = Number(process.argv[2] ?? 9001);
const flights = catalog(Number(process.argv[3] ?? 1680));
const byId = new Map(flights.map(f => [f.flightId, f]));
const followers = new Map(flights.map(f => [f.flightId, new Set()]));
const byTurn = Array.from({ length: TURNS }, (_, turn) => flights.filter(f => f.turn === turn));
const catalogJson = flightsMessage(flights);

const http = createServer((req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, path: '/ws/flight-price', perMessageDeflate: false });

wss.on('connection', ws => {
  const follows = new Set();
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? null : parse(data.toString());
    if (message?.type === 'flights') {
      ws.send(catalogJson);
    } else if (message?.type === 'subscribe' && byId.has(message.flightId)) {
      follows.add(message.flightId);
      followers.get(message.flightId).add(ws);
      ws.send(JSON.stringify({ type: 'subscribed', flightId: message.flightId }));
    } else {
      ws.send(JSON.stringify({ type: 'error', code: 'INVALID_MESSAGE' }));
    }
  });
  ws.on('close', () => follows.forEach(id => followers.get(id).delete(ws)));
});

everyTurn((turn, due) => {
  for (const flight of byTurn[turn]) {
    const price = Buffer.from(tick(flight, due));
    for (const ws of followers.get(flight.flightId)) {
      ws.send(price, { binary: false });
    }
  }
});

http.listen(port, '127.0.0.1', () => console.log(`node-ws listening on ${port}`));
