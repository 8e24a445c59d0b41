// Preloaded with `node -r` into a measured process: prints its peak resident set size on exit.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
