// dist_server.mjs — shared by the tests and the benchmark of the packed app (make dist):
// run tools/dist.py on the built app, and serve a folder with `python3 -m http.server`,
// the plainest static host there is, recording the paths it was asked for.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The built app the dist is made from (TACKBOARD_APP_DIR: a copy taken while the tree rebuilds).
export const appDir = () => process.env.TACKBOARD_APP_DIR || path.join(root, 'build/web/app');

// Runs tools/dist.py; returns the folder it wrote (out/tackboard) and its zip. Brotli at
// quality 5 keeps a test's dist to seconds; `make dist` uses 11.
export function buildDist(out, { app = appDir(), brotliQuality = 5 } = {}) {
  const result = spawnSync('/usr/bin/python3', [path.join(root, 'tools/dist.py'), '--app', app, '--out', out,
                                                '--brotli-quality', String(brotliQuality)],
                           { encoding: 'utf8', timeout: 300000 });
  if (result.status !== 0)
    throw new Error(`tools/dist.py failed (${result.status ?? result.signal}): ${result.stderr}${result.error ?? ''}`);
  return { folder: path.join(out, 'tackboard'), zip: path.join(out, 'tackboard.zip'), log: result.stdout };
}

// `python3 -m http.server` on 127.0.0.1 serving `dir`, on `port` (0: any free one).
// requests() lists the paths asked for, from its log.
export async function startStaticServer(dir, { port = 0 } = {}) {
  const child = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', dir, String(port)],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('python3 -m http.server did not start within 10 s: ' + log)), 10000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}/`); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`http.server exited (${code}): ${log}`)); });
  });
  return {
    url,
    port: Number(new URL(url).port),
    requests: () => [...log.matchAll(/"[A-Z]+ (\S+) HTTP\/[\d.]+"/g)].map((m) => m[1]),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
