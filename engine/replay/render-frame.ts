import { sharp } from '../ops/sharp.js';
import type { MomentKind, TaskStatus } from '../contract/index.js';
import type { TaskState } from '../journal/journal.js';
import { NODE, type FrameLayout } from './frame-layout.js';
import { FAILURE_LABELS } from './marks.js';
import type { ReplayGraph } from './replay-graph.js';

export const STATUS_COLOURS: Record<TaskStatus, string> = {
  pending: '#6b7280',
  running: '#3b82f6',
  completed: '#22c55e',
  failed: '#f59e0b',
  dead: '#ef4444',
  blocked: '#a855f7',
  cancelled: '#374151',
};

export const BACKGROUND = '#0f172a';
const CARD = '#162033';
export const TEXT = '#f8fafc';
export const MUTED = '#94a3b8';
const FAINT = '#475569';
export const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
const MONO = "'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace";

/** What the caption bar says: the latest fault or recovery, or a line of its own at start and end. */
export interface Caption {
  tone: MomentKind | 'idle' | 'summary';
  text: string;
  /** When it happened (ms since the first event), shown in front of the text. */
  clockMs: number | null;
}

const CAPTION_STYLE: Record<Caption['tone'], { colour: string; icon: string }> = {
  failure: { colour: STATUS_COLOURS.failed, icon: '⚠' },
  dead: { colour: STATUS_COLOURS.dead, icon: '✖' },
  recovery: { colour: STATUS_COLOURS.completed, icon: '✔' },
  idle: { colour: FAINT, icon: '●' },
  summary: { colour: STATUS_COLOURS.running, icon: '■' },
};

const STATUS_GLYPHS: Record<TaskStatus, string> = {
  pending: '…',
  running: '⚙',
  completed: '✔',
  failed: '⚠',
  dead: '✖',
  blocked: '⊘',
  cancelled: '■',
};

export interface FrameScene {
  graph: ReplayGraph;
  layout: FrameLayout;
  /** Each task's state by task id (absent: no event yet, so pending). */
  tasks: Map<number, TaskState>;
  byStatus: Record<TaskStatus, number>;
  retries: number;
  recoveries: number;
  /** Output thumbnails (data URIs) of completed tasks, by task id. */
  thumbnails: Map<number, string>;
  clockMs: number;
  /** The replay's whole length on the clock, for the progress bar. */
  totalMs: number;
  caption: Caption;
  /** The fault settings in force at this frame, in words (the header shows them). */
  faults: string | null;
}

export const formatClock = (ms: number): string => {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${String(minutes).padStart(2, '0')}:${seconds.toFixed(1).padStart(4, '0')}`;
};

export const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Cuts text to about maxWidth pixels, by DejaVu Sans's average glyph width (no font metrics here). */
export function fit(text: string, fontSize: number, maxWidth: number): string {
  const maxChars = Math.max(1, Math.floor(maxWidth / (fontSize * 0.6)));
  return text.length <= maxChars ? text : text.slice(0, maxChars - 1) + '…';
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * One frame as SVG. Everything drawn is a function of the task states and the clock as shown
 * (tenths of a second), so two frames with the same text are the same picture and merge.
 */
export function renderFrameSvg(scene: FrameScene): string {
  const { width, height } = scene.layout;
  const taskOf = new Map(scene.graph.nodes.map((node) => [node.id, node.taskId]));
  const edges = scene.graph.nodes.flatMap((node) =>
    node.inputs.map((parent, slot) => edge(scene, scene.tasks.get(taskOf.get(parent)!)?.status, parent, node.id, slot, node.inputs.length)),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${BACKGROUND}"/>`,
    dotGrid(scene.layout),
    ...edges,
    ...scene.graph.nodes.map((node, i) => nodeBox(scene, node.id, node.op, node.taskId, i)),
    header(scene),
    captionBar(scene),
    '</svg>',
  ].join('\n');
}

const dotGrids = new WeakMap<FrameLayout, string>();

/** The canvas's dotted background, as one path: librsvg fills an SVG pattern ten times slower. */
function dotGrid(layout: FrameLayout): string {
  let grid = dotGrids.get(layout);
  if (!grid) {
    const gap = 20 * layout.scale;
    const dot = Math.max(1, 1.6 * layout.scale);
    let d = '';
    for (let y = layout.header + gap / 2; y < layout.height - layout.caption; y += gap) {
      for (let x = gap / 2; x < layout.width; x += gap) d += `M${n(x)} ${n(y)}h${n(dot)}v${n(dot)}h-${n(dot)}z`;
    }
    dotGrids.set(layout, (grid = `<path d="${d}" fill="#1e293b"/>`));
  }
  return grid;
}

