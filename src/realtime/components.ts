import type { LeadOpsConfig } from '../core/config/schema';
import { routingPropertiesToRead } from '../core/routing';
import type { CompiledModel } from '../core/scoring';

/**
 * The opt-in ("realtime") components, generated from the configuration: one webhooks component subscribed to
 * contact and company creation and to changes of exactly the properties the scoring model and the routing rules
 * read; the custom workflow action "Score and route with Lead Ops"; and the endpoint app function both call.
 * They are written (as data) to `src/realtime/components/` by `npm run build`, and staged into an upload only by
 * `npm run deploy -- --profile prod --realtime`; the default build and upload never contain them.
 *
 * Shapes follow HubSpot's 2026.03 templates (hubspot-project-components `components/webhooks`,
 * `components/workflow-actions`, `components/functions-endpoint`) and the custom-workflow-actions definition
 * (`outputFields`, `executionRules`, labels per language). HubSpot validates the fields online only: the offline
 * parser checks structure, uids and the component graph.
 */

/** The public URL of the endpoint function, as a profile variable HubSpot substitutes at upload. */
export const ENDPOINT_URL_VARIABLE = 'LEAD_OPS_ENDPOINT_URL';
export const ENDPOINT_PATH = '/lead-ops/events';
export const ENDPOINT_FUNCTION_UID = 'lead_ops_events';
export const ENDPOINT_FUNCTION_NAME = 'lead-ops-events';
/** Function sources under src/functions/ bundled only into the opt-in (realtime) build, never the default one. */
export const REALTIME_ONLY_FUNCTIONS: readonly string[] = [ENDPOINT_FUNCTION_NAME];
/** The secret holding the app's client secret (`hs secret add LEAD_OPS_CLIENT_SECRET`). */
export const CLIENT_SECRET_KEY = 'LEAD_OPS_CLIENT_SECRET';
export const WEBHOOKS_UID = 'lead_ops_webhooks';
export const WORKFLOW_ACTION_UID = 'lead_ops_score_and_route';
/**
 * HubSpot's concurrency limit for deliveries to one app (its guide: default 10, "greater than five"). Six keeps the
 * searches of concurrent deliveries (one per team each) near the search limit of 5 per second.
 */
export const MAX_CONCURRENT_REQUESTS = 6;

/** HubSpot computes these and does not send change events for them (webhooks guide). */
const NOT_SUBSCRIBABLE = new Set(['hs_lastmodifieddate', 'lastmodifieddate', 'num_unique_conversion_events', 'hs_object_id', 'createdate']);

/** Input properties per object type: what the model and the rules read, never our own `lead_ops_*` outputs. */
export function subscribedProperties(config: LeadOpsConfig, model: CompiledModel): { contacts: string[]; companies: string[] } {
  const keep = (names: Iterable<string>): string[] => [...new Set(names)].filter((n) => !n.startsWith('lead_ops_') && !NOT_SUBSCRIBABLE.has(n)).sort();
  const contactRouting = routingPropertiesToRead('contacts', config.routing);
  const companyRouting = routingPropertiesToRead('companies', config.routing);
  return {
    contacts: keep([...model.properties.contact, ...contactRouting.record]),
    companies: keep([...model.properties.company, ...contactRouting.company, ...companyRouting.record]),
  };
}

export function webhooksComponent(config: LeadOpsConfig, model: CompiledModel): object {
  const props = subscribedProperties(config, model);
  const changes = (objectType: 'contact' | 'company', names: readonly string[]) =>
    names.map((propertyName) => ({ subscriptionType: 'object.propertyChange', objectType, propertyName, active: true }));
  return {
    uid: WEBHOOKS_UID,
    type: 'webhooks',
    config: {
      settings: { targetUrl: `\${${ENDPOINT_URL_VARIABLE}}`, maxConcurrentRequests: MAX_CONCURRENT_REQUESTS },
      subscriptions: {
        crmObjects: [
          { subscriptionType: 'object.creation', objectType: 'contact', active: true },
          ...changes('contact', props.contacts),
          { subscriptionType: 'object.creation', objectType: 'company', active: true },
          ...changes('company', props.companies),
        ],
        legacyCrmObjects: [],
        hubEvents: [],
      },
    },
  };
}

/** Decision codes the workflow action returns in `decision` (see `RouteCode`), plus SCORED and FAILED. */
export const DECISION_CODES = ['ASSIGNED', 'ALREADY_ASSIGNED', 'UNCHANGED', 'WOULD_ASSIGN', 'NO_OWNER', 'OWNER_SET_MEANWHILE', 'SCORED', 'FAILED'] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

