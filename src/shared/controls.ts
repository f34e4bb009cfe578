/**
 * The live page's controls (`report --live`): what each moves, as `--set` arguments, so the
 * page's model is exactly the CLI's with those arguments (the same loader compiles both).
 * Plain data and pure functions: the CLI makes the controls, the page's script reads them.
 */

/** A value as a profile holds it: a number, or a distribution of numbers. */
export type Amount = number | { readonly [key: string]: number };

export type ControlEffect =
  /** Sets `path` to `base` scaled by value ÷ `central` (a number is simply replaced by the value). */
  | { readonly kind: 'scale'; readonly path: string; readonly base: Amount; readonly central: number }
  /** Sets a whole number (or a plain number) at `path`. */
  | { readonly kind: 'value'; readonly path: string }
  /** A factor on the incident rates of the classes listed (indexes into `LiveConfig.rates`). */
  | { readonly kind: 'rates'; readonly classes: readonly number[] }
  /** A bad year's P90; at 1 there is none (the profile's own bad year, if any, is kept at its value). */
  | { readonly kind: 'bad_year'; readonly had: boolean };

export interface Control {
  /** Its key in the URL fragment. */
  readonly id: string;
  readonly label: string;
  /** How its value reads: money in the profile's currency, hours, a count, a factor (×). */
  readonly unit: 'money' | 'hours' | 'count' | 'factor';
  /** Words after the value: "a seat a month", "employees". */
  readonly suffix: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The profile's value: the control starts here, and here it sets nothing. */
  readonly value: number;
  readonly effect: ControlEffect;
}

/** One incident class's rate as the profile gives it, for the rate factors. */
export interface RateBase {
  readonly path: string;
  readonly base: Amount;
}

export interface LiveConfig {
  readonly controls: readonly Control[];
  readonly rates: readonly RateBase[];
  readonly currency: string;
}

/** Decimal places of a step (0.05 → 2), so slider values are written without binary noise. */
export function decimalsOf(step: number): number {
  const s = String(step);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** A control's value as the grid of its steps has it (the browser's slider can hand over 1.0000000000000002). */
export function onGrid(c: Control, v: number): number {
  const k = Math.round((v - c.min) / c.step);
  const x = Math.min(c.max, Math.max(c.min, c.min + k * c.step));
  return Number(x.toFixed(decimalsOf(c.step)));
}

/** An amount times a factor, as one YAML value. */
export function scaled(base: Amount, factor: number): string {
  if (typeof base === 'number') return String(base * factor);
  return `{${Object.entries(base)
    .map(([k, v]) => `${k}: ${v * factor}`)
    .join(', ')}}`;
}

/** The `--set` arguments that put the profile at these control values (none for values at the profile's). */
export function setsFor(config: LiveConfig, values: ReadonlyMap<string, number>): string[] {
  const sets: string[] = [];
  const factors = config.rates.map(() => 1);
  for (const c of config.controls) {
    const v = values.get(c.id) ?? c.value;
    if (v === c.value) continue;
    const e = c.effect;
    if (e.kind === 'scale') sets.push(`${e.path}=${typeof e.base === 'number' ? String(v) : scaled(e.base, v / e.central)}`);
    else if (e.kind === 'value') sets.push(`${e.path}=${v}`);
    else if (e.kind === 'rates') for (const i of e.classes) factors[i]! *= v;
    // A profile's own bad year starts above 1 and its control cannot reach 1, so "none" only ever means "as the profile has it".
    else if (e.kind === 'bad_year' && v > 1) sets.push(e.had ? `bad_year.p90=${v}` : `bad_year={p90: ${v}}`);
  }
  factors.forEach((f, i) => {
    if (f !== 1) sets.push(`${config.rates[i]!.path}=${scaled(config.rates[i]!.base, f)}`);
  });
  return sets;
}

/** The value as the control shows it: "$175 a seat a month", "1.5×", "6 h". */
export function controlText(c: Control, v: number, currency: string): string {
  const digits = decimalsOf(c.step);
  const n = new Intl.NumberFormat('en-US', {
    ...(c.unit === 'money' ? { style: 'currency', currency } : {}),
    minimumFractionDigits: c.unit === 'money' && digits === 0 ? 0 : Math.min(digits, 2),
    maximumFractionDigits: Math.max(digits, c.unit === 'money' ? 0 : 2),
  }).format(v);
  const text = c.unit === 'factor' ? `${n}×` : c.unit === 'hours' ? `${n} h` : n;
  if (c.effect.kind === 'bad_year' && v <= 1) return 'none';
  return c.suffix ? `${text} ${c.suffix}` : text;
}
