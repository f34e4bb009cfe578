// Loaded with --import by bench.ts: reports the whole process's peak RSS (threads included)
// on stderr as the process exits, so the benchmark measures the real CLI, unmodified.
process.on('exit', () => {
  process.stderr.write(`\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
