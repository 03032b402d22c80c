import type { OutputView } from '@contract';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { currentPlatform, send } from '../store/engine-client';
import { notifyError } from '../store/notices';
import { useFaultline } from '../store/store';
import { closeViewer, useViewer } from './viewer-store';
import { actualView, fitView, zoomAt, type View } from './zoom';
import './viewer.css';

type Loaded = { id: string; output: OutputView; input: { id: string; output: OutputView } | null };

/** The output, and the first input's for before/after (none for a photo, or an input not done). */
async function load(id: string): Promise<Loaded | string> {
  const output = await send('task.output', { id }, { quiet: true });
  if (!output.ok) return output.error.message;
  const inputId = firstInputOf(id);
  const input = inputId ? await send('task.output', { id: inputId }, { quiet: true }) : null;
  return { id, output: output.value, input: inputId && input?.ok ? { id: inputId, output: input.value } : null };
}

/** A photo's task of a mapped node (`<node>@<key>`) compares with the same photo's task upstream. */
function firstInputOf(id: string): string | undefined {
  const { tasks } = useFaultline.getState();
  const [node = id, key] = id.split('@');
  const input = tasks[node]?.inputs[0];
  return input && key !== undefined && tasks[input]?.items ? `${input}@${key}` : input;
}

const ZOOM_STEP = 1.25;

/**
 * The full-size viewer: a node's output at its real pixel size, zoom (wheel, buttons) and pan
 * (drag), 1:1 and fit, what it is (size, format, checksum, where it is), before/after against
 * the first input with a split slider, and a way to take it away (download, show in folder).
 */
export function OutputViewer() {
  const id = useViewer((s) => s.id);
  const contentKey = useFaultline((s) => (id ? (s.tasks[id]?.contentKey ?? null) : null));
  const [loaded, setLoaded] = useState<Loaded | string | null>(null);

  useEffect(() => {
    if (!id) return setLoaded(null);
    let current = true;
    setLoaded(null);
    void load(id).then((result) => current && setLoaded(result));
    return () => {
      current = false;
    };
  }, [id, contentKey]);

  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeViewer();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);

  if (!id) return null;
  return (
    <div
      className="viewer-backdrop"
      data-testid="output-viewer"
      data-node-id={id}
      onPointerDown={(e) => e.target === e.currentTarget && closeViewer()}
    >
      <div className="viewer" role="dialog" aria-label={`output of ${id}`}>
        {loaded === null && <div className="viewer-message">Loading the output of {id}…</div>}
        {typeof loaded === 'string' && (
          <div className="viewer-message" data-testid="viewer-error">
            {loaded}
          </div>
        )}
        {loaded !== null && typeof loaded !== 'string' && <ViewerBody loaded={loaded} />}
        <button type="button" className="viewer-close" data-testid="viewer-close" onClick={closeViewer} title="Close (Esc)">
          ×
        </button>
      </div>
    </div>
  );
}

