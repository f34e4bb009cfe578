/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text:
 * refused in profile names (profile/schema.ts) and never sent raw to a terminal or a
 * document (report/format.ts). One definition for both.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The first control character in `s`, or undefined. */
export function firstControl(s: string): string | undefined {
  CONTROL_CHARACTERS.lastIndex = 0;
  const hit = CONTROL_CHARACTERS.exec(s)?.[0];
  CONTROL_CHARACTERS.lastIndex = 0;
  return hit;
}
