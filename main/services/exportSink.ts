import { createHash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tempPathFor } from './tempFiles';

// An export's output files: each written to a temporary file next to its final name, then renamed
// into place by the exporter once everything was written. Moved from projectExporter.ts.

/** A temporary file written in large pieces, flushed and renamed into place at the end. */
export class Sink {
  private pending: string[] = [];
  private size = 0;
  private readonly hash = createHash('sha256');
  items = 0;
  private constructor(
    readonly final: string,
    readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(final: string): Promise<Sink> {
    const temp = tempPathFor(final);
    return new Sink(final, temp, await open(temp, 'wx'));
  }

  async write(text: string): Promise<void> {
    if (!text) return;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.hash.update(chunk, 'utf8');
    await this.handle.write(chunk);
  }

  /** Flush, sync and close; answers the SHA-256 of everything written (for the dataset card). */
  async finish(): Promise<string> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    return this.hash.digest('hex');
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.temp).catch(() => undefined);
  }
}

/** A whole small file (card, sidecar) written to a temporary file next to its final name. */
export async function smallFile(final: string, text: string): Promise<{ sink: Sink; sha256: string }> {
  const sink = await Sink.open(final);
  await sink.write(text);
  return { sink, sha256: await sink.finish() };
}