function header(scene: FrameScene): string {
  const { width, header: h, unit: u } = scene.layout;
  const margin = 22 * u;
  const chipsY = 56 * u;
  let x = margin;
  const chips: string[] = [];
  for (const [status, count] of Object.entries(scene.byStatus) as Array<[TaskStatus, number]>) {
    if (count === 0 && status !== 'completed') continue;
    const label = `${count} ${status}`;
    chips.push(
      `<circle cx="${n(x + 5 * u)}" cy="${n(chipsY - 4 * u)}" r="${n(5 * u)}" fill="${STATUS_COLOURS[status]}"/>`,
      `<text x="${n(x + 14 * u)}" y="${n(chipsY)}" font-size="${n(12 * u)}" fill="#cbd5e1">${label}</text>`,
    );
    x += 14 * u + label.length * 12 * u * 0.6 + 16 * u;
  }
  const totals = `↻ ${plural(scene.retries, 'retry', 'retries')}    ✚ ${plural(scene.recoveries, 'recovery', 'recoveries')}`;
  return [
    `<g font-family="${FONT}">`,
    `<rect width="${width}" height="${h}" fill="#0b1120"/>`,
    `<rect y="${h - 1}" width="${width}" height="1" fill="#1e293b"/>`,
    `<text x="${n(margin)}" y="${n(17 * u)}" font-size="${n(10 * u)}" font-weight="bold" letter-spacing="${n(2 * u)}" fill="#64748b">FAULTLINE · REPLAY</text>`,
    scene.faults === null
      ? ''
      : `<text x="${n(margin + 156 * u)}" y="${n(17 * u)}" font-size="${n(10.5 * u)}" fill="${MUTED}">${escapeXml(fit(scene.faults, 10.5 * u, width - margin * 2 - 156 * u - 120 * u))}</text>`,
    `<text x="${n(margin)}" y="${n(37 * u)}" font-size="${n(18 * u)}" font-weight="bold" fill="${TEXT}">${escapeXml(fit(scene.graph.name, 18 * u, width * 0.6))}</text>`,
    `<text x="${n(width - margin)}" y="${n(37 * u)}" font-family="${MONO}" font-size="${n(24 * u)}" font-weight="bold" fill="${TEXT}" text-anchor="end">${formatClock(scene.clockMs)}</text>`,
    ...chips,
    `<text x="${n(width - margin)}" y="${n(chipsY)}" font-size="${n(12 * u)}" fill="${MUTED}" text-anchor="end">${totals}</text>`,
    '</g>',
  ].join('\n');
}

/** Moves in the clock's own steps (tenths), so it never tells two otherwise equal frames apart. */
const progress = (scene: FrameScene): number => (scene.totalMs <= 0 ? 1 : Math.min(1, (Math.floor(scene.clockMs / 100) * 100) / scene.totalMs));

function captionBar(scene: FrameScene): string {
  const { width, height, caption: h, unit: u } = scene.layout;
  const y = height - h;
  const { colour, icon } = CAPTION_STYLE[scene.caption.tone];
  const margin = 22 * u;
  const gap = n(10 * u);
  const when =
    scene.caption.clockMs === null ? '' : `<tspan dx="${gap}" font-family="${MONO}" fill="${MUTED}">${formatClock(scene.caption.clockMs)}</tspan>`;
  const text = escapeXml(fit(scene.caption.text, 14 * u, width - 2 * margin - 110 * u));
  return [
    `<g font-family="${FONT}">`,
    `<rect y="${y}" width="${width}" height="${h}" fill="${colour}" fill-opacity="0.14"/>`,
    `<rect y="${y}" width="${width}" height="${h}" fill="${BACKGROUND}" fill-opacity="0.55"/>`,
    `<rect y="${y}" width="${n(width * progress(scene))}" height="${n(3 * u)}" fill="${colour}"/>`,
    `<rect y="${y}" width="${n(5 * u)}" height="${h}" fill="${colour}"/>`,
    `<text x="${n(margin)}" y="${n(y + h / 2 + 5 * u)}" font-size="${n(14 * u)}" fill="${scene.caption.tone === 'idle' ? MUTED : TEXT}">`,
    `<tspan fill="${colour}" font-weight="bold">${icon}</tspan>${when}<tspan dx="${gap}">${text}</tspan></text>`,
    '</g>',
  ].join('\n');
}

/** Parent's right side to the child's input slot; green once the parent's output exists. */
function edge(scene: FrameScene, parentStatus: TaskStatus | undefined, parentId: string, childId: string, slot: number, slots: number): string {
  const from = scene.layout.boxes.get(parentId)!;
  const to = scene.layout.boxes.get(childId)!;
  const s = scene.layout.scale;
  const done = parentStatus === 'completed';
  const x1 = from.x + NODE.width * s;
  const y1 = from.y + (NODE.height * s) / 2;
  const x2 = to.x;
  const y2 = to.y + (NODE.height * s * (slot + 1)) / (slots + 1);
  const bend = Math.max(30 * s, (x2 - x1) / 2);
  return [
    `<path d="M${n(x1)},${n(y1)} C${n(x1 + bend)},${n(y1)} ${n(x2 - bend)},${n(y2)} ${n(x2)},${n(y2)}"`,
    ` fill="none" stroke="${done ? STATUS_COLOURS.completed : FAINT}" stroke-opacity="${done ? 0.7 : 1}" stroke-width="${n(2 * s)}"/>`,
    `<circle cx="${n(x2)}" cy="${n(y2)}" r="${n(3.5 * s)}" fill="${done ? STATUS_COLOURS.completed : FAINT}"/>`,
  ].join('');
}

