import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assumptionsOf, quantity } from '../../src/profile/assumptions.js';
import { profileComments } from '../../src/profile/comments.js';
import { loadProfile } from '../../src/profile/load.js';

function groupsFor(text: string, sets: string[] = []) {
  const r = loadProfile(text, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return assumptionsOf(r.value.profile, profileComments(text));
}

const DENTAL = readFileSync('scenarios/dental-clinic.yaml', 'utf8');

describe('assumptions in words', () => {
  it('writes numbers exactly, in their unit, and distributions as ranges', () => {
    expect(quantity('money', 37.36, 'USD')).toBe('$37.36');
    expect(quantity('share', 0.3, 'USD')).toBe('30%');
    expect(quantity('hours', { p50: 0.5, p90: 2 }, 'USD')).toBe('median 0.5 h, P90 2 h');
    expect(quantity('money', { low: 1000, mode: 2000, high: 4000 }, 'EUR')).toBe('€1,000 to €4,000, most likely €2,000');
  });

  it('has a group per class and per offer, each row beside the profile’s comment for it', () => {
    const groups = groupsFor(DENTAL);
    expect(groups.map((g) => g.title)).toEqual([
      'The business',
      'Incidents: user support',
      'Incidents: practice server outage',
      'Incidents: security incident',
      'Incidents: ransomware',
      'Incidents: workstation failure',
      'Break-fix (pay by the hour)',
      'Managed services: All-inclusive',
      'Hybrid (in-house tech plus break-fix)',
      'Budget and decision',
    ]);
    const rows = groups.flatMap((g) => g.rows);
    expect(rows).toContainEqual({ label: 'Billing increment', value: '0.25 h', comment: 'B1: then per quarter hour' });
    expect(rows).toContainEqual({
      label: 'Fee per employee',
      value: '$175',
      comment: 'P12 (dental $100-200/workstation), P6 ($150-185 average)',
    });
    // A flow map's comment (`downtime: {…}  # GUESS`) goes on its first field.
    const security = groups[3]!.rows;
    expect(security.find((r) => r.label === 'Hours of downtime')).toEqual({
      label: 'Hours of downtime',
      value: 'median 8 h, P90 40 h',
      comment: 'GUESS',
    });
  });

  it('names every input left at zero on one row, and reflects --set', () => {
    const groups = groupsFor(DENTAL, ['managed.per_employee=95']);
    const managed = groups.find((g) => g.title.startsWith('Managed'))!.rows;
    expect(managed.find((r) => r.label === 'None assumed')!.value).toBe('fee per device, flat monthly fee, monthly minimum');
    expect(managed.find((r) => r.label === 'Fee per employee')!.value).toBe('$95');
  });

  it('lists every offer of a profile with tiers, each with its own comments', () => {
    const groups = groupsFor(readFileSync('scenarios/multisite-150.yaml', 'utf8'));
    const tiers = groups.filter((g) => g.title.startsWith('Managed'));
    expect(tiers.map((t) => t.title)).toEqual(['Managed services: Essentials', 'Managed services: Complete']);
    expect(tiers[1]!.rows[0]).toEqual({
      label: 'Fee per employee',
      value: '$110 to $200, most likely $145',
      comment: 'P1 $145/user; §10.3 volume discount (GUESS)',
    });
  });
});
