// Triage and regrouping in a real browser: log in, sort the review queue by
// confidence (and move through it with the keyboard), merge two entries and
// split them again, detach a source, reject one entry, approve several in
// bulk — and see each step in the audit log; then export what was decided as labels
// and feed them to the training command, which must change the model. Saves screenshots of the queue
// and of the entry page's regroup controls at 1400 and 390 px to docs/.
// Run through ./run.sh.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const ctx = {};
const docs = join(root, 'docs');

/** Screenshots of the page (or one element) at 1400 and 390 px wide; the
 * parts this session adds (`own`) must fit the width. */
async function shots(page, name, selector, own) {
  mkdirSync(docs, { recursive: true });
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(docs, `${name}-${width}.png`);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path, fullPage: false });
    const wide = await page.evaluate((sel) => {
      const out = [];
      for (const el of document.querySelectorAll(sel)) {
        for (const e of [el, ...el.querySelectorAll('*')]) {
          const r = e.getBoundingClientRect();
          if (r.right > window.innerWidth + 1) out.push(`${e.tagName}.${e.className} ends at ${Math.round(r.right)}`);
        }
      }
      return out;
    }, own);
    assert.deepEqual(wide, [], `${name} at ${width} px: wider than the window`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The entry's JSON (through the page's own session). */
async function entry(page, url, id) {
  const res = await page.request.get(`${url}/api/v1/commitments/${id}`);
  assert.equal(res.status(), 200, `entry ${id}`);
  return res.json();
}

const auditText = (page) => page.locator('[data-testid=audit-log] tbody').innerText();

test('log in', async ({ page, url, password }) => {
  await page.goto(`${url}/login`);
  await page.fill('input[name=name]', 'demo');
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForURL(`${url}/`);
  assert.equal(await page.locator('[data-testid=user]').innerText(), 'demo');
});

test('the queue sorts by confidence, lowest first, with the rules that fired', async ({ page, url }) => {
  await page.goto(`${url}/review`);
  await page.click('nav.sorts a[data-sort=confidence]');
  await page.waitForURL(/sort=confidence/);
  const scores = (await page.locator('[data-testid=confidence]').allInnerTexts()).map((t) => Number(t.split(' ')[1]));
  assert.ok(scores.length >= 3, `scores: ${scores}`);
  for (let i = 1; i < scores.length; i += 1) assert.ok(scores[i - 1] <= scores[i], `lowest first: ${scores}`);
  assert.ok(await page.locator('.rules code').count() >= 1, 'rule ids shown');
  assert.match(await page.locator('[data-testid=shortcuts]').innerText(), /approve/);
  await shots(page, 'review', null, '.tabs, .sorts, .bulk-form, .shortcuts, .queue-item');
});

test('the keyboard moves through the queue and ticks an entry', async ({ page, url }) => {
  await page.goto(`${url}/review?sort=confidence`);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const first = page.locator('article.queue-item').first();
  assert.match(await first.getAttribute('class'), /current/, 'j, j, k: back on the first entry');
  await page.keyboard.press('x');
  assert.ok(await first.locator('input[name=ids]').isChecked(), 'x ticks it');
  await page.keyboard.press('x');
  assert.ok(!(await first.locator('input[name=ids]').isChecked()), 'x again unticks it');
});

test('merge two entries, then split them again', async ({ page, url }) => {
  const list = await (await page.request.get(`${url}/api/v1/commitments?limit=200&sort=date`)).json();
  // One entry with two sources or more (to detach from later), and one other entry.
  const many = list.entries.find((e) => e.n_sources >= 2) ?? list.entries[0];
  const other = list.entries.find((e) => e.id !== many.id && e.donor.id === many.donor.id) ?? list.entries.find((e) => e.id !== many.id);
  ctx.a = many.id;
  ctx.b = other.id;
  ctx.aMembers = (await entry(page, url, ctx.a)).sources.map((s) => s.commitment_id);
  ctx.bMembers = (await entry(page, url, ctx.b)).sources.map((s) => s.commitment_id);

  await page.goto(`${url}/commitments/${ctx.a}?find=${encodeURIComponent(other.donor.name)}#regroup`);
  assert.ok(await page.locator('[data-testid=merge-candidates] li').count() >= 1, 'the search offers entries');
  await shots(page, 'regroup', '#regroup', '#regroup');
  const pick = page.locator(`[data-testid=merge-candidates] form:has(input[name=with][value="${ctx.b}"]) button`);
  if (await pick.count() === 1) {
    await pick.click();
  } else {
    await page.fill('#regroup input[name=with][type=text]', ctx.b);
    await page.click('#regroup button:has-text("Merge into this entry")');
  }
  await page.waitForURL(new RegExp(`/commitments/${ctx.a}`));
  const merged = await entry(page, url, ctx.a);
  assert.equal(merged.sources.length, ctx.aMembers.length + ctx.bMembers.length);
  assert.equal((await page.request.get(`${url}/api/v1/commitments/${ctx.b}`)).status(), 404, 'merged away');
  assert.match(await auditText(page), /merge/);

  // Split the other entry's sources back out.
  for (const c of ctx.bMembers) await page.check(`#regroup input[name=members][value="${c}"]`);
  await page.fill('[data-testid=split-form] input[name=note]', 'two different pledges');
  await page.click('[data-testid=split-form] button[value=split]');
  await page.waitForURL(new RegExp(`/commitments/${ctx.a}`));
  const after = await entry(page, url, ctx.a);
  assert.deepEqual(after.sources.map((s) => s.commitment_id).sort(), [...ctx.aMembers].sort());
  const log = await auditText(page);
  assert.match(log, /split/);
  assert.match(log, /two different pledges/);
  ctx.splitOff = (await (await page.request.get(`${url}/api/v1/commitments/${ctx.a}/regroups`)).json()).regroups[0].other_id;
  const back = await entry(page, url, ctx.splitOff);
  assert.deepEqual(back.sources.map((s) => s.commitment_id).sort(), [...ctx.bMembers].sort());
});

