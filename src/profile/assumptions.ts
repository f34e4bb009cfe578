import type { AssumptionGroup, AssumptionRow } from '../shared/assumptions.js';
import type { KnobUnit } from '../shared/units.js';
import type { ProfileComments } from './comments.js';
import { unitOfPath } from './knobs.js';
import type { Profile } from './schema.js';

/**
 * The assumptions a report lists: every input of the profile as validated (defaults filled
 * in, --set applied), in words, with the comment the profile gives for it. Comments are how
 * the shipped scenarios cite their sources, so a reader can check every figure.
 */

const LABELS: Record<string, string> = {
  employees: 'Employees',
  devices: 'Devices',
  servers: 'Servers',
  sites: 'Sites',
  loaded_hourly_cost: 'Cost of an hour of staff time',
  rate: 'How often',
  dispersion: 'Month-to-month clumping',
  labor_hours: 'Technician hours each',
  hours: 'Hours of downtime',
  people: 'People stopped',
  revenue_per_hour: 'Revenue lost per hour down',
  direct_cost: 'Direct cost each (losses, parts)',
  onsite_share: 'Share needing a visit',
  after_hours_share: 'Share after hours',
  preventable: 'Share a managed contract prevents',
  covered: 'In the managed contract',
  hourly_rate: 'Hourly rate',
  after_hours_multiplier: 'After-hours multiplier',
  minimum_hours: 'Minimum billed hours',
  billing_increment_hours: 'Billing increment',
  trip_fee: 'Trip fee',
  response_hours: 'Time to respond',
  label: 'Name',
  per_employee: 'Fee per employee',
  per_device: 'Fee per device',
  per_server: 'Fee per server',
  per_site: 'Fee per site',
  flat: 'Flat monthly fee',
  minimum_monthly: 'Monthly minimum',
  onboarding_fee: 'Onboarding fee (month 1)',
  annual_increase: 'Yearly price increase',
  out_of_scope_hourly_rate: 'Out-of-scope hourly rate',
  covers_onsite: 'Visits included',
  prevention: 'Prevention achieved',
  internal_staff: 'In-house techs',
  monthly_cost_per_staff: 'Cost per tech a month',
  hours_per_staff_month: 'Hours per tech a month',
  escalation_share: 'Share escalated to a provider',
  p90: 'Bad year: P90 factor on incidents',
  applies_to: 'Classes a bad year affects',
  basis: 'Decision counts',
  metric: 'Decision statistic',
  monthly: 'Monthly budget',
};

const RATE_BASIS: Record<string, string> = {
  per_employee: 'per employee a month',
  per_device: 'per device a month',
  per_server: 'per server a month',
  per_site: 'per site a month',
  per_month: 'a month',
  per_year: 'a year',
};

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(x: number, digits = 6): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(x);
}

/** One number in its unit: exact, as the profile gives it ($37.36, not $37). */
function amount(unit: KnobUnit, x: number, currency: string): string {
  switch (unit) {
    case 'money':
      return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(x);
    case 'share':
      return `${num(x * 100, 4)}%`;
    case 'hours':
      return `${num(x)} h`;
    default:
      return num(x);
  }
}

/** A value that may be a number or a distribution, in words: "$1,000 to $4,000, most likely $2,000", "median 3 h, P90 11 h". */
export function quantity(unit: KnobUnit, v: Json, currency: string): string {
  const a = (x: Json) => amount(unit, Number(x), currency);
  if (typeof v === 'number') return a(v);
  if (isObject(v) && 'low' in v) return `${a(v.low)} to ${a(v.high)}, most likely ${a(v.mode)}`;
  if (isObject(v) && 'p50' in v) return `median ${a(v.p50)}, P90 ${a(v.p90)}`;
  return String(v);
}

function describeValue(key: string, path: string, v: Json, currency: string): string {
  if (key === 'rate' && isObject(v)) {
    const [basis, x] = Object.entries(v)[0]!;
    return `${quantity('number', x, currency)} ${RATE_BASIS[basis] ?? basis}`;
  }
  if (key === 'people') {
    if (v === 'all') return 'everyone';
    if (isObject(v) && 'share' in v) return `${amount('share', Number(v.share), currency)} of staff`;
    return `${quantity('number', v, currency)} ${v === 1 ? 'person' : 'people'}`;
  }
  if (key === 'covered') return v ? 'yes' : 'no — billed at the out-of-scope rate';
  if (key === 'covers_onsite') return v ? 'yes' : 'no — billed at the out-of-scope rate';
  if (key === 'dispersion') return v === 0 ? 'none (Poisson)' : num(Number(v));
  if (key === 'after_hours_multiplier') return `${num(Number(v))}×`;
  if (key === 'p90') return `${num(Number(v))}×`;
  if (key === 'basis') return v === 'spend' ? 'invoices only' : 'invoices, downtime and losses';
  if (key === 'metric') return v === 'mean' ? 'the average year' : `the ${String(v).toUpperCase()} year`;
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'string') return v;
  // Lengths of time are named by their key (`minimum_hours`, `billing_increment_hours`), whatever the path's unit.
  return quantity(key.endsWith('hours') ? 'hours' : unitOfPath(path), v, currency);
}

