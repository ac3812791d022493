// Pledgewatch in a real browser, the first session: the dashboard's charts,
// the ledger's facets, logging in, reviewing a commitment and seeing it in the
// audit log, downloading a CSV, logging out. Saves a screenshot of the
// dashboard to docs/dashboard.png. Run through ./run.sh.

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// Shared across the tests, in order (they build on each other like a session).
const ctx = {};

test('the dashboard shows its charts and the counts', async ({ page, url, dir }) => {
  const res = await page.goto(`${url}/`);
  assert.equal(res.status(), 200);
  const csp = res.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.equal(await page.locator('svg.chart').count(), 3);
  assert.ok(await page.locator('svg.chart rect.bar').count() >= 5, 'donor bars');
  assert.ok(await page.locator('svg.chart rect.column').count() >= 5, 'month columns');
  assert.match(await page.locator('.cards').innerText(), /ledger entries/);
  const shot = join(dir, 'dashboard.png');
  await page.screenshot({ path: shot, fullPage: true });
  mkdirSync(join(root, 'docs'), { recursive: true });
  copyFileSync(shot, join(root, 'docs/dashboard.png'));
});

test('the ledger filters by a facet and keeps the view in its download links', async ({ page, url }) => {
  await page.goto(`${url}/commitments`);
  await page.selectOption('select[name=donor]', 'GB');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/donor=GB/);
  const rows = page.locator('table.ledger tbody tr');
  assert.ok(await rows.count() >= 1);
  for (const text of await rows.allInnerTexts()) assert.match(text, /United Kingdom/);
  assert.match(await page.locator('a', { hasText: 'CSV' }).getAttribute('href'), /commitments\.csv\?donor=GB/);
});

test('logging in shows the user', async ({ page, url, password }) => {
  await page.goto(`${url}/login`);
  await page.fill('input[name=name]', 'demo');
  await page.fill('input[name=password]', 'not the password');
  await page.click('form.login button[type=submit]');
  assert.match(await page.locator('.error').innerText(), /wrong name or password/);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForURL(`${url}/`);
  assert.equal(await page.locator('[data-testid=user]').innerText(), 'demo');
});

test('approving from the review queue shows in the audit log', async ({ page, url }) => {
  await page.goto(`${url}/review`);
  const item = page.locator('article.queue-item').first();
  const href = await item.locator('header a').first().getAttribute('href');
  ctx.entry = href;
  await item.locator('input[name=note]').fill('checked against the source in the browser');
  await item.locator('button[value=approve]').click();
  await page.waitForURL(/\/review/);
  assert.equal(await page.locator(`article.queue-item header a[href="${href}"]`).count(), 0, 'left the queue');
  await page.goto(`${url}${href}`);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'approved');
  const log = await page.locator('[data-testid=audit-log] tbody').innerText();
  assert.match(log, /demo/);
  assert.match(log, /unreviewed → approved/);
  assert.match(log, /checked against the source in the browser/);
  assert.match(log, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/, 'when');
});

test('an edit on the commitment page is logged field by field', async ({ page, url }) => {
  await page.goto(`${url}${ctx.entry}`);
  const form = page.locator('form.review-form.edit');
  const current = await form.locator('select[name=status]').inputValue();
  const next = current === 'committed' ? 'contracted' : 'committed';
  await form.locator('select[name=status]').selectOption(next);
  await form.locator('input[name=note]').fill('the release says it was signed');
  await form.locator('button[type=submit]').click();
  await page.waitForURL(/#review$/);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'edited');
  const log = await page.locator('[data-testid=audit-log] tbody').innerText();
  assert.match(log, new RegExp(`status\\s+${current} → ${next}`));
});

test('the CSV download is the filtered view', async ({ page, url, dir }) => {
  await page.goto(`${url}/commitments?donor=GB`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a', { hasText: 'CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pledgewatch-commitments.csv');
  const file = join(dir, 'download.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.match(lines[0], /^entry_id,donor,donor_name,recipient/);
  assert.ok(lines.length >= 2, 'at least one row');
  for (const line of lines.slice(1)) assert.match(line, /^[0-9a-f]+,GB,/);
});

test('no page breaks the content security policy', async ({ page, url }) => {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  for (const p of ['/', '/commitments', ctx.entry, '/review', '/login']) await page.goto(`${url}${p}`);
  assert.deepEqual(problems, []);
});

test('logging out ends the session', async ({ page, url }) => {
  await page.goto(`${url}/`);
  await page.locator('form[action="/logout"] button').click();
  await page.waitForURL(`${url}/`);
  assert.equal(await page.locator('[data-testid=user]').count(), 0);
  await page.goto(`${url}/review`);
  assert.equal(await page.locator('button[value=approve]').count(), 0, 'no review forms without a user');
});

run(tests);
