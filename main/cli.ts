import { runCli } from './cli/runCli';

// Entry of `factmark` (bin/factmark.js -> dist/main/cli.js). The exit code is set, not forced with
// process.exit(), so pending output and file writes finish first.
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
