import { parentPort } from 'node:worker_threads';
import { FromWorker, HEARTBEAT_MS, ToWorker, type FromWorkerMessage, type TaskOutcome, type ToWorkerMessage } from './messages.js';
import { runTask } from './run-task.js';

/** Entry point of each worker thread: run jobs as they come, beat while alive. */
const port = parentPort;
if (!port) throw new Error('worker-main.js must run in a worker thread');

const send = (message: FromWorkerMessage) => port.postMessage(message);

let finished: TaskOutcome[] = [];
const sendFinished = () => {
  if (finished.length === 0) return;
  send({ type: FromWorker.Done, outcomes: finished });
  finished = [];
};

port.on('message', (message: ToWorkerMessage) => {
  if (message.type !== ToWorker.Run) return;
  // A new job may carry an injected panic or hang that stops this thread at once: what is
  // already done goes out first, so it is not lost with the thread and run again.
  sendFinished();
  for (const job of message.jobs) {
    void runTask(job).then((outcome) => {
      // Whatever else finishes in this turn of the event loop goes in the same message.
      if (finished.push(outcome) === 1) setImmediate(sendFinished);
    });
  }
});

setInterval(() => send({ type: FromWorker.Heartbeat }), HEARTBEAT_MS).unref();
send({ type: FromWorker.Ready });
