/** The list of contacts or companies, searched through the emulator's CRM search. */
import { useEffect, useState } from 'react';
import { objectTypeFromName } from '../shared/object-types';
import type { RecordListAnswer, RecordSummary } from '../shared/protocol';
import { getJson } from './api';

const DEBOUNCE_MS = 250;

export function RecordList({ objectType }: { objectType: string }) {
  const type = objectTypeFromName(objectType);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [rows, setRows] = useState<readonly RecordSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = (more: string | null) => {
    setLoading(true);
    const params = new URLSearchParams({ type: objectType, q: debounced });
    if (more) params.set('after', more);
    return getJson<RecordListAnswer>(`/api/records?${params.toString()}`).then(
      (answer) => {
        setRows((prev) => (more ? [...prev, ...answer.results] : answer.results));
        setTotal(answer.total);
        setAfter(answer.after);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    void load(null);
  }, [objectType, debounced]);

  if (!type) return <div className="sbx-error">Unknown object type “{objectType}”.</div>;
  const columns = type.listProperties.filter((p) => !['firstname', 'lastname', 'name'].includes(p));
  return (
    <div className="sbx-list" data-list={objectType}>
      <div className="sbx-list-head">
        <h1>{type.plural}</h1>
        <input
          type="search"
          className="sbx-search"
          placeholder={`Search ${type.plural.toLowerCase()} by name, email or domain`}
          aria-label={`Search ${type.plural.toLowerCase()}`}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <span className="sbx-muted" data-testid="list-total">
          {total === null ? '' : `${total} ${total === 1 ? 'record' : 'records'}`}
        </span>
      </div>
      {error ? (
        <div className="sbx-error" role="alert">
          {error}
        </div>
      ) : null}
      <table className="sbx-table">
        <thead>
          <tr>
            <th>Name</th>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-record-id={r.id}>
              <td>
                <a href={`#/${objectType}/${r.id}`}>{r.title}</a>
              </td>
              {columns.map((c) => (
                <td key={c}>{r.properties[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !loading && !error ? <div className="sbx-muted sbx-pad">No {type.plural.toLowerCase()} match.</div> : null}
      {after ? (
        <button type="button" className="sbx-more" disabled={loading} onClick={() => void load(after)}>
          Load more
        </button>
      ) : null}
    </div>
  );
}
