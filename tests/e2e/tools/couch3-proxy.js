// A small HTTP proxy in front of pouchdb-server that makes it answer like CouchDB 3 where
// a replicating client could go wrong: every `seq` and `last_seq` of a `_changes` answer
// (normal, longpoll or continuous) becomes an opaque string such as
// "12-g1AAAAB3eJzLYWBg…" whose tail is a hash of the number, and a `since=` holding such a
// string is turned back into the number before it goes on. Everything else — methods,
// headers (cookies, CORS), bodies, status codes — passes through as it is.
//
// With `noBulkGet: true`, `POST /{db}/_bulk_get` answers 404 as CouchDB 1.x does, so a
// client has to fetch revisions with `GET /{db}/{doc}?revs=true&open_revs=[…]`.
//
// No dependencies: `startProxy({ target, port, noBulkGet })` answers
// `{ base, stop, seenSince, issued, log }`:
//   seenSince — every `since` value a client sent, as text, in order;
//   issued    — the opaque sequences handed out (text → the server's number);
//   log       — one entry per request: method, path, query (as sent), since, user
//               agent, status.
const http = require("http");
const crypto = require("crypto");

/** The opaque text standing for the server's sequence `n`: the number, a dash, and a tail
 *  that looks like CouchDB's base64 shard summary and differs for every `n`. */
function opaqueSeq(n) {
  const tail = crypto.createHash("sha256").update(`couch3-proxy seq ${n}`).digest("base64url");
  return `${n}-g1AAAAB3eJzLYWBg${tail}`;
}

function startProxy({ target, port = 0, noBulkGet = false } = {}) {
  const upstream = new URL(target);
  const seenSince = [];
  const issued = new Map();
  const log = [];
  const sockets = new Set();
  const pending = new Set();

  const hide = (seq) => {
    if (typeof seq !== "number") return seq;
    const text = opaqueSeq(seq);
    issued.set(text, seq);
    return text;
  };
  const hideAll = (answer) => {
    if (answer && typeof answer === "object") {
      if ("last_seq" in answer) answer.last_seq = hide(answer.last_seq);
      if ("seq" in answer) answer.seq = hide(answer.seq);
      if (Array.isArray(answer.results)) for (const row of answer.results) if (row && "seq" in row) row.seq = hide(row.seq);
    }
    return answer;
  };
  /** The server's number for a `since` the client sent back (unknown text goes on as it is). */
  const reveal = (since) => {
    if (issued.has(since)) return String(issued.get(since));
    const m = /^(\d+)-g1AAAA/.exec(since);
    return m ? m[1] : since;
  };

  /** Headers for an answer made here: what lets the page read it, as the server would say. */
  const corsFor = (req) => {
    const origin = req.headers.origin;
    return origin ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true" } : {};
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://proxy.invalid");
    const entry = { method: req.method, path: url.pathname, query: url.search, since: null, agent: req.headers["user-agent"] || "", status: 0 };
    log.push(entry);
    res.on("finish", () => { entry.status = res.statusCode; });

    if (noBulkGet && req.method === "POST" && /^\/[^/]+\/_bulk_get$/.test(url.pathname)) {
      req.resume();
      req.on("end", () => {
        const body = JSON.stringify({ error: "not_found", reason: "missing" });
        res.writeHead(404, { ...corsFor(req), "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }

    const isChanges = /^\/[^/]+\/_changes$/.test(url.pathname);
    const headers = { ...req.headers };
    if (isChanges) {
      if (url.searchParams.has("since")) {
        const since = url.searchParams.get("since");
        entry.since = since;
        seenSince.push(since);
        url.searchParams.set("since", reveal(since));
      }
      // The answer is rewritten here, so it must come uncompressed.
      delete headers["accept-encoding"];
    }
    const out = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: url.pathname + url.search,
      headers,
    }, (answer) => {
      pending.delete(out);
      const type = String(answer.headers["content-type"] || "");
      if (!isChanges || answer.statusCode !== 200 || !/json|text\/plain/.test(type)) {
        res.writeHead(answer.statusCode, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        return;
      }
      const raw = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i].toLowerCase();
        if (name !== "content-length" && name !== "transfer-encoding") raw.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
      }
      res.writeHead(answer.statusCode, answer.statusMessage, raw);
      if (url.searchParams.get("feed") === "continuous") {
        // One change per line, passed on line by line.
        let rest = "";
        answer.setEncoding("utf8");
        const line = (text) => {
          if (!text.trim()) return text;
          try { return JSON.stringify(hideAll(JSON.parse(text))); } catch { return text; }
        };
        answer.on("data", (chunk) => {
          const lines = (rest + chunk).split("\n");
          rest = lines.pop();
          if (lines.length) res.write(lines.map(line).join("\n") + "\n");
        });
        answer.on("end", () => res.end(line(rest)));
        return;
      }
      const chunks = [];
      answer.on("data", (c) => chunks.push(c));
      answer.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body;
        try {
          body = JSON.stringify(hideAll(JSON.parse(text))) + "\n";
        } catch {
          body = text;
        }
        res.end(body);
      });
    });
    pending.add(out);
    out.on("error", () => {
      pending.delete(out);
      if (!res.headersSent) {
        res.writeHead(502, { ...corsFor(req), "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "bad_gateway", reason: "the server behind the proxy did not answer" }));
      } else {
        res.destroy();
      }
    });
    req.pipe(out);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      const stop = () => new Promise((done) => {
        for (const out of pending) out.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      });
      resolve({ base, stop, seenSince, issued, log });
    });
  });
}

module.exports = { startProxy, opaqueSeq };
