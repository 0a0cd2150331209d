/**
 * HubSpot's CRM data components about the displayed record's associated records: CrmAssociationTable (search,
 * quick filters, sortable columns, pages), CrmAssociationPivot (grouped by association label, "Show more"),
 * CrmAssociationPropertyList and CrmAssociationStageTracker. The records come from the emulator's CRM search, so
 * `preFilters`/`filters` and `sort` behave as HubSpot's search does.
 */
import { useEffect, useState } from 'react';
import type { CrmAssociatedAnswer, CrmAssociatedRequest, CrmComponentFilter, CrmComponentSort } from '../../../shared/protocol';
import { useCardHost } from '../host-context';
import { bool, hsAttrs, list, num, record, str, type HsProps } from '../props';
import { CrmState, EMPTY, PropertyRows, PropertyValue, RecordLink, StageBar } from './parts';
import { propertyNames, saver } from './record-components';
import { useCrmData } from './use-crm-data';

/** `preFilters` / `filters` as given (each needs an operator and a property). */
export function filtersOf(v: unknown): CrmComponentFilter[] {
  return (list(v) ?? []).flatMap((raw) => {
    const f = record(raw);
    const operator = str(f?.operator);
    const property = str(f?.property);
    if (!f || !operator || !property) return [];
    const scalar = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : undefined);
    const values = Array.isArray(f.values) ? f.values.map(scalar).filter((x): x is string | number | boolean => x !== undefined) : scalar(f.values);
    const value = scalar(f.value);
    const highValue = typeof f.highValue === 'string' || typeof f.highValue === 'number' ? f.highValue : undefined;
    return [{ operator, property, ...(value !== undefined ? { value } : {}), ...(values !== undefined && typeof values !== 'boolean' ? { values } : {}), ...(highValue !== undefined ? { highValue } : {}) }];
  });
}

export function sortsOf(v: unknown): CrmComponentSort[] {
  return (list(v) ?? []).flatMap((raw) => {
    const s = record(raw);
    const columnName = str(s?.columnName);
    return columnName ? [{ columnName, direction: num(s?.direction) === -1 ? -1 : 1 }] : [];
  });
}

const labelsOf = (v: unknown): string[] => (list(v) ?? []).filter((l): l is string => typeof l === 'string');

function useAssociated(component: string, request: Omit<CrmAssociatedRequest, 'fromObjectTypeId' | 'fromObjectId'>) {
  const host = useCardHost();
  const full: CrmAssociatedRequest = { fromObjectTypeId: host.record.objectTypeId, fromObjectId: host.record.objectId, ...request };
  const { data, reload } = useCrmData<CrmAssociatedAnswer>(full, () => host.crm.associated(component, full));
  return { host, data, reload };
}

