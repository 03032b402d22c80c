import type { PhotoChoice } from '@contract';
import { useEffect, useState } from 'react';
import { send } from '../store/engine-client';

/** The id a load node's path input names in its `list` attribute. */
export const PHOTO_CHOICES_ID = 'photo-choices';

/**
 * The files a load node may point at (the pipeline's folder, the photo store, every --allow
 * folder), as a datalist the path field completes from. Asked for when the field appears, so
 * a photo added a moment ago is offered.
 */
export function PhotoChoices() {
  const [choices, setChoices] = useState<PhotoChoice[]>([]);
  useEffect(() => {
    let current = true;
    void send('photos.list', {}, { quiet: true }).then((r) => current && r.ok && setChoices(r.value.photos));
    return () => {
      current = false;
    };
  }, []);
  return (
    <datalist id={PHOTO_CHOICES_ID} data-testid="photo-choices">
      {choices.map((c) => (
        <option key={c.path} value={c.path} />
      ))}
    </datalist>
  );
}
