import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../errors.js';
import type { Context } from '../program.js';

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

/** The schema file a starter profile points its editor at: beside the profile, so the pair can move or be shared together. */
export const SCHEMA_FILE = 'profile.schema.json';

async function init(ctx: Context, file: string | undefined, flags: InitFlags): Promise<void> {
  const { starterProfile } = await import('../../profile/starter.js');
  const { profileJsonSchema } = await import('../../profile/json-schema.js');
  const { checkOutput, emit } = await import('../output.js');
  checkOutput(file, []);
  const toFile = file !== undefined && file !== '-';
  if (toFile && existsSync(file) && !flags.force) {
    throw new CliError(2, `${file} already exists — choose another name or add --force to overwrite it`);
  }
  const employees = flags.employees;
  const text = starterProfile({
    // Relative to the profile: it survives moving the folder and sharing the pair, unlike a path into a checkout.
    schemaRef: SCHEMA_FILE,
    name: flags.name,
    employees,
    // GUESS: a little over one device per person; a server once there are ~20 staff.
    devices: flags.devices ?? Math.round(employees * 1.15),
    servers: flags.servers ?? (employees >= 20 ? 1 : 0),
    sites: flags.sites,
  });
  emit(ctx.io, text, file);
  if (!toFile) return;
  const schemaPath = join(dirname(file), SCHEMA_FILE);
  const wroteSchema = !existsSync(schemaPath);
  if (wroteSchema) emit(ctx.io, `${JSON.stringify(profileJsonSchema(), null, 2)}\n`, schemaPath);
  const also = wroteSchema ? ` and ${schemaPath} (for editors)` : '';
  ctx.io.err(`wrote ${file}${also} — edit the GUESSes, then: supportcast run ${file}\n`);
}

export function addInitCommand(program: Command, ctx: Context): void {
  program
    .command('init')
    .summary('write a commented starter profile')
    .description(
      'Write a commented starter profile sized to a business.\n' +
        'Its defaults are published figures, each cited (docs/sources.md).\n\n' +
        'Examples:\n' +
        '  supportcast init client.yaml --employees 25 --sites 2\n' +
        '  supportcast init --employees 8 > small-office.yaml',
    )
    .argument('[file]', 'where to write it (default: stdout)')
    .option('--name <name>', 'the business name', 'My business')
    .addOption(new Option('--employees <n>', 'staff').argParser(count(1)).default(10))
    .addOption(new Option('--devices <n>', 'devices supported (default: 1.15 per employee)').argParser(count(0)))
    .addOption(new Option('--servers <n>', 'on-premises servers (default: 1 from 20 staff)').argParser(count(0)))
    .addOption(new Option('--sites <n>', 'offices').argParser(count(1)).default(1))
    .option('--force', 'overwrite an existing file')
    .action((file: string | undefined, flags: InitFlags) => init(ctx, file, flags));
}
