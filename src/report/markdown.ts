import { explainMarkdown } from './explain.js';
import { mdText } from './format.js';
import { gridMarkdown } from './grid.js';
import {
  budgetLine,
  FOOTNOTE,
  headerLines,
  horizonGrid,
  horizonNote,
  invoiceLine,
  monthlyGrid,
  oneOffLine,
  optionNames,
  type RunReport,
  recommendationText,
} from './table.js';

/** A run as Markdown, ready to paste into a proposal or a pull-request comment. */
export function renderMarkdown(report: RunReport): string {
  const [title, ...meta] = headerLines(report);
  const { headline, reasons } = recommendationText(report);
  const paragraphs = (...lines: Array<string | undefined>) => lines.flatMap((line) => (line ? ['', mdText(line)] : []));
  const tooClose = report.result.recommendation.too_close;
  const lines = [
    `### ${mdText(title ?? '')}`,
    '',
    mdText(meta.join(' · ')),
    '',
    gridMarkdown(monthlyGrid(report)),
    ...paragraphs(oneOffLine(report)),
    '',
    gridMarkdown(horizonGrid(report)),
    ...paragraphs(horizonNote(report), budgetLine(report)),
    explainMarkdown(report.result, optionNames(report)),
    // Too close: the headline is the caution itself, and no option is in bold.
    tooClose
      ? `**Recommendation:** ${mdText(headline)}`
      : `**Recommendation: ${mdText(headline)}** (${report.result.recommendation.basis === 'spend' ? 'on invoices' : 'on total cost'})`,
    ...paragraphs(invoiceLine(report)),
    '',
    ...reasons.map((r) => `- ${mdText(r)}`),
    '',
    `<sub>${mdText(FOOTNOTE)}</sub>`,
  ];
  return `${lines.join('\n')}\n`;
}
