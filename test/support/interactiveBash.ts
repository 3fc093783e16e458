// Types text into a real interactive bash, as a terminal would, and reports which `kubectl`
// calls it ran. bash runs under `script` (util-linux), which gives it a pseudo-terminal, so its
// line editor acts on control characters exactly as in the integrated terminal. `kubectl` is a
// shell function recording its arguments: nothing reaches a cluster.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROMPT = 'ONCALL-READY$ ';

/** The kubectl calls bash ran, one per line, after `text` and Enter were typed. */
export async function typeIntoInteractiveBash(text: string, timeoutMs = 10_000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-bash-'));
  const calls = join(dir, 'calls');
  writeFileSync(join(dir, 'rc'), `kubectl() { printf 'kubectl %s\\n' "$*" >> '${calls}'; }\nPS1='${PROMPT}'\n`);
  try {
    await new Promise<void>((resolve, reject) => {
      const shell = `env -i PATH=/usr/bin:/bin HOME='${dir}' TERM=xterm INPUTRC=/dev/null LANG=C.UTF-8 bash --rcfile '${dir}/rc' --noprofile -i`;
      const child = spawn('script', ['-qfec', shell, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`bash did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      let output = '';
      let typed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (typed || !output.includes(PROMPT)) return;
        typed = true;
        child.stdin.write(`${text}\r`);
        // A second prompt means the line ran; then leave.
        const waitForPrompt = () => {
          if (output.split(PROMPT).length > 2) child.stdin.write('exit\r');
          else setTimeout(waitForPrompt, 50);
        };
        setTimeout(waitForPrompt, 100);
      });
      child.on('error', reject);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      return readFileSync(calls, 'utf8').split('\n').filter((line) => line !== '');
    } catch {
      return [];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
