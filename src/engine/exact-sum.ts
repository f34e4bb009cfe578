/**
 * The correctly rounded sum of a multiset of finite doubles, whatever order they are added
 * in: Shewchuk's adaptive-precision partials ("Adaptive Precision Floating-Point Arithmetic",
 * 1997), rounded at the end as Python's math.fsum does. The CVaR's tail sum needs it: a run
 * held in memory and a run streamed in bounded memory meet the tail's values in different
 * orders, and must still print the same number. Hand-written: no npm package does this
 * without per-value allocation.
 */
export class ExactSum {
  /** Non-overlapping partials, smallest magnitude first; their exact sum is the sum so far. */
  private partials: number[] = [];

  add(x: number): void {
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    p.length = i;
    p.push(x);
  }

  /** Adds every partial of another sum: the result is the exact sum of both multisets. */
  addAll(other: ExactSum): void {
    for (const x of other.partials) this.add(x);
  }

  /** The sum, rounded once to the nearest double (ties to even). */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half to even correctly when the remaining partials push past a tie (fsum's last step).
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
