import { useEffect, useState } from 'react';
import { send } from '../store/engine-client';

/** Outputs are content-addressed, so a thumbnail for a content key never changes: cache forever. */
const cache = new Map<string, Promise<string | null>>();

function thumbnailFor(id: string, contentKey: string, size: number): Promise<string | null> {
  const key = `${contentKey}@${size}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = send('task.thumbnail', { id, size }, { quiet: true }).then((r) => (r.ok ? r.value.dataUrl : null));
    // A miss (output not readable right now) is not remembered: the next render may try again.
    void pending.then((url) => url === null && cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** The data URL of a completed task's output, or null while there is none. */
export function useThumbnail(id: string, contentKey: string | null, enabled: boolean, size = 96): string | null {
  const [url, setUrl] = useState<{ key: string; url: string | null } | null>(null);
  const key = enabled && contentKey ? `${contentKey}@${size}` : null;
  useEffect(() => {
    if (!key || !contentKey) return;
    let current = true;
    void thumbnailFor(id, contentKey, size).then((dataUrl) => current && setUrl({ key, url: dataUrl }));
    return () => {
      current = false;
    };
  }, [id, contentKey, key, size]);
  return key && url?.key === key ? url.url : null;
}
