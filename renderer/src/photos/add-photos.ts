import { addNodes } from '../store/edits';
import { currentPlatform } from '../store/engine-client';
import { notify } from '../store/notices';

/** Load nodes for photos added together sit side by side, this far apart (a node is ~220 px wide). */
const FAN_OUT_PX = 260;

/**
 * Stores each photo in the workspace (upload or IPC, by host) and adds a load node for every one
 * the engine accepted, fanned out from `at`, as one undo step. Every file goes to the engine,
 * whatever its name or type says: it decodes the bytes, and each refusal is said by name. A
 * refused photo adds nothing and changes nothing.
 */
export async function addPhotos(files: File[], at: { x: number; y: number }): Promise<string[]> {
  const stored = [];
  for (const file of files) {
    const result = await currentPlatform().addPhoto(file);
    if (result.ok) stored.push(result.value);
    else notify('error', result.error.message);
  }
  if (stored.length === 0) return [];
  const nodes = stored.map((photo, i) => ({
    op: 'load',
    params: { path: photo.path },
    position: { x: Math.round(at.x + i * FAN_OUT_PX), y: Math.round(at.y) },
  }));
  const ids = await addNodes(nodes, stored.length === 1 ? `add photo ${stored[0]!.name}` : `add ${stored.length} photos`);
  const repeats = stored.filter((p) => p.duplicate).map((p) => p.name);
  if (repeats.length > 0) notify('info', `already in the workspace, not stored again: ${repeats.join(', ')}`);
  return ids;
}
