// board_data.mjs — generated boards for the browser benchmarks (board_bench, sync_bench).

// A Tackboard JSON board of `count` tickets spread over the six default columns, with
// assignees, priorities and labels like tests/bench/board_gen.cpp's (English words only).
export function boardJson(count, config) {
  const words = ['printer', 'network', 'password', 'reset', 'laptop', 'screen', 'email', 'invoice', 'cannot',
                 'login', 'slow', 'error', 'crash', 'update', 'server', 'access', 'request', 'broken', 'vpn', 'wifi'];
  const statuses = ['new', 'triage', 'in_progress', 'waiting', 'resolved', 'closed'];
  const priorities = ['urgent', 'high', 'normal', 'low'];
  const members = ['ana', 'bo', 'li', 'sam', 'marie', 'sven', 'wei', 'noor'];
  const labels = ['billing', 'hardware', 'network', 'access', 'vip'];
  let s = 12345;
  const rng = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
  const start = Date.UTC(2026, 0, 1);
  const tickets = [];
  for (let i = 0; i < count; i++) {
    const title = Array.from({ length: 4 + (rng() % 5) }, () => words[rng() % words.length]).join(' ');
    tickets.push({
      id: 'bench-' + String(i).padStart(7, '0'), type: 'support', title, status: statuses[rng() % statuses.length],
      priority: priorities[rng() % priorities.length], assignee: rng() % 5 ? members[rng() % members.length] : '',
      labels: Array.from({ length: rng() % 3 }, () => labels[rng() % labels.length]).filter((l, k, a) => a.indexOf(l) === k),
      created: start + i * 1000, updated: start + i * 1000,
    });
  }
  return JSON.stringify({ format: 'tackboard', version: 2, config, tickets });
}

// The board sizes asked for on the command line (default 10 000 and 100 000); exits
// with a usage line when one is not a positive number.
export function boardSizes(script) {
  const sizes = process.argv.slice(2).map(Number);
  if (!sizes.length) sizes.push(10000, 100000);
  if (sizes.some((n) => !(n > 0))) {
    console.error(`usage: node tests/bench/${script}.mjs [tickets...]`);
    process.exit(2);
  }
  return sizes;
}
