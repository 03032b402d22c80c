import { isOpName, OP_SPECS } from '@contract';
import { z } from 'zod';

/** How the inspector edits one param, read off the op's zod schema so the two cannot drift. */
export type ParamField =
  | { name: string; kind: 'number'; integer: boolean; min: number | null; max: number | null; optional: boolean }
  | { name: string; kind: 'text'; optional: boolean }
  | { name: string; kind: 'choice'; options: string[]; optional: boolean };

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return { inner: unwrap(schema.unwrap() as z.ZodType).inner, optional: true };
  return { inner: schema, optional: false };
}

const finiteOrNull = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? null : n);

export function paramFieldsOf(op: string): ParamField[] {
  if (!isOpName(op)) return [];
  const params = OP_SPECS[op].params as z.ZodType;
  if (!(params instanceof z.ZodObject)) return [];
  return Object.entries(params.shape as Record<string, z.ZodType>).map(([name, schema]): ParamField => {
    const { inner, optional } = unwrap(schema);
    if (inner instanceof z.ZodNumber) {
      return { name, kind: 'number', integer: inner.isInt, min: finiteOrNull(inner.minValue), max: finiteOrNull(inner.maxValue), optional };
    }
    if (inner instanceof z.ZodEnum) return { name, kind: 'choice', options: inner.options.map(String), optional };
    return { name, kind: 'text', optional };
  });
}

/** The form's text drafts as params: empty optional fields are left out, numbers parsed. */
export function draftToParams(fields: ParamField[], draft: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const text = (draft[field.name] ?? '').trim();
    if (text === '' && field.optional) continue;
    params[field.name] = field.kind === 'number' ? (text === '' ? Number.NaN : Number(text)) : text;
  }
  return params;
}

export function paramsToDraft(fields: ParamField[], params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.name, params[f.name] === undefined ? '' : String(params[f.name])]));
}

/** Same params, whatever the key order (the journal and the form list them differently). */
export function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => Object.is(a[key], b[key]));
}