/** Waits `ms` after the last change, so a search runs once the user paused typing. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const DEFAULT_PAGE_SIZE = 10;

export function CrmAssociationTable(props: HsProps) {
  const toObjectTypeId = str(props.objectTypeId) ?? '';
  const columns = propertyNames(props.propertyColumns, 50);
  const quick = propertyNames(props.quickFilterProperties, 10);
  const pageSize = Math.max(1, Math.min(100, num(props.pageSize) ?? DEFAULT_PAGE_SIZE));
  const searchable = bool(props.searchable) !== false;
  const paginated = bool(props.pagination) !== false;
  const labelFilterShown = bool(props.associationLabelFilter) !== false;
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 300);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<CrmComponentSort[]>(() => sortsOf(props.sort));
  const [label, setLabel] = useState('');
  const [quickValues, setQuickValues] = useState<Readonly<Record<string, string>>>({});
  useEffect(() => setPage(1), [query, label, quickValues]);
  const filters = [...filtersOf(props.preFilters), ...Object.entries(quickValues).filter(([, v]) => v !== '').map(([property, value]) => ({ operator: 'EQ', property, value }))];
  const { host, data, reload } = useAssociated('CrmAssociationTable', {
    toObjectTypeId,
    properties: columns,
    filters,
    sort,
    ...(query ? { query } : {}),
    ...(label ? { associationLabels: [label] } : {}),
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const save = (objectId: string) => saver(host, 'CrmAssociationTable', { objectTypeId: toObjectTypeId, objectId }, reload);
  return (
    <section {...hsAttrs('CrmAssociationTable', props)} className="hs-crm hs-crm-association-table">
      <CrmState name="CrmAssociationTable" data={data}>
        {(d) => {
          const pageCount = Math.max(1, Math.ceil(d.total / pageSize));
          return (
            <>
              <div className="hs-crm-table-tools">
                {searchable ? (
                  <input className="hs-input hs-crm-search" type="search" placeholder={`Search ${d.plural.toLowerCase()}`} aria-label={`Search ${d.plural.toLowerCase()}`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
                ) : null}
                {labelFilterShown && (d.labels.length > 0 || quick.length > 0) ? (
                  <select className="hs-input hs-crm-quick-filter" aria-label="Association label" value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
                    <option value="">Association label: all</option>
                    {d.labels.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                ) : null}
                {quick.map((name) => {
                  const column = d.columns.find((c) => c.name === name);
                  const title = column?.label ?? name;
                  return column && column.options.length > 0 ? (
                    <select key={name} className="hs-input hs-crm-quick-filter" aria-label={title} value={quickValues[name] ?? ''} onChange={(e) => setQuickValues({ ...quickValues, [name]: e.currentTarget.value })}>
                      <option value="">{`${title}: all`}</option>
                      {column.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <QuickText key={name} title={title} onChange={(v) => setQuickValues({ ...quickValues, [name]: v })} />
                  );
                })}
                <span className="hs-muted hs-crm-count">{`${d.total} ${d.total === 1 ? d.singular.toLowerCase() : d.plural.toLowerCase()}`}</span>
              </div>
              <div className="hs-table-wrap">
                <table className="hs-table hs-bordered hs-density-default">
                  <thead>
                    <tr>
                      {d.columns.map((c) => {
                        const current = sort[0]?.columnName === c.name ? sort[0].direction : 0;
                        return (
                          <th key={c.name} className="hs-sortable" aria-sort={current === 1 ? 'ascending' : current === -1 ? 'descending' : 'none'} onClick={() => setSort([{ columnName: c.name, direction: current === 1 ? -1 : 1 }])}>
                            {c.label}
                            <span aria-hidden="true">{current === 1 ? ' ▲' : current === -1 ? ' ▼' : ' ⇅'}</span>
                          </th>
                        );
                      })}
                    </tr>
                  </thead>
                  <tbody>
                    {d.rows.map((r) => (
                      <tr key={r.id} data-record-id={r.id}>
                        {r.properties.map((c, i) => (
                          <td key={c.name}>{i === 0 ? <RecordLink objectTypeId={r.objectTypeId} id={r.id} title={c.display || r.title} /> : <PropertyValue cell={c} onSave={save(r.id)} />}</td>
                        ))}
                      </tr>
                    ))}
                    {d.rows.length === 0 ? (
                      <tr>
                        <td colSpan={Math.max(1, d.columns.length)} className="hs-muted hs-crm-empty">
                          {`No associated ${d.plural.toLowerCase()}${query || label || filters.length > 0 ? ' match' : ''}.`}
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
              {paginated && pageCount > 1 ? (
                <nav className="hs-pagination" aria-label={`${d.plural} pages`}>
                  <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    ‹ Prev
                  </button>
                  {Array.from({ length: pageCount }, (_, i) => i + 1)
                    .filter((n) => Math.abs(n - page) <= 2 || n === 1 || n === pageCount)
                    .map((n) => (
                      <button key={n} type="button" aria-current={n === page ? 'page' : undefined} className={n === page ? 'hs-selected' : ''} onClick={() => setPage(n)}>
                        {n}
                      </button>
                    ))}
                  <button type="button" disabled={page >= pageCount} onClick={() => setPage(page + 1)}>
                    Next ›
                  </button>
                </nav>
              ) : null}
            </>
          );
        }}
      </CrmState>
    </section>
  );
}

function QuickText({ title, onChange }: { title: string; onChange: (value: string) => void }) {
  const [value, setValue] = useState('');
  const settled = useDebounced(value.trim(), 400);
  useEffect(() => onChange(settled), [settled]);
  return <input className="hs-input hs-crm-quick-filter" aria-label={title} placeholder={`${title} is…`} value={value} onChange={(e) => setValue(e.currentTarget.value)} />;
}

const PIVOT_FETCH = 200;
const UNLABELED = 'Unlabeled';

export function CrmAssociationPivot(props: HsProps) {
  const toObjectTypeId = str(props.objectTypeId) ?? '';
  const only = labelsOf(props.associationLabels);
  const max = Math.max(1, num(props.maxAssociations) ?? 5);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const { data } = useAssociated('CrmAssociationPivot', {
    toObjectTypeId,
    properties: [],
    filters: filtersOf(props.preFilters),
    sort: sortsOf(props.sort),
    ...(only.length > 0 ? { associationLabels: only } : {}),
    limit: PIVOT_FETCH,
  });
  return (
    <section {...hsAttrs('CrmAssociationPivot', props)} className="hs-crm hs-crm-pivot">
      <CrmState name="CrmAssociationPivot" data={data}>
        {(d) => {
          const groups = (only.length > 0 ? only : [...d.labels, UNLABELED]).map((l) => ({ label: l, rows: d.rows.filter((r) => (l === UNLABELED ? r.labels.length === 0 : r.labels.includes(l))) }));
          const shown = groups.filter((g) => g.rows.length > 0 || only.includes(g.label));
          if (shown.length === 0) return <div className="hs-muted hs-crm-empty">{`No associated ${d.plural.toLowerCase()}.`}</div>;
          return shown.map((g) => {
            const open = expanded.has(g.label);
            const rows = open ? g.rows : g.rows.slice(0, max);
            return (
              <div key={g.label} className="hs-pivot-group" data-label={g.label}>
                <div className="hs-pivot-label">
                  {g.label} <span className="hs-muted">({g.rows.length})</span>
                </div>
                {g.rows.length === 0 ? <div className="hs-muted hs-crm-empty">{`No ${d.plural.toLowerCase()} with this label.`}</div> : null}
                <ul className="hs-pivot-list">
                  {rows.map((r) => (
                    <li key={r.id}>
                      <RecordLink objectTypeId={r.objectTypeId} id={r.id} title={r.title} />
                    </li>
                  ))}
                </ul>
                {g.rows.length > max ? (
                  <button type="button" className="hs-button hs-button-transparent hs-size-xs" onClick={() => setExpanded((s) => (open ? new Set([...s].filter((x) => x !== g.label)) : new Set([...s, g.label])))}>
                    {open ? 'Show less' : `Show more (${g.rows.length - max})`}
                  </button>
                ) : null}
              </div>
            );
          });
        }}
      </CrmState>
    </section>
  );
}

export function CrmAssociationPropertyList(props: HsProps) {
  const toObjectTypeId = str(props.objectTypeId) ?? '';
  const labels = labelsOf(props.associationLabels);
  const { host, data, reload } = useAssociated('CrmAssociationPropertyList', {
    toObjectTypeId,
    properties: propertyNames(props.properties, 24),
    filters: filtersOf(props.filters),
    sort: sortsOf(props.sort),
    ...(labels.length > 0 ? { associationLabels: labels, labelMatch: 'all' as const } : {}),
    limit: 1,
  });
  return (
    <section {...hsAttrs('CrmAssociationPropertyList', props)} className="hs-crm hs-crm-association-propertylist">
      <CrmState name="CrmAssociationPropertyList" data={data}>
        {(d) => {
          const first = d.rows[0];
          if (!first) return <div className="hs-muted hs-crm-empty">{`No associated ${d.singular.toLowerCase()}${labels.length > 0 ? ` labelled ${labels.join(' and ')}` : ''}.`}</div>;
          return (
            <>
              <div className="hs-crm-record-head">
                <RecordLink objectTypeId={first.objectTypeId} id={first.id} title={first.title} />
                {first.labels.length > 0 ? <span className="hs-muted"> · {first.labels.join(', ')}</span> : null}
              </div>
              <PropertyRows cells={first.properties} direction="column" onSave={saver(host, 'CrmAssociationPropertyList', { objectTypeId: first.objectTypeId, objectId: first.id }, reload)} />
            </>
          );
        }}
      </CrmState>
    </section>
  );
}

const TRACKER_FETCH = 50;

export function CrmAssociationStageTracker(props: HsProps) {
  const toObjectTypeId = str(props.objectTypeId) ?? '';
  const labels = labelsOf(props.associationLabels);
  const [chosen, setChosen] = useState<string | null>(null);
  const { host, data, reload } = useAssociated('CrmAssociationStageTracker', {
    toObjectTypeId,
    properties: propertyNames(props.properties, 4),
    filters: filtersOf(props.filters),
    sort: sortsOf(props.sort),
    ...(labels.length > 0 ? { associationLabels: labels } : {}),
    limit: TRACKER_FETCH,
    stage: true,
  });
  return (
    <section {...hsAttrs('CrmAssociationStageTracker', props)} className="hs-crm hs-crm-stagetracker">
      <CrmState name="CrmAssociationStageTracker" data={data}>
        {(d) => {
          const row = d.rows.find((r) => r.id === chosen) ?? d.rows[0];
          if (!row) return <div className="hs-muted hs-crm-empty">{`No associated ${d.plural.toLowerCase()}.`}</div>;
          return (
            <>
              <div className="hs-crm-record-head">
                {d.rows.length > 1 ? (
                  <select className="hs-input" aria-label={`Associated ${d.singular.toLowerCase()}`} value={row.id} onChange={(e) => setChosen(e.currentTarget.value)}>
                    {d.rows.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.title}
                      </option>
                    ))}
                  </select>
                ) : null}
                <RecordLink objectTypeId={row.objectTypeId} id={row.id} title={row.title} />
              </div>
              {row.stage ? <StageBar stage={row.stage} /> : <div className="hs-muted">{EMPTY}</div>}
              {bool(props.showProperties) !== false && row.properties.length > 0 ? (
                <PropertyRows cells={row.properties} direction="row" onSave={saver(host, 'CrmAssociationStageTracker', { objectTypeId: row.objectTypeId, objectId: row.id }, reload)} />
              ) : null}
            </>
          );
        }}
      </CrmState>
    </section>
  );
}
