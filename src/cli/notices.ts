/**
 * Messages for people on stderr: notices (`kqlhunt: ...`), and progress that rewrites one line on a
 * terminal and stays silent when stderr is a file or pipe.
 */
import { groupThousands } from '../sinks/numbers.js';

export interface Notices {
  notice(message: string): void;
  progress(message: string): void;
  /** Clears any progress line. */
  done(): void;
}

export function stderrNotices(quiet: boolean): Notices {
  const tty = process.stderr.isTTY === true;
  let progressShown = false;
  let last = 0;
  const clear = () => {
    if (progressShown) {
      process.stderr.write('\r\x1b[K');
      progressShown = false;
    }
  };
  return {
    notice(message) {
      if (quiet) return;
      clear();
      process.stderr.write(`kqlhunt: ${message}\n`);
    },
    progress(message) {
      if (quiet || !tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[K${message.slice(0, (process.stderr.columns ?? 80) - 1)}`);
      progressShown = true;
    },
    done: clear,
  };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${groupThousands(n)} ${n === 1 ? word : many}`;
}
