import { dialog, type BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail, ok, PipelineFileSchema, resultOf, type CommandName, type Result, type Snapshot } from '../engine/contract/index.js';
import { dispatchCommand } from '../engine/host/dispatch.js';
import type { EngineApi } from '../engine/host/engine-api.js';
import type { SavedGif, SavedPipeline } from './bridge-api.js';
import { absolutizeLoadPaths } from './pipeline-paths.js';

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The native-dialog half of the bridge. Each returns `ok(null)` when the person cancels, and
 * every failure (unreadable file, invalid pipeline, engine refusal) as data.
 */
export function createFileDialogs(engine: EngineApi, window: () => BrowserWindow | null) {
  // Through the same gate as the page's own commands: payloads from the page are untrusted.
  const run = async <K extends CommandName>(name: K, payload: unknown) => resultOf(name, await dispatchCommand(engine, name, payload));
  const saveDialog = (options: Electron.SaveDialogOptions) => {
    const parent = window();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  };
  const openDialog = (options: Electron.OpenDialogOptions) => {
    const parent = window();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };

  async function savePipeline(): Promise<Result<SavedPipeline | null>> {
    const exported = await run('graph.export', {});
    if (!exported.ok) return exported;
    const pipeline = exported.value;
    const options = { defaultPath: `${pipeline.name}.json`, filters: [{ name: 'Faultline pipeline', extensions: ['json'] }] };
    const target = await saveDialog(options);
    if (target.canceled || !target.filePath) return ok(null);
    try {
      await writeFile(target.filePath, `${JSON.stringify(pipeline, null, 2)}\n`);
      return ok({ savedAs: target.filePath });
    } catch (e) {
      return fail('internal', `cannot write ${target.filePath}: ${describe(e)}`);
    }
  }

  async function chooseFile(filters: Electron.FileFilter[]): Promise<string | null> {
    const chosen = await openDialog({ properties: ['openFile'], filters });
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  }

  async function openPipeline(): Promise<Result<Snapshot | null>> {
    const path = await chooseFile([{ name: 'Faultline pipeline', extensions: ['json'] }]);
    if (!path) return ok(null);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      return fail('graph_invalid', `${path} is not a readable JSON file: ${describe(e)}`);
    }
    const parsed = PipelineFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('graph_invalid', `${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not a pipeline file'}`.trim());
    }
    return run('graph.replace', { pipeline: absolutizeLoadPaths(parsed.data, dirname(path)) });
  }

  async function exportGif(options: unknown): Promise<Result<SavedGif | null>> {
    const rendered = await run('replay.exportGif', options);
    if (!rendered.ok) return rendered;
    const gif = rendered.value;
    const base64 = /^data:image\/gif;base64,(.*)$/s.exec(gif.dataUrl)?.[1];
    if (base64 === undefined) return fail('internal', 'the engine did not return a GIF');
    const saveOptions = { defaultPath: 'faultline-run.gif', filters: [{ name: 'GIF', extensions: ['gif'] }] };
    const target = await saveDialog(saveOptions);
    if (target.canceled || !target.filePath) return ok(null);
    try {
      await writeFile(target.filePath, Buffer.from(base64, 'base64'));
      return ok({ savedAs: target.filePath, bytes: gif.bytes, frames: gif.frames });
    } catch (e) {
      return fail('internal', `cannot write ${target.filePath}: ${describe(e)}`);
    }
  }

  async function pickPhoto(): Promise<Result<string | null>> {
    return ok(await chooseFile([{ name: 'Photos', extensions: ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'gif', 'avif'] }]));
  }

  return { savePipeline, openPipeline, exportGif, pickPhoto };
}
