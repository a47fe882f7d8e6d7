// What every browser suite of tests/browser shares: the arguments, the
// server (port 0, a fresh data directory), its tokens, the JSON API, Debian's
// chromium through playwright-core, a tiny test runner and the summary.
//
//   const h = await openHarness('run.mjs');   // exits 77 without a browser
//   await h.startServer();
//   await h.test('name', async () => { h.check(cond, 'message'); });
//   await h.finish();                         // prints "N passed, N failed", exits
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

// A request id as the pages make them (a UUID, version 4).
export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// Signs in on a page of the pages' sign-in form (#signin-form with
// #token-input, #signin, the message line #message) with `token` and checks
// the refusal: the message says `words`, the form stays, the tab keeps
// nothing.
export async function signInRefused(page, token, words) {
  await page.evaluate(() => { document.getElementById('message').textContent = ''; });
  await page.fill('#token-input', token);
  await page.click('#signin-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('message').classList.contains('error'),
    null, { timeout: 3000 });
  const said = await page.$eval('#message', (n) => n.textContent);
  check(said.includes(words), `"${words}" expected, the page says: ${said}`);
  check(!(await page.$eval('#signin', (n) => n.hidden)), 'the sign-in form went away');
  check((await page.evaluate(() => sessionStorage.length)) === 0, 'a refused token was kept');
}

// Reads `node <script> <speakers-server> <output dir>` from the command line;
// exits 2 on a usage error and 77 (skipped, never passed) when chromium or
// playwright-core is missing (deploy/test.sh installs both).
export async function openHarness(script) {
  const [serverPath, outDir] = process.argv.slice(2);
  if (!serverPath || !outDir) {
    console.error(`usage: node ${script} <speakers-server> <output dir>`);
    process.exit(2);
  }
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    console.log(`SKIP: no chromium at ${chromiumPath} (apt-get install chromium)`);
    process.exit(77);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    console.log('SKIP: playwright-core is not installed (npm ci --prefix tests/browser)');
    process.exit(77);
  }
  fs.mkdirSync(outDir, { recursive: true });
  return new Harness(serverPath, outDir, chromium, chromiumPath);
}

class Harness {
  constructor(serverPath, outDir, chromium, chromiumPath) {
    this.serverPath = serverPath;
    this.outDir = outDir;
    this.chromium = chromium;
    this.chromiumPath = chromiumPath;
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speakers-browser-'));
    this.server = null;
    this.httpAddress = '';
    this.browser = null;
    this.results = [];
    this.check = check;
  }

  // Starts the server (on `http`, or port 0; `extra` flags appended) and
  // resolves once it listens.
  startServer(http = '127.0.0.1:0', extra = []) {
    return new Promise((resolve, reject) => {
      const child = spawn(this.serverPath,
        [`--http=${http}`, '--grpc=127.0.0.1:0', `--data=${this.dataDir}`, ...extra],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      const timer = setTimeout(
        () => reject(new Error('the server did not listen in 20 s:\n' + output)), 20000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const m = /listening grpc=(\S+) http=(\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          this.httpAddress = m[2];
          this.server = child;
          resolve(child);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}:\n${output}`));
      });
    });
  }

  // Stops the server by SIGTERM (SIGKILL after 10 s).
  stopServer() {
    if (!this.server) return Promise.resolve();
    const child = this.server;
    this.server = null;
    child.removeAllListeners('exit');
    return new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10000).unref();
    });
  }

  // The first start's tokens by "role" or "role scope" ("chair plenary").
  tokens() {
    const byRole = {};
    const file = path.join(this.dataDir, 'new-tokens.txt');
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const [token, role, scope] = line.trim().split(/\s+/);
      if (!token || token.startsWith('#') || !role) continue;
      byRole[scope ? `${role} ${scope}` : role] = token;
    }
    return byRole;
  }

  base() {
    return `http://${this.httpAddress}`;
  }

  // POST /api/<method> with `body`; the JSON answer, or throws with the code.
  async api(method, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${this.base()}/api/${method}`, {
      method: 'POST', headers, body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(`${method}: HTTP ${response.status} ${json.code}: ${json.message}`);
    }
    return json;
  }

  // Launches chromium once; the browser.
  async launch() {
    if (!this.browser) {
      this.browser = await this.chromium.launch({
        executablePath: this.chromiumPath, args: launchArgs,
      });
    }
    return this.browser;
  }

  // Runs one test: prints "ok" or "FAIL" with its time; never throws.
  async test(name, body) {
    const started = Date.now();
    try {
      await body();
      this.results.push({ name, ok: true });
      console.log(`ok    ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      this.results.push({ name, ok: false });
      console.log(`FAIL  ${name}: ${e.stack || e}`);
    }
  }

  // Records a failure outside a test (the setup).
  fail(name, e) {
    this.results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${e.stack || e}`);
  }

  // Closes the browser, stops the server, removes the data, prints the
  // summary and exits (1 on any failure).
  async finish() {
    if (this.browser) await this.browser.close();
    await this.stopServer();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    console.log(`screenshots: ${path.resolve(this.outDir)}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed || this.results.length === 0 ? 1 : 0);
  }
}
