// Pledgewatch in a real browser, the ledger over time (issue 17): approve an
// entry, then see the ledger and the entry as they stood before — through the
// ledger's "As of" field and its chip, and the entry page's notice — and find
// the change in the Atom feed. Saves screenshots of the ledger and the entry
// as of a past time at 1400 and 390 px to docs/. Run through ./run.sh.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const ctx = {};

/** Full-page screenshots at 1400 and 390 px wide, kept in docs/ as NAME-WIDTH.png. */
async function shoot(page, dir, name) {
  mkdirSync(join(root, 'docs'), { recursive: true });
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const shot = join(dir, `${name}-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    copyFileSync(shot, join(root, `docs/${name}-${width}.png`));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(wide, false, `no sideways scroll at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('logging in', async ({ page, url, password }) => {
  await page.goto(`${url}/login`);
  await page.fill('input[name=name]', 'demo');
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForURL(`${url}/`);
});

test('an approval, after a moment noted', async ({ page, url }) => {
  await page.goto(`${url}/commitments?donor=NO&recipient=SD`);
  ctx.entry = await page.locator('table.ledger tbody tr a[href^="/commitments/"]').first().getAttribute('href');
  await new Promise((ok) => setTimeout(ok, 20));
  ctx.then = new Date().toISOString();
  await new Promise((ok) => setTimeout(ok, 20));
  await page.goto(`${url}${ctx.entry}`);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'unreviewed');
  await page.locator('button[value=approve]').first().click();
  await page.waitForURL(/#review$/);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'approved');
});

test('the ledger as of then: the "As of" field, its chip, the entry unreviewed', async ({ page, url, dir }) => {
  await page.goto(`${url}/commitments?donor=NO&recipient=SD`);
  const row = page.locator(`table.ledger tbody tr:has(a[href="${ctx.entry}"])`);
  assert.match(await row.innerText(), /approved/);
  await page.fill('form.filters input[name=as_of]', ctx.then);
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/as_of=/);
  assert.match(await page.locator('p.chips').innerText(), /As of: /);
  assert.match(await row.innerText(), /unreviewed/);
  await shoot(page, dir, 'ledger-as-of');
  // The chip takes the time away: the ledger as it stands.
  await page.locator('p.chips a.chip', { hasText: 'As of' }).click();
  assert.match(await row.innerText(), /approved/);
});

test('the entry as of then: a notice, its state then, a link to now', async ({ page, url, dir }) => {
  await page.goto(`${url}${ctx.entry}?as_of=${encodeURIComponent(ctx.then)}`);
  assert.match(await page.locator('[data-testid=as-of]').innerText(), /As the ledger stood at/);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'unreviewed');
  assert.doesNotMatch(await page.locator('[data-testid=audit-log]').innerText(), /unreviewed → approved/);
  assert.equal(await page.locator('button[value=approve]').count(), 0, 'no forms acting on a past state');
  await shoot(page, dir, 'entry-as-of');
  await page.locator('[data-testid=as-of] a').click();
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'approved');
});

test('the change in the Atom feed', async ({ page, url }) => {
  const res = await page.request.get(`${url}/changes.atom?donor=NO`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/atom\+xml/);
  const xml = await res.text();
  assert.match(xml, /<title>Changed: Norway → Sudan/);
  assert.match(xml, /review: unreviewed → approved \(review by demo\)/);
  assert.ok(xml.includes(`href="${ctx.entry}"`), xml);
});

await run(tests);
