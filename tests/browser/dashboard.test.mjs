// The dashboard and the ledger answer a tracker's questions (issue 16, item 7):
// the dashboard filters like the ledger, by chips that each remove one filter;
// its totals are split by what they sum (grants, loans, other, ceilings) and
// equal the API's; the cumulative chart has one running sum per kind; the
// ledger sorts by its headers; no chart label runs outside its chart; and at
// 390 px no page scrolls sideways. Saves docs/dashboard-{1400,390}.png and
// docs/ledger-{1400,390}.png of the demo's own ledger. Run through ./run.sh.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const ctx = {};

// A donor with a long name and a very large figure (labels must still fit),
// and a grant ceiling beside a firm loan guarantee.
const DOCUMENTS = [
  ['2025-02-03', 'Saint Vincent and the Grenadines gives Ukraine aid\n\nKingstown, 3 February 2025 — The government of '
    + 'Saint Vincent and the Grenadines will give Ukraine EUR 900 billion in humanitarian aid, its prime minister '
    + 'announced on Monday.\n'],
  ['2025-03-12', "Sweden pledges up to SEK 2 billion for Ukraine's energy grid\n\nStockholm, 12 March 2025 — The "
    + 'Swedish government announced on Wednesday that it will provide up to SEK 2 billion in grants to Ukraine to '
    + "repair its energy grid.\n\nSweden also announced a loan guarantee of SEK 500 million for Ukraine's railways.\n"],
];
const PARTS = ['grants', 'loans', 'other', 'ceilings'];

async function shoot(page, dir, name) {
  const shot = join(dir, name);
  await page.screenshot({ path: shot, fullPage: true });
  mkdirSync(join(root, 'docs'), { recursive: true });
  copyFileSync(shot, join(root, 'docs', name));
}

/** The summary the dashboard at `query` shows, from its JSON twin. */
async function summary(page, url, query = '') {
  const res = await page.request.get(`${url}/api/v1/summary${query}`);
  assert.equal(res.status(), 200);
  return res.json();
}

/** The exact EUR sum each split card states (its title), by basis. */
async function cards(page) {
  const out = {};
  for (const basis of PARTS) {
    const title = await page.locator(`[data-testid=split-cards] [data-basis=${basis}]`).getAttribute('title');
    out[basis] = title.match(/^EUR (\S+)/)[1].replaceAll(',', '');
  }
  return out;
}

const num = (s) => Number(String(s));

