import { useReactFlow } from '@xyflow/react';
import { useRef, useState, type ChangeEvent } from 'react';
import { useReadOnly } from '../store/selectors';
import { addPhotos } from './add-photos';
import './photos.css';

/**
 * "Add photos…": the file input (any host; Electron's file input works too), each photo a new
 * load node in the middle of the canvas. The input stays in the page, hidden, so tests and
 * assistive tools can reach it by its test id.
 */
export function AddPhotosButton() {
  const input = useRef<HTMLInputElement>(null);
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  const { screenToFlowPosition } = useReactFlow();

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // choosing the same file again is a new change
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas ? { x: canvas.left + canvas.width / 3, y: canvas.top + canvas.height / 2 } : { x: 0, y: 0 };
    setBusy(true);
    try {
      await addPhotos(files, screenToFlowPosition(centre));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="add-photos"
        data-testid="add-photos"
        disabled={readOnly || busy}
        onClick={() => input.current?.click()}
        title="Add photos of your own: each becomes a load node (you can also drop image files onto the canvas)"
      >
        {busy ? 'Adding photos…' : '+ Add photos…'}
      </button>
      <input ref={input} type="file" accept="image/*" multiple hidden data-testid="photo-upload" onChange={(e) => void onChange(e)} />
    </>
  );
}
