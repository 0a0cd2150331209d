/**
 * HubSpot's CRM data components about one record (the displayed one, or `objectTypeId` + `objectId`):
 * CrmPropertyList, CrmDataHighlight, CrmStageTracker and CrmSimpleDeadline. Values are the emulator's, shown as
 * HubSpot shows them, and editable in place where HubSpot allows it.
 */
import type { CrmRecordAnswer, PropertyCell } from '../../../shared/protocol';
import { useCardHost, type CardHost } from '../host-context';
import { bool, hsAttrs, list, num, record, str, type HsProps } from '../props';
import { CrmState, EMPTY, PropertyRows, PropertyValue, StageBar } from './parts';
import { useCrmData } from './use-crm-data';

/** The `properties` prop: names, at most `max` of them (HubSpot's documented limit). */
export function propertyNames(v: unknown, max: number): string[] {
  return (list(v) ?? []).filter((p): p is string => typeof p === 'string').slice(0, max);
}

/** Which record a component shows: the one named by its props, else the displayed one. */
export function targetRecord(props: HsProps, host: CardHost): { objectTypeId: string; objectId: string } {
  const id = num(props.objectId);
  return id !== undefined ? { objectTypeId: str(props.objectTypeId) ?? host.record.objectTypeId, objectId: String(id) } : host.record;
}

/** Saves an inline edit of `target` and reloads; answers the error message, if any. */
export function saver(host: CardHost, component: string, target: { objectTypeId: string; objectId: string }, reload: () => void) {
  return async (name: string, value: string): Promise<string | null> => {
    const answer = await host.crm.update(component, { ...target, properties: { [name]: value } });
    reload();
    return answer.error ?? null;
  };
}

function useRecord(component: string, props: HsProps, max: number, stage: boolean) {
  const host = useCardHost();
  const target = targetRecord(props, host);
  const request = { ...target, properties: propertyNames(props.properties, max), stage };
  const { data, reload } = useCrmData<CrmRecordAnswer>(request, () => host.crm.record(component, request));
  return { host, target, data, reload };
}

export function CrmPropertyList(props: HsProps) {
  const { host, target, data, reload } = useRecord('CrmPropertyList', props, 24, false);
  const direction = str(props.direction) === 'row' ? 'row' : 'column';
  return (
    <section {...hsAttrs('CrmPropertyList', props)} className="hs-crm hs-crm-propertylist">
      <CrmState name="CrmPropertyList" data={data}>
        {(d) => <PropertyRows cells={d.properties} direction={direction} onSave={saver(host, 'CrmPropertyList', target, reload)} />}
      </CrmState>
    </section>
  );
}

/** Up to four values, each as a large number under its label (HubSpot's data highlight). */
function Highlights({ cells }: { cells: readonly PropertyCell[] }) {
  return (
    <div className="hs-crm-highlights">
      {cells.map((c) => (
        <div key={c.name} className="hs-crm-highlight" data-crm-property={c.name}>
          <div className="hs-stat-label">{c.label}</div>
          <div className="hs-stat-number">{c.known && c.display !== '' ? c.display : EMPTY}</div>
        </div>
      ))}
    </div>
  );
}

export function CrmDataHighlight(props: HsProps) {
  const { data } = useRecord('CrmDataHighlight', props, 4, false);
  return (
    <section {...hsAttrs('CrmDataHighlight', props)} className="hs-crm hs-crm-datahighlight">
      <CrmState name="CrmDataHighlight" data={data}>
        {(d) => <Highlights cells={d.properties} />}
      </CrmState>
    </section>
  );
}