/** The sentence the workflow's history shows, per decision (HubSpot fills `{{field}}` from the output fields). */
export const EXECUTION_SENTENCES: Readonly<Record<DecisionCode, string>> = {
  ASSIGNED: 'Lead Ops scored {{score}} ({{label}}) and assigned owner {{owner_id}} ({{tier}}).',
  ALREADY_ASSIGNED: 'Lead Ops scored {{score}} ({{label}}); the record already had owner {{owner_id}}, so it was not reassigned.',
  UNCHANGED: 'Lead Ops scored {{score}} ({{label}}); routing already matched owner {{owner_id}} ({{tier}}).',
  WOULD_ASSIGN: 'Dry run: Lead Ops would score {{score}} ({{label}}) and assign owner {{owner_id}} ({{tier}}). Nothing was written.',
  NO_OWNER: 'Lead Ops scored {{score}} ({{label}}) but found no eligible owner in {{tier}}; the record stays unassigned.',
  OWNER_SET_MEANWHILE: 'Lead Ops scored {{score}} ({{label}}); someone set owner {{owner_id}} while it was routing, so their choice stays.',
  SCORED: 'Lead Ops scored {{score}} ({{label}}, band {{band}}).',
  FAILED: 'Lead Ops could not evaluate this record: {{error_message}}',
};

export function workflowActionComponent(): object {
  const text = (name: string, type: 'string' | 'number' = 'string') => ({
    typeDefinition: { name, type, fieldType: type === 'number' ? 'number' : 'text' },
    supportedValueTypes: ['STATIC_VALUE'],
  });
  return {
    uid: WORKFLOW_ACTION_UID,
    type: 'workflow-action',
    config: {
      actionUrl: `\${${ENDPOINT_URL_VARIABLE}}`,
      isPublished: true,
      supportedClients: [{ client: 'WORKFLOWS' }],
      inputFields: [
        {
          typeDefinition: {
            name: 'mode',
            type: 'enumeration',
            fieldType: 'select',
            options: [
              { value: 'score_and_route', label: 'Score and route' },
              { value: 'score', label: 'Score only' },
              { value: 'route', label: 'Route only' },
            ],
          },
          supportedValueTypes: ['STATIC_VALUE'],
          isRequired: true,
        },
        {
          typeDefinition: { name: 'dry_run', type: 'bool', fieldType: 'booleancheckbox', options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] },
          supportedValueTypes: ['STATIC_VALUE'],
          isRequired: false,
        },
      ],
      outputFields: [
        text('score', 'number'),
        text('band'),
        text('label'),
        text('tier'),
        text('owner_id'),
        {
          typeDefinition: { name: 'decision', type: 'enumeration', fieldType: 'select', options: DECISION_CODES.map((c) => ({ value: c, label: c.replace(/_/g, ' ').toLowerCase() })) },
          supportedValueTypes: ['STATIC_VALUE'],
        },
        text('error_message'),
      ],
      executionRules: DECISION_CODES.map((code) => ({ labelName: code.toLowerCase(), conditions: { decision: code } })),
      labels: {
        en: {
          actionName: 'Score and route with Lead Ops',
          actionDescription:
            'Scores the enrolled contact with the Lead Ops model and routes an unowned contact or company to an owner by company size, with the same rules as the cards. Never reassigns an owned record.',
          actionCardContent: 'Lead Ops: {{mode}}',
          inputFieldLabels: { mode: 'What to do', dry_run: 'Dry run (decide, write nothing)' },
          inputFieldDescriptions: {
            mode: 'Score (contacts), route (unowned records), or both.',
            dry_run: 'Return the decision without writing the score, the owner or the note.',
          },
          outputFieldLabels: { score: 'Score', band: 'Band', label: 'Label', tier: 'Routing tier', owner_id: 'Owner id', decision: 'Decision', error_message: 'Error' },
          executionRules: Object.fromEntries(DECISION_CODES.map((c) => [c.toLowerCase(), EXECUTION_SENTENCES[c]])),
        },
      },
      objectTypes: ['CONTACT', 'COMPANY'],
    },
  };
}

export function endpointFunctionComponent(): object {
  return {
    uid: ENDPOINT_FUNCTION_UID,
    type: 'app-function',
    config: {
      entrypoint: `/app/functions/${ENDPOINT_FUNCTION_NAME}.js`,
      endpoint: { path: ENDPOINT_PATH, methods: ['POST'] },
      secretKeys: [CLIENT_SECRET_KEY],
    },
  };
}

/** Where each generated component sits in an upload (flat in its component folder, HubSpot's rule). */
export const REALTIME_COMPONENT_FILES = {
  webhooks: 'app/webhooks/lead-ops-webhooks-hsmeta.json',
  workflowAction: 'app/workflow-actions/score-and-route-hsmeta.json',
  endpointFunction: `app/functions/${ENDPOINT_FUNCTION_NAME}-hsmeta.json`,
} as const;

/** The three components as files (path relative to srcDir → JSON text). */
export function realtimeComponentFiles(config: LeadOpsConfig, model: CompiledModel): Record<keyof typeof REALTIME_COMPONENT_FILES, { path: string; contents: string }> {
  const json = (v: object): string => `${JSON.stringify(v, null, 2)}\n`;
  return {
    webhooks: { path: REALTIME_COMPONENT_FILES.webhooks, contents: json(webhooksComponent(config, model)) },
    workflowAction: { path: REALTIME_COMPONENT_FILES.workflowAction, contents: json(workflowActionComponent()) },
    endpointFunction: { path: REALTIME_COMPONENT_FILES.endpointFunction, contents: json(endpointFunctionComponent()) },
  };
}
