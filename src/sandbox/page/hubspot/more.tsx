/**
 * The rest of @hubspot/ui-extensions 0.17.0: Card, StepIndicator, Dropdown, Illustration, MediaObject, Iframe, the
 * experimental layouts (Stack2, Center, Grid, GridItem), SettingsView, ExpandableText, the file components, and the
 * app-page components (PageHeader, PageBreadcrumbs, PageLink, PageTitle, HeaderActions and its buttons).
 *
 * What cannot be drawn offline is a marked stand-in saying what HubSpot shows: an Iframe (a page of another site),
 * the file uploader and viewer (HubSpot's file manager), an Illustration (HubSpot's artwork), and app-page
 * navigation (the sandbox shows record pages only).
 */
import { createContext, useContext, useState, type CSSProperties, type ReactNode } from 'react';
import { useClick } from './basic';
import { useCardHost } from './host-context';
import { ICON_GLYPHS } from './icons';
import { useOverlayTrigger, useReactions } from './overlays';
import { bool, callRemote, distance, extensionEvent, flexValue, fn, hrefOf, hsAttrs, list, num, oneOf, record, safeUrl, str, type HsProps } from './props';
import { Artwork, StandIn } from './stand-in';

/** A component that is one element around its children. */
function container(name: string, Tag: 'div' | 'span' | 'nav' | 'h1', className: string, attrs: Readonly<Record<string, string>> = {}) {
  function Container(props: HsProps) {
    return (
      <Tag {...hsAttrs(name, props)} {...attrs} className={className}>
        {props.children}
      </Tag>
    );
  }
  Container.displayName = name;
  return Container;
}

export const Card = container('Card', 'div', 'hs-card');

