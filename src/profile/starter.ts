/** A commented starter profile for `supportcast init`, sized to the business. */
export interface StarterSize {
  /** Where the profile's JSON Schema is: a file name beside the profile. */
  readonly schemaRef: string;
  readonly name: string;
  readonly employees: number;
  readonly devices: number;
  readonly servers: number;
  readonly sites: number;
}

/** BLS ECEC loaded cost per hour worked by establishment size (docs/sources.md D1). */
function loadedHourlyCost(employees: number): number {
  if (employees < 50) return 37.36;
  if (employees < 100) return 40.07;
  if (employees < 500) return 47.78;
  return 68.03;
}

function hybridBlock(s: StarterSize): string {
  // T10: one tier-1 person per 18-70 users; below about 20 staff an in-house tech rarely pays.
  if (s.employees < 20) {
    return `# hybrid:                         # an in-house IT person, worth modelling from ~20 staff (T10)
#   internal_staff: 1
#   monthly_cost_per_staff: 6500
#   hours_per_staff_month: 120
#   escalation_share: 0.3           # T9: tier 1 resolves about 70%
#   response_hours: { p50: 0.5, p90: 2 }
`;
  }
  return `hybrid:
  internal_staff: ${Math.max(1, Math.round(s.employees / 70))}                 # T10: 1 tier-1 person per 18-70 users
  monthly_cost_per_staff: 6500    # GUESS: about $78,000 a year loaded
  hours_per_staff_month: 120      # GUESS: 160 h less meetings, projects and leave
  escalation_share: 0.3           # T9: tier 1 resolves about 70%
  prevention: 0.3                 # GUESS
  response_hours: { p50: 0.5, p90: 2 }
`;
}

export function starterProfile(s: StarterSize): string {
  const serverClass =
    s.servers > 0
      ? `  - name: server outage
    rate: { per_server: 0.08 }    # GUESS: about one a year per server (D6, D17, D18)
    dispersion: 3                 # outages cluster (O1, O2)
    labor_hours: { p50: 3, p90: 10 }
    downtime: { hours: { p50: 3, p90: 11 }, people: { share: 0.5 }, revenue_per_hour: 0 }
    onsite_share: 0.5
    preventable: 0.4              # GUESS: monitoring
`
      : '';
  return `# yaml-language-server: $schema=${s.schemaRef}
# (${s.schemaRef} beside this file gives editors completion and checks; \`supportcast schema -o ${s.schemaRef}\` makes it.)
# A starter profile made by \`supportcast init\`. Replace the GUESSes with what you know
# about this business; row IDs (T1, P1, ...) are the sourced figures in supportcast's
# docs/sources.md, and docs/model.md explains the model.
# Check it with \`supportcast validate\` and run it with \`supportcast run\`.
version: 1
name: ${JSON.stringify(s.name)}
currency: USD
organization:
  employees: ${s.employees}
  devices: ${s.devices}
  servers: ${s.servers}
  sites: ${s.sites}
  loaded_hourly_cost: ${loadedHourlyCost(s.employees)}       # D1: BLS cost of an hour worked, by firm size
simulation: { trials: 10000, months: 12, seed: 1 }
incidents:
  - name: user support
    rate: { per_employee: { low: 0.25, mode: 0.35, high: 0.5 } }   # T1: >= 0.5 tickets/user/month, ~70% need a technician
    dispersion: 0.2               # month-to-month clustering (O1, O2)
    labor_hours: { p50: 0.5, p90: 2 }          # T5
    downtime: { hours: { p50: 1, p90: 4.6 }, people: 0.22 }   # T6: 22% of tickets stop work
    onsite_share: 0.25            # T8
    after_hours_share: 0.1        # GUESS
    preventable: 0.25             # GUESS: incidents x0.75 under a managed contract
${serverClass}  - name: security incident
    rate: { per_year: 0.1 }       # DERIVED: S1 x S4 (7-14% a year by firm size)
    labor_hours: { p50: 8, p90: 40 }
    downtime: { hours: { p50: 8, p90: 40 }, people: { share: 0.5 } }
    direct_cost: { p50: 15000, p90: 150000 }   # S6, S14; O6 heavy tail
    preventable: 0.5              # GUESS bounded by E1-E5
    covered: false                # P18: incident response is usually out of scope
  - name: hardware failure
    rate: { per_device: 0.007 }   # H1, H2: about 8% a year
    labor_hours: { p50: 1.5, p90: 4 }
    downtime: { hours: { p50: 4, p90: 16 }, people: 1 }
    direct_cost: { low: 900, mode: 1200, high: 2000 }   # H7, H8
    onsite_share: 0.9
    covered: false                # P19: hardware is excluded
break_fix:
  hourly_rate: 150                # B1, B3, B9-B11
  after_hours_multiplier: 1.5     # B3-B5
  minimum_hours: 1                # B1
  billing_increment_hours: 0.25   # B1
  trip_fee: 50                    # B1
  response_hours: { p50: 6, p90: 22 }          # GUESS (D16)
managed:
  label: Managed
  per_employee: 150               # P3-P6: market centre $150-185 per user
  per_server: 185                 # P1
  onboarding_fee: ${150 * s.employees + 185 * s.servers}           # P2, P13: about one month's fee
  annual_increase: 0.04           # P16, P17
  response_hours: { p50: 0.5, p90: 1.1 }       # D12-D15
${hybridBlock(s)}decision: { basis: total_cost, metric: mean }
`;
}
