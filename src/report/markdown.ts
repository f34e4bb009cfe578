import { mdText } from './format.js';
import { gridMarkdown } from './grid.js';
import { budgetLine, headerLines, horizonGrid, horizonNote, monthlyGrid, type RunReport, recommendationText } from './table.js';

/** A run as Markdown, ready to paste into a proposal or a pull-request comment. */
export function renderMarkdown(report: RunReport): string {
  const [title, ...meta] = headerLines(report);
  const budget = budgetLine(report);
  const { headline, reasons } = recommendationText(report);
  const lines = [
    `### ${mdText(title ?? '')}`,
    '',
    mdText(meta.join(' · ')),
    '',
    gridMarkdown(monthlyGrid(report)),
    '',
    gridMarkdown(horizonGrid(report)),
    ...[horizonNote(report), budget].flatMap((line) => (line ? ['', mdText(line)] : [])),
    '',
    `**Recommendation:** ${mdText(headline)}`,
    '',
    ...reasons.map((r) => `- ${mdText(r)}`),
  ];
  return `${lines.join('\n')}\n`;
}
