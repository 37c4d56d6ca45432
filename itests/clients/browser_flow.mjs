// The signed-in journeys of the web front in a real browser, one step per run; steps share a
// browser profile directory, so the session cookie of one step is there in the next.
// Usage: node browser_flow.mjs <step> <base url> <screenshot dir> <profile dir> <json arguments>
// Prints one JSON object: what the step saw, and a check (axe, XSS probe, screenshots) per page.
import { launch, watchDialogs, check } from './browser_lib.mjs';

const [step, base, dir, profile, json] = process.argv.slice(2);
const args = JSON.parse(json || '{}');
const context = await launch(profile);
const page = context.pages()[0] || await context.newPage();
const dialogs = [];
watchDialogs(page, dialogs);
const out = { pages: {} };
const seen = async (name) => { out.pages[name] = await check(page, dir, name, dialogs, 0); };
const submit = async (selector) => {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
};
// API forms are sent by the page's script, which then reloads or moves on.
const submitScripted = async (selector) => {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 20000 }), page.click(selector)])
    .catch(async (e) => { throw new Error(e.message + ' form says: ' + await formError()); });
};
const formError = () => page.locator('.form-error').allInnerTexts().then((t) => t.join(' | ')).catch(() => '?');

try {
  if (step === 'signup') {
    await page.goto(base + '/auth/sign_up');
    await seen('sign-up');
    await page.fill('input[name="username"]', args.username);
    await page.fill('input[name="email"]', args.email);
    await page.fill('input[name="password"]', args.password);
    const confirm = page.locator('input[name="password_confirmation"]');
    if (await confirm.count()) await confirm.fill(args.password);
    for (const box of await page.locator('input[type="checkbox"]').all()) await box.check();
    await submit('form button[type="submit"]');
    out.after = await page.locator('main').innerText();
    await seen('sign-up-done');
  } else if (step === 'confirm-and-sign-in') {
    await page.goto(args.link);
    out.confirmation = await page.locator('main').innerText();
    await seen('confirmation');
    await page.goto(base + '/auth/sign_in');
    await seen('sign-in');
    await page.fill('#login', args.login);
    await page.fill('#password', args.password);
    await submit('main form button[type="submit"]');
    out.url = page.url();
    await seen('home');
  } else if (step === 'oauth') {
    await page.goto(args.authorizeUrl);
    out.scopesText = await page.locator('main').innerText();
    await seen('oauth-authorize');
    await page.fill('#login', args.login);
    await page.fill('#password', args.password);
    await submit('button[value="approve"]');
    out.code = (await page.locator('#code').innerText()).trim();
    await seen('oauth-code');
  } else if (step === 'compose') {
    // Second tabs on home and on the local timeline listen to the streaming API while the first one posts.
    const listener = await context.newPage();
    await listener.goto(base + '/home');
    const localListener = await context.newPage();
    await localListener.goto(base + '/public/local');
    await page.goto(base + '/home');
    await page.fill('#compose-text', args.text);
    await page.setInputFiles('#compose-media', args.image);
    await page.fill('#compose-alt', args.alt);
    await submitScripted('.compose button[type="submit"]');
    out.homeHasPost = (await page.locator('.status-content', { hasText: args.text }).count()) > 0;
    const offer = listener.locator('.new-posts');
    out.liveOffer = await offer.waitFor({ state: 'visible', timeout: 10000 }).then(() => offer.innerText()).catch(() => null);
    const localOffer = localListener.locator('.new-posts');
    out.liveLocalOffer = await localOffer.waitFor({ state: 'visible', timeout: 10000 }).then(() => localOffer.innerText())
      .catch(() => null);
    await listener.close();
    await localListener.close();
    await seen('home-after-post');
    await page.goto(base + '/@' + args.username);
    const img = page.locator(`.status img[alt="${args.alt}"]`).first();
    await img.waitFor({ timeout: 10000 });
    out.profileImage = await img.evaluate((el) => ({ src: el.getAttribute('src'), loaded: el.complete && el.naturalWidth > 0 }));
    await seen('profile-with-image');
    // A poll, written with the keyboard: open "Add a poll", type two choices, send with Enter.
    await page.goto(base + '/home');
    await page.fill('#compose-text', args.pollText);
    await page.focus('.poll-options summary');
    await page.keyboard.press('Enter');
    await page.fill('#poll-1', 'Tea');
    await page.fill('#poll-2', 'Coffee');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 20000 }), page.press('#poll-2', 'Enter')])
      .catch(async (e) => { throw new Error(e.message + ' form says: ' + await formError()); });
    out.pollShown = await page.locator('.status', { hasText: args.pollText }).locator('ul.poll li').allInnerTexts();

    // Favourite and bookmark the image post from the profile; the buttons say their state.
    await page.goto(base + '/@' + args.username);
    const post = page.locator('.status', { hasText: args.text }).first();
    for (const label of ['Favourite', 'Bookmark']) {
      const button = post.getByRole('button', { name: label });
      await button.click();
      await post.locator(`button[aria-pressed="true"]`, { hasText: label }).waitFor({ timeout: 10000 });
    }
    out.pressed = await post.locator('button[aria-pressed="true"]').allInnerTexts();

    // Edit the profile: a new display name shows on the public profile.
    await page.goto(base + '/settings/profile');
    await page.fill('#p-name', args.displayName);
    await submitScripted('main form[data-api] button[type="submit"]');
    out.profileName = await page.locator('#profile-name').innerText();

    for (const path of ['/notifications', '/settings/profile', '/settings/preferences', '/settings/sessions', '/public/local', '/auth/delete']) {
      await page.goto(base + path);
      await seen(path.replaceAll('/', '-').replace(/^-/, ''));
    }
  } else if (step === 'admin') {
    await page.goto(base + '/auth/sign_in?return_to=/admin/dashboard');
    await page.fill('#login', args.login);
    await page.fill('#password', args.password);
    await submit('main form button[type="submit"]');
    await seen('admin-dashboard');
    const iconHref = async () => {
      await page.goto(base + '/about');
      return page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href');
    };
    out.iconBefore = await iconHref();
    await page.goto(base + '/admin/plugins');
    await seen('admin-plugins');
    await page.setInputFiles('#plugin-file', args.faviconJar);
    await submitScripted('form[data-api] button[type="submit"]');
    // the plugin installs within a couple of seconds; the icon link follows on the next page
    for (let i = 0; i < 40 && (out.iconAfter = await iconHref()) === out.iconBefore; i++) await page.waitForTimeout(250);
    await page.goto(base + '/admin/plugins');
    await page.setInputFiles('#plugin-file', args.themeJar);
    await submitScripted('form[data-api] button[type="submit"]');
    await seen('admin-plugins-installed');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    for (let i = 0; i < 40; i++) {
      await page.goto(base + '/admin/settings');
      if (await page.locator(`#s-theme option[value="${args.themeName}"]`).count()) break;
      await page.waitForTimeout(250);
    }
    out.bgBefore = await bg();
    await page.selectOption('#s-theme', args.themeName);
    await page.waitForFunction((name) => [...document.styleSheets].some((s) => s.href && s.href.includes('/themes/' + name + '/')),
      args.themeName, { timeout: 10000 }).catch(() => {});
    out.bgPreview = await bg();
    await seen('admin-settings-preview');
    await submitScripted('form[data-api] button[type="submit"]');
    // The server rules are the rules plugin's configuration, edited in the console.
    await page.goto(base + '/admin/plugins');
    const rules = page.locator('section.plugin', { hasText: 'rules-default' });
    await rules.locator('textarea').first().fill(args.rules.join('\n'));
    await submitScripted('section.plugin:has-text("rules-default") form[data-json] button[type="submit"]');
    for (let i = 0; i < 40; i++) {
      await page.goto(base + '/about');
      out.rules = await page.locator('ol.rules li strong').allInnerTexts();
      if (out.rules[0] === args.rules[0]) break;
      await page.waitForTimeout(250);
    }
    for (const path of ['/admin/reports', '/admin/held', '/admin/accounts', '/admin/domain_blocks']) {
      await page.goto(base + path);
      await seen(path.replaceAll('/', '-').replace(/^-/, ''));
    }
    // A visitor without any theme cookie now gets the admin's choice.
    await context.clearCookies();
    await page.goto(base + '/about');
    out.visitorTheme = await page.evaluate(() => document.documentElement.dataset.theme);
    out.bgVisitor = await bg();
    await seen('about-site-theme');
  } else {
    throw new Error('unknown step ' + step);
  }
  out.dialogs = dialogs;
} finally {
  await context.close();
}
console.log(JSON.stringify(out));