test('detach a source into an entry of its own', async ({ page, url }) => {
  let target = ctx.a;
  if (ctx.aMembers.length < 2) {
    // No entry of the demo has two sources: merge again, and detach the other's source.
    await page.goto(`${url}/commitments/${ctx.a}#regroup`);
    await page.fill('#regroup input[name=with][type=text]', ctx.splitOff);
    await page.click('#regroup button:has-text("Merge into this entry")');
    await page.waitForURL(new RegExp(`/commitments/${ctx.a}`));
  }
  await page.goto(`${url}/commitments/${target}#regroup`);
  const members = (await entry(page, url, target)).sources.map((s) => s.commitment_id);
  const source = members[members.length - 1];
  await page.click(`#regroup button[name=detach][value="${source}"]`);
  await page.waitForURL(new RegExp(`/commitments/${target}`));
  const now = (await entry(page, url, target)).sources.map((s) => s.commitment_id);
  assert.ok(!now.includes(source), 'the source left the entry');
  assert.equal(now.length, members.length - 1);
  assert.match(await auditText(page), /detach/);
  const regroups = (await (await page.request.get(`${url}/api/v1/commitments/${target}/regroups`)).json()).regroups;
  const own = await entry(page, url, regroups[0].other_id);
  assert.deepEqual(own.sources.map((s) => s.commitment_id), [source], 'nothing reported is lost');
});

test('reject one entry from the queue', async ({ page, url }) => {
  await page.goto(`${url}/review?sort=confidence`);
  const item = page.locator('article.queue-item').first();
  ctx.rejected = await item.getAttribute('data-id');
  await item.locator('input[name=note]').fill('not aid');
  await item.locator('button[value=reject]').click();
  await page.waitForURL(/\/review/);
  assert.equal(await page.locator(`article.queue-item[data-id="${ctx.rejected}"]`).count(), 0, 'left the queue');
  await page.goto(`${url}/commitments/${ctx.rejected}`);
  assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'rejected');
  assert.match(await auditText(page), /unreviewed → rejected/);
});

test('approve several entries in bulk', async ({ page, url }) => {
  await page.goto(`${url}/review?sort=value`);
  const items = page.locator('article.queue-item');
  const ids = [await items.nth(0).getAttribute('data-id'), await items.nth(1).getAttribute('data-id')];
  for (const id of ids) await page.check(`article.queue-item[data-id="${id}"] input[name=ids]`);
  await page.fill('[data-testid=bulk-form] input[name=note]', 'checked in bulk');
  await page.click('[data-testid=bulk-form] button[value=approve]');
  await page.waitForURL(/\/review/);
  for (const id of ids) {
    assert.equal(await page.locator(`article.queue-item[data-id="${id}"]`).count(), 0, `${id} left the queue`);
    await page.goto(`${url}/commitments/${id}`);
    assert.equal(await page.locator('[data-testid=review-state]').innerText(), 'approved');
    const log = await auditText(page);
    assert.match(log, /unreviewed → approved/);
    assert.match(log, /checked in bulk/);
  }
});

test('the audit log shows every step', async ({ page, url }) => {
  await page.goto(`${url}/commitments/${ctx.a}`);
  const log = await auditText(page);
  for (const step of ['merge', 'split', 'detach']) assert.match(log, new RegExp(step), `${step} in the log`);
  assert.match(log, /demo/, 'who');
});

// The loop closes: what this walk decided, exported as labels, changes what the decision
// model learns (the labels of a rejected and of approved entries; the model trained on the
// project's statements alone is the one to differ from).
test('export the labels of this walk and retrain: the model changes', async ({ dir }) => {
  const bin = process.env.PLEDGEWATCH_BIN || join(root, 'target/release/pledgewatch');
  const db = join(dir, 'pledgewatch-demo.db');
  const labels = join(dir, 'reviewed.jsonl');
  execFileSync(bin, ['labels', 'export', '--db', db, '-o', labels]);
  const lines = readFileSync(labels, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => (l.rejected || []).length > 0), 'the rejected entry is a label');
  assert.ok(lines.some((l) => (l.commitments || []).some((c) => c.review === 'approved')), 'the approved entries are labels');
  const statements = join(root, 'eval', 'statements');
  const train = (out, more) =>
    execFileSync(bin, ['train', 'decision', '--statements', statements, '--out', out, ...more], { cwd: dir });
  const base = join(dir, 'base.json');
  const taught = join(dir, 'taught.json');
  train(base, []);
  train(taught, ['--reviewed', labels, '--db', db]);
  // The weights themselves, not only the provenance's counts.
  const fit = (f) => {
    const m = JSON.parse(readFileSync(f, 'utf8'));
    return JSON.stringify([m.weights, m.intercept]);
  };
  assert.notEqual(fit(base), fit(taught), 'the reviewed labels change the weights');
});

await run(tests);
