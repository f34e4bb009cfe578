import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../errors.js';
import type { Context } from '../program.js';
import { PROFILE_SCHEMA } from '../version.js';

interface InitFlags {
  name: string;
  employees: number;
  devices?: number;
  servers?: number;
  sites: number;
  force?: boolean;
}

function count(min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || !Number.isSafeInteger(n))
      throw new InvalidArgumentError(`must be a whole number of at least ${min}.`);
    return n;
  };
}

async function init(ctx: Context, file: string | undefined, flags: InitFlags): Promise<void> {
  const { starterProfile } = await import('../../profile/starter.js');
  const { checkOutput, emit } = await import('../output.js');
  checkOutput(file, []);
  if (file !== undefined && file !== '-' && existsSync(file) && !flags.force) {
    throw new CliError(2, `${file} already exists — choose another name or add --force to overwrite it`);
  }
  const employees = flags.employees;
  const schema = fileURLToPath(PROFILE_SCHEMA);
  const text = starterProfile({
    // Editors resolve the schema relative to the profile; stdout has no folder, so absolute.
    schemaRef: file === undefined || file === '-' ? schema : relative(dirname(resolve(file)), schema),
    name: flags.name,
    employees,
    // GUESS: a little over one device per person; a server once there are ~20 staff.
    devices: flags.devices ?? Math.round(employees * 1.15),
    servers: flags.servers ?? (employees >= 20 ? 1 : 0),
    sites: flags.sites,
  });
  emit(ctx.io, text, file);
  if (file !== undefined && file !== '-') ctx.io.err(`wrote ${file} — edit the GUESSes, then: supportcast run ${file}\n`);
}

export function addInitCommand(program: Command, ctx: Context): void {
  program
    .command('init')
    .summary('write a commented starter profile')
    .description(
      'Write a commented starter profile sized to a business, with defaults from published figures.\n\n' +
        'Examples:\n' +
        '  supportcast init client.yaml --employees 25 --sites 2\n' +
        '  supportcast init --employees 8 > small-office.yaml',
    )
    .argument('[file]', 'where to write it (default: stdout)')
    .option('--name <name>', 'the business name', 'My business')
    .addOption(new Option('--employees <n>', 'staff').argParser(count(1)).default(10))
    .addOption(new Option('--devices <n>', 'computers and other supported devices (default: 1.15 per employee)').argParser(count(0)))
    .addOption(new Option('--servers <n>', 'on-premises servers (default: 1 from 20 staff)').argParser(count(0)))
    .addOption(new Option('--sites <n>', 'offices').argParser(count(1)).default(1))
    .option('--force', 'overwrite an existing file')
    .action((file: string | undefined, flags: InitFlags) => init(ctx, file, flags));
}
