import { RESULT_COLUMNS, renderCsv, resultRows } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { type RunReport, renderTable } from '../report/table.js';
import type { Theme } from '../report/theme.js';

/** The label a profile goes by in CSV rows: its file as typed, else its name. */
export function profileLabel(report: RunReport): string {
  return report.result.profile.file ?? report.result.profile.name;
}

/** One run in the chosen format. */
export function renderReport(report: RunReport, format: string, theme: Theme): string {
  switch (format) {
    case 'json':
      return renderJson(report.result);
    case 'csv':
      return renderCsv(RESULT_COLUMNS, resultRows(report.result, profileLabel(report)));
    case 'markdown':
      return renderMarkdown(report);
    default:
      return renderTable(report, theme);
  }
}
