/**
 * Where results go: standard output or a file, written through a buffer (many small writes to a pipe are
 * slow), flushed at the end. A closed pipe (`| head`) ends the output quietly.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { TextOut } from '../sinks/sink.js';

export class BufferedOut implements TextOut {
  private parts: string[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0 || this.closed) return;
    this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Flushes and waits until everything is handed to the OS. */
  async close(): Promise<void> {
    this.flush();
    if (this.stream === process.stdout) {
      await new Promise<void>((resolve) =>
        this.stream.writableNeedDrain ? this.stream.once('drain', resolve) : resolve(),
      );
      return;
    }
    await new Promise<void>((resolve, reject) =>
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
}

export function openOutput(path: string | undefined): BufferedOut {
  if (!path || path === '-') return new BufferedOut(process.stdout);
  return new BufferedOut(createWriteStream(path));
}
