import { fail, ok } from '@contract';
import { describe, expect, it } from 'vitest';
import type { FaultlineBridge } from '../../../electron/bridge-api';
import { createElectronHost } from './electron-transport';

/** A preload bridge whose command channel answers with this JSON, untyped as a wire's data is. */
function bridgeAnswering(json: string): FaultlineBridge {
  const none = () => Promise.resolve(ok(null));
  return {
    command: () => Promise.resolve(JSON.parse(json)),
    onEvents: () => () => undefined,
    savePipeline: none,
    openPipeline: none,
    exportGif: none,
    pickPhoto: none,
    addPhoto: () => Promise.resolve(fail('bad_photo', 'unused')),
    showInFolder: none,
  };
}

describe('the Electron transport', () => {
  it("passes main's answer through, ok or refused", async () => {
    const { transport } = createElectronHost(bridgeAnswering(JSON.stringify(ok({ id: 'n1' }))));
    expect(await transport.command('graph.addNode', { op: 'blur', position: { x: 0, y: 0 } })).toEqual({ ok: true, value: { id: 'n1' } });

    const refused = createElectronHost(bridgeAnswering(JSON.stringify(fail('invalid_payload', 'no')))).transport;
    expect(await refused.command('graph.get', {})).toEqual({ ok: false, error: { kind: 'invalid_payload', message: 'no' } });
  });

  it('turns an answer that is not a result into a failure, not a value', async () => {
    const { transport } = createElectronHost(bridgeAnswering('{"tasks": []}'));
    expect(await transport.command('graph.get', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});
