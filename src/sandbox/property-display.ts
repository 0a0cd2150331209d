/**
 * A property value as HubSpot shows it on a record page and in its CRM data components: option labels instead of
 * enumeration values, owner names instead of owner ids, pipeline and stage labels instead of their ids, numbers
 * with thousands separators (and the currency symbol when the property asks for it), dates as MM/DD/YYYY and
 * date-times with the time, in the portal's time zone (the sandbox portal's is UTC), `Yes`/`No` for booleans.
 * An empty value shows as an empty string; the components draw their own placeholder for it.
 */
import type { PropertyDefinition, Pipeline } from './hubspot-reader';

export interface DisplayContext {
  readonly owners: ReadonlyMap<string, string>;
  /** The object type's pipelines (deals, tickets), for pipeline and stage properties. */
  readonly pipelines: readonly Pipeline[];
  /** ISO 4217 code of the portal's company currency. */
  readonly currency?: string;
}

/** Properties whose values are pipeline ids or stage ids, by name. */
const PIPELINE_PROPERTIES = new Set(['pipeline', 'hs_pipeline']);
const STAGE_PROPERTIES = new Set(['dealstage', 'hs_pipeline_stage']);

export const isOwnerProperty = (name: string): boolean => name === 'hubspot_owner_id' || name.endsWith('_owner_id');

const pad = (n: number) => String(n).padStart(2, '0');

function formatDate(value: string, withTime: boolean): string | null {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const date = `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
  if (!withTime) return date;
  const h = d.getUTCHours();
  return `${date} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

function formatNumber(value: string, def: PropertyDefinition, currency: string): string | null {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return null;
  if (def.showCurrencySymbol === true) return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 }).format(n);
}

/**
 * The values a user may pick for a property, with their labels: owners, pipelines, pipeline stages, or the
 * property's own options (hidden ones left out).
 */
export function optionsFor(def: PropertyDefinition, context: DisplayContext): { label: string; value: string }[] {
  if (isOwnerProperty(def.name)) return [...context.owners].map(([value, label]) => ({ label, value }));
  if (PIPELINE_PROPERTIES.has(def.name)) return context.pipelines.map((p) => ({ label: p.label, value: p.id }));
  if (STAGE_PROPERTIES.has(def.name)) return context.pipelines.flatMap((p) => [...p.stages].sort((a, b) => a.displayOrder - b.displayOrder).map((s) => ({ label: s.label, value: s.id })));
  return def.options.filter((o) => o.hidden !== true).map((o) => ({ label: o.label, value: o.value }));
}

/** The text HubSpot shows for `value` of the property `def` (the raw value when it cannot be read as its type). */
export function displayValue(def: PropertyDefinition | undefined, value: string | null, context: DisplayContext): string {
  if (value === null || value === '') return '';
  if (!def) return value;
  if (isOwnerProperty(def.name)) return context.owners.get(value) ?? value;
  if (PIPELINE_PROPERTIES.has(def.name)) return context.pipelines.find((p) => p.id === value)?.label ?? value;
  if (STAGE_PROPERTIES.has(def.name)) {
    for (const p of context.pipelines) {
      const stage = p.stages.find((s) => s.id === value);
      if (stage) return stage.label;
    }
    return value;
  }
  switch (def.type) {
    case 'enumeration':
      return value
        .split(';')
        .map((v) => def.options.find((o) => o.value === v)?.label ?? v)
        .join(', ');
    case 'bool':
      return value === 'true' ? 'Yes' : value === 'false' ? 'No' : value;
    case 'number':
      return formatNumber(value, def, context.currency ?? 'USD') ?? value;
    case 'date':
      return formatDate(value, false) ?? value;
    case 'datetime':
      // A date-time shown in a date field (a deal's close date) is shown as a date.
      return formatDate(value, def.fieldType !== 'date') ?? value;
    default:
      return value;
  }
}
