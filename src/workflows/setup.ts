import type { LeadOpsConfig } from '../core/config/schema';
import { planProperties, projectProperties, propertyObjectTypes, PROPERTY_GROUP, type PropertyPlanStep } from '../core/project-properties';
import type { PropertyObjectType } from '../core/properties';
import type { CrmError, CrmPort } from '../hubspot';

/**
 * `lead-ops setup`: creates in a portal what the project needs and is missing (the `lead_ops` property group and
 * the project's properties on contacts, companies and tickets), idempotently: a second run creates nothing.
 * It never changes or deletes an existing property; a property of the same name with another type is reported.
 * Scopes the token lacks are reported by name (403 MISSING_SCOPES), and setup goes on with what it can do.
 */

export interface ObjectTypeReport {
  readonly objectType: PropertyObjectType;
  readonly group: 'created' | 'exists' | 'would_create' | 'failed';
  readonly steps: readonly (PropertyPlanStep & { readonly outcome: 'created' | 'exists' | 'would_create' | 'options_added' | 'would_add_options' | 'conflict' | 'failed'; readonly error?: string })[];
}

export interface SetupReport {
  readonly dryRun: boolean;
  readonly objectTypes: readonly ObjectTypeReport[];
  readonly created: number;
  /** Enumerations that gained options the configuration now uses (a new score label). */
  readonly optionsAdded: number;
  readonly existing: number;
  readonly conflicts: number;
  readonly failed: number;
  /** Scopes the token lacks for what setup had to do (the app's `requiredScopes` should include them). */
  readonly missingScopes: readonly string[];
  /** Errors that stopped an object type (auth, scopes, HubSpot unavailable). */
  readonly errors: readonly CrmError[];
}

export async function runSetup(
  crm: CrmPort,
  config: LeadOpsConfig,
  options: { readonly dryRun?: boolean; readonly onProgress?: (line: string) => void } = {},
): Promise<SetupReport> {
  const dryRun = options.dryRun ?? false;
  const say = options.onProgress ?? (() => undefined);
  const wanted = projectProperties(config);
  const reports: ObjectTypeReport[] = [];
  const errors: CrmError[] = [];
  const missingScopes = new Set<string>();
  const noteError = (e: CrmError): void => {
    errors.push(e);
    for (const s of e.requiredScopes ?? []) missingScopes.add(s);
  };

  for (const objectType of propertyObjectTypes(wanted)) {
    const mine = wanted.filter((p) => p.objectType === objectType);
    const [existing, groups] = await Promise.all([crm.listProperties(objectType), crm.listPropertyGroups(objectType)]);
    if (!existing.ok) noteError(existing.error);
    if (!groups.ok) noteError(groups.error);
    if (!existing.ok || !groups.ok) {
      reports.push({ objectType, group: 'failed', steps: [] });
      say(`✖ ${objectType}: could not read its properties`);
      continue;
    }
    let group: ObjectTypeReport['group'] = groups.value.some((g) => g.name === PROPERTY_GROUP.name) ? 'exists' : dryRun ? 'would_create' : 'created';
    if (group === 'created') {
      const made = await crm.createPropertyGroup(objectType, { name: PROPERTY_GROUP.name, label: PROPERTY_GROUP.label });
      if (!made.ok) {
        noteError(made.error);
        reports.push({ objectType, group: 'failed', steps: [] });
        say(`✖ ${objectType}: could not create the property group "${PROPERTY_GROUP.name}"`);
        continue;
      }
      if (!made.value.created) group = 'exists';
    }
    const steps: ObjectTypeReport['steps'][number][] = [];
    for (const step of planProperties(mine, existing.value)) {
      if (step.kind === 'exists') steps.push({ ...step, outcome: 'exists' });
      else if (step.kind === 'conflict') steps.push({ ...step, outcome: 'conflict' });
      else if (step.kind === 'add_options') {
        if (dryRun) steps.push({ ...step, outcome: 'would_add_options' });
        else {
          const updated = await crm.updatePropertyOptions(objectType, step.property.name, [...(step.existing.options ?? []), ...step.missing]);
          if (updated.ok) steps.push({ ...step, outcome: 'options_added' });
          else {
            noteError(updated.error);
            steps.push({ ...step, outcome: 'failed', error: updated.error.message });
          }
        }
      }
      else if (dryRun) steps.push({ ...step, outcome: 'would_create' });
      else {
        const p = step.property;
        const made = await crm.createProperty(objectType, {
          name: p.name,
          label: p.label,
          description: p.description,
          type: p.type,
          fieldType: p.fieldType,
          groupName: PROPERTY_GROUP.name,
          formField: false,
          ...(p.options ? { options: p.options } : {}),
        });
        if (made.ok) steps.push({ ...step, outcome: made.value.created ? 'created' : 'exists' });
        else {
          noteError(made.error);
          steps.push({ ...step, outcome: 'failed', error: made.error.message });
        }
      }
    }
    reports.push({ objectType, group, steps });
    const count = (o: string): number => steps.filter((s) => s.outcome === o).length;
    say(
      `${count('failed') + count('conflict') > 0 ? '✖' : '✔'} ${objectType}: group ${group}, ${count('created') + count('would_create')} ${dryRun ? 'to create' : 'created'}, ${count('exists')} already there${count('options_added') + count('would_add_options') ? `, ${count('options_added') + count('would_add_options')} ${dryRun ? 'to gain' : 'gained'} options` : ''}${count('conflict') ? `, ${count('conflict')} with another type` : ''}${count('failed') ? `, ${count('failed')} failed` : ''}`,
    );
  }

  const all = reports.flatMap((r) => r.steps);
  return {
    dryRun,
    objectTypes: reports,
    created: all.filter((s) => s.outcome === 'created' || s.outcome === 'would_create').length,
    optionsAdded: all.filter((s) => s.outcome === 'options_added' || s.outcome === 'would_add_options').length,
    existing: all.filter((s) => s.outcome === 'exists').length,
    conflicts: all.filter((s) => s.outcome === 'conflict').length,
    failed: all.filter((s) => s.outcome === 'failed').length + reports.filter((r) => r.group === 'failed').length,
    missingScopes: [...missingScopes].sort(),
    errors,
  };
}