export function CrmStageTracker(props: HsProps) {
  const { host, target, data, reload } = useRecord('CrmStageTracker', props, 4, true);
  const showProperties = bool(props.showProperties) !== false;
  return (
    <section {...hsAttrs('CrmStageTracker', props)} className="hs-crm hs-crm-stagetracker">
      <CrmState name="CrmStageTracker" data={data}>
        {(d) => (
          <>
            {d.stage ? <StageBar stage={d.stage} /> : <div className="hs-muted">This record has no stage.</div>}
            {showProperties && d.properties.length > 0 ? <PropertyRows cells={d.properties} direction="row" onSave={saver(host, 'CrmStageTracker', target, reload)} /> : null}
          </>
        )}
      </CrmState>
    </section>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOf(cell: PropertyCell | undefined): number | null {
  if (!cell?.value) return null;
  const ms = /^\d+$/.test(cell.value) ? Number(cell.value) : Date.parse(cell.value);
  return Number.isFinite(ms) ? ms : null;
}

/** `progressTheme`'s colours and shape, as CSS. */
function themeStyle(theme: Readonly<Record<string, unknown>> | undefined, done: boolean) {
  const size = (v: unknown) => (typeof v === 'number' ? `${v}px` : str(v));
  const gradient = record(done ? theme?.completedGradient : theme?.upcomingGradient);
  const from = str(gradient?.startColor);
  const to = str(gradient?.endColor);
  return {
    background: from && to ? `linear-gradient(90deg, ${from}, ${to})` : str(done ? theme?.completedColor : theme?.upcomingColor),
    borderRadius: size(theme?.borderRadius),
  };
}

/** Time from a start date to a deadline (both properties of the record): elapsed share and days left. */
export function CrmSimpleDeadline(props: HsProps) {
  const host = useCardHost();
  const start = str(props.startDatePropertyName) ?? '';
  const end = str(props.endDatePropertyName) ?? '';
  const shown = propertyNames(props.properties, 24);
  const request = { ...host.record, properties: [start, end, ...shown].filter((n) => n !== ''), stage: false };
  const { data, reload } = useCrmData<CrmRecordAnswer>(request, () => host.crm.record('CrmSimpleDeadline', request));
  const theme = record(props.progressTheme);
  const size = (v: unknown) => (typeof v === 'number' ? `${v}px` : str(v));
  return (
    <section {...hsAttrs('CrmSimpleDeadline', props)} className="hs-crm hs-crm-deadline">
      <CrmState name="CrmSimpleDeadline" data={data}>
        {(d) => {
          const startCell = d.properties.find((c) => c.name === start);
          const endCell = d.properties.find((c) => c.name === end);
          const from = timeOf(startCell);
          const to = timeOf(endCell);
          const now = Date.now();
          const share = from !== null && to !== null && to > from ? Math.max(0, Math.min(1, (now - from) / (to - from))) : to !== null && now >= to ? 1 : 0;
          const daysLeft = to === null ? null : Math.ceil((to - now) / DAY_MS);
          const words = daysLeft === null ? `No ${endCell?.label ?? 'deadline'} set` : daysLeft > 1 ? `${daysLeft} days left` : daysLeft === 1 ? '1 day left' : daysLeft === 0 ? 'Due today' : `${-daysLeft} days overdue`;
          return (
            <>
              <div className="hs-deadline-head">
                <span>
                  {startCell?.label ?? start}: <PropertyValue cell={startCell ?? { name: start, label: start, type: 'date', fieldType: 'date', value: null, display: '', known: false, editable: false, options: [] }} />
                </span>
                <strong className={daysLeft !== null && daysLeft < 0 ? 'hs-text-danger' : undefined}>{words}</strong>
                <span>
                  {endCell?.label ?? end}: <PropertyValue cell={endCell ?? { name: end, label: end, type: 'date', fieldType: 'date', value: null, display: '', known: false, editable: false, options: [] }} />
                </span>
              </div>
              <div
                className="hs-progress-track hs-deadline-track"
                role="progressbar"
                aria-label="Time to the deadline"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(share * 100)}
                style={{ ...themeStyle(theme, false), height: size(theme?.height), backgroundColor: str(theme?.backgroundColor) }}
              >
                <div className="hs-progress-fill hs-progress-success" style={{ width: `${share * 100}%`, ...themeStyle(theme, true) }} />
              </div>
              {bool(props.showProperties) !== false && shown.length > 0 ? (
                <PropertyRows cells={d.properties.filter((c) => shown.includes(c.name))} direction="row" onSave={saver(host, 'CrmSimpleDeadline', host.record, reload)} />
              ) : null}
            </>
          );
        }}
      </CrmState>
    </section>
  );
}
