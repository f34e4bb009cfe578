import { readFileSync } from 'node:fs';
import ajv2020 from 'ajv/dist/2020.js';

// ajv is CommonJS: under NodeNext its class is the module's `default` export.
const Ajv2020 = ajv2020.default;

/** Validates against a committed schema in schema/ (draft 2020-12). */
export function schemaValidator(name: string) {
  const schema = JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(schema);
}

/** The committed copy of ../shared/result.schema.json. */
export function resultValidator() {
  return schemaValidator('result.schema.json');
}
