/**
 * A record page laid out like HubSpot's: the record's properties on the left, `crm.record.tab` cards under a tab bar
 * in the middle, `crm.record.sidebar` cards on the right, and the API calls this page caused below.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { objectTypeFromName } from '../shared/object-types';
import type { CardContext, CatalogCardView, RecordAnswer, SandboxInfo } from '../shared/protocol';
import { ActivityPanel } from './ActivityPanel';
import { getJson, newViewId } from './api';
import { CardFrame, type AlertRequest } from './CardFrame';
import { DestinationPanel } from './DestinationPanel';

export interface RecordPageProps {
  readonly info: SandboxInfo;
  readonly objectType: string;
  readonly objectId: string;
  onAlert(alert: AlertRequest): void;
}

/** The user the sandbox pretends to be (HubSpot's context always has one). */
const SANDBOX_USER: CardContext['user'] = {
  id: 1,
  email: 'sandbox.user@example.com',
  emails: ['sandbox.user@example.com'],
  firstName: 'Sandbox',
  lastName: 'User',
  roles: ['super-admin'],
  teams: [],
  locale: 'en-us',
  language: 'en',
  permissions: [],
};

export function buildCardContext(info: SandboxInfo, card: CatalogCardView, objectTypeId: string, objectId: string): CardContext {
  return {
    location: card.location,
    crm: { objectId: Number(objectId), objectTypeId },
    user: SANDBOX_USER,
    portal: { id: info.portalId, timezone: 'UTC' },
    variables: { ...info.variables },
    extension: { appId: info.appId, appName: info.appName, cardTitle: card.name },
  };
}

