import type { FaultKind } from '@contract';
import { setChance, setRunSetting, setSeed, setThrottle } from '../store/fault-actions';
import { useEngineReady } from '../store/selectors';
import { useFaultline } from '../store/store';
import { Slider } from '../ui/Slider';

const CHANCES: Array<{ kind: Exclude<FaultKind, 'crash'>; label: string; hint: string }> = [
  { kind: 'error', label: 'Error', hint: 'the op throws; the engine retries with backoff' },
  { kind: 'panic', label: 'Panic', hint: 'the worker thread dies; it is respawned and the task retried' },
  { kind: 'hang', label: 'Hang', hint: 'the op never returns; the timeout kills the thread' },
  { kind: 'missing', label: 'Missing file', hint: "a parent's output vanishes; the parent re-runs" },
  { kind: 'corrupt', label: 'Corrupt output', hint: 'an output is damaged; its checksum catches it' },
];

const percent = (v: number) => `${Math.round(v * 100)}%`;
const millis = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);

function ChanceSlider({ kind, label, hint }: (typeof CHANCES)[number]) {
  const value = useFaultline((s) => s.faults.chances[kind]);
  return (
    <Slider
      label={label}
      hint={hint}
      value={value}
      min={0}
      max={1}
      step={0.01}
      format={percent}
      onChange={(v) => setChance(kind, v)}
      testId={`fault-${kind}`}
    />
  );
}

/** Live fault injection and run settings: every change reaches the engine while it runs. */
export function FaultPanel() {
  const throttleMs = useFaultline((s) => s.faults.throttleMs);
  const seed = useFaultline((s) => s.faults.seed);
  const workers = useFaultline((s) => s.settings.workers);
  const timeoutMs = useFaultline((s) => s.settings.timeoutMs);
  const maxAttempts = useFaultline((s) => s.settings.maxAttempts);
  const ready = useEngineReady();
  return (
    <fieldset className="panel faults" aria-label="faults" disabled={!ready} data-testid="fault-panel">
      <h2 className="panel-title">Fault injection</h2>
      {CHANCES.map((c) => (
        <ChanceSlider key={c.kind} {...c} />
      ))}
      <Slider
        label="Throttle"
        hint="a delay before each op, to watch a run unfold"
        value={throttleMs}
        min={0}
        max={3000}
        step={50}
        format={millis}
        onChange={setThrottle}
        testId="fault-throttle"
      />
      <label className="field-row">
        <span>Seed</span>
        <input
          type="number"
          className="input"
          min={0}
          value={seed}
          data-testid="fault-seed"
          onChange={(e) =>
            Number.isInteger(e.currentTarget.valueAsNumber) && e.currentTarget.valueAsNumber >= 0 && setSeed(e.currentTarget.valueAsNumber)
          }
        />
      </label>
      <h2 className="panel-title">Run settings</h2>
      <Slider
        label="Workers"
        value={workers}
        min={1}
        max={8}
        step={1}
        format={String}
        onChange={(v) => setRunSetting('workers', v)}
        testId="setting-workers"
      />
      <Slider
        label="Task timeout"
        value={timeoutMs}
        min={250}
        max={30_000}
        step={250}
        format={millis}
        onChange={(v) => setRunSetting('timeoutMs', v)}
        testId="setting-timeout"
      />
      <Slider
        label="Max attempts"
        value={maxAttempts}
        min={1}
        max={20}
        step={1}
        format={String}
        onChange={(v) => setRunSetting('maxAttempts', v)}
        testId="setting-max-attempts"
      />
    </fieldset>
  );
}
