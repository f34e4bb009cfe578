import { describe, expect, it } from 'vitest';
import { billedHours } from '../../src/engine/amounts.js';

describe('billed hours (MODEL.md §4)', () => {
  it('applies the minimum', () => {
    expect(billedHours(0.2, 1, 0.25)).toBe(1);
    expect(billedHours(0, 0.5, 0)).toBe(0.5);
  });
  it('rounds up to the increment', () => {
    expect(billedHours(1.01, 1, 0.25)).toBe(1.25);
    expect(billedHours(1.25, 1, 0.25)).toBe(1.25);
    expect(billedHours(3.3, 0, 1)).toBe(4);
  });
  it('does not bill an extra step for an exact multiple lost to floating point', () => {
    // 2.1 / 0.3 is 7.000000000000001 in binary floating point.
    expect(2.1 / 0.3).toBeGreaterThan(7);
    expect(billedHours(2.1, 0, 0.3)).toBeCloseTo(2.1, 12);
  });
  it('bills exact hours when the increment is 0', () => {
    expect(billedHours(1.234, 1, 0)).toBe(1.234);
  });
});
