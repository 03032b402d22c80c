/** Why a replay export cannot be made; hosts turn the kind into their own error data. */
export type ReplayErrorKind = 'no_events' | 'too_many_frames';

export class ReplayError extends Error {
  constructor(
    readonly kind: ReplayErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}
