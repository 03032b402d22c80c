import type { reportFacts } from '../contract/index.js';
import type { FrameLayout } from './frame-layout.js';
import { BACKGROUND, escapeXml, fit, FONT, MUTED, n, STATUS_COLOURS, TEXT } from './render-frame.js';

export type ReportFacts = ReturnType<typeof reportFacts>;

/** A whole frame of centred lines: what the title and the summary cards are made of. */
interface Line {
  text: string;
  size: number;
  colour: string;
  bold?: boolean;
  /** Space above this line, in units of its own size. */
  gap?: number;
}

function card(layout: FrameLayout, lines: readonly Line[], accent: string): string {
  const { width, height, unit: u } = layout;
  const total = lines.reduce((h, l) => h + l.size * (1 + (l.gap ?? 0.5)), 0);
  let y = (height - total) / 2;
  const texts = lines.map((l) => {
    y += l.size * (1 + (l.gap ?? 0.5));
    return `<text x="${n(width / 2)}" y="${n(y)}" font-size="${n(l.size)}"${l.bold ? ' font-weight="bold"' : ''} fill="${l.colour}" text-anchor="middle">${escapeXml(fit(l.text, l.size, width - 60 * u))}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${BACKGROUND}"/>`,
    `<rect width="${width}" height="${n(6 * u)}" fill="${accent}"/>`,
    `<g font-family="${FONT}">`,
    ...texts,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** The first frame: which pipeline, and which faults were about to be injected. */
export function titleCardSvg(layout: FrameLayout, o: { pipeline: string; tasks: number; faults: string | null }): string {
  const u = layout.unit;
  return card(
    layout,
    [
      { text: 'FAULTLINE · REPLAY', size: 13 * u, colour: MUTED, bold: true },
      { text: o.pipeline, size: 30 * u, colour: TEXT, bold: true, gap: 0.8 },
      { text: `${o.tasks} tasks`, size: 16 * u, colour: MUTED },
      { text: o.faults ?? 'fault settings not journaled', size: 18 * u, colour: STATUS_COLOURS.failed, gap: 1.2 },
    ],
    STATUS_COLOURS.failed,
  );
}

/** The last frame: what the run went through, and whether its outputs equal a fault-free run's. */
export function summaryCardSvg(layout: FrameLayout, facts: ReportFacts, identical: boolean | null): string {
  const u = layout.unit;
  const verdictColour = identical === null ? MUTED : identical ? STATUS_COLOURS.completed : STATUS_COLOURS.dead;
  const verdict = facts.verdict ? `${identical ? '✔' : '✖'} ${facts.verdict}` : 'not verified: faultline verify JOURNAL proves it';
  return card(
    layout,
    [
      { text: 'RUN SUMMARY', size: 13 * u, colour: MUTED, bold: true },
      { text: facts.headline, size: 20 * u, colour: TEXT, bold: true, gap: 0.8 },
      { text: `faults: ${facts.faults.length ? facts.faults.join(' · ') : 'none'}`, size: 15 * u, colour: STATUS_COLOURS.failed, gap: 1 },
      {
        text: `recovered by ${facts.recoveries.filter((r) => !r.startsWith('0 ')).join(' · ') || 'nothing (none needed)'}`,
        size: 15 * u,
        colour: MUTED,
      },
      { text: facts.lost, size: 15 * u, colour: MUTED },
      { text: verdict, size: 22 * u, colour: verdictColour, bold: true, gap: 1.4 },
    ],
    verdictColour,
  );
}
