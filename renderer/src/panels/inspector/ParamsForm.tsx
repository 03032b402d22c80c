import { isOpName, parseOpParams } from '@contract';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { PHOTO_CHOICES_ID, PhotoChoices } from '../../photos/PhotoChoices';
import { updateParams } from '../../store/edits';
import { currentPlatform } from '../../store/engine-client';
import { notifyError } from '../../store/notices';
import { useFaultline } from '../../store/store';
import { draftToParams, paramFieldsOf, paramsToDraft, sameParams, type ParamField } from './param-fields';

type FieldProps = { field: ParamField; value: string; onChange: (v: string) => void; onCommit: () => void; list?: string };

function FieldInput({ field, value, onChange, onCommit, list }: FieldProps) {
  const testId = `param-${field.name}`;
  const commitOnEnter = (e: KeyboardEvent) => e.key === 'Enter' && onCommit();
  if (field.kind === 'choice') {
    return (
      <select className="input" value={value} data-testid={testId} onChange={(e) => onChange(e.currentTarget.value)} onBlur={onCommit}>
        {field.optional && <option value="">(default)</option>}
        {field.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  }
  return (
    <input
      className="input"
      type={field.kind === 'number' ? 'number' : 'text'}
      step={field.kind === 'number' ? (field.integer ? 1 : 'any') : undefined}
      min={field.kind === 'number' ? (field.min ?? undefined) : undefined}
      max={field.kind === 'number' ? (field.max ?? undefined) : undefined}
      placeholder={field.optional ? 'optional' : undefined}
      value={value}
      list={list}
      data-testid={testId}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={onCommit}
      onKeyDown={commitOnEnter}
    />
  );
}

/**
 * Edits a node's params against the op's own schema (parseOpParams): an invalid value shows
 * why and is never sent; a valid one is sent on Enter or when the field loses focus.
 */
export function ParamsForm({ id, op, readOnly }: { id: string; op: string; readOnly: boolean }) {
  const savedJson = useFaultline((s) => JSON.stringify(s.tasks[id]?.params ?? {}));
  const fields = useMemo(() => paramFieldsOf(op), [op]);
  const saved = useMemo(() => JSON.parse(savedJson) as Record<string, unknown>, [savedJson]);
  const [draft, setDraft] = useState(() => paramsToDraft(fields, saved));
  useEffect(() => setDraft(paramsToDraft(fields, saved)), [fields, saved]);

  if (!isOpName(op)) return <p className="muted">Unknown op {op}: its params cannot be edited here.</p>;
  if (fields.length === 0) return <p className="muted">This operation has no parameters.</p>;

  // Sent as typed (defaults left for the engine to fill), so an untouched default stays implicit.
  const edited = draftToParams(fields, draft);
  const checked = parseOpParams(op, edited);
  const dirty = !sameParams(edited, saved);
  const commit = () => {
    if (checked.ok && dirty && !readOnly) void updateParams(id, edited);
  };
  const pickPhoto = currentPlatform().pickPhoto;
  const choosePhoto = async () => {
    if (!pickPhoto) return;
    const picked = await pickPhoto();
    if (!picked.ok) return notifyError('choose photo', picked.error);
    if (picked.value) void updateParams(id, { ...saved, path: picked.value });
  };

  return (
    <div className="params" data-testid="params-form">
      {fields.map((field) => (
        <label key={field.name} className="field">
          <span className="field-name">{field.name}</span>
          <FieldInput
            field={field}
            value={draft[field.name] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [field.name]: v }))}
            onCommit={commit}
            list={op === 'load' && field.name === 'path' ? PHOTO_CHOICES_ID : undefined}
          />
        </label>
      ))}
      {op === 'load' && <PhotoChoices />}
      {op === 'load' && pickPhoto && (
        <button className="button" data-testid="choose-photo" disabled={readOnly} onClick={() => void choosePhoto()}>
          Choose photo…
        </button>
      )}
      {!checked.ok && (
        <p className="field-error" data-testid="param-error" role="alert">
          {checked.message}
        </p>
      )}
      {checked.ok && dirty && (
        <button className="button primary" data-testid="apply-params" disabled={readOnly} onMouseDown={(e) => e.preventDefault()} onClick={commit}>
          Apply
        </button>
      )}
    </div>
  );
}