/** A value the profile leaves at nothing (a fee of 0, no losses): listed together on one row, not one row each. */
function isNothing(key: string, v: Json): boolean {
  if (key === 'dispersion' || key === 'covered' || key === 'covers_onsite') return false;
  return v === 0;
}

/**
 * Rows for an object's fields; a block's own comment goes on the first row of the block that
 * has none. Inputs at zero share one last row ("None: …"), so the table stays short enough to
 * print while still naming every input.
 */
function rowsOf(
  obj: Record<string, Json>,
  path: string,
  comments: ProfileComments,
  currency: string,
  skip: readonly string[] = [],
): AssumptionRow[] {
  const rows: AssumptionRow[] = [];
  const none: string[] = [];
  const noneComments: string[] = [];
  let blockComment = comments.byPath.get(path) ?? '';
  const add = (label: string, value: string, comment: string) => {
    rows.push({ label, value, comment: comment || blockComment });
    if (!comment) blockComment = '';
  };
  const field = (key: string, here: string, v: Json, comment: string) => {
    const label = LABELS[key] ?? key.replaceAll('_', ' ');
    if (isNothing(key, v)) {
      none.push(label.toLowerCase());
      if (comment) noneComments.push(comment);
    } else add(label, describeValue(key, here, v, currency), comment);
  };
  for (const [key, v] of Object.entries(obj)) {
    if (skip.includes(key)) continue;
    const here = `${path}.${key}`;
    const own = comments.byPath.get(here) ?? '';
    if (key === 'downtime' && isObject(v)) {
      // Downtime's fields read as three inputs of their own; the block's comment (a flow map's) goes on the first.
      let first = own;
      for (const [k, x] of Object.entries(v)) {
        field(k, `${here}.${k}`, x, comments.byPath.get(`${here}.${k}`) ?? first);
        first = '';
      }
      continue;
    }
    field(key, here, v, own);
  }
  if (none.length > 0) rows.push({ label: 'None assumed', value: none.join(', '), comment: noneComments.join(' ') });
  return rows;
}

/** Every input, grouped as the profile is: the organisation, each incident class, break-fix, each managed offer, hybrid, the rest. */
export function assumptionsOf(profile: Profile, comments: ProfileComments): AssumptionGroup[] {
  const cur = profile.currency;
  const p = profile as unknown as Record<string, Json>;
  const groups: AssumptionGroup[] = [
    { title: 'The business', rows: rowsOf(p.organization as Record<string, Json>, 'organization', comments, cur) },
  ];
  for (const [i, c] of (p.incidents as Record<string, Json>[]).entries()) {
    groups.push({ title: `Incidents: ${String(c.name)}`, rows: rowsOf(c, `incidents[${i}]`, comments, cur, ['name']) });
  }
  groups.push({ title: 'Break-fix (pay by the hour)', rows: rowsOf(p.break_fix as Record<string, Json>, 'break_fix', comments, cur) });
  const managed = p.managed;
  const offers = Array.isArray(managed) ? (managed as Record<string, Json>[]) : managed ? [managed as Record<string, Json>] : [];
  for (const [i, o] of offers.entries()) {
    groups.push({
      title: `Managed services${o.label ? `: ${String(o.label)}` : ''}`,
      rows: rowsOf(o, Array.isArray(managed) ? `managed[${i}]` : 'managed', comments, cur, ['name', 'label']),
    });
  }
  if (isObject(p.hybrid)) groups.push({ title: 'Hybrid (in-house tech plus break-fix)', rows: rowsOf(p.hybrid, 'hybrid', comments, cur) });
  const rest: AssumptionRow[] = [];
  if (isObject(p.bad_year)) rest.push(...rowsOf(p.bad_year, 'bad_year', comments, cur));
  if (isObject(p.budget)) rest.push(...rowsOf(p.budget, 'budget', comments, cur));
  if (isObject(p.decision)) rest.push(...rowsOf(p.decision, 'decision', comments, cur));
  groups.push({ title: 'Budget and decision', rows: rest });
  return groups;
}
