/**
 * Where results go: standard output or a file, written through a buffer (many small writes to a pipe are
 * slow), flushed at the end. A closed pipe (`| head`) ends the output quietly.
 */
import { createWriteStream, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { TextOut } from '../sinks/sink.js';
import { UsageError } from './errors.js';

export class BufferedOut implements TextOut {
  private parts: string[] = [];
  private size = 0;
  private closed = false;
  /** A write that failed (a full disk): reported by close(), not thrown from the stream's event. */
  private failure: NodeJS.ErrnoException | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly name = 'standard output',
  ) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.closed = true;
      if (e.code !== 'EPIPE') this.failure = e;
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
    const settled = (resolve: () => void) => (e?: NodeJS.ErrnoException | null) => {
      if (e && e.code !== 'EPIPE') this.failure ??= e;
      resolve();
    };
    // Standard output stays open; a last empty write calls back once the writes before it are done.
    if (this.stream === process.stdout) {
      if (!this.closed) await new Promise<void>((resolve) => this.stream.write('', settled(resolve)));
    } else await new Promise<void>((resolve) => this.stream.end(settled(resolve)));
    if (this.failure)
      throw new Error(`${this.name}: cannot be written (${this.failure.code ?? this.failure.message})`);
  }
}

/** Standard output, or the file `path`, opened now: a path that cannot be written is a usage mistake. */
export function openOutput(path: string | undefined): BufferedOut {
  if (!path || path === '-') return new BufferedOut(process.stdout);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`--output: ${path}: cannot be written (${err.code ?? err.message})`);
  }
  return new BufferedOut(createWriteStream(path, { fd }), path);
}
