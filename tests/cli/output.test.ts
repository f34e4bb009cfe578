import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const OFFICE = 'scenarios/office-5.yaml';
const FAST = ['--trials', '100', '--json'];

/** A private copy of a profile in a fresh folder, so a mistake can only hurt the copy. */
function sandbox() {
  const dir = tmpDir();
  const profile = join(dir, 'p.yaml');
  copyFileSync(OFFICE, profile);
  return { dir, profile, original: readFileSync(profile, 'utf8') };
}

describe('-o never destroys what it should not', () => {
  it('refuses to overwrite its own input, by any name: the path, a link or a hard link (exit 2)', async () => {
    const { dir, profile, original } = sandbox();
    symlinkSync('p.yaml', join(dir, 'link.yaml'));
    linkSync(profile, join(dir, 'hard.yaml'));
    for (const out of [profile, join(dir, 'link.yaml'), join(dir, 'hard.yaml')]) {
      const r = await runCli(['run', profile, ...FAST, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: -o ${out} is the profile being read (${profile}) — write the result to another file\n`);
    }
    expect(readFileSync(profile, 'utf8')).toBe(original);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
  });

  it('refuses to overwrite a profile that diff or compare reads', async () => {
    const { profile, original } = sandbox();
    expect((await runCli(['diff', OFFICE, profile, '-o', profile])).code).toBe(2);
    expect((await runCli(['compare', OFFICE, profile, '--trials', '50', '-o', profile])).code).toBe(2);
    expect(readFileSync(profile, 'utf8')).toBe(original);
  });

  it('writes a device in place and leaves it a device (a private node made with mknod)', async (ctx) => {
    const { dir, profile } = sandbox();
    const node = join(dir, 'null');
    const made = spawnSync('mknod', [node, 'c', '1', '3']);
    if (made.status !== 0) ctx.skip(); // mknod needs root; CI runs as root
    const r = await runCli(['run', profile, ...FAST, '-o', node]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null', 'p.yaml']);
  });

  it('writes a FIFO in place: its reader gets the whole report', async () => {
    const { dir, profile } = sandbox();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (d) => {
      received += String(d);
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const r = await runCli(['run', profile, ...FAST, '-o', fifo]);
    await closed;
    expect(r.code).toBe(0);
    expect(JSON.parse(received).schema).toBe('supportcast/result@2');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a symbolic link to its target, atomically, and keeps the link', async () => {
    const { dir, profile } = sandbox();
    const target = join(dir, 'real.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    symlinkSync('real.json', join(dir, 'out.json'));
    const r = await runCli(['run', profile, ...FAST, '-o', join(dir, 'out.json')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'out.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).schema).toBe('supportcast/result@2');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the target of a dangling link, not a file in place of the link', async () => {
    const { dir, profile } = sandbox();
    symlinkSync('made.json', join(dir, 'link.json'));
    expect((await runCli(['run', profile, ...FAST, '-o', join(dir, 'link.json')])).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'made.json'), 'utf8')).schema).toBe('supportcast/result@2');
  });

  it('says what went wrong in plain words: no errno text, no temporary file names', async () => {
    const { dir, profile } = sandbox();
    writeFileSync(join(dir, 'file'), 'x');
    const cases: Array<[string, string]> = [
      ['', 'error: -o needs a file name — give a path, or - for stdout\n'],
      [dir, `error: cannot write ${dir}: it is a folder — name a file inside it\n`],
      [
        join(dir, 'file', 'x.json'),
        `error: cannot write ${join(dir, 'file', 'x.json')}: a part of the path is not a folder — check the path\n`,
      ],
      [
        join(dir, 'no', 'x.json'),
        `error: cannot write ${join(dir, 'no', 'x.json')}: its folder does not exist — create the folder first\n`,
      ],
    ];
    for (const [out, message] of cases) {
      const r = await runCli(['run', profile, ...FAST, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['file', 'p.yaml']);
  });
});

describe('reading is bounded', () => {
  it('gives up on a FIFO nobody writes to, and reads one whose writer comes late', async () => {
    const { constants, openSync, closeSync } = await import('node:fs');
    const { readBounded } = await import('../../src/cli/io.js');
    const dir = tmpDir();
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    expect(() => readBounded(fd, fifo, 100)).toThrow(
      `cannot read ${fifo}: nothing was written to it in 0.1 s — is anything writing to it?`,
    );
    const writer = spawn('sh', ['-c', `sleep 0.2; printf 'version: 1' > ${fifo}`]);
    expect(readBounded(fd, fifo, 5000).toString()).toBe('version: 1');
    closeSync(fd);
    await new Promise((r) => writer.on('close', r));
  });

  it('refuses a profile larger than 1 MiB, even from an endless device (a private /dev/zero made with mknod)', async (ctx) => {
    const zero = join(tmpDir(), 'zero');
    if (spawnSync('mknod', [zero, 'c', '1', '5']).status !== 0) ctx.skip(); // mknod needs root; CI runs as root
    const r = await runCli(['validate', zero]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `error: cannot read ${zero}: larger than 1 MiB — a profile is a few kilobytes; check that this is the right file\n1 of 1 profile invalid (1 problem)\n`,
    );
  });

  it('refuses a large regular file before reading it', async () => {
    const big = join(tmpDir(), 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(2 ** 20)}\n`);
    const r = await runCli(['run', big]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `error: cannot read ${big}: larger than 1 MiB — a profile is a few kilobytes; check that this is the right file\n`,
    });
  });
});
