import * as z from 'zod';
import { Profile } from './schema.js';

/**
 * The profile's JSON Schema (draft 2020-12), generated from the zod schema so it cannot
 * drift from what `validate` enforces. Cross-field rules (p90 ≥ p50, unique names, one
 * rate basis) are not expressible there and are checked only by supportcast itself.
 */
export function profileJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Profile, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: generated['$schema'],
    $id: 'supportcast/profile@1',
    title: 'supportcast profile (v1)',
    description: 'A business and the IT support options it could buy; see docs/profile.md.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}
