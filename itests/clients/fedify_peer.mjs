// A fediverse peer built on Fedify (@fedify/fedify 2.3.6, Node 22), run by FedifyPeerTest as a
// long-running child process. One actor, "fred", with an RSA key (HTTP signatures) and an Ed25519
// key (object integrity proofs), served over plain http on 127.0.0.1. It auto-accepts follows and
// records every activity it receives.
//
//   node fedify_peer.mjs <port>
//
// Control: one JSON command per line on stdin, e.g. {"id":1,"cmd":"lookup","target":"acct:a@b"};
// each is answered by one JSON line {"reply":1,"ok":true,...} on stdout. Everything the peer sees
// is printed as JSON event lines: {"event":"ready"}, {"event":"request",...} for each request it
// serves (with the signature scheme it carried), {"event":"outgoing",...} for each request it makes
// (with the scheme it signed with and the answer's status), {"event":"inbox",...} for each
// activity its inbox listeners handled. Set NODE_EXTRA_CA_CERTS so https peers on loopback are
// trusted (WebFinger by acct: handle is always https).
import http from "node:http";
import readline from "node:readline";

const port = Number(process.argv[2]);
const origin = `http://127.0.0.1:${port}`;

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function schemeOf(headers) {
  if (headers.get("signature-input") != null) return "rfc9421";
  if (headers.get("signature") != null) return "cavage";
  const auth = headers.get("authorization");
  if (auth != null && auth.toLowerCase().startsWith("signature ")) return "cavage";
  return "none";
}

// Every request Fedify makes goes through the global fetch: record which signature it carried
// and what the other side answered, so the test sees the RFC 9421 first knock (and any fallback).
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const info = { event: "outgoing", method: request.method, url: request.url, scheme: schemeOf(request.headers) };
  try {
    const response = await realFetch(request);
    emit({ ...info, status: response.status });
    return response;
  } catch (e) {
    emit({ ...info, error: String(e?.cause ?? e) });
    throw e;
  }
};

const { Temporal } = await import("@js-temporal/polyfill");
const { createFederation, MemoryKvStore, generateCryptoKeyPair } = await import("@fedify/fedify");
const { Accept, Activity, Create, Endpoints, Follow, Note, Person, PUBLIC_COLLECTION, Undo } = await import("@fedify/vocab");

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin,
  allowPrivateAddress: true,
});

const keyPairs = [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), await generateCryptoKeyPair("Ed25519")];
const followers = new Map(); // actor id -> actor object
const notes = new Map(); // note uuid -> Note

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "fred") return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fred Fedify",
      summary: "A peer built on Fedify",
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      manuallyApprovesFollowers: false,
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "fred" ? keyPairs : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", async (_ctx, identifier) => {
  if (identifier !== "fred") return null;
  return { items: [...followers.values()] };
});

federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}", async (_ctx, values) =>
  values.identifier === "fred" ? notes.get(values.id) ?? null : null);

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    const follower = await follow.getActor(ctx);
    const parsed = ctx.parseUri(follow.objectId);
    emit({ event: "inbox", type: "Follow", id: follow.id?.href, actor: follow.actorId?.href, object: follow.objectId?.href });
    if (follower == null || parsed?.type !== "actor" || parsed.identifier !== "fred") return;
    followers.set(follower.id.href, follower);
    const accept = new Accept({
      id: new URL(`${ctx.getActorUri("fred").href}#accepts/${crypto.randomUUID()}`),
      actor: ctx.getActorUri("fred"),
      object: follow,
    });
    await ctx.sendActivity({ identifier: "fred" }, follower, accept);
    emit({ event: "sent", type: "Accept", id: accept.id.href, to: follower.id.href });
  })
  .on(Accept, async (ctx, accept) => {
    emit({ event: "inbox", type: "Accept", id: accept.id?.href, actor: accept.actorId?.href, object: accept.objectId?.href });
  })
  .on(Create, async (ctx, create) => {
    const object = await create.getObject(ctx);
    emit({
      event: "inbox", type: "Create", id: create.id?.href, actor: create.actorId?.href,
      objectType: object?.constructor?.name, objectId: object?.id?.href,
      attributedTo: object?.attributionId?.href, content: object?.content?.toString(),
    });
  })
  .on(Undo, async (ctx, undo) => {
    const object = await undo.getObject(ctx);
    if (object instanceof Follow && object.actorId != null) followers.delete(object.actorId.href);
    emit({ event: "inbox", type: "Undo", id: undo.id?.href, actor: undo.actorId?.href, object: object?.id?.href });
  })
  .on(Activity, async (ctx, activity) => {
    emit({ event: "inbox", type: activity.constructor.name, id: activity.id?.href, actor: activity.actorId?.href });
  })
  .onError(async (ctx, error) => {
    emit({ event: "inbox-error", error: String(error) });
  });

