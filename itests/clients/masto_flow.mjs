// Drives a running Herd with masto.js 8 on Node 22, as a web client would.
// usage: node masto_flow.mjs BASE_URL EMAIL PASSWORD OTHER_ACCOUNT_ID
// Prints one JSON object with what the client saw; the Java test asserts on it.
import { createRestAPIClient, createOAuthAPIClient } from "masto";

const [base, email, password, otherId] = process.argv.slice(2);

const oauthApps = createRestAPIClient({ url: base });
const app = await oauthApps.v1.apps.create({
  clientName: "herd-acceptance-masto",
  redirectUris: "urn:ietf:wg:oauth:2.0:oob",
  scopes: "read write follow",
});
const oauth = createOAuthAPIClient({ url: base });
const token = await oauth.token.create({
  grantType: "password",
  clientId: app.clientId,
  clientSecret: app.clientSecret,
  username: email,
  password,
  scope: "read write follow",
});
const masto = createRestAPIClient({ url: base, accessToken: token.accessToken });

const instance = await masto.v2.instance.fetch();
const me = await masto.v1.accounts.verifyCredentials();
const updated = await masto.v1.accounts.updateCredentials({ displayName: "Masto Person", note: "Hello from masto.js" });
const relationship = await masto.v1.accounts.$select(otherId).follow();
const pages = [];
for await (const page of masto.v1.accounts.$select(otherId).followers.list({ limit: 1 })) {
  if (page.length === 0) break; // a full last page still links to a next, empty one
  pages.push(page.map((a) => a.username));
  if (pages.length === 3) break;
}

console.log(JSON.stringify({
  instance_title: instance.title,
  username: me.username,
  display_name: updated.displayName,
  note: updated.note,
  following: relationship.following,
  pages,
}));
