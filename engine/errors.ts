import type { CommandErrorKind } from './contract/result.js';

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

/**
 * What each engine failure is called when it crosses to a UI: mapped by kind, so an unwritable
 * journal from `run.start` says storage, not "graph invalid".
 */
export const COMMAND_ERROR_OF: Readonly<Record<EngineErrorKind, CommandErrorKind>> = {
  pipeline_invalid: 'graph_invalid',
  pipeline_unreadable: 'not_found',
  journal_newer: 'storage',
  journal_corrupt: 'storage',
  journal_unwritable: 'storage',
  journal_mismatch: 'storage',
  journal_invalid: 'storage',
  journal_in_use: 'busy',
  journal_full: 'storage',
  journal_gone: 'storage',
  out_dir_unwritable: 'storage',
  run_unfinished: 'busy',
  usage: 'invalid_payload',
};

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
