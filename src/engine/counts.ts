import { negativeBinomialPmf, poissonPmf } from './special.js';

/** Above this a month's expected count is not one a simulation can enumerate. */
export const MAX_LAMBDA = 1e9;
/** Below this a probability adds nothing a double can hold to a cumulative sum near 1. */
const NEGLIGIBLE = 1e-18;

/**
 * Incident counts by inversion (docs/model.md §1 v2): the count for one uniform u is F⁻¹(u), the
 * smallest k with F(k) ≥ u, where F is the Poisson or negative-binomial CDF of this trial's
 * λ. For a fixed u the count is then non-decreasing in λ, so raising a rate only ever adds
 * incidents — what break-even search and sensitivity analysis rely on.
 *
 * `setMean` does the per-λ work once (the mode, its probability by Loader's method and the
 * CDF there); each `count` then walks from the mode with the pmf recurrence, about
 * 0.8 standard deviations of steps on average, and always ends (the walk up stops where the
 * pmf underflows or no longer changes the sum).
 */
export class CountInverter {
  private lambda = 0;
  /** Size r of the negative binomial (1 / dispersion); 0 for Poisson. */
  private r = 0;
  /** λ / (r + λ): the negative binomial's ratio q. */
  private q = 0;
  private mode = 0;
  private pmfMode = 0;
  private cdfMode = 0;

  /** Sets the distribution: mean λ, and dispersion d (0 for Poisson; else variance λ + dλ²). */
  setMean(lambda: number, dispersion: number): void {
    // NaN and negative means count nothing below; an enormous one would never finish.
    if (lambda >= MAX_LAMBDA) throw new RangeError(`incident count: expected ${lambda} incidents in one month`);

    // Not Math.max: NaN must count nothing, and Math.max(NaN, 0) is NaN.
    // biome-ignore lint/complexity/useMathMinMax: see above.
    this.lambda = lambda > 0 ? lambda : 0;
    if (this.lambda === 0) {
      this.mode = 0;
      this.pmfMode = 1;
      this.cdfMode = 1;
      return;
    }
    if (dispersion > 0) {
      const r = 1 / dispersion;
      this.r = r;
      this.q = this.lambda / (r + this.lambda);
      this.mode = r > 1 ? Math.floor(((r - 1) * this.q) / (1 - this.q)) : 0;
      this.pmfMode = negativeBinomialPmf(this.mode, r, 1 - this.q);
    } else {
      this.r = 0;
      this.q = 0;
      this.mode = Math.floor(this.lambda);
      this.pmfMode = poissonPmf(this.mode, this.lambda);
    }
    this.cdfMode = this.sumDown();
  }

  private terms = new Float64Array(256);

  /** P(K ≤ mode): the pmf summed from the mode down, smallest terms first for accuracy. */
  private sumDown(): number {
    let n = 0;
    let p = this.pmfMode;
    for (let k = this.mode; k >= 0 && p > 0; k--) {
      if (n === this.terms.length) {
        const grown = new Float64Array(2 * n);
        grown.set(this.terms);
        this.terms = grown;
      }
      this.terms[n++] = p;
      if (p < NEGLIGIBLE * this.pmfMode) break;
      p *= this.down(k);
    }
    let s = 0;
    for (let i = n - 1; i >= 0; i--) s += this.terms[i]!;
    return s;
  }

  /** pmf(k − 1) / pmf(k). */
  private down(k: number): number {
    return this.r > 0 ? k / ((k - 1 + this.r) * this.q) : k / this.lambda;
  }

  /** pmf(k + 1) / pmf(k). */
  private up(k: number): number {
    return this.r > 0 ? ((k + this.r) / (k + 1)) * this.q : this.lambda / (k + 1);
  }

  /** The count F⁻¹(u) for a uniform u in (0, 1). */
  count(u: number): number {
    if (this.lambda === 0) return 0;
    let k = this.mode;
    let p = this.pmfMode;
    let f = this.cdfMode;
    if (u <= f) {
      // Step down while u is at or below F(k − 1) = F(k) − pmf(k).
      while (k > 0) {
        const below = f - p;
        if (u > below) break;
        f = below;
        p *= this.down(k);
        k--;
      }
      return k;
    }
    while (u > f) {
      p *= this.up(k);
      k++;
      const next = f + p;
      // The tail beyond what a double can add to F: u sits in it with probability ~1e-16.
      if (next === f) return k;
      f = next;
    }
    return k;
  }
}
