// Visits the public pages as a signed-out reader at desktop and phone widths, in a real browser:
// screenshots, axe-core, the XSS probe, and the theme chooser in the footer used with the keyboard.
// Usage: node browser_pages.mjs <base url> <screenshot dir> <name=path>...
// Prints one JSON object: { pages: {name: {status, violations, injected, dialogs}}, theme: {...} }.
import { launch, watchDialogs, axe, injected, shoot } from './browser_lib.mjs';

const [base, dir, ...specs] = process.argv.slice(2);
const context = await launch();
const page = context.pages()[0] || await context.newPage();
const dialogs = [];
watchDialogs(page, dialogs);
const out = { pages: {}, theme: {} };
try {
  for (const spec of specs) {
    const name = spec.slice(0, spec.indexOf('='));
    const path = spec.slice(spec.indexOf('=') + 1);
    const before = dialogs.length;
    const response = await page.goto(base + path, { waitUntil: 'load' });
    const entry = { status: response.status(), violations: await axe(page), injected: await injected(page) };
    // Open every content warning, so hidden content is probed and shows in the screenshots.
    for (const s of await page.locator('details summary').all()) await s.click().catch(() => {});
    entry.injected.push(...await injected(page));
    for (const width of ['desktop', 'phone']) entry[width] = await shoot(page, dir, name, width);
    await page.setViewportSize({ width: 1280, height: 900 });
    entry.dialogs = dialogs.length - before;
    out.pages[name] = entry;
  }

  // Theme switch with the keyboard only: focus the chooser, pick "Dark", press Enter on Apply.
  await page.goto(base + '/about');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  out.theme.before = await bg();
  await page.focus('#theme-choice');
  await page.selectOption('#theme-choice', 'dark');
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  out.theme.after = await bg();
  out.theme.attribute = await page.evaluate(() => document.documentElement.dataset.theme);
  out.theme.violations = await axe(page);
  out.theme.desktop = await shoot(page, dir, 'about-dark', 'desktop');
  out.theme.phone = await shoot(page, dir, 'about-dark', 'phone');
  await page.selectOption('#theme-choice', 'high-contrast');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.theme-chooser button')]);
  out.theme.highContrast = await bg();
  out.theme.highContrastViolations = await axe(page);
  out.theme.highContrastShot = await shoot(page, dir, 'about-high-contrast', 'desktop');
} finally {
  await context.close();
}
console.log(JSON.stringify(out));