/** The third line of a node: what its status means right now, short enough for the box. */
function statusLine(t: TaskState | undefined): string {
  if (!t) return 'pending';
  switch (t.status) {
    case 'running':
      return t.worker === null ? 'running' : `running · w${t.worker}`;
    case 'failed':
    case 'dead':
      // The colour says failed or dead; the words say why.
      return t.errorKind ? FAILURE_LABELS[t.errorKind] : t.status;
    case 'completed':
      return 'done';
    case 'pending':
      // A reason means a revert or resume; an attempt behind it means a retry after backoff.
      if (t.errorKind) return `↺ ${FAILURE_LABELS[t.errorKind]}`;
      return t.attempt > 0 ? 'retry queued' : 'pending';
    default:
      return t.status;
  }
}

function nodeBox(scene: FrameScene, id: string, op: string, taskId: number, index: number): string {
  const box = scene.layout.boxes.get(id)!;
  const s = scene.layout.scale;
  const t = scene.tasks.get(taskId);
  const status = t?.status ?? 'pending';
  const colour = STATUS_COLOURS[status];
  const w = NODE.width * s;
  const h = NODE.height * s;
  const r = 10 * s;
  const inset = NODE.inset * s;
  const thumb = NODE.thumb * s;
  const thumbY = box.y + (h - thumb) / 2;
  const textX = box.x + inset * 2 + thumb;
  const textWidth = w - (textX - box.x) - inset;
  const thumbnail = scene.thumbnails.get(taskId);
  const clip = `clip${index}`;
  const parts = [`<g font-family="${FONT}">`];
  if (status === 'running') {
    parts.push(
      `<rect x="${n(box.x - 3 * s)}" y="${n(box.y - 3 * s)}" width="${n(w + 6 * s)}" height="${n(h + 6 * s)}" rx="${n(r + 3 * s)}" fill="${colour}" fill-opacity="0.22"/>`,
    );
  }
  parts.push(
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(w)}" height="${n(h)}" rx="${n(r)}" fill="${CARD}"/>`,
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(w)}" height="${n(h)}" rx="${n(r)}" fill="${colour}" fill-opacity="0.13"`,
    ` stroke="${colour}" stroke-width="${n(2.2 * s)}"${status === 'running' ? ` stroke-dasharray="${n(12 * s)} ${n(6 * s)}"` : ''}/>`,
  );
  if (thumbnail) {
    parts.push(
      `<clipPath id="${clip}"><rect x="${n(box.x + inset)}" y="${n(thumbY)}" width="${n(thumb)}" height="${n(thumb)}" rx="${n(6 * s)}"/></clipPath>`,
      `<image href="${thumbnail}" x="${n(box.x + inset)}" y="${n(thumbY)}" width="${n(thumb)}" height="${n(thumb)}" clip-path="url(#${clip})" preserveAspectRatio="xMidYMid slice"/>`,
    );
  } else {
    parts.push(
      `<rect x="${n(box.x + inset)}" y="${n(thumbY)}" width="${n(thumb)}" height="${n(thumb)}" rx="${n(6 * s)}" fill="${BACKGROUND}" fill-opacity="0.7"/>`,
      `<text x="${n(box.x + inset + thumb / 2)}" y="${n(thumbY + thumb / 2 + 8 * s)}" font-size="${n(22 * s)}" fill="${colour}" text-anchor="middle">${STATUS_GLYPHS[status]}</text>`,
    );
  }
  parts.push(
    `<text x="${n(textX)}" y="${n(box.y + 24 * s)}" font-size="${n(14 * s)}" font-weight="bold" fill="${TEXT}">${escapeXml(fit(id, 14 * s, textWidth))}</text>`,
    `<text x="${n(textX)}" y="${n(box.y + 41 * s)}" font-size="${n(11.5 * s)}" fill="${MUTED}">${escapeXml(fit(op, 11.5 * s, textWidth))}</text>`,
    `<text x="${n(textX)}" y="${n(box.y + 58 * s)}" font-size="${n(11 * s)}" font-weight="bold" fill="${colour}">${escapeXml(fit(statusLine(t), 11 * s, textWidth))}</text>`,
  );
  if (t && t.attempt > 1) {
    const badgeW = 30 * s;
    const bx = box.x + w - badgeW - 6 * s;
    const by = box.y - 9 * s;
    parts.push(
      `<rect x="${n(bx)}" y="${n(by)}" width="${n(badgeW)}" height="${n(18 * s)}" rx="${n(9 * s)}" fill="${status === 'dead' ? STATUS_COLOURS.dead : STATUS_COLOURS.failed}"/>`,
      `<text x="${n(bx + badgeW / 2)}" y="${n(by + 13 * s)}" font-size="${n(11 * s)}" font-weight="bold" fill="${BACKGROUND}" text-anchor="middle">×${t.attempt}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}

/** SVG to PNG through sharp's librsvg; PNG keeps the frames small while they wait for the encoder. */
export async function rasterize(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
}
