/** A profile's inputs in words, as a report lists them (src/profile/assumptions.ts makes them). */
export interface AssumptionRow {
  readonly label: string;
  readonly value: string;
  /** The profile's comment for this input, or for the block it sits in (shown once, on its first row). */
  readonly comment: string;
}

export interface AssumptionGroup {
  readonly title: string;
  readonly rows: readonly AssumptionRow[];
}
