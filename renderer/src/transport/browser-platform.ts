import { fail, PHOTO_UPLOAD, PipelineFileSchema, StoredPhotoSchema, type Result, type Snapshot, type StoredPhoto } from '@contract';
import { z } from 'zod';
import type { Platform } from './platform';
import type { Transport } from './transport';

function download(href: string, filename: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.click();
}

/** Resolves with the chosen file, or null when the person closes the picker. */
function chooseFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.dataset['testid'] = 'pipeline-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

async function readPipeline(transport: Transport, file: File): Promise<Result<Snapshot>> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return fail('graph_invalid', `${file.name} is not JSON`);
  }
  const parsed = PipelineFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('graph_invalid', `${file.name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not a pipeline file'}`.trim());
  }
  return transport.command('graph.replace', { pipeline: parsed.data });
}

/** What the server answers an upload: the stored photo, or why it was refused. */
const UploadAnswerSchema = z.union([
  z.object({ ok: z.literal(true), value: StoredPhotoSchema }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.literal('bad_photo'), message: z.string() }) }),
]);

/** The bytes go as the request body, which the browser streams from disk. */
async function uploadPhoto(file: File, token: string): Promise<Result<StoredPhoto>> {
  try {
    const response = await fetch(PHOTO_UPLOAD.path, {
      method: 'POST',
      headers: { [PHOTO_UPLOAD.tokenHeader]: token, [PHOTO_UPLOAD.nameHeader]: encodeURIComponent(file.name) },
      body: file,
    });
    const answer = UploadAnswerSchema.safeParse(await response.json().catch(() => null));
    return answer.success ? answer.data : fail('internal', `${file.name} was not added: the server answered ${response.status}`);
  } catch (e) {
    return fail('internal', `${file.name} was not added: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Browser mode: files go through downloads and the file picker; photos are uploaded to the server. */
export function createBrowserPlatform(transport: Transport, token: string): Platform {
  return {
    kind: 'browser',
    async savePipeline() {
      const exported = await transport.command('graph.export', {});
      if (!exported.ok) return exported;
      const filename = `${exported.value.name.replace(/[^\w.-]+/g, '-')}.json`;
      const blob = new Blob([`${JSON.stringify(exported.value, null, 2)}\n`], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      download(url, filename);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { ok: true, value: { savedAs: filename } };
    },
    async openPipeline() {
      const file = await chooseFile('.json,application/json');
      return file ? readPipeline(transport, file) : { ok: true, value: null };
    },
    async exportGif(options) {
      const gif = await transport.command('replay.exportGif', options);
      if (!gif.ok) return gif;
      download(gif.value.dataUrl, 'faultline-run.gif');
      return { ok: true, value: { savedAs: 'faultline-run.gif', bytes: gif.value.bytes, frames: gif.value.frames } };
    },
    pickPhoto: null,
    addPhoto: (file) => uploadPhoto(file, token),
    showInFolder: null,
  };
}
