/**
 * `node dist/bench/heap-summary.js <a.heapsnapshot> [b.heapsnapshot]`: the heap by constructor
 * (self size and count), or with two snapshots what grew from the first to the second.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

function summarize(file: string): Map<string, { size: number; count: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [T, N, S] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + T]];
    const name = type === 'object' || type === 'closure' ? `${type}:${s.strings[s.nodes[i + N]]}` : `(${type})`;
    const e = out.get(name) ?? { size: 0, count: 0 };
    e.size += s.nodes[i + S];
    e.count++;
    out.set(name, e);
  }
  return out;
}

const [a, b] = process.argv.slice(2);
const first = summarize(a);
const rows = b
  ? [...summarize(b)].map(([k, v]) => [k, v.size - (first.get(k)?.size ?? 0), v.count - (first.get(k)?.count ?? 0)] as const)
  : [...first].map(([k, v]) => [k, v.size, v.count] as const);
const total = rows.reduce((t, r) => t + r[1], 0);
console.log(`${b ? 'growth' : 'heap'}: ${(total / 1048576).toFixed(1)} MB`);
for (const [k, size, count] of rows.sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`${(size / 1048576).toFixed(2).padStart(8)} MB ${String(count).padStart(9)}  ${k}`);
