import type { WorkerView } from '@contract';
import { memo, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { themeColours } from '../canvas/theme-colours';
import { useEngineReady } from '../store/selectors';
import { useFaultline } from '../store/store';
import type { WorkerSpan } from '../store/types';

/** How much history each lane's timeline shows. */
const WINDOW_MS = 30_000;

/** The timeline's right edge: now while a run is active, else the last thing that happened. */
function useTimelineEnd(): number {
  const active = useFaultline((s) => s.run?.status === 'running' || s.run?.status === 'paused');
  const scrubAt = useFaultline((s) => (s.replay.mode === 'scrub' ? (s.replay.state?.at ?? null) : null));
  const lastAt = useFaultline((s) => s.journal.at(-1)?.at ?? 0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active || scrubAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active, scrubAt]);
  return scrubAt ?? (active ? Math.max(now, lastAt) : lastAt || now);
}

/**
 * A lane's last 30 s drawn on one <canvas>: a busy batch puts thousands of spans in the window,
 * and as DOM elements restyled on every engine batch they cost the page most of its frames.
 */
const Timeline = memo(function Timeline({ spans, end }: { spans: WorkerSpan[]; end: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (!element || !g) return;
    const ratio = window.devicePixelRatio || 1;
    const { clientWidth: width, clientHeight: height } = element;
    if (element.width !== width * ratio || element.height !== height * ratio) [element.width, element.height] = [width * ratio, height * ratio];
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const colours = themeColours().status;
    const start = end - WINDOW_MS;
    for (const span of spans) {
      const from = Math.max(span.start, start);
      const to = Math.min(span.end ?? end, end);
      if (to < start || from > end) continue;
      g.fillStyle = colours[span.end === null || span.end > end ? 'running' : (span.outcome ?? 'running')];
      g.fillRect(((from - start) / WINDOW_MS) * width, 3, Math.max(1, ((to - from) / WINDOW_MS) * width), height - 6);
    }
  }, [spans, end]);
  // The lane passes only the spans inside the window.
  return (
    <canvas
      ref={canvas}
      className="timeline"
      data-testid="worker-timeline"
      data-spans={spans.length}
      title={`${spans.length} tasks in the last 30 s`}
    />
  );
});

/**
 * A lane's thread health (state, restarts, last exit) comes from the workers event; what it
 * runs comes from the journal's open span, which is current to the last 50 ms batch.
 */
const Lane = memo(function Lane({
  worker,
  pastTask,
  end,
  reachable,
}: {
  worker: WorkerView;
  pastTask: string | null | undefined;
  end: number;
  reachable: boolean;
}) {
  const spans = useFaultline(useShallow((s) => s.workerSpans.filter((span) => span.worker === worker.id && (span.end ?? end) >= end - WINDOW_MS)));
  const held = pastTask !== undefined ? pastTask : (spans.find((span) => span.end === null)?.nodeId ?? null);
  // A lost engine's threads are lost with it: claim nothing about them.
  const task = reachable ? held : null;
  const state = !reachable ? 'unknown' : worker.state === 'idle' || worker.state === 'busy' ? (task ? 'busy' : 'idle') : worker.state;
  return (
    <div className={`lane worker-${state}`} data-testid="worker-lane" data-worker-id={worker.id} data-state={state}>
      <div className="lane-head">
        <span className="lane-name">W{worker.id}</span>
        <span className="lane-state">{state}</span>
      </div>
      <div className="lane-task" title={task ?? ''} data-testid="worker-task">
        {task ?? <span className="muted">{reachable ? 'idle' : 'unknown'}</span>}
      </div>
      <Timeline spans={spans} end={end} />
      <div className="lane-stats">
        <span title="tasks done">{worker.tasksDone} done</span>
        <span
          className={worker.restarts > 0 ? 'restarts hot' : 'restarts'}
          title={worker.lastExit ?? 'never restarted'}
          data-testid="worker-restarts"
        >
          {worker.restarts} restart{worker.restarts === 1 ? '' : 's'}
        </span>
      </div>
    </div>
  );
});

/** One lane per worker thread: what it runs now, its restarts, and the last 30 s of work. */
export function WorkersPanel() {
  const workers = useFaultline((s) => s.workers);
  const pastTasks = useFaultline((s) => (s.replay.mode === 'scrub' ? s.replay.state?.workers : undefined));
  const end = useTimelineEnd();
  const reachable = useEngineReady();
  return (
    <section className="panel workers" aria-label="workers" data-testid="workers-panel">
      <h2 className="panel-title">
        Workers <span className="muted">last {WINDOW_MS / 1000} s</span>
      </h2>
      <div className="lanes">
        {workers.length === 0 && <p className="muted">No worker threads yet: they start with the first run.</p>}
        {workers.map((w) => (
          <Lane
            key={w.id}
            worker={w}
            pastTask={pastTasks ? (pastTasks.find((p) => p.id === w.id)?.task ?? null) : undefined}
            end={end}
            reachable={reachable}
          />
        ))}
      </div>
    </section>
  );
}