/** Numbered steps: the ones before `currentStep` done, the current one highlighted; clicking a step reports its index. */
export function StepIndicator(props: HsProps) {
  const names = (list(props.stepNames) ?? []).map((n) => String(n));
  const current = num(props.currentStep);
  const direction = oneOf(props.direction, ['horizontal', 'vertical']) ?? 'horizontal';
  const variant = oneOf(props.variant, ['default', 'compact', 'flush']) ?? 'default';
  const size = oneOf(props.circleSize, ['xs', 'extra-small', 'sm', 'small', 'md', 'medium', 'lg', 'large', 'xl', 'extra-large']) ?? 'small';
  const onClick = fn(props.onClick);
  return (
    <ol {...hsAttrs('StepIndicator', props)} className={`hs-steps hs-steps-${direction} hs-steps-${variant} hs-steps-circle-${size}`}>
      {names.map((name, i) => {
        const state = current === undefined ? 'upcoming' : i < current ? 'done' : i === current ? 'current' : 'upcoming';
        const showTitle = variant === 'default' || state === 'current';
        return (
          <li key={i} className={`hs-step hs-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <button type="button" className="hs-step-circle" disabled={!onClick} aria-label={name} onClick={() => void callRemote(onClick, i)}>
              {state === 'done' ? '✓' : i + 1}
            </button>
            {showTitle ? <span className="hs-step-name">{name}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Closes a Dropdown's menu when one of its items is clicked. */
const DropdownContext = createContext<(() => void) | null>(null);

export function Dropdown(props: HsProps) {
  const [open, setOpen] = useState(false);
  const variant = oneOf(props.variant, ['primary', 'secondary', 'transparent']) ?? 'secondary';
  const size = oneOf(props.buttonSize, ['xs', 'extra-small', 'sm', 'small', 'md', 'medium']) ?? 'md';
  const legacy = (list(props.options) ?? []).map(record).filter((o): o is Readonly<Record<string, unknown>> => o !== undefined);
  return (
    <span {...hsAttrs('Dropdown', props)} className="hs-dropdown">
      <button
        type="button"
        className={variant === 'transparent' ? 'hs-link hs-link-primary hs-dropdown-link' : `hs-button hs-button-${variant} hs-size-${size}`}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={bool(props.disabled) === true}
        onClick={() => setOpen(!open)}
      >
        {str(props.buttonText) ?? 'More'} ▾
      </button>
      {open ? (
        <DropdownContext.Provider value={() => setOpen(false)}>
          <span className="hs-dropdown-menu" role="menu">
            {legacy.map((o, i) => (
              <button
                key={i}
                type="button"
                role="menuitem"
                className="hs-dropdown-item"
                onClick={() => {
                  setOpen(false);
                  void callRemote(fn(o.onClick));
                }}
              >
                {str(o.label) ?? ''}
              </button>
            ))}
            {props.children}
          </span>
        </DropdownContext.Provider>
      ) : null}
    </span>
  );
}

export function DropdownButtonItem(props: HsProps) {
  const close = useContext(DropdownContext);
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, () => {
    overlay.openOverlay();
    if (!props.overlay) close?.();
  });
  return (
    <>
      <button {...hsAttrs('DropdownButtonItem', props)} type="button" role="menuitem" className="hs-dropdown-item" onClick={click}>
        {props.children}
      </button>
      {overlay.node}
    </>
  );
}

/** HubSpot's illustrations are its own artwork, not in the package: a neutral drawing with the illustration's name. */
const ILLUSTRATION_GLYPHS: Readonly<Record<string, string>> = { lock: '⊠', unlock: '⊡', companies: '⌂', contacts: '☺', deals: '⇄', tickets: '⌸', meetings: '▦', task: '☑', leads: '⚐', target: '◎', store: '⌂', api: '⚙', integrations: '⚙' };

export function Illustration(props: HsProps) {
  const name = str(props.name) ?? '';
  const width = num(props.width);
  const height = num(props.height);
  return (
    <span {...hsAttrs('Illustration', props)} className="hs-illustration" role="img" aria-label={str(props.alt) ?? name} style={{ width: width ? `${width}px` : undefined, height: height ? `${height}px` : undefined }}>
      <Artwork component="Illustration" name={name} glyph={ILLUSTRATION_GLYPHS[name] ?? ICON_GLYPHS.image ?? '▣'} />
    </span>
  );
}

const sizeOf = (v: unknown): string => distance(v, '8px');

export function MediaObject(props: HsProps) {
  const spacing = str(props.spacing) === 'none' ? '0' : sizeOf(props.spacing ?? 'small');
  return (
    <div {...hsAttrs('MediaObject', props)} className="hs-media-object" style={{ display: 'flex', gap: spacing, alignItems: flexValue(props.align) ?? 'flex-start' }}>
      {props.itemLeft !== undefined && props.itemLeft !== null ? <div className="hs-media-left">{props.itemLeft as ReactNode}</div> : null}
      <div className="hs-media-body" style={{ flex: 1, minWidth: 0 }}>
        {props.children}
      </div>
      {props.itemRight !== undefined && props.itemRight !== null ? <div className="hs-media-right">{props.itemRight as ReactNode}</div> : null}
    </div>
  );
}

const IFRAME_HEIGHTS = { sm: 200, md: 400, lg: 600 } as const;

export function Iframe(props: HsProps) {
  const src = str(props.src) ?? '';
  const height = oneOf(props.height, ['sm', 'small', 'md', 'medium', 'lg', 'large']) ?? 'medium';
  const px = IFRAME_HEIGHTS[height.startsWith('l') ? 'lg' : height.startsWith('s') ? 'sm' : 'md'];
  return (
    <div {...hsAttrs('Iframe', props)} className="hs-iframe" style={{ minHeight: `${px}px` }}>
      <StandIn component="Iframe" title="Embedded page">
        HubSpot embeds {src || '(no src)'} here, {px} px high, if the app lists it in its permitted iframe URLs. The sandbox loads no pages from other sites.
      </StandIn>
    </div>
  );
}

// --- experimental layouts ----------------------------------------------------------------------------------------------

export function Stack2(props: HsProps) {
  return (
    <div
      {...hsAttrs('Stack2', props)}
      className="hs-stack2"
      style={{ display: 'flex', flexDirection: 'column', gap: distance(props.gap, '8px'), alignItems: flexValue(props.align), width: bool(props.fullWidth) ? '100%' : undefined, height: bool(props.fullHeight) ? '100%' : undefined }}
    >
      {props.children}
    </div>
  );
}

export function Center(props: HsProps) {
  const max = props.maxContentSize;
  return (
    <div
      {...hsAttrs('Center', props)}
      className="hs-center"
      style={{
        display: 'flex',
        justifyContent: 'center',
        paddingInline: distance(props.gutter, '0'),
        width: bool(props.fullWidth) ? '100%' : undefined,
        height: bool(props.fullHeight) ? '100%' : undefined,
        alignItems: bool(props.fullHeight) ? 'center' : undefined,
      }}
    >
      <div style={{ width: '100%', maxWidth: typeof max === 'number' ? `${max}px` : str(max) }}>{props.children}</div>
    </div>
  );
}

const GridColumns = createContext(12);

export function Grid(props: HsProps) {
  const columns = Math.max(1, num(props.size) ?? 12);
  return (
    <div
      {...hsAttrs('Grid', props)}
      className="hs-grid"
      style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: distance(props.gap, '0'), justifyItems: flexValue(props.justify), alignItems: flexValue(props.align) }}
    >
      <GridColumns.Provider value={columns}>{props.children}</GridColumns.Provider>
    </div>
  );
}

export function GridItem(props: HsProps) {
  const columns = useContext(GridColumns);
  const span = Math.min(columns, Math.max(1, num(props.size) ?? columns));
  const offset = num(props.offset);
  const style: CSSProperties = { gridColumn: offset !== undefined ? `${offset + 1} / span ${span}` : `span ${span}`, minWidth: 0 };
  return (
    <div {...hsAttrs('GridItem', props)} className="hs-grid-item" style={style}>
      {props.children}
    </div>
  );
}

/** A settings page's body, with HubSpot's save bar at the bottom while `saveBarVisible`. */
export function SettingsView(props: HsProps) {
  const reactions = useReactions();
  const changed = num(props.numberOfSettingsChanged);
  return (
    <div {...hsAttrs('SettingsView', props)} className="hs-settings-view">
      <div className="hs-settings-body">{props.children}</div>
      {bool(props.saveBarVisible) === true ? (
        <div className="hs-save-bar" role="region" aria-label="Unsaved changes">
          <span>{changed === undefined ? 'You have unsaved changes' : `You've changed ${changed} setting${changed === 1 ? '' : 's'}`}</span>
          <button type="button" className="hs-button hs-button-secondary hs-size-sm" onClick={(e) => void callRemote(fn(props.onCancel), extensionEvent(e), reactions)}>
            Cancel
          </button>
          <button type="button" className="hs-button hs-button-primary hs-size-sm" onClick={(e) => void callRemote(fn(props.onSave), extensionEvent(e), reactions)}>
            Save
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function ExpandableText(props: HsProps) {
  const [own, setOwn] = useState(false);
  const expanded = bool(props.expanded) ?? own;
  const max = num(props.maxHeight) ?? 100;
  return (
    <div {...hsAttrs('ExpandableText', props)} className="hs-expandable-text">
      <div style={expanded ? undefined : { maxHeight: `${max}px`, overflow: 'hidden' }}>{props.children}</div>
      <button type="button" className="hs-link hs-link-primary hs-expand-toggle" aria-expanded={expanded} onClick={() => setOwn(!expanded)}>
        {expanded ? (str(props.collapseButtonText) ?? 'Show less') : (str(props.expandButtonText) ?? 'Show more')}
      </button>
    </div>
  );
}

/** A file chooser; onChange gets the event with the chosen file's name, size and type (the file stays in the page). */
export function FileInput(props: HsProps) {
  const current = record(props.value);
  return (
    <span {...hsAttrs('FileInput', props)} className="hs-file-input">
      <input
        type="file"
        name={str(props.name)}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          void callRemote(fn(props.onChange), { ...extensionEvent(e.nativeEvent), targetValue: file ? { name: file.name, size: file.size, type: file.type } : null });
        }}
      />
      {current && str(current.name) ? <span className="hs-muted">{str(current.name)}</span> : null}
    </span>
  );
}

export function FileUpload(props: HsProps) {
  const limit = num(props.fileLimit);
  const types = (list(props.allowedFileExtensions) ?? []).map(String);
  const attach = record(props.attachToRecord);
  return (
    <div {...hsAttrs('FileUpload', props)} className="hs-file-upload">
      <StandIn component="FileUpload" title="File upload">
        HubSpot shows its file uploader here{limit !== undefined ? `, for up to ${limit} files` : ''}
        {types.length > 0 ? ` of type ${types.join(', ')}` : ''}, storing the files in HubSpot’s file manager
        {attach ? ` and attaching them to record ${String(attach.objectTypeId)}/${String(attach.objectId)}` : ''}. The emulator has no file manager.
      </StandIn>
    </div>
  );
}

export function FileViewer(props: HsProps) {
  const ids = (list(props.fileIds) ?? []).map(String);
  const source = str(props.source) ?? 'appUser';
  return (
    <div {...hsAttrs('FileViewer', props)} className="hs-file-viewer">
      <StandIn component="FileViewer" title="Files">
        HubSpot lists {ids.length > 0 ? `the files ${ids.join(', ')}` : source === 'app' ? 'the files this app uploaded' : 'the files this app and the current user uploaded'} here, as{' '}
        {str(props.displayMode) === 'list' ? 'links' : 'attachment cards'}. The emulator has no file manager.
      </StandIn>
    </div>
  );
}

// --- app pages ----------------------------------------------------------------------------------------------------------

/** The path an app-page link goes to: `:name` tokens filled from `params`, the other params as the query string. */
export function pagePath(to: string, params: Readonly<Record<string, unknown>> | undefined): string {
  const rest: string[] = [];
  let path = to;
  for (const [k, v] of Object.entries(params ?? {})) {
    const token = `:${k}`;
    if (path.includes(token)) path = path.split(token).join(encodeURIComponent(String(v)));
    else rest.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return rest.length > 0 ? `${path}?${rest.join('&')}` : path;
}

/** Opens an app page: the sandbox shows record pages only, so it says which page HubSpot would open. */
function useAppPage() {
  const host = useCardHost();
  return (path: string) => host.openDialog({ title: 'App page', body: `HubSpot opens the app’s page ${path}. The sandbox shows record pages only.` });
}

const HeaderRole = createContext<'primary' | 'secondary'>('secondary');

export const PageHeader = container('PageHeader', 'div', 'hs-page-header');

export function PageHeaderPrimaryAction(props: HsProps) {
  return (
    <span {...hsAttrs('PageHeaderPrimaryAction', props)} className="hs-page-header-primary">
      <HeaderRole.Provider value="primary">{props.children}</HeaderRole.Provider>
    </span>
  );
}

export function PageHeaderSecondaryActions(props: HsProps) {
  return (
    <span {...hsAttrs('PageHeaderSecondaryActions', props)} className="hs-page-header-secondary">
      <HeaderRole.Provider value="secondary">{props.children}</HeaderRole.Provider>
    </span>
  );
}

/** Opens `href` (a string or `{ url }`) in a new tab, as HubSpot does for links outside hubspot.com. */
function openExternal(href: unknown) {
  const h = hrefOf(href);
  const url = h ? safeUrl(h.url) : undefined;
  if (url) window.open(url, '_blank', 'noopener');
}

export function PageHeaderLink(props: HsProps) {
  const role = useContext(HeaderRole);
  const click = useClick(props, () => openExternal(props.href));
  return (
    <button {...hsAttrs('PageHeaderLink', props)} type="button" className={`hs-button hs-button-${role} hs-size-sm`} disabled={bool(props.disabled) === true} onClick={click}>
      {props.children}
    </button>
  );
}

function PageLinkLike({ name, props, className }: { name: string; props: HsProps; className: string }) {
  const open = useAppPage();
  const path = pagePath(str(props.to) ?? '/', record(props.params));
  return (
    <a
      {...hsAttrs(name, props)}
      href={`#page${path}`}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        open(path);
      }}
    >
      {props.children}
    </a>
  );
}

export function PageHeaderPageLink(props: HsProps) {
  const role = useContext(HeaderRole);
  return <PageLinkLike name="PageHeaderPageLink" props={props} className={`hs-button hs-button-${role} hs-size-sm`} />;
}

export const PageBreadcrumbs = container('PageBreadcrumbs', 'nav', 'hs-breadcrumbs', { 'aria-label': 'Breadcrumbs' });

export const PageBreadcrumbsPageLink = (props: HsProps) => <PageLinkLike name="PageBreadcrumbsPageLink" props={props} className="hs-link hs-link-primary hs-breadcrumb" />;

export const PageBreadcrumbsCurrent = container('PageBreadcrumbsCurrent', 'span', 'hs-breadcrumb hs-breadcrumb-current', { 'aria-current': 'page' });

export const PageLink = (props: HsProps) => <PageLinkLike name="PageLink" props={props} className="hs-link hs-link-primary" />;

/** The page's heading (HubSpot also puts it in the browser tab's title, which the sandbox keeps for itself). */
export const PageTitle = container('PageTitle', 'h1', 'hs-page-title');

export const HeaderActions = container('HeaderActions', 'div', 'hs-header-actions');

function HeaderActionButton({ name, props, variant }: { name: string; props: HsProps; variant: 'primary' | 'secondary' }) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, () => {
    overlay.openOverlay();
    openExternal(props.href);
  });
  return (
    <span className="hs-trigger" {...overlay.hoverProps}>
      <button {...hsAttrs(name, props)} type="button" className={`hs-button hs-button-${variant} hs-size-sm`} disabled={bool(props.disabled) === true} onClick={click}>
        {props.children}
      </button>
      {overlay.node}
    </span>
  );
}

export const PrimaryHeaderActionButton = (props: HsProps) => <HeaderActionButton name="PrimaryHeaderActionButton" props={props} variant="primary" />;
export const SecondaryHeaderActionButton = (props: HsProps) => <HeaderActionButton name="SecondaryHeaderActionButton" props={props} variant="secondary" />;
