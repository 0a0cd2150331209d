/**
 * HubSpot's CRM action components (CrmActionButton, CrmActionLink, CrmCardActions) and the actions they run. A link
 * to a record moves the sandbox to that record's page and an external URL opens in a new tab, as in HubSpot; what
 * HubSpot opens over its page (a record preview, the note/task/email/meeting composers, record forms, workflow
 * enrolment, app pages) appears as a stand-in dialog saying what opened and with which context. Missing context
 * values are reported to the card's `onError`, as HubSpot does, and nothing opens.
 */
import { useState, type ReactNode } from 'react';
import { objectTypeFromName } from '../../../shared/object-types';
import { useCardHost, type CardHost } from '../host-context';
import { bool, callRemote, fn, hsAttrs, list, oneOf, record, safeUrl, str, type HsProps } from '../props';

export const ACTION_TYPES = [
  'PREVIEW_OBJECT',
  'ADD_NOTE',
  'ADD_TASK',
  'SEND_EMAIL',
  'SCHEDULE_MEETING',
  'OPEN_RECORD_CREATOR_FORM',
  'OPEN_RECORD_ASSOCIATION_FORM',
  'ENGAGEMENT_APP_LINK',
  'RECORD_APP_LINK',
  'PAGE_APP_LINK',
  'EXTERNAL_URL',
  'OPEN_WORKFLOW_ENROLLMENT_MODAL',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The context fields each action needs (HubSpot's documented `actionContext`). */
const REQUIRED: Readonly<Record<ActionType, readonly string[]>> = {
  PREVIEW_OBJECT: ['objectTypeId', 'objectId'],
  ADD_NOTE: ['objectTypeId', 'objectId'],
  ADD_TASK: ['objectTypeId', 'objectId'],
  SEND_EMAIL: ['objectTypeId', 'objectId'],
  SCHEDULE_MEETING: ['objectTypeId', 'objectId'],
  OPEN_RECORD_CREATOR_FORM: ['objectTypeId'],
  OPEN_RECORD_ASSOCIATION_FORM: ['objectTypeId', 'association'],
  ENGAGEMENT_APP_LINK: ['objectTypeId', 'objectId', 'engagementId'],
  RECORD_APP_LINK: ['objectTypeId', 'objectId'],
  PAGE_APP_LINK: ['path'],
  EXTERNAL_URL: ['href'],
  OPEN_WORKFLOW_ENROLLMENT_MODAL: ['objectTypeId', 'objectId'],
};

/** "deal 123" / "object 2-77 record 5": how a dialog names a record. */
function recordWords(objectTypeId: unknown, objectId?: unknown): string {
  const type = objectTypeFromName(String(objectTypeId ?? ''));
  const noun = type ? type.singular.toLowerCase() : `object type ${String(objectTypeId)} record`;
  return objectId === undefined ? noun : `${noun} ${String(objectId)}`;
}

const COMPOSERS: Partial<Record<ActionType, string>> = { ADD_NOTE: 'note editor', ADD_TASK: 'task editor', SEND_EMAIL: 'email composer', SCHEDULE_MEETING: 'meeting scheduler' };

/** The errors HubSpot would report for an action, or null when it can run. */
export function actionErrors(type: unknown, context: unknown): string[] {
  const t = oneOf(type, ACTION_TYPES);
  if (!t) return [`actionType "${String(type)}" is not one of ${ACTION_TYPES.join(', ')}`];
  const c = record(context) ?? {};
  const missing = REQUIRED[t].filter((k) => c[k] === undefined || c[k] === null || c[k] === '');
  const association = record(c.association);
  if (t === 'OPEN_RECORD_ASSOCIATION_FORM' && association && (association.objectTypeId === undefined || association.objectId === undefined)) missing.push('association.objectTypeId and association.objectId');
  return missing.map((k) => `actionContext.${k} is required for ${t}`);
}

/** Runs a CRM action the way HubSpot would, or a stand-in dialog saying what HubSpot opens. */
export function runAction(host: CardHost, type: ActionType, context: Readonly<Record<string, unknown>>): void {
  const dialog = (title: string, body: ReactNode) => host.openDialog({ title, body });
  switch (type) {
    case 'RECORD_APP_LINK':
      if (context.external === true) window.open(`#/${objectTypeFromName(String(context.objectTypeId))?.name ?? ''}/${String(context.objectId)}`, '_blank', 'noopener');
      else if (!host.openRecord(String(context.objectTypeId), String(context.objectId))) dialog('Record page', `HubSpot opens the record page of ${recordWords(context.objectTypeId, context.objectId)}; the sandbox has no page for this object type.`);
      return;
    case 'EXTERNAL_URL': {
      const url = safeUrl(String(context.href));
      if (url) window.open(url, '_blank', 'noopener');
      else dialog('External link', `HubSpot would not open "${String(context.href)}": only http(s), mailto and tel links are followed.`);
      return;
    }
    case 'PREVIEW_OBJECT':
      dialog('Record preview', `HubSpot opens the preview panel of ${recordWords(context.objectTypeId, context.objectId)} on the right of the page: its highlights, key properties and associations.`);
      return;
    case 'ADD_NOTE':
    case 'ADD_TASK':
    case 'SEND_EMAIL':
    case 'SCHEDULE_MEETING': {
      const subject = str(context.initialEmailSubject);
      const body = str(context.initialEmailBody);
      dialog(
        `${(COMPOSERS[type] ?? '').replace(/^./, (c) => c.toUpperCase())}`,
        <>
          HubSpot opens its {COMPOSERS[type]} for {recordWords(context.objectTypeId, context.objectId)}
          {context.windowVariant === 'fullscreen' ? ', full screen' : ', in a window'}.
          {subject ? <> Subject: “{subject}”.</> : null}
          {body ? <> Body: “{body}”.</> : null}
        </>,
      );
      return;
    }
    case 'OPEN_RECORD_CREATOR_FORM':
      dialog('Create record', `HubSpot opens its form to create a ${recordWords(context.objectTypeId)}.`);
      return;
    case 'OPEN_RECORD_ASSOCIATION_FORM': {
      const a = record(context.association) ?? {};
      dialog('Create associated record', `HubSpot opens its form to create a ${recordWords(context.objectTypeId)} associated with ${recordWords(a.objectTypeId, a.objectId)}.`);
      return;
    }
    case 'ENGAGEMENT_APP_LINK':
      dialog('Activity', `HubSpot opens activity ${String(context.engagementId)} on the timeline of ${recordWords(context.objectTypeId, context.objectId)}${context.external === true ? ' in a new tab' : ''}.`);
      return;
    case 'PAGE_APP_LINK':
      dialog('HubSpot page', `HubSpot opens its page ${String(context.path)}${context.external === true ? ' in a new tab' : ''}.`);
      return;
    case 'OPEN_WORKFLOW_ENROLLMENT_MODAL':
      dialog('Enroll in a workflow', `HubSpot opens its dialog to enroll ${recordWords(context.objectTypeId, context.objectId)} in a workflow.`);
      return;
  }
}

/** The click of an action component: the card's onClick, then the action (or its errors to onError). */
function useActionClick(props: HsProps) {
  const host = useCardHost();
  return () => {
    void callRemote(fn(props.onClick));
    const errors = actionErrors(props.actionType, props.actionContext);
    if (errors.length > 0) {
      void callRemote(fn(props.onError), errors);
      host.report({ kind: 'stand-in', component: 'CrmAction', detail: errors.join('; ') });
      return;
    }
    runAction(host, props.actionType as ActionType, record(props.actionContext) ?? {});
  };
}

export function CrmActionButton(props: HsProps) {
  const click = useActionClick(props);
  const variant = oneOf(props.variant, ['primary', 'secondary', 'destructive']) ?? 'secondary';
  const size = str(props.size) ?? 'md';
  return (
    <button
      {...hsAttrs('CrmActionButton', props)}
      type={oneOf(props.type, ['button', 'reset', 'submit']) ?? 'button'}
      className={`hs-button hs-button-${variant} hs-size-${size}`}
      disabled={bool(props.disabled) === true}
      onClick={click}
    >
      <span className="hs-button-label">{props.children}</span>
    </button>
  );
}

export function CrmActionLink(props: HsProps) {
  const click = useActionClick(props);
  const variant = oneOf(props.variant, ['primary', 'light', 'dark', 'destructive']) ?? 'primary';
  return (
    <a
      {...hsAttrs('CrmActionLink', props)}
      href="#action"
      className={`hs-link hs-link-${variant}`}
      onClick={(e) => {
        e.preventDefault();
        click();
      }}
    >
      {props.children}
    </a>
  );
}

/** One `action-library-button` configuration of CrmCardActions. */
function ConfiguredAction({ config, onError, asItem }: { config: Readonly<Record<string, unknown>>; onError: HsProps['onError']; asItem: boolean }) {
  const click = useActionClick({ actionType: config.actionType, actionContext: config.actionContext, onError });
  const label = str(config.label) ?? String(config.actionType);
  return (
    <button type="button" className={asItem ? 'hs-dropdown-item' : 'hs-button hs-button-secondary hs-size-sm'} disabled={bool(config.disabled) === true} title={str(config.tooltipText)} onClick={click}>
      {label}
    </button>
  );
}

/** The buttons and dropdowns HubSpot puts in the card's header, top right. */
export function CrmCardActions(props: HsProps) {
  const configs = (list(props.actionConfigs) ?? []).map(record).filter((c): c is Readonly<Record<string, unknown>> => c !== undefined);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div {...hsAttrs('CrmCardActions', props)} className="hs-crm-card-actions">
      {configs.map((c, i) =>
        c.type === 'dropdown' ? (
          <span key={i} className="hs-dropdown">
            <button type="button" className="hs-button hs-button-secondary hs-size-sm" aria-haspopup="menu" aria-expanded={open === i} disabled={bool(c.disabled) === true} title={str(c.tooltipText)} onClick={() => setOpen(open === i ? null : i)}>
              {str(c.label) ?? 'Actions'} ▾
            </button>
            {open === i ? (
              <span className="hs-dropdown-menu" role="menu" onClick={() => setOpen(null)}>
                {(list(c.options) ?? []).map((o, j) => {
                  const option = record(o);
                  return option ? <ConfiguredAction key={j} config={option} onError={props.onError} asItem /> : null;
                })}
              </span>
            ) : null}
          </span>
        ) : (
          <ConfiguredAction key={i} config={c} onError={props.onError} asItem={false} />
        ),
      )}
    </div>
  );
}
