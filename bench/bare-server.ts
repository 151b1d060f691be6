// A plain Node HTTP server answering every request with a constant, in a process of its own: the
// floor the help benchmark sets its burst against (what this machine and client manage at all).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const server = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"status":"ok"}');
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.send!((server.address() as AddressInfo).port));