function ViewerBody({ loaded }: { loaded: Loaded }) {
  const { id, output, input } = loaded;
  const stage = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View | null>(null);
  const [split, setSplit] = useState<number | null>(null);
  const drag = useRef<{ x: number; y: number; view: View } | null>(null);

  const stageSize = () => ({ width: stage.current?.clientWidth ?? 800, height: stage.current?.clientHeight ?? 600 });
  const fit = useCallback(() => setView(fitView(output, stageSize())), [output]);
  useLayoutEffect(fit, [fit]);

  const onWheel = (e: WheelEvent) => {
    if (!view || !stage.current) return;
    const box = stage.current.getBoundingClientRect();
    setView(zoomAt(view, e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, { x: e.clientX - box.left, y: e.clientY - box.top }));
  };
  const onPointerDown = (e: PointerEvent) => {
    if (!view) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, view };
  };
  const onPointerMove = (e: PointerEvent) => {
    const from = drag.current;
    if (from) setView({ ...from.view, x: from.view.x + e.clientX - from.x, y: from.view.y + e.clientY - from.y });
  };
  const zoomBy = (factor: number) => view && setView(zoomAt(view, factor, { x: stageSize().width / 2, y: stageSize().height / 2 }));

  const box = view
    ? { left: view.x, top: view.y, width: output.width * view.scale, height: output.height * view.scale }
    : { visibility: 'hidden' as const };
  return (
    <>
      <div className="viewer-toolbar">
        <span className="viewer-title">{id}</span>
        <button type="button" className="button" data-testid="viewer-fit" onClick={fit} title="The whole image">
          Fit
        </button>
        <button
          type="button"
          className="button"
          data-testid="viewer-actual"
          onClick={() => setView(actualView(output, stageSize()))}
          title="One image pixel per screen pixel"
        >
          1:1
        </button>
        <button type="button" className="button" onClick={() => zoomBy(1 / ZOOM_STEP)} title="Zoom out (wheel)">
          −
        </button>
        <span className="viewer-zoom" data-testid="viewer-zoom">
          {view ? `${Math.round(view.scale * 100)}%` : ''}
        </span>
        <button type="button" className="button" onClick={() => zoomBy(ZOOM_STEP)} title="Zoom in (wheel)">
          +
        </button>
        {input && (
          <label className="viewer-compare" title={`Before: ${input.id}, this node's first input. Drag the slider to move the split.`}>
            <input
              type="checkbox"
              data-testid="viewer-compare"
              checked={split !== null}
              onChange={(e) => setSplit(e.currentTarget.checked ? 50 : null)}
            />
            before/after
            {split !== null && (
              <input
                type="range"
                min={0}
                max={100}
                value={split}
                data-testid="viewer-split"
                aria-label="split between the input (left) and the output (right)"
                onChange={(e) => setSplit(Number(e.currentTarget.value))}
              />
            )}
          </label>
        )}
        <span className="spacer" />
        <TakeAway id={id} output={output} />
      </div>
      <div
        ref={stage}
        className="viewer-stage"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onDoubleClick={fit}
      >
        {input && split !== null && (
          <img
            className="viewer-image"
            data-testid="output-before"
            src={input.output.dataUrl}
            alt={`input ${input.id}`}
            style={box}
            draggable={false}
          />
        )}
        <img
          className="viewer-image"
          data-testid="output-view"
          src={output.dataUrl}
          alt={`output of ${id}`}
          style={{ ...box, ...(split !== null && input ? { clipPath: `inset(0 0 0 ${split}%)` } : {}) }}
          draggable={false}
        />
        {input && split !== null && (
          <div
            className="viewer-split-line"
            style={view ? { left: view.x + (output.width * view.scale * split) / 100, top: view.y, height: output.height * view.scale } : {}}
          >
            <span>{input.id}</span>
            <span>{id}</span>
          </div>
        )}
      </div>
      <dl className="viewer-facts" data-testid="viewer-facts">
        <dt>size</dt>
        <dd data-testid="viewer-size">
          {output.width} × {output.height}
        </dd>
        <dt>format</dt>
        <dd>
          {output.format}, {formatBytes(output.bytes)}
        </dd>
        <dt>sha256</dt>
        <dd className="mono" title={output.sha256}>
          {output.sha256.slice(0, 16)}…
        </dd>
        <dt>{output.exportedTo ? 'exported to' : 'stored at'}</dt>
        <dd className="mono path" data-testid="viewer-path" title={output.exportedTo ?? output.path}>
          {output.exportedTo ?? output.path}
        </dd>
      </dl>
    </>
  );
}

/** Browser: a download of the PNG shown. Desktop: the file itself, in the system's file manager. */
function TakeAway({ id, output }: { id: string; output: OutputView }) {
  const platform = currentPlatform();
  if (platform.showInFolder) {
    const show = platform.showInFolder;
    return (
      <button
        type="button"
        className="button"
        data-testid="viewer-show-in-folder"
        onClick={() => void show(output.exportedTo ?? output.path).then((r) => !r.ok && notifyError('show in folder', r.error))}
      >
        Show in folder
      </button>
    );
  }
  return (
    <a className="button" data-testid="viewer-download" href={output.dataUrl} download={`${id}.png`}>
      Download PNG
    </a>
  );
}

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
