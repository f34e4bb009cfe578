import { describe, expect, it } from 'vitest';
import { billedHours, chargeCents, incrementsFor, toCents } from '../../src/engine/billing.js';
import { analyzeProfile, baseProfile, optionIndex } from '../helpers/profiles.js';
import { zScore } from '../helpers/stats.js';

describe('billed hours (MODEL.md §4): the rule the engine runs', () => {
  it('applies the minimum', () => {
    expect(billedHours(0.2, 1, 0.25)).toBe(1);
    expect(billedHours(0, 0.5, 0)).toBe(0.5);
  });
  it('rounds up to whole increments', () => {
    expect(billedHours(1.01, 1, 0.25)).toBe(1.25);
    expect(billedHours(1.25, 1, 0.25)).toBe(1.25);
    expect(billedHours(3.3, 0, 1)).toBe(4);
    expect(incrementsFor(1.01, 0.25)).toBe(5);
  });
  it('does not bill an extra step for an exact multiple lost to floating point', () => {
    // 2.1 / 0.3 is 7.000000000000001 in binary floating point; without the 1e-9 it would bill 8 steps.
    expect(2.1 / 0.3).toBeGreaterThan(7);
    expect(incrementsFor(2.1, 0.3)).toBe(7);
    expect(incrementsFor(2.1000001, 0.3)).toBe(8);
  });
  it('bills exact hours when the increment is 0', () => {
    expect(billedHours(1.234, 1, 0)).toBe(1.234);
  });
});

describe('money in cents (MODEL.md §4 v2)', () => {
  it('bills 1.2 h in 0.4 h increments at $100/h as exactly $120.00, and five of them are exactly $600', () => {
    const billed = billedHours(1.2, 0, 0.4);
    expect(billed * 100).not.toBe(120); // 3 × 0.4 × 100 = 120.00000000000003 in floating point
    const cents = chargeCents(billed, 100, 1, 0);
    expect(cents).toBe(12_000);
    expect(5 * cents).toBe(toCents(600));
    expect((5 * cents) / 100 > 600).toBe(false);
  });

  it('rounds each bill to the cent, half away from zero', () => {
    expect(chargeCents(1, 10.005, 1, 0)).toBe(1001);
    expect(chargeCents(1, 10.004, 1, 0)).toBe(1000);
    expect(chargeCents(1.5, 100, 1.5, 50)).toBe(27_500);
  });

  it('compares a month with the budget in exact cents: over only when a sixth incident comes', { tags: ['slow'] }, () => {
    // Every incident bills exactly $120 (1.2 h in 0.4 h steps at $100/h, no minimum, no trip fee),
    // so a month is over the $600 budget exactly when it has 6 or more: P(N ≥ 6) for Poisson(λ).
    const p = baseProfile();
    p['incidents'][0] = { name: 'fixed job', rate: { per_month: 4 }, labor_hours: 1.2 };
    p['break_fix'] = { hourly_rate: 100, billing_increment_hours: 0.4, response_hours: 1 };
    p['budget'] = { monthly: 600 };
    const { out, analysis } = analyzeProfile(p, { trials: 20_000 });
    const bf = optionIndex(out, 'break_fix');
    const spend = out.values.monthly_spend[bf]!;
    expect(spend.every((x) => Number.isInteger(Math.round(x * 100)) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6)).toBe(true);
    expect(spend.some((x) => x === 600)).toBe(true);
    let atMostFive = 0;
    for (let k = 0, term = Math.exp(-4); k <= 5; k++, term *= 4 / k) atMostFive += term;
    const n = spend.length;
    const over = analysis.stats[bf]!.pMonthOverBudget!;
    expect(zScore(over, 1 - atMostFive, Math.sqrt((atMostFive * (1 - atMostFive)) / n))).toBeLessThan(4);
  });
});
