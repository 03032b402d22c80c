import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureKind } from '../contract/index.js';
import { writeFileAtomic } from '../workers/atomic-write.js';
import { sha256 } from '../workers/run-task.js';

export interface ExportProblem {
  kind: FailureKind;
  message: string;
}

/**
 * Each sink's output lands as DIR/<nodeId>.png, copied from its content-keyed object only after
 * the object's bytes match the checksum in the journal: a damaged object is never exported.
 */
export class SinkExporter {
  constructor(
    private readonly outDir: string,
    private readonly durable: boolean,
  ) {}

  exportPath(nodeId: string): string {
    return join(this.outDir, `${nodeId}.png`);
  }

  exportSink(nodeId: string, objectPath: string, checksum: string | null): ExportProblem | null {
    const bytes = this.readVerified(objectPath, checksum);
    if ('kind' in bytes) return bytes;
    writeFileAtomic(this.exportPath(nodeId), [bytes.data], this.durable);
    return null;
  }

  /** Re-exports a sink whose exported file is missing or differs from its object. */
  ensureExport(nodeId: string, objectPath: string, checksum: string | null): ExportProblem | null {
    try {
      if (sha256(readFileSync(this.exportPath(nodeId))) === checksum) return null;
    } catch {
      // missing: export below
    }
    return this.exportSink(nodeId, objectPath, checksum);
  }

  private readVerified(path: string, checksum: string | null): { data: Buffer } | ExportProblem {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return { kind: 'input_missing', message: 'output file vanished before export' };
    }
    if (sha256(data) !== checksum) return { kind: 'input_corrupt', message: 'output fails its checksum before export' };
    return { data };
  }
}
