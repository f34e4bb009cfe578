/** What an input of a profile measures, for words and formats in reports (src/report/knob-text.ts). */
export type KnobUnit = 'money' | 'hours' | 'rate' | 'share' | 'count' | 'number';
