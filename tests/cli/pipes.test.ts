import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shell } from '../helpers/bin.js';
import { tmpDir } from '../helpers/tmp.js';

/** A profile with thousands of problems: far more output than a pipe buffer holds. */
function manyProblems(): string {
  const file = join(tmpDir(), 'many.yaml');
  let text = 'version: 1\n';
  for (let i = 0; i < 5000; i++) text += `unknown_key_${i}: 1\n`;
  writeFileSync(file, text);
  return file;
}

describe('pipes behave like Unix tools', { tags: ['slow'] }, () => {
  it('a reader that stops early ends validate quietly, with its own exit code', () => {
    const r = shell(
      `node bin/supportcast.js validate ${manyProblems()} 2>err.txt | head -1; echo "exit=\${PIPESTATUS[0]}"; cat err.txt; rm err.txt`,
    );
    const [first, status, ...rest] = r.stdout.split('\n');
    expect(first).toMatch(/^error: .*many\.yaml:\d+:\d+ /);
    expect(status).toBe('exit=1');
    expect(rest.join('\n')).toBe('');
  });

  it('a reader that stops early ends compare --format csv quietly', () => {
    const r = shell(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${PIPESTATUS[0]} is for bash.
      'node bin/supportcast.js compare scenarios/office-5.yaml scenarios/dental-clinic.yaml --trials 50 --format csv 2>err.txt | head -1; echo "exit=${PIPESTATUS[0]}"; cat err.txt; rm err.txt',
    );
    expect(r.stdout).toBe('profile,option,quantity,statistic,value,tool_version,profile_sha256,seed,trials,months\nexit=0\n');
  });

  it('a closed stdout is an error, not a lost report with exit 0', () => {
    const r = shell('node bin/supportcast.js run scenarios/office-5.yaml --trials 50 >&-; echo "exit=$?"');
    expect(r.stdout).toBe('exit=2\n');
    expect(r.stderr).toBe('error: stdout is closed, so the output was lost — redirect it to a file (> out.txt) or use -o FILE\n');
  });

  it('a closed stdout does not matter when the result goes to -o', () => {
    const out = join(tmpDir(), 'r.json');
    const r = shell(`node bin/supportcast.js run scenarios/office-5.yaml --trials 50 --json -o ${out} >&-; echo "exit=$?"`);
    expect(r.stdout).toBe('exit=0\n');
  });

  it('-o /dev/stdout writes into the pipe in place', () => {
    const r = shell('node bin/supportcast.js run scenarios/office-5.yaml --trials 50 --json -o /dev/stdout | head -c 100');
    expect(r.stdout).toMatch(/^\{\n {2}"schema": "supportcast\/result@2"/);
  });
});