export function RecordPage({ info, objectType, objectId, onAlert }: RecordPageProps) {
  const type = objectTypeFromName(objectType);
  const [view, setView] = useState(newViewId);
  const [record, setRecord] = useState<RecordAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [propertiesVersion, setPropertiesVersion] = useState(0);
  const [activityTick, setActivityTick] = useState(0);
  const [selectedTab, setSelectedTab] = useState<string | null>(null);
  const [showEmpty, setShowEmpty] = useState(false);

  const loadRecord = useCallback(
    async (viewId: string) => {
      try {
        const r = await getJson<RecordAnswer>(`/api/records/${encodeURIComponent(objectType)}/${encodeURIComponent(objectId)}`, { view: viewId, source: 'page' });
        setRecord(r);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setActivityTick((t) => t + 1);
      }
    },
    [objectType, objectId],
  );

  useEffect(() => {
    setRecord(null);
    void loadRecord(view);
  }, [loadRecord, view]);

  const cards = useMemo(() => info.cards.filter((c) => c.objectTypes.includes(objectType)), [info.cards, objectType]);
  const sidebar = cards.filter((c) => c.location === 'crm.record.sidebar');
  const tabs = cards.filter((c) => c.location === 'crm.record.tab');
  const unplaced = cards.filter((c) => c.location !== 'crm.record.sidebar' && c.location !== 'crm.record.tab');
  const activeTab = tabs.find((t) => t.uid === selectedTab) ?? tabs[0] ?? null;

  // One context per card per view: a new object would restart the card.
  const contexts = useMemo(() => {
    const m = new Map<string, CardContext>();
    if (type) for (const c of cards) m.set(c.uid, buildCardContext(info, c, type.objectTypeId, objectId));
    return m;
    // `view` is a dependency on purpose: reloadPage gives every card a fresh start.
  }, [cards, info, type, objectId, view]);

  if (!type) return <div className="sbx-error">Unknown object type “{objectType}”.</div>;

  const refreshProperties = () => {
    void loadRecord(view).then(() => setPropertiesVersion((v) => v + 1));
  };
  const reloadPage = () => setView(newViewId());
  const frame = (card: CatalogCardView) => {
    const context = contexts.get(card.uid);
    if (!context) return null;
    return (
      <CardFrame
        key={`${card.uid}:${view}`}
        card={card}
        record={{ objectType, objectTypeId: type.objectTypeId, objectId }}
        context={context}
        view={view}
        propertiesVersion={propertiesVersion}
        permittedFetchUrls={info.permittedFetchUrls}
        onAlert={onAlert}
        onRefreshProperties={refreshProperties}
        onReloadPage={reloadPage}
        onCallFinished={() => setActivityTick((t) => t + 1)}
      />
    );
  };

  const properties = record?.properties ?? [];
  const shown = showEmpty ? properties : properties.filter((p) => p.value !== null && p.value !== '');

  return (
    <div className="sbx-record" data-record={`${objectType}/${objectId}`}>
      <nav className="sbx-breadcrumbs">
        <a href={`#/${objectType}`}>{type.plural}</a> › <span>{record?.title ?? `${type.singular} ${objectId}`}</span>
        <button type="button" className="sbx-link-button" onClick={reloadPage} title="Reload the page: every card starts again">
          ↻ Reload page
        </button>
      </nav>
      <div className="sbx-record-columns">
        <aside className="sbx-record-left" aria-label="Record properties">
          <div className="sbx-record-header">
            <div className="sbx-avatar" aria-hidden="true">
              {(record?.title ?? '?').slice(0, 1).toUpperCase()}
            </div>
            <h1 className="sbx-record-title" data-testid="record-title">
              {record?.title ?? '…'}
            </h1>
            <div className="sbx-muted">
              {type.singular} · ID {objectId}
            </div>
          </div>
          {error ? (
            <div className="sbx-error" role="alert">
              Could not load this record: {error}
            </div>
          ) : null}
          <h2 className="sbx-section-title">
            About this {type.singular.toLowerCase()}
            <label className="sbx-toggle-empty">
              <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.currentTarget.checked)} /> show empty
            </label>
          </h2>
          <dl className="sbx-properties" data-testid="record-properties">
            {shown.map((p) => (
              <div key={p.name} className="sbx-property" data-property={p.name}>
                <dt title={p.name}>{p.label}</dt>
                <dd>{p.display ?? p.value ?? <span className="sbx-muted">--</span>}</dd>
              </div>
            ))}
          </dl>
        </aside>
        <main className="sbx-record-middle">
          <div role="tablist" className="sbx-tabs" aria-label="Record tabs">
            {tabs.map((t) => (
              <button key={t.uid} type="button" role="tab" aria-selected={activeTab?.uid === t.uid} className={activeTab?.uid === t.uid ? 'sbx-tab sbx-selected' : 'sbx-tab'} onClick={() => setSelectedTab(t.uid)}>
                {t.name}
              </button>
            ))}
          </div>
          {tabs.length === 0 ? <div className="sbx-muted sbx-pad">No tab cards are configured for {type.plural.toLowerCase()}.</div> : null}
          {/* Every tab card runs, as HubSpot loads a tab's cards once; only the selected one is visible. */}
          {tabs.map((t) => (
            <div key={t.uid} role="tabpanel" hidden={activeTab?.uid !== t.uid} className="sbx-tab-panel">
              {frame(t)}
            </div>
          ))}
          {unplaced.map((c) => (
            <div key={c.uid} className="sbx-unsupported" role="note">
              Card “{c.name}” is configured for location “{c.location}”, which the sandbox does not place on record pages.
            </div>
          ))}
          <DestinationPanel objectType={objectType} objectId={objectId} view={view} tick={activityTick} />
          <ActivityPanel view={view} tick={activityTick} cards={cards} />
        </main>
        <aside className="sbx-record-right" aria-label="Sidebar cards">
          {sidebar.map((c) => (
            <div key={c.uid}>{frame(c)}</div>
          ))}
          {sidebar.length === 0 ? <div className="sbx-muted sbx-pad">No sidebar cards are configured for {type.plural.toLowerCase()}.</div> : null}
        </aside>
      </div>
    </div>
  );
}
