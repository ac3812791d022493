// The ledger's optional columns in a real browser: tick them, apply, see the
// full record (items, sources, evidence) in the table, follow a link that keeps
// them, and download a CSV that carries the same record. Saves screenshots of
// the ledger with its columns at 1400 and 390 px to docs/ledger-columns-*.png.
// Run through ./run.sh.

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('ticked columns appear, without any script', async ({ page, url }) => {
  await page.goto(`${url}/commitments`);
  assert.equal(await page.locator('td.extra').count(), 0, 'none until asked');
  for (const c of ['confidence', 'items', 'sources', 'evidence']) {
    await page.check(`fieldset.columns input[value=${c}]`);
  }
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/cols=items/);
  const headers = await page.locator('table.ledger thead th').allInnerTexts();
  for (const h of ['CONFIDENCE', 'ITEMS', 'SOURCES']) assert.ok(headers.map((x) => x.toUpperCase()).includes(h), h);
  const evidence = await page.locator('td.extra.evidence').allInnerTexts();
  assert.ok(evidence.length >= 1 && evidence.every((t) => t.startsWith('Evidence:')), 'a line under each entry');
  assert.ok(evidence.some((t) => t.length > 40), 'with its sentence');
  assert.ok(await page.locator('td.extra.sources a').count() >= 1, 'source links');
  assert.ok(await page.locator('fieldset.columns input[value=items]').isChecked(), 'the chooser remembers');
});

test('a facet keeps the chosen columns', async ({ page }) => {
  await page.selectOption('select[name=donor]', 'GB');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/donor=GB/);
  assert.match(page.url(), /cols=items/);
  const chip = await page.locator('a.chip').first().getAttribute('href');
  assert.match(chip, /cols=confidence,items,sources,evidence/);
  assert.ok(await page.locator('td.extra.items').count() >= 1);
});

test('the CSV download carries the full record', async ({ page, dir }) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("CSV")')]);
  const path = join(dir, 'download.csv');
  await download.saveAs(path);
  const header = readFileSync(path, 'utf8').split('\n')[0];
  for (const c of ['items', 'supplier', 'made_in', 'announcer', 'period', 'source_urls', 'outlets', 'evidence', 'confidence', 'review']) {
    assert.ok(header.split(',').includes(c), c);
  }
});

test('screenshots at 1400 and 390 px; the table scrolls in its own box', async ({ page, url, dir }) => {
  mkdirSync(join(root, 'docs'), { recursive: true });
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${url}/commitments`);
    const without = await overflow();
    await page.goto(`${url}/commitments?cols=confidence,items,sources,evidence`);
    assert.ok(await overflow() <= without, `the columns do not widen the page at ${width} px`);
    const shot = join(dir, `ledger-columns-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    copyFileSync(shot, join(root, `docs/ledger-columns-${width}.png`));
  }
});

await run(tests);
