import { spawn } from 'node:child_process';

/**
 * Busy loops that keep the CPUs saturated while something is measured or tested under load (the
 * loaded e2e run, the loaded suggestion bench). Each loop is a child process that ends by itself
 * after `maxSeconds` even if this process is killed before it can stop them, so a crash never
 * leaves a machine (shared with others) spinning.
 */
export function startCpuLoad(count, { maxSeconds = 900 } = {}) {
  const code = `const end = Date.now() + ${Math.round(maxSeconds * 1000)}; while (Date.now() < end) { for (let i = 0; i < 1e6; i++); }`;
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' }));
  const stop = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.once('exit', stop);
  return {
    pids: children.map((c) => c.pid),
    async stop() {
      const exits = children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => c.once('exit', r)));
      stop();
      await Promise.all(exits);
      process.off('exit', stop);
    },
  };
}
