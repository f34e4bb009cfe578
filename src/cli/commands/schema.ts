import type { Command } from 'commander';
import type { Context } from '../program.js';

export function addSchemaCommand(program: Command, ctx: Context): void {
  program
    .command('schema')
    .summary('print the JSON Schema of profiles')
    .description(
      'Print the JSON Schema of the profile format.\n' +
        "It is made from supportcast's own validator: editors check what it checks.\n\n" +
        'Examples:\n' +
        '  supportcast schema > profile.schema.json\n' +
        '  # first line of a profile, for YAML editors:\n' +
        '  # yaml-language-server: $schema=./profile.schema.json',
    )
    .option('-o, --output <file>', 'write it to a file (atomically), not stdout')
    .action(async (flags: { output?: string }) => {
      const { profileJsonSchema } = await import('../../profile/json-schema.js');
      const { checkOutput, emit } = await import('../output.js');
      checkOutput(flags.output, []);
      emit(ctx.io, `${JSON.stringify(profileJsonSchema(), null, 2)}\n`, flags.output);
    });
}
