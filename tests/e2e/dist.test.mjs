// The packed app (make dist, tools/dist.py): content-hashed names with every reference
// rewritten, precompressed copies, the zip; and the folder working from a plain
// `python3 -m http.server`, at the root and under a subpath, asking for nothing outside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { appDir, buildDist, startStaticServer } from './dist_server.mjs';
import { createTicketThroughUi, launchBrowser, openBoard, waitForRect, watchErrors } from './helpers.mjs';

const HASHED = ['tackboard.js', 'tackboard.wasm', 'tackboard.data', 'tackboard-shell.js', 'tackboard-pwa.js',
                'tackboard.css'];
const COMPRESSIBLE = /\.(js|wasm|data|css|html|svg|json|webmanifest)$/;
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const fixture = {};
before(async () => {
  fixture.temp = mkdtempSync(path.join(tmpdir(), 'tackboard-dist-'));
  fixture.dist = buildDist(path.join(fixture.temp, 'out'));
  fixture.files = readdirSync(fixture.dist.folder).sort();
  fixture.browser = await launchBrowser();
});
after(async () => {
  await fixture.browser?.close();
  if (fixture.temp) rmSync(fixture.temp, { recursive: true, force: true });
});

const read = (name) => readFileSync(path.join(fixture.dist.folder, name));

function hashedName(original) {
  const dot = original.lastIndexOf('.');
  const pattern = new RegExp(`^${original.slice(0, dot).replace(/[.-]/g, '\\$&')}\\.([0-9a-f]{10})\\${original.slice(dot)}$`);
  const matches = fixture.files.filter((name) => pattern.test(name));
  assert.equal(matches.length, 1, `one hashed ${original} in ${fixture.files.join(' ')}`);
  return { name: matches[0], hash: pattern.exec(matches[0])[1] };
}

test('files are named after their content, and every reference points at the new names', () => {
  const names = Object.fromEntries(HASHED.map((original) => [original, hashedName(original).name]));
  for (const original of HASHED) {
    assert.ok(!fixture.files.includes(original), `${original} is only present under its hashed name`);
    assert.ok(sha256(read(names[original])).startsWith(hashedName(original).hash), `${names[original]}: name matches content`);
  }
  const page = read('index.html').toString();
  for (const original of ['tackboard.css', 'tackboard-shell.js', 'tackboard-pwa.js']) assert.ok(page.includes(`"${names[original]}"`));
  assert.match(page, /<link rel="manifest" href="manifest.webmanifest">/);
  assert.match(page, /<meta name="tackboard-service-worker" content="sw.js">/);
  assert.doesNotMatch(page, /(src|href)="\//, 'only relative paths');
  assert.ok(read(names['tackboard-shell.js']).toString().includes(`script.src = '${names['tackboard.js']}'`));
  const module = read(names['tackboard.js']).toString();
  assert.ok(module.includes(`wasmBinaryFile="${names['tackboard.wasm']}"`));
  assert.ok(module.includes(`REMOTE_PACKAGE_BASE="${names['tackboard.data']}"`));

  const manifest = JSON.parse(read('manifest.webmanifest'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']]) {
    const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
    assert.ok(icon, `a ${purpose} icon of ${size} px`);
    const png = read(icon.src);
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], `${icon.src} is ${size} px`);
  }
  const worker = read('sw.js').toString();
  for (const original of HASHED) assert.ok(worker.includes(`"${names[original]}"`), `sw.js precaches ${names[original]}`);
});

test('each compressible file has .gz and .br copies that decompress to it', () => {
  const plain = fixture.files.filter((name) => COMPRESSIBLE.test(name));
  assert.ok(plain.length >= 10, `compressible files: ${plain.join(' ')}`);
  for (const name of plain) {
    const original = read(name);
    assert.ok(gunzipSync(read(name + '.gz')).equals(original), `${name}.gz`);
    assert.ok(brotliDecompressSync(read(name + '.br')).equals(original), `${name}.br`);
  }
  assert.ok(!fixture.files.some((name) => /\.png\.(gz|br)$/.test(name)), 'PNGs are not compressed again');
});

test('the zip holds the same files as the folder', () => {
  const listing = spawnSync('python3', ['-c', `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))`, fixture.dist.zip],
  { encoding: 'utf8' });
  assert.equal(listing.status, 0, listing.stderr);
  const expected = Object.fromEntries(fixture.files.map((name) => [`tackboard/${name}`, sha256(read(name))]));
  assert.deepEqual(JSON.parse(listing.stdout), expected);
});

test('tools/dist.py fails, saying what it missed, when a file changed shape', () => {
  const app = path.join(fixture.temp, 'changed-app');
  cpSync(appDir(), app, { recursive: true });
  const shell = path.join(app, 'tackboard-shell.js');
  writeFileSync(shell, readFileSync(shell, 'utf8').replace("script.src = 'tackboard.js'", "script.src = './tackboard.js'"));
  assert.throws(() => buildDist(path.join(fixture.temp, 'changed-out'), { app }),
                /tackboard-shell\.js: expected exactly one "script\.src = 'tackboard\.js'", found 0/);
});

// Serves `www` and opens `pagePath` in a fresh context; the board gets ready and takes a
// ticket; every request, the page's and the service worker's, stays under `pagePath`.
async function checkServed(www, pagePath, createTicket) {
  const server = await startStaticServer(www);
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 800 } });
  try {
    const seen = [];
    context.on('request', (request) => seen.push(request.url()));
    const page = await context.newPage();
    const errors = watchErrors(page);
    const base = new URL(pagePath, server.url).href;
    await openBoard(page, base + '?source=home');
    await createTicket(page);
    await page.evaluate(() => window.tackboard.flush());
    const outside = seen.filter((url) => !url.startsWith(base));
    assert.deepEqual(outside, [], 'requests outside ' + base);
    assert.deepEqual(server.requests().filter((p) => !p.startsWith(pagePath)), [], 'paths the server saw outside ' + pagePath);
    assert.ok(server.requests().some((p) => p.includes('.wasm')), 'the wasm came from this server');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.stop();
  }
}

test('the folder works from the root of python3 -m http.server', async () => {
  await checkServed(fixture.dist.folder, '/', async (page) => {
    await createTicketThroughUi(page, 'Made in the packed app');
    await waitForRect(page, 'Made in the packed app');
  });
});

test('the folder works from a subpath, asking for nothing outside it', async () => {
  const www = path.join(fixture.temp, 'www');
  mkdirSync(path.join(www, 'tools'), { recursive: true });
  cpSync(fixture.dist.folder, path.join(www, 'tools/board'), { recursive: true });
  await checkServed(www, '/tools/board/', async (page) => {
    const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Made under a subpath' }));
    assert.deepEqual(await page.evaluate(() => window.tackboard.query('subpath')), [id]);
  });
});
