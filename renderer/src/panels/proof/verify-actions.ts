import { send } from '../../store/engine-client';
import { notifyError } from '../../store/notices';

const AUTO_KEY = 'faultline.verifyAfterEveryRun';

/**
 * Starts a verification; its progress and verdict arrive as `verify` events. A cancel is no
 * error, nor is finding one already running when this page verifies by itself (another open
 * page asked first).
 */
export async function verifyRun(by: 'hand' | 'auto' = 'hand'): Promise<void> {
  const result = await send('run.verify', {}, { quiet: true });
  if (result.ok || result.error.kind === 'cancelled' || (by === 'auto' && result.error.kind === 'busy')) return;
  notifyError('Verify', result.error);
}

export const cancelVerification = () => void send('run.verifyCancel', {}, { quiet: true });

/** Opt-in, kept by this browser: most people verify once, by hand, to see it. */
export const verifyAfterEveryRun = (): boolean => localStorage.getItem(AUTO_KEY) === 'yes';
export const setVerifyAfterEveryRun = (on: boolean) => localStorage.setItem(AUTO_KEY, on ? 'yes' : 'no');
