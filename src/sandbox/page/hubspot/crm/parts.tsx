/**
 * Pieces shared by the CRM data components: their loading and error states, a property value a user can edit in
 * place (saved when the field is left or Enter is pressed, as HubSpot does), a stage progress bar, and links to
 * associated records.
 */
import { useState, type ReactNode } from 'react';
import type { PropertyCell, StageView } from '../../../shared/protocol';
import { useCardHost } from '../host-context';
import type { CrmData } from './use-crm-data';

export function CrmLoading({ name }: { name: string }) {
  return (
    <div className="hs-crm-loading" role="status" aria-busy="true" aria-label={`Loading ${name}`}>
      <span className="hs-spinner hs-spinner-sm" aria-hidden="true" /> <span className="hs-muted">Loading…</span>
    </div>
  );
}

export function CrmError({ name, message }: { name: string; message: string }) {
  return (
    <div className="hs-crm-error" role="alert" data-crm-error={name}>
      <strong>{name} could not load its data.</strong> <span className="hs-muted">{message}</span>
    </div>
  );
}

/** Draws `render(data)` once the data is there, HubSpot's loading and error states before. */
export function CrmState<T>({ name, data, children }: { name: string; data: CrmData<T>; children: (data: T) => ReactNode }) {
  if (data.state === 'loading') return <CrmLoading name={name} />;
  if (data.state === 'error') return <CrmError name={name} message={data.message} />;
  return <>{children(data.data)}</>;
}

/** The empty-value placeholder HubSpot shows. */
export const EMPTY = '--';

function editorInput(cell: PropertyCell, value: string, setValue: (v: string) => void, commit: () => void, cancel: () => void) {
  const common = {
    className: 'hs-input hs-inline-editor',
    'aria-label': cell.label,
    autoFocus: true,
    onBlur: commit,
    onKeyDown: (e: { key: string }) => {
      if (e.key === 'Enter') commit();
      if (e.key === 'Escape') cancel();
    },
  };
  if (cell.options.length > 0) {
    return (
      <select {...common} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
        <option value="">{EMPTY}</option>
        {cell.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  const type = cell.type === 'number' ? 'number' : cell.type === 'date' || cell.fieldType === 'date' ? 'date' : 'text';
  const shown = type === 'date' ? value.slice(0, 10) : value;
  return <input {...common} type={type} value={shown} onChange={(e) => setValue(e.currentTarget.value)} />;
}

/**
 * A property value; an editable one turns into a field on click and is saved through the emulator (`onSave`)
 * when left or on Enter, Escape cancels.
 */
export function PropertyValue({ cell, onSave }: { cell: PropertyCell; onSave?: (name: string, value: string) => Promise<string | null> }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(cell.value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = cell.display === '' ? EMPTY : cell.display;
  if (!cell.known) {
    return (
      <span className="hs-crm-value hs-muted" title={`This object type has no property named "${cell.name}"`}>
        {EMPTY}
      </span>
    );
  }
  if (!cell.editable || !onSave) return <span className="hs-crm-value">{shown}</span>;
  if (editing) {
    const commit = () => {
      setEditing(false);
      if (value === (cell.value ?? '')) return;
      setSaving(true);
      void onSave(cell.name, cell.type === 'date' || cell.fieldType === 'date' ? value.slice(0, 10) : value).then((e) => {
        setSaving(false);
        setError(e);
      });
    };
    return editorInput(cell, value, setValue, commit, () => {
      setEditing(false);
      setValue(cell.value ?? '');
    });
  }
  return (
    <span className="hs-crm-value-wrap">
      <button
        type="button"
        className="hs-crm-value hs-editable"
        title="Click to edit"
        aria-busy={saving || undefined}
        onClick={() => {
          setValue(cell.value ?? '');
          setEditing(true);
        }}
      >
        {saving ? 'Saving…' : shown}
        <span className="hs-edit-pencil" aria-hidden="true">
          ✎
        </span>
      </button>
      {error ? <span className="hs-validation-error">{error}</span> : null}
    </span>
  );
}

/** A record's stage as HubSpot's stage trackers draw it: one segment per stage, the ones reached filled. */
export function StageBar({ stage }: { stage: StageView }) {
  const index = stage.stages.findIndex((s) => s.id === stage.currentId);
  const current = index >= 0 ? stage.stages[index] : undefined;
  const lost = current !== undefined && current.closed && /lost/i.test(current.label);
  return (
    <div className="hs-stage-tracker" data-stage={stage.currentId ?? ''}>
      <div className="hs-stage-head">
        <span className="hs-stage-pipeline">{stage.pipelineLabel}</span>
        <span className="hs-stage-current">{current ? `${current.label} (${index + 1} of ${stage.stages.length})` : 'No stage set'}</span>
      </div>
      <ol className="hs-stage-segments" aria-label={`${stage.pipelineLabel}: ${current?.label ?? 'no stage'}`}>
        {stage.stages.map((s, i) => (
          <li
            key={s.id}
            className={`hs-stage-segment${i < index ? ' hs-stage-done' : ''}${i === index ? ` hs-stage-now${lost ? ' hs-stage-lost' : ''}` : ''}`}
            aria-current={i === index ? 'step' : undefined}
            title={s.label}
          >
            <span className="hs-stage-label">{s.label}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** An associated record's name, linking to its record page as HubSpot's components do. */
export function RecordLink({ objectTypeId, id, title }: { objectTypeId: string; id: string; title: string }) {
  const host = useCardHost();
  return (
    <a
      className="hs-link hs-link-primary hs-record-link"
      href={`#record/${objectTypeId}/${id}`}
      onClick={(e) => {
        e.preventDefault();
        if (!host.openRecord(objectTypeId, id)) host.openDialog({ title, body: `HubSpot opens the record ${title} (${objectTypeId}/${id}); the sandbox has no page for this object type.` });
      }}
    >
      {title}
    </a>
  );
}

/** Labels and values in HubSpot's property list layout (`column`: label over value; `row`: side by side). */
export function PropertyRows({ cells, direction, onSave }: { cells: readonly PropertyCell[]; direction: 'row' | 'column'; onSave?: (name: string, value: string) => Promise<string | null> }) {
  return (
    <dl className={`hs-crm-property-list hs-crm-dir-${direction}`}>
      {cells.map((c) => (
        <div key={c.name} className="hs-crm-property" data-crm-property={c.name}>
          <dt>{c.label}</dt>
          <dd>{onSave ? <PropertyValue cell={c} onSave={onSave} /> : <PropertyValue cell={c} />}</dd>
        </div>
      ))}
    </dl>
  );
}
