import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the decision commands on every shipped scenario', { tags: ['slow', 'e2e'] }, () => {
  it.each(['scenarios/office-5.yaml', 'scenarios/dental-clinic.yaml', 'scenarios/multisite-150.yaml'])('%s', async (file) => {
    const b = await json(['breakeven', file, '--trials', '400', '--search-trials', '200']);
    const vb = schemaValidator('breakeven.schema.json');
    expect(vb(b), JSON.stringify(vb.errors)).toBe(true);
    expect(b.results.length).toBeGreaterThanOrEqual(9);
    const s = await json(['sensitivity', file, '--trials', '400', '--rerun-trials', '150']);
    const vs = schemaValidator('sensitivity.schema.json');
    expect(vs(s), JSON.stringify(vs.errors)).toBe(true);
    expect(s.inputs.length).toBeGreaterThan(20);
  });
});
