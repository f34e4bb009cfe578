import { readFileSync } from 'node:fs';
import ajv2020 from 'ajv/dist/2020.js';

// ajv is CommonJS: under NodeNext its class is the module's `default` export.
const Ajv2020 = ajv2020.default;

/** Validates against the committed copy of result.schema.json (draft 2020-12). */
export function resultValidator(name = 'result.schema.json') {
  const schema = JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(schema);
}
