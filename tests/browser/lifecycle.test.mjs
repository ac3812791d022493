// Later reports linked to the commitment they follow up (issue 17, item 4), in a real
// browser: the demo's EIB loan shows its status timeline and "EUR 150 m of EUR 400 m
// disbursed" (file 14 linked for certain); a second loan and a tranche that fits both make a
// proposal, which a reviewer accepts on the entry page; the accept is in the audit log.
// Saves screenshots of the entry page with its timeline at 1400 and 390 px to docs/.
// Run through ./run.sh.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const ctx = {};

async function shoot(page, dir, name) {
  mkdirSync(join(root, 'docs'), { recursive: true });
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const shot = join(dir, `${name}-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    copyFileSync(shot, join(root, `docs/${name}-${width}.png`));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, `no sideways scroll at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Posts a text document through the API with the session's CSRF token. */
async function ingest(page, url, date, text) {
  const res = await page.evaluate(async ([url, date, text]) => {
    const s = await (await fetch(`${url}/api/v1/session`)).json();
    const r = await fetch(`${url}/api/v1/ingest?date=${date}&outlet=Test%20Wire`, {
      method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': s.csrf }, body: text,
    });
    return [r.status, await r.text()];
  }, [url, date, text]);
  assert.equal(res[0], 200, res[1]);
}

test('logging in', async ({ page, url, password }) => {
  await page.goto(`${url}/login`);
  await page.fill('input[name=name]', 'demo');
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForURL(`${url}/`);
});

test('the demo loan shows its disbursed tranche and what remains', async ({ page, url }) => {
  await page.goto(`${url}/commitments?donor=EIB`);
  ctx.loan = await page.locator('table.ledger tbody tr a[href^="/commitments/"]').first().getAttribute('href');
  await page.goto(`${url}${ctx.loan}`);
  const stages = await page.locator('[data-testid=timeline] li').evaluateAll((lis) => lis.map((li) => li.dataset.stage));
  assert.deepEqual(stages, ['committed', 'disbursed']);
  assert.match(await page.locator('[data-testid=progress]').innerText(), /EUR 150 m of EUR 400 m disbursed \(EUR 250 m still due\)/);
});

test('an uncertain later report is proposed and a reviewer accepts it', async ({ page, url, dir }) => {
  await ingest(page, url, '2025-08-04',
    'EIB approves second €400 million loan for Ukraine\n\nThe European Investment Bank approved a €400 million loan to Ukraine for its railways, the bank said on Monday.');
  await ingest(page, url, '2025-12-10',
    'EIB pays out tranche to Ukraine\n\nThe European Investment Bank disbursed the second tranche of €100 million of its €400 million loan to Ukraine on Wednesday.');
  await page.goto(`${url}/commitments?donor=EIB&q=railways`);
  ctx.rail = await page.locator('table.ledger tbody tr a[href^="/commitments/"]').first().getAttribute('href');
  await page.goto(`${url}${ctx.rail}`);
  const proposal = page.locator('[data-testid=proposal]');
  assert.match(await proposal.innerText(), /Proposed: a later report/);
  await shoot(page, dir, 'lifecycle-proposal');
  await proposal.locator('input[name=note]').fill('the railway loan');
  await proposal.locator('[data-testid=accept-link]').click();
  await page.waitForURL(/#lifecycle$/);
  assert.equal(await page.locator('[data-testid=proposal]').count(), 0);
  const stages = await page.locator('[data-testid=timeline] li').evaluateAll((lis) => lis.map((li) => li.dataset.stage));
  assert.deepEqual(stages, ['announced', 'disbursed']);
  assert.match(await page.locator('[data-testid=progress]').innerText(), /EUR 100 m of EUR 400 m disbursed/);
  const audit = await page.locator('[data-testid=audit-log] tbody').innerText();
  assert.match(audit, /link_accept/);
  assert.match(audit, /the railway loan/);
  await shoot(page, dir, 'lifecycle');
});

await run(tests);
