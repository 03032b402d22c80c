import { parentPort } from 'node:worker_threads';
import { FromWorker, HEARTBEAT_MS, ToWorker, type FromWorkerMessage, type ToWorkerMessage } from './messages.js';
import { runTask } from './run-task.js';

/** Entry point of each worker thread: run jobs as they come, beat while alive. */
const port = parentPort;
if (!port) throw new Error('worker-main.js must run in a worker thread');

const send = (message: FromWorkerMessage) => port.postMessage(message);

port.on('message', (message: ToWorkerMessage) => {
  if (message.type === ToWorker.Run) {
    void runTask(message.job).then((outcome) => send({ type: FromWorker.Done, outcome }));
  }
});

setInterval(() => send({ type: FromWorker.Heartbeat }), HEARTBEAT_MS).unref();
send({ type: FromWorker.Ready });
