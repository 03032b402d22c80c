import { useIsScrubbing } from '../../store/selectors';
import { useFaultline } from '../../store/store';

/**
 * Where a finished sink's output was exported (OUT/<id>.png; a mapped sink's photos under
 * OUT/<id>/), so a person knows which file to take away without opening the viewer.
 */
export function SinkExport({ id }: { id: string }) {
  const outDir = useFaultline((s) => s.run?.outDir ?? null);
  const isSink = useFaultline((s) => !Object.values(s.tasks).some((t) => t.inputs.includes(id)));
  const mapped = useFaultline((s) => s.tasks[id]?.items != null);
  const done = useFaultline((s) => s.tasks[id]?.status === 'completed' || (s.tasks[id]?.items?.completed ?? 0) > 0);
  // Replaying, the node is shown as it was then: where its file is now is not part of that.
  const scrubbing = useIsScrubbing();
  if (!outDir || !isSink || !done || scrubbing) return null;
  const sep = outDir.includes('\\') ? '\\' : '/';
  const path = mapped ? `${outDir}${sep}${id}${sep}` : `${outDir}${sep}${id}.png`;
  return (
    <p className="sink-export">
      {mapped ? 'exported under ' : 'exported to '}
      <code data-testid="sink-export" title={path}>
        {path}
      </code>
    </p>
  );
}
