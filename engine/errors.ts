/**
 * Failures of the engine itself (not of one task), as typed data. The CLI prints the kind and
 * message and exits non-zero; hosts send them to the UI as `{ok:false, error}`.
 */
export type EngineErrorKind =
  | 'pipeline_invalid'
  | 'pipeline_unreadable'
  | 'journal_newer'
  | 'journal_corrupt'
  | 'journal_unwritable'
  | 'journal_mismatch'
  | 'journal_invalid'
  | 'journal_in_use'
  | 'journal_full'
  | 'journal_gone'
  | 'out_dir_unwritable'
  | 'run_unfinished'
  | 'usage';

/** The journal's storage failed (disk full, damaged, unwritable, deleted): its own exit code, 3. */
export const STORAGE_ERRORS: ReadonlySet<EngineErrorKind> = new Set(['journal_full', 'journal_corrupt', 'journal_unwritable', 'journal_gone']);

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** One line per problem, each naming the node or file concerned. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'EngineError';
  }

  describe(): string {
    return [this.message, ...this.details.map((d) => `  - ${d}`)].join('\n');
  }
}
