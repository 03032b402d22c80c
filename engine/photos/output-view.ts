import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fail, ok, type OutputView, type Result } from '../contract/index.js';
import { decodeStored, decodeSource, fromImage, isRaw } from '../ops/image.js';
import { sharp } from '../ops/sharp.js';
import type { EngineHost } from '../scheduler/engine-host.js';
import { sha256 } from '../workers/checksum.js';
import { exportNameOf } from '../batch/item-names.js';

/**
 * A completed task's output at its real size, as a PNG the page can show: a sink's PNG as it is
 * stored, anything else (raw pixels between ops, a photo's own JPEG) decoded as the next op
 * would read it and encoded fast, since it is only looked at.
 */
export async function outputView(engine: EngineHost, id: string): Promise<Result<OutputView>> {
  const node = engine.graph.byNodeId.get(id);
  if (!node) return fail('not_found', `no node ${id}`);
  const { status, outputPath } = node.state;
  if (status !== 'completed' || !outputPath) return fail('not_found', `${id} has no output to show: it is ${status}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(outputPath);
  } catch (e) {
    return fail('not_found', `the output of ${id} cannot be read (${(e as Error).message}): revert ${id} to make it again`);
  }
  try {
    const raw = isRaw(bytes);
    const format = raw ? 'raw pixels' : ((await sharp(bytes).metadata()).format ?? 'unknown');
    const image = raw
      ? await decodeStored(bytes)
      : format === 'png' && engine.graph.isSink(node)
        ? null
        : await decodeSource(bytes, engine.options.maxPixels);
    const png = image ? await fromImage(image).png({ compressionLevel: 1 }).toBuffer() : bytes;
    const size = image ?? (await sharp(bytes).metadata());
    const exported = engine.graph.isSink(node) ? engine.exporter.exportPath(exportNameOf(node)) : null;
    return ok({
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
      width: size.width,
      height: size.height,
      format,
      bytes: bytes.length,
      sha256: sha256(bytes),
      path: outputPath,
      exportedTo: exported && existsSync(exported) ? exported : null,
    });
  } catch (e) {
    return fail('internal', `the output of ${id} cannot be shown: ${(e as Error).message}`);
  }
}
