import { floorLog10, pow10 } from '../engine/libm.js';
import type { KnobUnit } from '../shared/units.js';

/**
 * Values of an input in words: "$212 a seat a month", "57 employees", "0.46 incidents per
 * employee a month", "25%". The path says what a number is a price or a count of.
 */

const PER_FEE: Record<string, string> = {
  per_employee: 'a seat a month',
  per_device: 'a device a month',
  per_server: 'a server a month',
  per_site: 'a site a month',
  flat: 'a month',
  minimum_monthly: 'a month',
  onboarding_fee: 'once',
  hourly_rate: 'an hour',
  out_of_scope_hourly_rate: 'an hour',
  trip_fee: 'a visit',
  monthly_cost_per_staff: 'a month per person',
  loaded_hourly_cost: 'an hour',
  revenue_per_hour: 'an hour',
  direct_cost: 'an incident',
};

const RATE_UNIT: Record<string, string> = {
  per_employee: 'incidents per employee a month',
  per_device: 'incidents per device a month',
  per_server: 'incidents per server a month',
  per_site: 'incidents per site a month',
  per_month: 'incidents a month',
  per_year: 'incidents a year',
};

const COUNT_UNIT: Record<string, [string, string]> = {
  employees: ['employee', 'employees'],
  devices: ['device', 'devices'],
  servers: ['server', 'servers'],
  sites: ['site', 'sites'],
  internal_staff: ['in-house tech', 'in-house techs'],
};

const lastKey = (path: string) => /([A-Za-z_]+)$/.exec(path)?.[1] ?? '';

/** Significant figures for a value shown beside its ± (two standard errors): to the ±'s own first digit. */
function digitsFor(x: number, pm: number | undefined): number {
  if (pm === undefined || !(pm > 0) || !(Math.abs(x) > 0)) return 3;
  return Math.min(8, Math.max(2, floorLog10(Math.abs(x)) - floorLog10(pm) + 1));
}

/** A ± to one significant figure, two when it starts with 1 (± 1.4 rather than ± 1). */
function pmDigits(pm: number): number {
  return pm > 0 && Math.floor(pm / pow10(floorLog10(pm))) === 1 ? 2 : 1;
}

/** `exact`: keep trailing zeros, so a value beside its ± shows the digits the ± speaks of (0.90 ± 0.01). */
function number(x: number, digits: number, exact = false): string {
  return new Intl.NumberFormat('en-US', {
    maximumSignificantDigits: digits,
    ...(exact ? { minimumSignificantDigits: digits } : {}),
  }).format(x);
}

function moneyText(x: number, currency: string, digits: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumSignificantDigits: Math.max(digits, 1) }).format(x);
}

/** The number alone, formatted for its unit: "$212", "57", "0.46", "25%", "3.5 h"; `digits` significant figures. */
function formatted(unit: KnobUnit, x: number, currency: string, digits: number, exact = false): string {
  switch (unit) {
    case 'money':
      return moneyText(x, currency, digits);
    case 'share':
      return `${number(x * 100, digits, exact)}%`;
    case 'hours':
      return `${number(x, digits, exact)} h`;
    case 'count':
      return number(x, digits);
    default:
      return number(x, digits, exact);
  }
}

/** Whole units of money and counts are always shown whole (never "$2.1E2"). */
function wholeDigits(unit: KnobUnit, x: number, digits: number): number {
  if (unit !== 'money' && unit !== 'count') return digits;
  return Math.max(digits, floorLog10(Math.max(1, Math.abs(x))) + 1);
}

export function bareValue(unit: KnobUnit, x: number, currency: string, pm?: number): string {
  return formatted(unit, x, currency, wholeDigits(unit, x, digitsFor(x, pm)), pm !== undefined);
}

/** The value with what it is: "$212 a seat a month", "57 employees". */
export function valueText(path: string, unit: KnobUnit, x: number, currency: string, pm?: number): string {
  const key = lastKey(path);
  const bare = bareValue(unit, x, currency, pm);
  if (unit === 'money') return PER_FEE[key] ? `${bare} ${PER_FEE[key]}` : bare;
  if (unit === 'rate') return `${bare} ${RATE_UNIT[key] ?? 'incidents a month'}`;
  if (unit === 'count') {
    const [one, many] = COUNT_UNIT[key] ?? ['', ''];
    return one === '' ? bare : `${bare} ${Math.abs(x) === 1 ? one : many}`;
  }
  return bare;
}

/** The ± part: two standard errors in the value's own unit ("± $7", "± 2.1", "± 0.4%"). */
export function plusMinus(unit: KnobUnit, twoSe: number, currency: string): string {
  return `± ${formatted(unit, twoSe, currency, pmDigits(twoSe))}`;
}
