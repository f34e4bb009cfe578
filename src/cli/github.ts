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
