import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Each run starts with an empty tests/.tmp, so folders made by earlier runs do not pile up. */
export default function setup() {
  rmSync(fileURLToPath(new URL('.tmp/', import.meta.url)), { recursive: true, force: true });
}