test('screenshots of the demo\'s dashboard and ledger at 1400 and 390 px', async ({ page, url, dir }) => {
  for (const [name, path] of [['dashboard', '/'], ['ledger', '/commitments']]) {
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}${path}`);
      await shoot(page, dir, `${name}-${width}.png`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('log in and store a long-named donor, a very large figure and a ceiling', async ({ page, url, password }) => {
  await page.goto(`${url}/login`);
  await page.fill('input[name=name]', 'demo');
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForURL(`${url}/`);
  const csrf = (await (await page.request.get(`${url}/api/v1/session`)).json()).csrf;
  for (const [date, text] of DOCUMENTS) {
    const res = await page.request.post(`${url}/api/v1/ingest?date=${date}`, {
      headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': csrf }, data: text,
    });
    assert.equal(res.status(), 200, await res.text());
    assert.ok((await res.json()).commitments >= 1);
  }
});

test('the split totals are the API\'s, add up, and keep ceilings out of grants', async ({ page, url }) => {
  await page.goto(`${url}/`);
  const s = await summary(page, url);
  const shown = await cards(page);
  for (const basis of PARTS) assert.equal(num(shown[basis]), num(s.total.split[basis].value_eur), basis);
  const parts = PARTS.reduce((sum, b) => sum + num(s.total.split[b].value_eur), 0);
  assert.ok(Math.abs(parts - num(s.total.value_eur)) < 0.01, 'the parts add up to the total');
  assert.ok(s.total.split.ceilings.entries >= 2, 'the demo\'s "up to" and the Swedish ceiling');
  assert.match(await page.locator('[data-basis=ceilings] .num').innerText(), /^≤ €/);
  // The Swedish release alone: a ceiling and a loan, nothing in grants.
  const se = await summary(page, url, '?donor=SE&from=2025-03-12&to=2025-03-12');
  assert.equal(se.total.split.grants.entries, 0);
  assert.equal(se.total.split.ceilings.entries, 1);
  // The category table's footer states the same four sums.
  const foot = page.locator('[data-testid=by-category] tfoot td');
  for (const [i, basis] of PARTS.entries()) {
    const title = await foot.nth(i).getAttribute('title');
    assert.equal(num(title.match(/^EUR (\S+)/)[1].replaceAll(',', '')), num(s.total.split[basis].value_eur), basis);
  }
});

test('the cumulative chart has one running sum per kind of money', async ({ page, url }) => {
  await page.goto(`${url}/`);
  const s = await summary(page, url);
  const lines = page.locator('[data-testid=cumulative] svg.chart polyline.line');
  const drawn = await lines.evaluateAll((ls) => ls.map((l) => [l.dataset.series, l.dataset.total]));
  const dated = s.by_month.filter((g) => g.key !== '');
  const expected = PARTS.map((b) => [b, dated.reduce((sum, g) => sum + num(g.split[b].value_eur), 0)])
    .filter(([, v]) => v > 0);
  assert.deepEqual(drawn.map(([k]) => k), expected.map(([k]) => k));
  for (const [[, total], [, want]] of drawn.map((d, i) => [d, expected[i]])) {
    assert.ok(Math.abs(num(total) - want) < 0.01, `${total} vs ${want}`);
  }
  // A running sum only rises: y, counted down the page, never grows.
  for (const points of await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('points')))) {
    const ys = points.split(' ').map((p) => Number(p.split(',')[1]));
    for (let i = 1; i < ys.length; i += 1) assert.ok(ys[i] <= ys[i - 1] + 0.01, points);
  }
});

test('a filter on the dashboard shows as a chip, and the chip removes it', async ({ page, url }) => {
  await page.goto(`${url}/`);
  await page.selectOption('form.filters select[name=donor]', 'GB');
  await page.selectOption('form.filters select[name=category]', 'military');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/\/\?.*donor=GB/);
  const chips = page.locator('.chips a.chip');
  assert.equal(await chips.count(), 2);
  const gb = await summary(page, url, '?donor=GB&category=military');
  const shown = await cards(page);
  for (const basis of PARTS) assert.equal(num(shown[basis]), num(gb.total.split[basis].value_eur), basis);
  await page.locator('.chips a.chip', { hasText: 'Donor: United Kingdom' }).click();
  await page.waitForURL(`${url}/?category=military`);
  assert.equal(await chips.count(), 1);
  assert.match(await chips.first().innerText(), /Category: military/);
  assert.equal(await page.locator('form.filters select[name=donor]').inputValue(), '');
  await chips.first().click();
  await page.waitForURL(`${url}/`);
  assert.equal(await chips.count(), 0);
});

test('the ledger shows its count and sums, and sorts by a header', async ({ page, url }) => {
  await page.goto(`${url}/commitments?recipient=UA`);
  const total = (await (await page.request.get(`${url}/api/v1/totals?recipient=UA`)).json()).total;
  assert.match(await page.locator('[data-testid=matched]').innerText(), new RegExp(`${total.entries} entries match`));
  const eur = page.locator('table.ledger thead th', { hasText: 'EUR' });
  await eur.locator('a').click();
  await page.waitForURL(/sort=-value_eur/);
  assert.match(page.url(), /recipient=UA/, 'the filter is kept');
  assert.equal(await eur.getAttribute('aria-sort'), 'descending');
  const api = await (await page.request.get(`${url}/api/v1/commitments?recipient=UA&sort=-value_eur`)).json();
  const ids = await page.locator('table.ledger tbody tr td:nth-child(2) a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href').split('/').pop()));
  assert.deepEqual(ids, api.entries.map((e) => e.id));
  await eur.locator('a').click();
  await page.waitForURL(/sort=value_eur/);
  assert.equal(await eur.getAttribute('aria-sort'), 'ascending');
  ctx.entry = `/commitments/${ids[0]}`;
});

test('no chart label runs outside its chart (long names, large values)', async ({ page, url }) => {
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${url}/`);
    assert.match(await page.locator('svg.chart').first().innerHTML(), /Saint Vincent/);
    const out = await page.locator('svg.chart').evaluateAll((svgs) => svgs.flatMap((svg) => {
      const box = svg.viewBox.baseVal;
      return [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBBox()])
        .filter(([, b]) => b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
        .map(([text, b]) => `${text}: ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)} of ${box.width}`);
    }));
    assert.deepEqual(out, [], `at ${width} px`);
  }
});

test('at 390 px no page scrolls sideways', async ({ page, url }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/', '/commitments', ctx.entry, '/commitments?donor=GB&sort=-value_eur']) {
    await page.goto(`${url}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${path}: ${width} px wide`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

run(tests);
