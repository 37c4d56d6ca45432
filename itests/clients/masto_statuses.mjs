// Posting and reading with masto.js 8 against a running Herd.
// usage: node masto_statuses.mjs BASE_URL AUTHOR_EMAIL AUTHOR_PASSWORD READER_EMAIL READER_PASSWORD
import { createRestAPIClient, createOAuthAPIClient } from "masto";

const [base, aEmail, aPassword, bEmail, bPassword] = process.argv.slice(2);
const app = await createRestAPIClient({ url: base }).v1.apps.create({
  clientName: "herd-statuses-masto", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow",
});
async function session(username, password) {
  const token = await createOAuthAPIClient({ url: base }).token.create({
    grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret, username, password,
    scope: "read write follow",
  });
  return createRestAPIClient({ url: base, accessToken: token.accessToken });
}
const author = await session(aEmail, aPassword);
const reader = await session(bEmail, bPassword);
const me = await author.v1.accounts.verifyCredentials();
await reader.v1.accounts.$select(me.id).follow();

const posts = [];
for (const i of [1, 2, 3]) posts.push(await author.v1.statuses.create({ status: `masto post ${i} #herdjs` }));
const reply = await reader.v1.statuses.create({ status: "a reply from masto", inReplyToId: posts[2].id });
const faved = await reader.v1.statuses.$select(posts[0].id).favourite();
const reblog = await reader.v1.statuses.$select(posts[1].id).reblog();

const pages = async (paginator) => {
  const out = [];
  for await (const page of paginator) {
    if (page.length === 0) break;
    out.push(page.map((s) => s.content));
    if (out.length === 3) break;
  }
  return out;
};
const tagPages = await pages(reader.v1.timelines.tag.$select("herdjs").list({ limit: 2 }));
const homePages = await pages(reader.v1.timelines.home.list({ limit: 2 }));
const context = await author.v1.statuses.$select(posts[2].id).context.fetch();

console.log(JSON.stringify({
  content: posts[0].content,
  favourites_count: faved.favouritesCount,
  reblogged: reblog.reblog?.id === posts[1].id,
  tag_pages: tagPages,
  home_pages: homePages,
  descendants: context.descendants.map((s) => s.id),
  reply_id: reply.id,
}));
