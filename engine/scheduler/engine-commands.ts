import { readFile } from 'node:fs/promises';
import { fail, ok, type CommandName, type CommandResults, type ParsedPayload, type Result, type RunView } from '../contract/index.js';
import { COMMAND_ERROR_OF, EngineError } from '../errors.js';
import { runReport } from '../journal/run-report.js';
import { decodeStored, fromImage } from '../ops/image.js';
import { itemsPage } from '../batch/items-page.js';
import { listPhotos } from '../photos/list-photos.js';
import { outputView } from '../photos/output-view.js';
import type { EngineHost } from './engine-host.js';

type Handlers = {
  [K in CommandName]: (engine: EngineHost, payload: ParsedPayload<K>) => Promise<Result<CommandResults[K]>> | Result<CommandResults[K]>;
};

/** Every command of the contract, bound to the engine. Payloads arrive already validated. */
const HANDLERS: Handlers = {
  'graph.get': (engine) => ok(engine.snapshot()),
  'graph.addNode': (engine, p) => engine.editor.addNode(p.op, p.params, p.position, p.id),
  'graph.connect': (engine, p) => engine.editor.connect(p.source, p.target, p.slot),
  'graph.disconnect': (engine, p) => engine.editor.disconnect(p.target, p.slot),
  'graph.removeNode': (engine, p) => engine.editor.removeNode(p.id),
  'graph.updateParams': (engine, p) => engine.editor.updateParams(p.id, p.params),
  'graph.moveNodes': (engine, p) => engine.editor.moveNodes(p.moves),
  'graph.replace': (engine, p) => {
    const replaced = engine.editor.replace(p.pipeline);
    return replaced.ok ? ok(engine.snapshot()) : replaced;
  },
  'graph.export': (engine) => ok(engine.editor.pipelineFile()),
  'run.start': async (engine) => {
    try {
      return ok(await engine.startRun());
    } catch (e) {
      if (e instanceof EngineError) return fail(COMMAND_ERROR_OF[e.kind], e.describe());
      throw e;
    }
  },
  'run.pause': (engine) => runResult(engine.runs.pause()),
  'run.resume': (engine) => runResult(engine.runs.resume()),
  'run.cancel': (engine) => runResult(engine.runs.cancel()),
  // Loaded on first use, like replay: it opens a second engine of its own.
  'run.verify': async (engine) => (await import('../verify/verify-for-ui.js')).verifyForUi(engine),
  'run.verifyCancel': async (engine) => (await import('../verify/verify-for-ui.js')).cancelVerification(engine),
  'run.verifyDiff': async (engine, p) => {
    const { diffImages, differentCopyPath } = await import('../verify/diff-images.js');
    const runId = engine.run?.id;
    if (runId === undefined || !engine.graph.byNodeId.has(p.id)) return fail('not_found', `no verified output ${p.id}`);
    return diffImages(engine.exporter.exportPath(p.id), differentCopyPath(engine.options.outDir, runId, p.id), p.size);
  },
  'run.report': (engine) => ok(engine.run ? runReport(engine.journal.db, engine.run.id) : null),
  'task.retry': async (engine, p) => {
    const node = engine.graph.byNodeId.get(p.id);
    if (!node) return fail('not_found', `no node ${p.id}`);
    if (node.state.status === 'running' || node.state.status === 'completed') {
      return fail('busy', `${p.id} is ${node.state.status}; retry is for failed, dead, blocked or cancelled tasks`);
    }
    for (const n of [node, ...engine.graph.descendants(node.id)]) {
      if (n.state.status === 'completed' || n.state.status === 'running') continue;
      engine.ledger.transition(n, 'pending', { attempt: 0, message: 'retried by hand' });
      engine.scheduler.offer(n); // a run still going only dispatches what is on its ready queue
    }
    return startOrPump(engine);
  },
  'task.revert': async (engine, p) => {
    const node = engine.graph.byNodeId.get(p.id);
    if (!node) return fail('not_found', `no node ${p.id}`);
    const tree = [node, ...engine.graph.descendants(node.id)];
    const running = tree.find((n) => n.state.status === 'running');
    if (running) return fail('busy', `${running.nodeId} is running; revert when it has finished`);
    for (const n of tree) engine.scheduler.revert(n, null, n === node ? 'by hand' : `by hand, with ${p.id}`);
    return startOrPump(engine);
  },
  'task.cancel': (engine, p) => {
    const node = engine.graph.byNodeId.get(p.id);
    if (!node) return fail('not_found', `no node ${p.id}`);
    if (node.state.status === 'completed' || node.state.status === 'dead') return fail('busy', `${p.id} is already ${node.state.status}`);
    engine.scheduler.cancelTask(node, 'cancelled by hand');
    engine.ledger.flush();
    engine.schedulePump();
    return ok(null);
  },
  'task.thumbnail': async (engine, p) => {
    const node = engine.graph.byNodeId.get(p.id);
    if (!node) return fail('not_found', `no node ${p.id}`);
    if (node.state.status !== 'completed' || !node.state.outputPath) return ok({ dataUrl: null });
    try {
      const image = await decodeStored(await readFile(node.state.outputPath));
      const png = await fromImage(image).resize(p.size, p.size, { fit: 'inside' }).png().toBuffer();
      return ok({ dataUrl: `data:image/png;base64,${png.toString('base64')}` });
    } catch {
      return ok({ dataUrl: null });
    }
  },
  'task.output': (engine, p) => outputView(engine, p.id),
  'items.page': (engine, p) => itemsPage(engine.graph, p.id, p.offset, p.limit, p.status),
  'photos.list': (engine, p) => ok(listPhotos(engine.baseDir, engine.options.allowedDirs, p.limit)),
  'faults.set': (engine, p) => engine.changeSettings(p, 'ui'),
  'journal.page': (engine, p) => {
    const taskId = p.nodeId === undefined ? undefined : engine.graph.byNodeId.get(p.nodeId)?.id;
    if (p.nodeId !== undefined && taskId === undefined) return fail('not_found', `no node ${p.nodeId}`);
    const rows = engine.journal.page({ beforeSeq: p.beforeSeq, afterSeq: engine.pipelineStartSeq(), limit: p.limit + 1, taskId, status: p.status });
    return ok({ rows: rows.slice(0, p.limit), hasMore: rows.length > p.limit });
  },
  // Replay is loaded on first use: most sessions never scrub, and it pulls in the GIF renderer.
  'replay.info': async (engine, p) => (await import('../replay/commands.js')).replayCommand(engine.journal.db, 'replay.info', p),
  'replay.stateAt': async (engine, p) => (await import('../replay/commands.js')).replayCommand(engine.journal.db, 'replay.stateAt', p),
  'replay.exportGif': async (engine, p) =>
    (await import('../replay/commands.js')).replayCommand(engine.journal.db, 'replay.exportGif', p, (done, total) =>
      engine.emit({ kind: 'export', id: 'gif', done, total, finished: done === total }),
    ),
};

/** What may still be asked of an engine whose journal failed: reads only, nothing it would journal. */
const READS: ReadonlySet<CommandName> = new Set([
  'graph.get',
  'graph.export',
  'journal.page',
  'task.thumbnail',
  'task.output',
  'photos.list',
  'run.report',
  'run.verifyDiff',
  'replay.info',
  'replay.stateAt',
  'replay.exportGif',
]);

export function runEngineCommand<K extends CommandName>(engine: EngineHost, name: K, payload: ParsedPayload<K>): Promise<Result<CommandResults[K]>> {
  if (engine.halted && !READS.has(name))
    return Promise.resolve(fail('storage', `${engine.halted.describe()} (${name} refused: nothing more can be journaled)`));
  return Promise.resolve((HANDLERS[name] as Handlers[K])(engine, payload));
}

function runResult(run: RunView | null): Result<RunView> {
  return run ? ok(run) : fail('not_found', 'no run has been started');
}

async function startOrPump(engine: EngineHost): Promise<Result<null>> {
  engine.ledger.flush();
  if (engine.isRunActive()) engine.schedulePump();
  else {
    const started = await HANDLERS['run.start'](engine, {});
    if (!started.ok) return started;
  }
  return ok(null);
}
