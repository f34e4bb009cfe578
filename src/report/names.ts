import type { Model } from '../engine/model.js';
import { whole } from './format.js';

/** What a person calls an option: "Managed · All-inclusive", "Hybrid · 1 in-house tech". */
export function displayName(id: string, label: string, model: Model): string {
  if (id === 'break_fix') return 'Break-fix';
  if (id === 'hybrid') {
    const staff = model.hybrid?.internalStaff ?? 0;
    return `Hybrid · ${whole(staff) === String(staff) ? staff : staff.toFixed(1)} in-house tech${staff === 1 ? '' : 's'}`;
  }
  return label === 'Managed' ? 'Managed' : `Managed · ${label}`;
}

/** The shortest name that still tells options apart: "Break-fix", "Essentials", "Hybrid". */
export function shortName(id: string, label: string): string {
  if (id === 'break_fix') return 'Break-fix';
  if (id === 'hybrid') return 'Hybrid';
  return label;
}

/** An option's name inside a sentence: "break-fix", "Hybrid", "Managed · Essentials". */
export function proseName(id: string, label: string, model: Model): string {
  if (id === 'break_fix') return 'break-fix';
  if (id === 'hybrid') return 'Hybrid';
  return displayName(id, label, model);
}

/** "years" for a 12-month horizon, "24-month periods" otherwise. */
export function horizonWord(months: number): string {
  return months === 12 ? 'years' : `${months}-month periods`;
}