// Node's http server in front of federation.fetch, recording the signature scheme of each request.
const server = http.createServer(async (req, res) => {
  try {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
      else if (v != null) headers.set(k, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.url, origin), {
      method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response("Not found", { status: 404 }),
      onNotAcceptable: () => new Response("Not acceptable", { status: 406 }),
    });
    emit({ event: "request", method: req.method, path: req.url, scheme: schemeOf(headers), status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    emit({ event: "request", method: req.method, path: req.url, error: String(e) });
    res.writeHead(500).end(String(e));
  }
});

function ctx() {
  return federation.createContext(new URL(origin), undefined);
}

async function lookup(target) {
  const c = ctx();
  const o = await c.lookupObject(target);
  if (o == null) throw new Error(`nothing found for ${target}`);
  return o;
}

const commands = {
  // WebFinger (acct: handle, always https) or a dereferenced URL
  async lookup({ target }) {
    const o = await lookup(target);
    return {
      type: o.constructor.name, actorId: o.id?.href, preferredUsername: o.preferredUsername?.toString(),
      inbox: o.inboxId?.href, sharedInbox: o.endpoints?.sharedInbox?.href, publicKey: (await o.getPublicKey?.())?.id?.href,
    };
  },
  // fred follows the actor found for target
  async follow({ target }) {
    const c = ctx();
    const actor = await lookup(target);
    const follow = new Follow({
      id: new URL(`${c.getActorUri("fred").href}#follows/${crypto.randomUUID()}`),
      actor: c.getActorUri("fred"),
      object: actor.id,
      to: actor.id,
    });
    await c.sendActivity({ identifier: "fred" }, actor, follow);
    return { followId: follow.id.href };
  },
  // fred posts a public Note, delivered to the actor found for target (a follower of fred)
  async post({ target, content }) {
    const c = ctx();
    const actor = await lookup(target);
    const uuid = crypto.randomUUID();
    const noteId = c.getObjectUri(Note, { identifier: "fred", id: uuid });
    const note = new Note({
      id: noteId,
      attribution: c.getActorUri("fred"),
      content,
      to: PUBLIC_COLLECTION,
      cc: c.getFollowersUri("fred"),
      url: noteId,
      published: Temporal.Now.instant(),
    });
    notes.set(uuid, note);
    const create = new Create({
      id: new URL(`${noteId.href}#create`),
      actor: c.getActorUri("fred"),
      object: note,
      tos: [PUBLIC_COLLECTION],
      ccs: [c.getFollowersUri("fred")],
      published: note.published,
    });
    await c.sendActivity({ identifier: "fred" }, actor, create, { preferSharedInbox: true });
    return { createId: create.id.href, noteId: noteId.href };
  },
};

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  if (line.trim() === "") return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (e) {
    emit({ reply: null, ok: false, error: `bad command: ${line}` });
    return;
  }
  try {
    const fn = commands[msg.cmd];
    if (fn == null) throw new Error(`unknown command ${msg.cmd}`);
    emit({ reply: msg.id, ok: true, ...(await fn(msg)) });
  } catch (e) {
    emit({ reply: msg.id, ok: false, error: String(e?.stack ?? e) });
  }
});
rl.on("close", () => {
  server.close();
  process.exit(0);
});

server.listen(port, "127.0.0.1", () => emit({ event: "ready", origin, actor: `${origin}/users/fred` }));
