// The stress scripts' child process: a bundled script run with node, its stdout read line by line.
import { spawn } from 'node:child_process';

/**
 * Run `script` with `args`; calls onLine(line, killIn) for each stdout line, where killIn(ms)
 * SIGKILLs the child that long from now; `killAfterMs` SIGKILLs it that long after spawn.
 * Resolves with { code, signal, lines, stderr } when it has ended.
 */
export function runChild(script, args, { killAfterMs = null, onLine = () => undefined } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    const lines = [];
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        onLine(line, (ms) => setTimeout(() => child.kill('SIGKILL'), ms));
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, lines, stderr });
    });
  });
}
