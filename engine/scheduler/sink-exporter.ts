import { existsSync, mkdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportState, FailureKind } from '../contract/index.js';
import { linkFileAtomic } from '../workers/atomic-write.js';
import { sha256 } from '../workers/checksum.js';
import { insideFolder } from '../workers/inside-folder.js';

export interface ExportProblem {
  kind: FailureKind;
  message: string;
}

/** What an export looked like when this engine made it: same inode, size and mtime = untouched. */
interface ExportMark {
  checksum: string;
  ino: number;
  size: number;
  mtimeMs: number;
}

const markOf = (checksum: string, s: Stats): ExportMark => ({ checksum, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs });

/**
 * Each sink's output lands as DIR/<nodeId>.png (a mapped sink: DIR/<nodeId>/<photo>.png), linked to its content-keyed object only when
 * the object's bytes are known to match the checksum in the journal: a damaged object is never
 * exported.
 */
export class SinkExporter {
  /** Exports verified and made by this engine, so the check at run end need not re-read them. */
  private readonly made = new Map<string, ExportMark>();
  /**
   * Where further exports of an object are linked from, once the object itself has no links
   * left (ext4 allows 65,000): a spare name in the object store for the copy made then, which
   * only the engine touches (an export may be replaced by its user). So 200,000 identical
   * sinks cost four files, not 135,000 copies.
   */
  private readonly linkSources = new Map<string, string>();
  private readonly spares = new Map<string, number>();

  constructor(
    private readonly outDir: string,
    private readonly durable: boolean,
  ) {}

  /** `name`: a node id, or `<node>/<photo path>` for a mapped sink (see exportNameOf). */
  exportPath(name: string): string {
    return insideFolder(this.outDir, `${name}.png`);
  }

  /** `knownGood`: the caller has just written or verified the object, so it is not read again. */
  exportSink(name: string, objectPath: string, checksum: string | null, knownGood = false): ExportProblem | null {
    this.made.delete(name);
    const problem = knownGood ? null : this.verify(objectPath, checksum);
    if (problem) return problem;
    const path = this.exportPath(name);
    if (name.includes('/')) mkdirSync(dirname(path), { recursive: true });
    const source = this.linkSources.get(objectPath);
    const from = source !== undefined && existsSync(source) ? source : objectPath;
    if (linkFileAtomic(from, path, this.durable) === 'copied: source full') this.keepSpare(objectPath, path);
    this.made.set(name, markOf(checksum!, statSync(path)));
    return null;
  }

  private keepSpare(objectPath: string, copy: string): void {
    const count = (this.spares.get(objectPath) ?? 0) + 1;
    const spare = `${objectPath}.links-${count}`;
    // Replaces a spare an earlier process left under that name; a copy where links are refused.
    linkFileAtomic(copy, spare, this.durable);
    this.spares.set(objectPath, count);
    this.linkSources.set(objectPath, spare);
  }

  /** What the export of a sink looks like on disk now, against the checksum its task journaled. */
  stateOf(name: string, checksum: string | null): ExportState {
    try {
      return sha256(readFileSync(this.exportPath(name))) === checksum ? 'ok' : 'damaged';
    } catch {
      return 'missing';
    }
  }

  /** Re-exports a sink whose exported file is missing or differs from its object. */
  ensureExport(name: string, objectPath: string, checksum: string | null): ExportProblem | null {
    if (checksum !== null && this.untouchedSinceMade(name, checksum)) return null;
    try {
      if (sha256(readFileSync(this.exportPath(name))) === checksum) return null;
    } catch {
      // missing: export below
    }
    return this.exportSink(name, objectPath, checksum);
  }

  private untouchedSinceMade(name: string, checksum: string): boolean {
    const mark = this.made.get(name);
    if (!mark || mark.checksum !== checksum) return false;
    try {
      const now = markOf(checksum, statSync(this.exportPath(name)));
      return now.ino === mark.ino && now.size === mark.size && now.mtimeMs === mark.mtimeMs;
    } catch {
      return false;
    }
  }

  private verify(path: string, checksum: string | null): ExportProblem | null {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return { kind: 'input_missing', message: 'output file vanished before export' };
    }
    if (sha256(data) !== checksum) return { kind: 'input_corrupt', message: 'output fails its checksum before export' };
    return null;
  }
}
