import { fail, ok, type CommandName, type CommandPayload, type CommandResults, type EventBatch, type Result, type TaskView } from '@contract';
import type { EngineHost } from '../store/engine-client';
import type { Platform } from '../transport/platform';
import { snapshotOf, taskView } from './views';

type Handlers = { [K in CommandName]?: (payload: CommandPayload<K>) => Result<CommandResults[K]> };

export interface SentCommand {
  name: CommandName;
  payload: unknown;
}

const noFiles = () => Promise.resolve(fail('internal', 'the fake engine has no files'));
const NO_PLATFORM: Platform = {
  kind: 'browser',
  savePipeline: noFiles,
  openPipeline: noFiles,
  exportGif: noFiles,
  pickPhoto: null,
  addPhoto: noFiles,
  showInFolder: null,
};

/**
 * An engine in memory behind the real Transport: the graph edits the store sends, under the
 * engine's own rules (slots fill in order, a disconnect closes the gap, removing a node closes
 * the gap in its children's inputs), each change followed by a `graph` event as the engine
 * sends one. What it does not know it refuses as data, as a host does.
 */
export class FakeEngine {
  readonly sent: SentCommand[] = [];
  private readonly tasks = new Map<string, TaskView>();
  private readonly listeners = new Set<(batch: EventBatch) => void>();
  private readonly refusals = new Set<CommandName>();
  private nextId = 1;

  constructor(tasks: TaskView[]) {
    for (const task of tasks) this.tasks.set(task.id, task);
  }

  readonly host: EngineHost = {
    transport: {
      command: (name, payload) => Promise.resolve(this.execute(name, payload)),
      onBatch: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      // Tests load the store themselves (reloadFromEngine), so the connection is never reported.
      onConnection: () => () => undefined,
    },
    platform: NO_PLATFORM,
  };

  /** The next command with this name is refused, as a busy engine refuses an edit. */
  refuseNext(name: CommandName): void {
    this.refusals.add(name);
  }

  task(id: string): TaskView | undefined {
    return this.tasks.get(id);
  }

  private execute<K extends CommandName>(name: K, payload: CommandPayload<K>): Result<CommandResults[K]> {
    this.sent.push({ name, payload });
    if (this.refusals.delete(name)) return fail('busy', `${name}: refused by the test`);
    const handler = this.handlers[name];
    return handler ? handler(payload) : fail('unknown_command', `the fake engine does not do ${name}`);
  }

  private readonly handlers: Handlers = {
    'graph.get': () => ok(snapshotOf([...this.tasks.values()])),
    'journal.page': () => ok({ rows: [], hasMore: false }),
    'graph.addNode': ({ op, id = `${op}-${this.nextId++}`, params = {}, position }) => {
      if (this.tasks.has(id)) return fail('graph_invalid', `${id} exists`);
      this.tasks.set(id, taskView(id, { op, params, position }));
      return this.changed({ id });
    },
    'graph.removeNode': ({ id }) => {
      if (!this.tasks.delete(id)) return fail('not_found', `no node ${id}`);
      for (const task of this.tasks.values()) if (task.inputs.includes(id)) this.update(task.id, { inputs: task.inputs.filter((p) => p !== id) });
      return this.changed(null);
    },
    'graph.connect': ({ source, target, slot }) => {
      const inputs = this.tasks.get(target)?.inputs;
      if (!inputs || !this.tasks.has(source)) return fail('not_found', `no node ${target} or ${source}`);
      const at = slot ?? inputs.length;
      if (at > inputs.length) return fail('graph_invalid', `slot ${at} of ${target}: fill slot ${inputs.length} first`);
      const next = [...inputs];
      next[at] = source;
      this.update(target, { inputs: next });
      return this.changed(null);
    },
    'graph.disconnect': ({ target, slot }) => {
      const inputs = this.tasks.get(target)?.inputs;
      if (!inputs || slot >= inputs.length) return fail('not_found', `${target} has no input in slot ${slot}`);
      this.update(target, { inputs: inputs.filter((_, i) => i !== slot) });
      return this.changed(null);
    },
    'graph.updateParams': ({ id, params }) => {
      if (!this.tasks.has(id)) return fail('not_found', `no node ${id}`);
      this.update(id, { params });
      return this.changed(null);
    },
    'graph.moveNodes': ({ moves }) => {
      if (moves.some((m) => !this.tasks.has(m.id))) return fail('not_found', 'a moved node is gone');
      for (const { id, position } of moves) this.update(id, { position });
      return this.changed(null);
    },
  };

  /** A changed task is a new object, as each snapshot from the engine is. */
  private update(id: string, fields: Partial<TaskView>): void {
    const task = this.tasks.get(id);
    if (task) this.tasks.set(id, { ...task, ...fields });
  }

  private changed<T>(value: T): Result<T> {
    const batch: EventBatch = { kind: 'batch', events: [{ kind: 'graph', snapshot: snapshotOf([...this.tasks.values()]) }] };
    this.listeners.forEach((listener) => listener(batch));
    return ok(value);
  }
}
