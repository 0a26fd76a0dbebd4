// The benchmark's webhook receiver, a process of its own (so its work does not share the
// dispatcher's event loop). It answers 204 to every POST and notes the webhook-id, the event's id
// and when the body had arrived (performance.timeOrigin + performance.now(), comparable across
// processes on one machine). IPC: "down" closes the port (connections refused), "up" opens it
// again, "dump" sends back everything noted.
import http from "node:http";

const received = [];
let server = null;
let port = 0;

function open() {
  return new Promise((resolve) => {
    server = http.createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const at = performance.timeOrigin + performance.now();
        let eventId = "";
        try {
          eventId = JSON.parse(Buffer.concat(chunks).toString("utf8")).id;
        } catch {}
        received.push([String(req.headers["webhook-id"]), eventId, at]);
        res.writeHead(204).end();
      });
    });
    server.listen(port, "127.0.0.1", () => {
      port = server.address().port;
      resolve();
    });
  });
}

process.on("message", async (msg) => {
  if (msg === "down" && server) {
    const s = server;
    server = null;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
    process.send({ down: true });
  } else if (msg === "up" && !server) {
    await open();
    process.send({ up: true });
  } else if (msg === "dump") {
    process.send({ received });
  }
});

await open();
process.send({ port });
