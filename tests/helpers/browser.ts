import { existsSync } from 'node:fs';

/**
 * The system Chromium the browser tests drive through playwright-core (which downloads no
 * browser): CHROMIUM_PATH, else Debian's package. Undefined when neither is there.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

export const INSTALL_CHROMIUM = 'apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)';

/** Pages in a PDF, from its page tree's root (Chromium writes it uncompressed). */
export function pdfPages(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  if (counts.length === 0) throw new Error('no page tree in the PDF');
  return Math.max(...counts);
}
