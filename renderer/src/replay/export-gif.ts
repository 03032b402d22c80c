import { currentPlatform } from '../store/engine-client';
import { notify } from '../store/notices';
import { useFaultline } from '../store/store';

const GIF = { width: 800, fps: 8, speed: 4 } as const;

/** Renders the run as a GIF; progress arrives as `export` events while the command runs. */
export async function exportGif(): Promise<void> {
  if (useFaultline.getState().gifExport?.finished === false) return;
  useFaultline.setState({ gifExport: { done: 0, total: 0, finished: false, error: null } });
  const result = await currentPlatform().exportGif(GIF);
  if (!result.ok) {
    useFaultline.setState({ gifExport: { done: 0, total: 0, finished: true, error: result.error.message } });
    return;
  }
  useFaultline.setState((s) => ({ gifExport: { done: s.gifExport?.total ?? 1, total: s.gifExport?.total ?? 1, finished: true, error: null } }));
  if (result.value) notify('info', `GIF saved: ${result.value.savedAs} (${result.value.frames} frames, ${Math.round(result.value.bytes / 1024)} KB)`);
  setTimeout(() => useFaultline.setState((s) => (s.gifExport?.finished && !s.gifExport.error ? { gifExport: null } : {})), 4_000);
}
