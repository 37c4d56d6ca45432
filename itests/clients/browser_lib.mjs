// Shared by the browser tests: Debian's Chromium driven by playwright-core (no downloaded
// browser), axe-core checks, the XSS inertness probe and screenshots at two widths.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/**
 * A headless Chromium with the flags this machine needs (see ../shared/SERVICES.md), on a fresh
 * profile or on a given one (so that a later step keeps the cookies of an earlier one).
 */
export async function launch(profileDir) {
  const profile = profileDir || mkdtempSync(join(tmpdir(), 'herd-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.HERD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: WIDTHS.desktop,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Counts every dialog a page opens (an alert() from injected script would be one) and dismisses it. */
export function watchDialogs(page, seen) {
  page.on('dialog', async (d) => { seen.push(d.message()); await d.dismiss().catch(() => {}); });
}

/**
 * axe-core's serious and critical violations of the page. axe is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern.
 */
export async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * What injected markup would have left behind: inline scripts, event-handler attributes,
 * javascript: links, iframes/objects/embeds, scripts inside SVG, and the corpus's marker
 * elements (id or class "xss").
 */
export async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    document.querySelectorAll('script').forEach((s) => { if (!s.src) found.push('inline script'); });
    document.querySelectorAll('*').forEach((el) => {
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name.toLowerCase())
            && /^\s*(javascript|data:text\/html|vbscript)/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
      }
    });
    document.querySelectorAll('iframe, object, embed, svg script, svg foreignObject, [id^="xss"], .xss, form[action^="http"]')
      .forEach((el) => found.push(`element ${el.tagName}${el.id ? '#' + el.id : ''}`));
    return found;
  });
}

/** A full-page screenshot at a named width, under dir. */
export async function shoot(page, dir, name, width) {
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize(WIDTHS[width]);
  const file = join(dir, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function ensureDir(file) {
  mkdirSync(dirname(file), { recursive: true });
}

/**
 * Checks the page the browser is on as every page is checked: axe-core, the XSS probe, dialogs
 * opened since `since`, and screenshots at both widths under dir/name.
 */
export async function check(page, dir, name, dialogs, since) {
  const entry = { url: page.url(), violations: await axe(page), injected: await injected(page) };
  entry.desktop = await shoot(page, dir, name, 'desktop');
  entry.phone = await shoot(page, dir, name, 'phone');
  await page.setViewportSize(WIDTHS.desktop);
  entry.dialogs = dialogs.length - since;
  return entry;
}
