import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ITEM_SEPARATOR } from '../contract/items.js';

/** A node of the pipeline as the person drew it. */
export interface DrawnNode {
  nodeId: string;
  op: string;
  params: Record<string, unknown>;
  /** Node ids, in slot order. */
  inputs: readonly string[];
}

/** One task a mapped node runs: one per photo of its folder. */
export interface ItemTask {
  /** `<node>@<key>`: `@` is never in a drawn node's id, so the two can never meet. */
  nodeId: string;
  op: string;
  params: Record<string, unknown>;
  inputs: string[];
  /** The drawn node it is an item of. */
  template: string;
  /** The photo, relative to its folder. */
  relpath: string;
  /** Where a sink item is exported, relative to OUT/<sink>/, without the .png. */
  outName: string;
}

export interface Expansion {
  /** Drawn nodes that run per photo: each folder, and everything downstream of one. */
  mapped: Set<string>;
  items: ItemTask[];
  /** Nodes that cannot be expanded, with why (two folders into one node). */
  problems: Array<{ nodeId: string; message: string }>;
}

/** The folders' photos, per folder node: its real path and its files, relative. */
export type Listings = ReadonlyMap<string, { root: string; items: readonly string[] }>;

/** 48 bits of the photo's path: its tasks keep their ids (and journal history) across runs. */
export const itemKey = (relpath: string): string => createHash('sha256').update(relpath).digest('hex').slice(0, 12);

/**
 * The tasks a pipeline with folders runs: a folder becomes one load per photo, and each node
 * downstream one task per photo, its inputs the same photo's tasks upstream (two mapped
 * inputs from one folder pair by photo) or, for an input that is not mapped, that one task
 * (a single photo overlaid on every item). A node fed from two different folders is refused:
 * which photo would go with which is not said anywhere.
 */
export function expandItems(nodes: readonly DrawnNode[], listings: Listings): Expansion {
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  // The folder each node maps over: undefined, none (a single task); null, two (refused).
  const folderOf = new Map<string, string | null | undefined>();
  const visiting = new Set<string>(); // cycles are refused before this; this only stops a loop
  const problems: Expansion['problems'] = [];
  const visit = (n: DrawnNode): string | null | undefined => {
    if (folderOf.has(n.nodeId) || visiting.has(n.nodeId)) return folderOf.get(n.nodeId);
    visiting.add(n.nodeId);
    const upstream = new Set<string | null>();
    for (const p of n.inputs) {
      const parent = byId.get(p);
      const f = parent ? visit(parent) : undefined;
      if (f !== undefined) upstream.add(f);
    }
    const named = [...upstream].filter((f): f is string => f !== null);
    if (named.length > 1) {
      problems.push({ nodeId: n.nodeId, message: `its inputs come from two folders (${named.join(', ')}): photos pair up only within one folder` });
    }
    const folder = n.op === 'folder' ? n.nodeId : upstream.has(null) || named.length > 1 ? null : named[0];
    folderOf.set(n.nodeId, folder);
    return folder;
  };
  nodes.forEach(visit);

  // A node refused for two folders is mapped too, with no items: it must not run as one task.
  const mapped = new Set([...folderOf].filter(([, f]) => f !== undefined).map(([id]) => id));
  const items: ItemTask[] = [];
  for (const n of nodes) {
    const folder = folderOf.get(n.nodeId);
    if (!folder) continue;
    const listing = listings.get(folder);
    if (!listing) continue;
    const outNames = outNamesOf(listing.items);
    for (const relpath of listing.items) {
      const key = itemKey(relpath);
      items.push({
        nodeId: `${n.nodeId}${ITEM_SEPARATOR}${key}`,
        op: n.op === 'folder' ? 'load' : n.op,
        params: n.op === 'folder' ? { path: join(listing.root, relpath) } : n.params,
        inputs: n.inputs.map((p) => (mapped.has(p) ? `${p}${ITEM_SEPARATOR}${key}` : p)),
        template: n.nodeId,
        relpath,
        outName: outNames.get(relpath)!,
      });
    }
  }
  return { mapped, items, problems };
}

/**
 * Output names keep the photo's folders and drop its extension (a.jpg → a.png), unless two
 * photos would then share a name (a.jpg and a.png): those keep their extension (a.jpg.png,
 * a.png.png), so no output overwrites another.
 */
export function outNamesOf(relpaths: readonly string[]): Map<string, string> {
  const stem = (r: string) => r.replace(/\.[^./]*$/, '');
  const count = new Map<string, number>();
  for (const r of relpaths) count.set(stem(r).toLowerCase(), (count.get(stem(r).toLowerCase()) ?? 0) + 1);
  return new Map(relpaths.map((r) => [r, count.get(stem(r).toLowerCase())! > 1 ? r : stem(r)]));
}
