/**
 * Headless Chromium (Debian's `chromium`, installed by .ci/run where missing):
 * the DOM a page renders once its scripts have run, and screenshots for docs.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const BINARIES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The browser's command, or a clear error saying how to get one. */
export function chromium(): string {
  for (const bin of BINARIES) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return bin;
    } catch {
      // try the next name
    }
  }
  throw new Error('headless Chromium is needed for the explorer tests: apt-get install chromium (.ci/run does)');
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'];

/** The DOM of a local HTML file after its scripts ran, serialised. */
export function renderedDom(file: string): string {
  return execFileSync(chromium(), [...FLAGS, '--virtual-time-budget=2000', '--dump-dom', pathToFileURL(file).href], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
}

/** A PNG screenshot of a local HTML file. */
export function screenshot(file: string, out: string, size = '1200,760'): void {
  execFileSync(chromium(), [...FLAGS, '--hide-scrollbars', `--window-size=${size}`, `--screenshot=${out}`, pathToFileURL(file).href], { stdio: 'ignore', timeout: 60_000 });
}
