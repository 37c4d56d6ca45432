// Media, polls, notifications and live streaming (WebSocket) with masto.js 8 against a running Herd.
// usage: node masto_live.mjs BASE_URL AUTHOR_EMAIL AUTHOR_PASSWORD READER_EMAIL READER_PASSWORD
import { createRestAPIClient, createOAuthAPIClient, createStreamingAPIClient } from "masto";
import { deflateSync } from "node:zlib";

const [base, aEmail, aPassword, bEmail, bPassword] = process.argv.slice(2);
const scope = "read write follow";
const app = await createRestAPIClient({ url: base }).v1.apps.create({
  clientName: "herd-live-masto", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: scope,
});
async function token(username, password) {
  const t = await createOAuthAPIClient({ url: base }).token.create({
    grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret, username, password, scope,
  });
  return t.accessToken;
}

// a small real PNG, made here so the test needs no image files
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(w, h) {
  const rows = [];
  for (let y = 0; y < h; y++) {
    rows.push(Buffer.from([0]));
    for (let x = 0; x < w; x++) rows.push(Buffer.from([(x * 7) % 256, (y * 5) % 256, 90]));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const authorToken = await token(aEmail, aPassword);
const readerToken = await token(bEmail, bPassword);
const author = createRestAPIClient({ url: base, accessToken: authorToken });
const reader = createRestAPIClient({ url: base, accessToken: readerToken });
const me = await author.v1.accounts.verifyCredentials();
const readerMe = await reader.v1.accounts.verifyCredentials();
await reader.v1.accounts.$select(me.id).follow();

const media = await author.v2.media.create({ file: new Blob([png(40, 30)], { type: "image/png" }), description: "masto alt" });
const withImage = await author.v1.statuses.create({ status: "masto picture", mediaIds: [media.id] });
const withPoll = await author.v1.statuses.create({ status: "masto poll", poll: { options: ["red", "blue"], expiresIn: 600 } });
const voted = await reader.v1.polls.$select(withPoll.poll.id).votes.create({ choices: [0] });
await reader.v1.statuses.$select(withImage.id).favourite();

// live: the reader listens on the user stream over WebSocket (token in Sec-WebSocket-Protocol)
const instance = await reader.v2.instance.fetch();
const streaming = createStreamingAPIClient({ streamingApiUrl: instance.configuration.urls.streaming, accessToken: readerToken });
const subscription = streaming.user.subscribe();
const seen = { update: null, notification: null };
const listening = (async () => {
  for await (const event of subscription) {
    if (event.event === "update" && event.payload.content.includes("masto live")) seen.update = event.payload.content;
    if (event.event === "notification" && event.payload.type === "mention") seen.notification = event.payload.type;
    if (seen.update && seen.notification) break;
  }
})();
// masto waits a second before it connects: let the subscription reach the server first
await new Promise((r) => setTimeout(r, 3000));
await author.v1.statuses.create({ status: `masto live @${readerMe.username}` });
await Promise.race([listening, new Promise((r) => setTimeout(r, 20000))]);
subscription.unsubscribe();
streaming.close();

const notifications = await author.v1.notifications.list({ limit: 30 });
console.log(JSON.stringify({
  media_type: withImage.mediaAttachments[0].type,
  media_description: withImage.mediaAttachments[0].description,
  poll_options: withPoll.poll.options.map((o) => o.title),
  poll_votes: voted.options.map((o) => o.votesCount),
  author_notifications: [...new Set(notifications.map((n) => n.type))].sort(),
  streamed_update: seen.update,
  streamed_notification: seen.notification,
}));
process.exit(0);
