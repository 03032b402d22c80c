import { fail, PipelineFileSchema, type Result, type Snapshot } from '@contract';
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

/** Browser mode: files go through downloads and the file picker; photo paths are typed. */
export function createBrowserPlatform(transport: Transport): Platform {
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
  };
}
