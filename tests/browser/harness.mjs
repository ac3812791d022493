// The browser-test harness: starts `pledgewatch demo` on a free port in a temp
// dir, drives headless Chromium through playwright-core, runs a file's tests in
// order (they build on each other like a session) and prints `ok`/`not ok`
// lines and a final `browser: N passed, M failed` (exit code 1 on failure).
// Each `*.test.mjs` file is one session against its own demo; run.sh runs them all.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's root (for docs/ screenshots). */
export const root = resolve(here, '../..');
const bin = process.env.PLEDGEWATCH_BIN || join(root, 'target/release/pledgewatch');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the demo; resolves with its URL, the demo password and the process. */
function startDemo(dir) {
  return new Promise((ok, fail) => {
    const proc = spawn(bin, ['demo', '--addr', '127.0.0.1:0', '--db', join(dir, 'pledgewatch-demo.db')], {
      cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let password = null;
    const timer = setTimeout(() => fail(new Error(`demo did not start in 60 s:\n${out}`)), 60_000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      password ??= out.match(/log in as demo with password (\S+)/)?.[1] ?? null;
      const url = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//)?.[1];
      if (url && password) {
        clearTimeout(timer);
        ok({ url, password, proc });
      }
    });
    proc.stderr.on('data', (chunk) => { out += chunk; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`demo exited (${code}):\n${out}`)); });
  });
}

/** Runs `tests` ({ name, fn }) in order against one fresh demo. */
export async function run(tests) {
  const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-browser-'));
  let passed = 0;
  let failed = 0;
  let demo;
  let browser;
  try {
    demo = await startDemo(dir);
    browser = await chromium.launch({ executablePath, args, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    for (const t of tests) {
      try {
        await t.fn({ page, url: demo.url, password: demo.password, dir });
        passed += 1;
        console.log(`ok - ${t.name}`);
      } catch (e) {
        failed += 1;
        console.log(`not ok - ${t.name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
      }
    }
  } catch (e) {
    failed += tests.length - passed;
    console.log(`not ok - setup\n  ${e.stack || e}`);
  } finally {
    await browser?.close();
    if (demo) {
      demo.proc.removeAllListeners('exit');
      demo.proc.kill('SIGTERM');
    }
    // Keep the screenshot (and, after a failure, the ledger) in the temp dir.
    if (failed === 0) {
      for (const f of ['pledgewatch-demo.db', 'pledgewatch-demo.db-wal', 'pledgewatch-demo.db-shm', 'download.csv']) {
        rmSync(join(dir, f), { force: true });
      }
    }
    console.log(`temp dir: ${dir}`);
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
