import { sharp } from '../ops/sharp.js';
import type { TaskStatus } from '../contract/index.js';
import { allProven, reportFacts } from '../contract/index.js';
import { runReport } from '../journal/run-report.js';
import { frameLayout, NODE, type FrameLayout } from './frame-layout.js';
import { pacedSpeed, scheduleFrames, type FrameClockOptions, type ScheduledFrame } from './frame-schedule.js';
import { summaryCardSvg, titleCardSvg } from './render-cards.js';
import { rasterize, renderFrameSvg, type Caption } from './render-frame.js';
import { ReplayError } from './replay-error.js';
import type { ReplayGraph } from './replay-graph.js';
import { ThumbnailCache } from './thumbnails.js';
import type { Timeline, TimelinePoint } from './timeline.js';

export interface GifExportOptions extends Omit<FrameClockOptions, 'maxFrames'> {
  width: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GifExport {
  gif: Buffer;
  /** Frames in the file, after identical neighbours were merged into one longer frame. */
  frames: number;
  durationMs: number;
  width: number;
  height: number;
}

/** The title card (pipeline, faults) and the summary card (verdict) stay up long enough to read. */
export const TITLE_HOLD_MS = 2000;
export const SUMMARY_HOLD_MS = 4000;

/** The run's summary and verdict as the last frame; none before the pipeline's first run. */
function summaryCard(timeline: Timeline, layout: FrameLayout): string | null {
  const runId = timeline.latestRunId();
  const report = runId === undefined ? null : runReport(timeline.db, runId);
  if (!report) return null;
  const v = report.verification;
  return summaryCardSvg(layout, reportFacts(report), v ? allProven(v) : null);
}

/** Past this a GIF stops suiting a README or a chat, and takes minutes to encode. */
const MAX_FRAMES = 5000;

/**
 * Journal to animated GIF, no screen recorder: schedule frames on the journal's clock, draw each
 * as SVG, rasterize only frames that differ from the one before (a repeat just lengthens its
 * delay), then encode with libvips' cgif (frame differencing keeps unchanged areas nearly free).
 */
export async function exportGif(timeline: Timeline, o: GifExportOptions): Promise<GifExport> {
  const speed = pacedSpeed(timeline.eventClock(), o);
  const schedule = scheduleFrames(timeline.eventClock(), { ...o, speed, maxFrames: MAX_FRAMES });
  if (schedule.length === 0) throw new ReplayError('no_events', 'nothing to replay: the journal has no events');
  // One graph for every frame, even if a refresh elsewhere (the UI scrubbing) rereads it meanwhile.
  const graph = timeline.graph;
  const layout = frameLayout(graph, o.width);
  const thumbs = new ThumbnailCache(Math.round(NODE.thumb * layout.scale * 2), graph.outDir);
  const totalMs = schedule.at(-1)!.clockMs;

  const frames: Buffer[] = [
    await rasterize(titleCardSvg(layout, { pipeline: graph.name, tasks: graph.nodes.length, faults: timeline.faultsAt(schedule[0]!.seq + 1) })),
  ];
  const delays: number[] = [TITLE_HOLD_MS];
  let previousSvg = '';
  for (const [index, frame] of schedule.entries()) {
    const point = timeline.pointAt(frame.seq);
    const svg = renderFrameSvg({
      graph,
      layout,
      tasks: point.tasks,
      byStatus: point.counters.byStatus,
      retries: point.counters.retries,
      recoveries: point.counters.recoveries,
      thumbnails: await thumbnailsOf(graph, point, thumbs),
      clockMs: frame.clockMs,
      totalMs,
      caption: captionOf(timeline, graph, frame, point, speed),
      faults: timeline.faultsAt(frame.seq),
    });
    if (svg === previousSvg) delays[delays.length - 1]! += frame.delayMs;
    else {
      frames.push(await rasterize(svg));
      delays.push(frame.delayMs);
      previousSvg = svg;
    }
    o.onProgress?.(index + 1, schedule.length + 1);
  }
  const summary = summaryCard(timeline, layout);
  if (summary) {
    frames.push(await rasterize(summary));
    delays.push(SUMMARY_HOLD_MS);
  }

  // 256 colours: status colours must survive quantization beside photo thumbnails. No dithering:
  // flat UI colours need none, and its noise would defeat frame differencing and LZW.
  // interFrameMaxError lets near-identical pixels go transparent, so a frame stores only what moved.
  // interPaletteMaxError stays at its default: reusing a palette more loosely turns a newly dead
  // task's red into the nearest red of a thumbnail.
  const gif = await sharp(frames, { join: { animated: true } })
    .gif({ delay: delays, loop: 0, colours: 256, effort: 7, dither: 0, interFrameMaxError: 4 })
    .toBuffer();
  o.onProgress?.(schedule.length + 1, schedule.length + 1);
  return { gif, frames: frames.length, durationMs: delays.reduce((a, b) => a + b, 0), width: layout.width, height: layout.height };
}

async function thumbnailsOf(graph: ReplayGraph, point: TimelinePoint, thumbs: ThumbnailCache): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const node of graph.nodes) {
    const task = point.tasks.get(node.taskId);
    if (task?.status !== 'completed') continue;
    const thumb = await thumbs.get(task);
    if (thumb) out.set(node.taskId, thumb);
  }
  return out;
}

/** A caption stays in colour this long (video ms) after its fault or recovery, then greys out. */
const CAPTION_FRESH_MS = 1500;

function captionOf(timeline: Timeline, graph: ReplayGraph, frame: ScheduledFrame, point: TimelinePoint, speed: number): Caption {
  const tasks = graph.nodes.length;
  if (frame.role === 'start') return { tone: 'idle', text: `${tasks} tasks, about to run`, clockMs: null };
  if (frame.role === 'end') return { tone: 'summary', text: summary(point, tasks), clockMs: null };
  const mark = timeline.markAt(frame.seq);
  if (!mark) return { tone: 'idle', text: 'running: no faults so far', clockMs: null };
  const clockMs = mark.at - timeline.startedAt;
  const fresh = frame.clockMs - clockMs <= CAPTION_FRESH_MS * speed;
  return { tone: fresh ? mark.kind : 'idle', text: mark.label, clockMs };
}

function summary(point: TimelinePoint, tasks: number): string {
  const { byStatus, retries, recoveries } = point.counters;
  const unfinished: TaskStatus[] = ['pending', 'running', 'failed'];
  const head = unfinished.some((s) => byStatus[s] > 0) ? 'End of journal' : 'Finished';
  const others = (['dead', 'blocked', 'cancelled'] as const).filter((s) => byStatus[s] > 0).map((s) => `${byStatus[s]} ${s}`);
  return [`${head}: ${byStatus.completed}/${tasks} completed`, ...others, `${retries} retries`, `${recoveries} recoveries`].join(' · ');
}
