import { readFileSync } from 'node:fs';

/** The package version; the path works from both src/ (tests) and dist/ (the bin). */
export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The profile `supportcast run` uses when given none. */
export const BUNDLED_PROFILE = new URL('../../scenarios/dental-clinic.yaml', import.meta.url);

/** The live page's browser scripts, built by `npm run build` (esbuild bundles src/web into dist/web). */
export const WEB_ASSETS = new URL('../../dist/web/', import.meta.url);
