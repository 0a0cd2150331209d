/**
 * CrmStatistics (summaries over the displayed record's associated records, computed from the emulator's records)
 * and CrmReport, which the sandbox can only stand in for: HubSpot's reports live in its reporting tool.
 */
import type { CrmStatisticRequest, CrmStatisticsAnswer } from '../../../shared/protocol';
import { useCardHost } from '../host-context';
import { hsAttrs, list, num, oneOf, record, str, type HsProps } from '../props';
import { StandIn } from '../stand-in';
import { filtersOf } from './association-components';
import { CrmState, EMPTY } from './parts';
import { useCrmData } from './use-crm-data';

function statisticsOf(v: unknown): CrmStatisticRequest[] {
  return (list(v) ?? []).flatMap((raw) => {
    const s = record(raw);
    const label = str(s?.label);
    const statisticType = str(s?.statisticType);
    const propertyName = str(s?.propertyName);
    if (!s || label === undefined || !statisticType || !propertyName) return [];
    const groups = (list(s.filterGroups) ?? []).map((g) => ({ filters: filtersOf(record(g)?.filters) }));
    const percentile = num(s.percentile);
    return [{ label, statisticType, propertyName, ...(percentile !== undefined ? { percentile } : {}), ...(groups.length > 0 ? { filterGroups: groups } : {}) }];
  });
}

export function CrmStatistics(props: HsProps) {
  const host = useCardHost();
  const request = { fromObjectTypeId: host.record.objectTypeId, fromObjectId: host.record.objectId, toObjectTypeId: str(props.objectTypeId) ?? '', statistics: statisticsOf(props.statistics) };
  const { data } = useCrmData<CrmStatisticsAnswer>(request, () => host.crm.statistics('CrmStatistics', request));
  return (
    <section {...hsAttrs('CrmStatistics', props)} className="hs-crm hs-crm-statistics">
      <CrmState name="CrmStatistics" data={data}>
        {(d) => (
          <div className="hs-statistics">
            {d.values.map((v, i) => (
              <div key={`${v.label}-${i}`} className="hs-stat-item">
                <div className="hs-stat-label">{v.label}</div>
                <div className="hs-stat-number">{v.error ? EMPTY : v.display || EMPTY}</div>
                {v.error ? <div className="hs-validation-error">{v.error}</div> : null}
              </div>
            ))}
          </div>
        )}
      </CrmState>
    </section>
  );
}

const USES = {
  associations: 'only the data of records associated with this record',
  subject: 'only the data of this record',
  unfiltered: 'all of the report’s data, whatever record is displayed',
} as const;

export function CrmReport(props: HsProps) {
  const reportId = str(props.reportId) ?? '(no reportId)';
  const use = oneOf(props.use, ['associations', 'subject', 'unfiltered'] as const) ?? 'associations';
  return (
    <section {...hsAttrs('CrmReport', props)} className="hs-crm hs-crm-report">
      <StandIn component="CrmReport" title={`Report ${reportId}`}>
        HubSpot draws its single-object report {reportId} here, showing {USES[use]} (<code>use="{use}"</code>). Reports are built in HubSpot’s reporting tool,
        which the sandbox’s emulator does not have.
      </StandIn>
    </section>
  );
}
