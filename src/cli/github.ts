import type { CheckFailure, CheckProblem } from '../report/check.js';
import { failureText } from '../report/check.js';

/** GitHub Actions workflow-command escaping (the runner's own toCommandValue rules). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,col=C::message`, shown on the pull request's diff. */
export function githubError(message: string, at?: { file: string; line?: number; col?: number }): string {
  const props = at
    ? [`file=${escapeProperty(at.file)}`, ...(at.line ? [`line=${at.line}`] : []), ...(at.col ? [`col=${at.col}`] : [])].join(',')
    : '';
  return `::error${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/**
 * A profile problem as an annotation: at its line and column when it is in the file; on the
 * run (no file) when the file cannot be read or the problem is in a --set argument.
 */
export function problemAnnotation(file: string, p: CheckProblem): string {
  if (p.override !== undefined) return githubError(`--set ${p.override}: ${p.path}: ${p.message}`);
  if (p.line === null || p.line === 0) return githubError(p.message);
  return githubError(`${p.path}: ${p.message}`, { file, line: p.line, ...(p.col ? { col: p.col } : {}) });
}

/** A failed assertion at its expect: key: "options.managed.monthly_spend.p90: expected at most 4,000, got 5,060". */
export function failureAnnotation(file: string, f: CheckFailure): string {
  return githubError(failureText(f), { file, ...(f.line === null ? {} : { line: f.line }), ...(f.col === null ? {} : { col: f.col }) });
}
