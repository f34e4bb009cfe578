import { describe, expect, it } from 'vitest';
import { profileComments } from '../../src/profile/comments.js';

const TEXT = `# yaml-language-server: $schema=../schema/profile.schema.json
# A test office.
# Two lines of header.
version: 1
organization:
  employees: 5          # counted in March
  # above the key
  devices: 6
incidents:
  # the first class
  - name: a
    rate: { per_year: 2 }   # after a flow map
    downtime:
      hours: { p50: 1, p90: 3 }   # nested
managed:
  - name: x
    per_site: 250   # in a list of offers
`;

describe('profile comments', () => {
  const c = profileComments(TEXT);

  it('takes the file’s opening comment as the header, without the editor directive', () => {
    expect(c.header).toBe('A test office. Two lines of header.');
  });

  it('finds the comment after a value, above a key, after a flow map, nested and in lists, by the input’s path', () => {
    expect(Object.fromEntries(c.byPath)).toEqual({
      'organization.employees': 'counted in March',
      'organization.devices': 'above the key',
      'incidents[0]': 'the first class',
      'incidents[0].rate': 'after a flow map',
      'incidents[0].downtime.hours': 'nested',
      'managed[0].per_site': 'in a list of offers',
    });
  });

  it('keeps every comment of the shipped scenarios', async () => {
    const { readFileSync } = await import('node:fs');
    for (const f of ['dental-clinic', 'office-5', 'multisite-150']) {
      const text = readFileSync(`scenarios/${f}.yaml`, 'utf8');
      const found = profileComments(text);
      const all = [found.header, ...found.byPath.values()].join(' ');
      // Every comment's words, line by line, are somewhere in what was found.
      for (const m of text.matchAll(/#\s?(.*)$/gm)) {
        const words = m[1]!.trim();
        if (words === '' || words.startsWith('yaml-language-server')) continue;
        expect(all, `${f}: ${words}`).toContain(words);
      }
    }
  });
});
