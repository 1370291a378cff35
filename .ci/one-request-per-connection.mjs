// An HTTP proxy for the wasm tests' Chromium (.ci/test-wasm): each request goes on to the test
// runner's own server on a connection of its own, closed after the response.
//
// Why: the runner serves its page with tiny_http 0.12, which gives each connection a thread of
// a pool of four and keeps it there until the client closes the connection. Its pool has a race
// (TaskPool::spawn counts a thread that was just woken as still waiting, so it queues the new
// connection instead of starting a thread for it): now and then Chromium's six keep-alive
// connections hold all four threads idle while the page's next request sits queued, unread,
// until Chromium drops an idle connection, minutes later. The page shows "Loading scripts…"
// until then (seen here with gdb: four threads in recv() on idle connections, two connections
// with their request unread; wasm-pack issue 783). Through this proxy the runner only ever sees
// one request per connection, so no thread waits on an idle one.
//
// Prints the port it listens on (loopback), then serves until killed.
import { createServer, request } from 'node:http';

/** Headers that describe one hop, not the request: not passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer',
  'transfer-encoding', 'upgrade']);

const onHop = (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

const proxy = createServer((incoming, outgoing) => {
  // A proxy is asked for absolute URLs; only loopback ones are passed on.
  const target = new URL(incoming.url);
  if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname)) {
    outgoing.writeHead(403).end();
    return;
  }
  const upstream = request({
    host: target.hostname,
    port: target.port,
    path: `${target.pathname}${target.search}`,
    method: incoming.method,
    headers: { ...onHop(incoming.headers), connection: 'close' },
    agent: false,
  }, (response) => {
    outgoing.writeHead(response.statusCode, onHop(response.headers));
    response.pipe(outgoing);
  });
  upstream.on('error', (error) => outgoing.headersSent ? outgoing.destroy(error) : outgoing.writeHead(502).end(String(error)));
  incoming.pipe(upstream);
});

proxy.listen(0, '127.0.0.1', () => console.log(proxy.address().port));
