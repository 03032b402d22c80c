import type { TaskView } from '@contract';
import { useShallow } from 'zustand/react/shallow';
import { useFaultline } from './store';
import type { FaultlineState } from './types';

export type ShownTask = Pick<
  TaskView,
  'id' | 'op' | 'status' | 'attempt' | 'worker' | 'message' | 'errorKind' | 'errorMessage' | 'contentKey' | 'problem' | 'note' | 'items'
>;

/**
 * A task as the canvas should show it: live, or as of the scrubbed moment. Each node
 * subscribes to its own task only, compared field by field, so one task's change re-renders
 * one node.
 */
export function useShownTask(id: string): ShownTask | null {
  return useFaultline(
    useShallow((s): ShownTask | null => {
      const live = s.tasks[id];
      if (!live) return null;
      const past = s.replay.mode === 'scrub' ? s.replay.tasks[id] : undefined;
      const shown = past ?? live;
      return {
        id,
        op: live.op,
        status: s.replay.mode === 'scrub' && !past ? 'pending' : shown.status,
        problem: s.replay.mode === 'scrub' ? null : live.problem,
        note: live.note,
        attempt: shown.attempt,
        worker: shown.worker,
        message: shown.message,
        errorKind: shown.errorKind,
        errorMessage: shown.errorMessage,
        contentKey: live.contentKey,
        // Scrubbing, a mapped node shows its photos' counts as of that moment.
        items: past?.items ?? live.items,
      };
    }),
  );
}

/** The verdict on the run the page shows, if it was verified (a newer run has none yet). */
export const useVerdict = () => useFaultline((s) => (s.verification && s.verification.runId === s.run?.id ? s.verification : null));

export const useIsScrubbing = () => useFaultline((s) => s.replay.mode === 'scrub');

/** The engine is connected and the page holds its state: only then may a control send anything. */
export const useEngineReady = () => useFaultline((s) => s.connection.kind === 'open' && s.loaded);

/** Editing is for the live, reachable engine: not while scrubbing the past, not while it is gone. */
/** Nothing may be edited: the past is on screen, or there is no engine to take an edit. */
export const isReadOnly = (s: FaultlineState): boolean => s.replay.mode === 'scrub' || s.connection.kind !== 'open' || !s.loaded;
export const useReadOnly = () => useFaultline(isReadOnly);
