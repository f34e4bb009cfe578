import { exp } from './libm.js';
/**
 * The engine's own model: what the simulation needs, with every choice already made.
 * The profile layer compiles a validated profile into this; the engine never sees YAML.
 */

/** How an amount is distributed. Numbers, not strings, so the hot loop compares ints. */
export const FIXED = 0;
export const LOGNORMAL = 1;
export const TRIANGULAR = 2;
export type AmountKind = typeof FIXED | typeof LOGNORMAL | typeof TRIANGULAR;

/** For the end of every dispatch over amount kinds: a new kind cannot be silently sampled as another. */
export function unknownKind(kind: never): never {
  throw new Error(`unknown amount kind ${String(kind)}`);
}

/**
 * A compiled amount. FIXED: a = value. LOGNORMAL: a = mu, b = sigma of the log.
 * TRIANGULAR: a = low, b = mode, c = high.
 */
export interface Amount {
  readonly kind: AmountKind;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/**
 * An amount drawn once per trial (docs/model.md §3), with the address of its draw: the path of
 * the field it comes from. A default that names another field (out_of_scope_hourly_rate →
 * break_fix.hourly_rate) carries that field's key, so it is the same draw (docs/model.md §4 v2).
 */
export interface Input {
  readonly amount: Amount;
  readonly key: string;
}

export interface IncidentClassModel {
  readonly name: string;
  /** Expected incidents per month per unit, drawn once per trial. */
  readonly rate: Input;
  /** Units the rate applies to (employees, devices, ...; 1/12 for per_year). */
  readonly rateUnits: number;
  readonly dispersion: number;
  readonly laborHours: Amount;
  readonly outageHours: Amount;
  readonly directCost: Amount;
  /** People stopped per incident (0 when the class has no downtime block). */
  readonly people: number;
  readonly revenuePerHour: Input;
  readonly onsiteShare: Input;
  readonly afterHoursShare: Input;
  readonly preventable: Input;
  readonly covered: boolean;
}

export interface BreakFixModel {
  readonly hourlyRate: Input;
  readonly afterHoursMultiplier: number;
  readonly minimumHours: number;
  readonly billingIncrementHours: number;
  readonly tripFee: Input;
  readonly responseHours: Amount;
}

export interface ManagedModel {
  /** `managed` or `managed:<name>`. */
  readonly id: string;
  readonly label: string;
  readonly perEmployee: Input;
  readonly perDevice: Input;
  readonly perServer: Input;
  readonly perSite: Input;
  readonly flat: Input;
  readonly minimumMonthly: Input;
  readonly onboardingFee: Input;
  readonly annualIncrease: number;
  readonly outOfScopeHourlyRate: Input;
  readonly coversOnsite: boolean;
  readonly prevention: Input;
  readonly responseHours: Amount;
}

export interface HybridModel {
  readonly label: string;
  readonly internalStaff: number;
  readonly monthlyCostPerStaff: Input;
  readonly hoursPerStaffMonth: number;
  readonly escalationShare: Input;
  readonly prevention: Input;
  readonly responseHours: Amount;
}

export interface OrganizationModel {
  readonly employees: number;
  readonly devices: number;
  readonly servers: number;
  readonly sites: number;
  readonly loadedHourlyCost: Input;
}

export type Basis = 'total_cost' | 'spend';
export type Metric = 'mean' | 'p50' | 'p90';

export interface Model {
  readonly organization: OrganizationModel;
  readonly classes: readonly IncidentClassModel[];
  readonly breakFix: BreakFixModel;
  readonly managed: readonly ManagedModel[];
  readonly hybrid: HybridModel | undefined;
  readonly decision: { readonly basis: Basis; readonly metric: Metric };
  readonly budgetMonthly: number | undefined;
  /** docs/model.md §3: a mean-1 gamma factor on λ, per trial and year, for the classes marked. */
  readonly badYear: BadYearModel | undefined;
}

export interface BadYearModel {
  /** The gamma's shape k (scale 1/k): variance 1/k. */
  readonly shape: number;
  /** Per class, in model order: whether the factor multiplies its λ. */
  readonly applies: readonly boolean[];
}

export interface RunSettings {
  readonly trials: number;
  readonly months: number;
  readonly seed: number;
}

export function fixed(value: number): Amount {
  return { kind: FIXED, a: value, b: 0, c: 0 };
}

/** The mean of an amount, in closed form. */
export function amountMean(x: Amount): number {
  switch (x.kind) {
    case FIXED:
      return x.a;
    case LOGNORMAL:
      return exp(x.a + (x.b * x.b) / 2);
    case TRIANGULAR:
      return (x.a + x.b + x.c) / 3;
    default:
      return unknownKind(x.kind);
  }
}

/** The variance of an amount, in closed form. */
export function amountVariance(x: Amount): number {
  switch (x.kind) {
    case FIXED:
      return 0;
    case LOGNORMAL: {
      const s2 = x.b * x.b;
      return (exp(s2) - 1) * exp(2 * x.a + s2);
    }
    case TRIANGULAR: {
      const { a, b, c } = x;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    default:
      return unknownKind(x.kind);
  }
}
