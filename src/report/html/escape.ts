/**
 * Text from a profile (names, labels, comments) goes into the page only through here, so it
 * can never become markup: the five characters HTML gives meaning, in text and in attributes.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
