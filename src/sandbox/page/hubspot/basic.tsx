/**
 * Text, headings, links, tags, buttons, icons and images: the look of HubSpot's components, not pixel copies.
 * Every string a card sends is rendered as text (React escapes it); nothing is ever parsed as HTML.
 */
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import { useOverlayTrigger, useReactions } from './overlays';
import { bool, callRemote, distance, extensionEvent, fn, hrefOf, hsAttrs, num, oneOf, record, safeUrl, str, type HsProps } from './props';

export function Text(props: HsProps) {
  const format = record(props.format) ?? {};
  const truncate = props.truncate;
  const style: CSSProperties = {};
  const weight = str(format.fontWeight);
  if (weight === 'bold') style.fontWeight = 700;
  if (weight === 'demibold') style.fontWeight = 600;
  if (format.italic === true) style.fontStyle = 'italic';
  const deco = str(format.lineDecoration);
  if (deco === 'underline') style.textDecoration = 'underline';
  if (deco === 'strikethrough') style.textDecoration = 'line-through';
  const transform = str(format.textTransform);
  if (transform === 'uppercase' || transform === 'lowercase' || transform === 'capitalize') style.textTransform = transform;
  const truncateOptions = record(truncate);
  if (truncate === true || truncateOptions) {
    Object.assign(style, { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' });
    const maxWidth = truncateOptions ? num(truncateOptions.maxWidth) : undefined;
    if (maxWidth !== undefined) style.maxWidth = `${maxWidth}px`;
  }
  const variant = oneOf(props.variant, ['bodytext', 'microcopy']) ?? 'bodytext';
  const title = truncateOptions ? str(truncateOptions.tooltipText) : undefined;
  const className = `hs-text hs-text-${variant}${transform === 'sentenceCase' ? ' hs-sentence-case' : ''}`;
  return bool(props.inline) ? (
    <span {...hsAttrs('Text', props)} className={className} style={style} title={title}>
      {props.children}
    </span>
  ) : (
    <p {...hsAttrs('Text', props)} className={className} style={style} title={title}>
      {props.children}
    </p>
  );
}

export function Heading(props: HsProps) {
  return bool(props.inline) ? (
    <span {...hsAttrs('Heading', props)} className="hs-heading hs-inline" role="heading" aria-level={3}>
      {props.children}
    </span>
  ) : (
    <h3 {...hsAttrs('Heading', props)} className="hs-heading">
      {props.children}
    </h3>
  );
}

/** The click handler HubSpot gives Button, Link, Tag and Image: `(event, reactions)`, plus opening the overlay. */
function useClick(props: HsProps, overlayClick: () => void) {
  const reactions = useReactions();
  const onClick = fn(props.onClick);
  return (e: MouseEvent) => {
    if (bool(props.preventDefault)) e.preventDefault();
    void callRemote(onClick, extensionEvent(e), reactions);
    overlayClick();
  };
}

function ButtonLike({ name, props, loading }: { name: string; props: HsProps; loading: boolean }) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.onClick);
  const disabled = bool(props.disabled) === true || loading;
  const variant = oneOf(props.variant, ['primary', 'secondary', 'destructive', 'transparent']) ?? 'secondary';
  const size = str(props.size) ?? 'md';
  const className = `hs-button hs-button-${variant} hs-size-${size}${loading ? ' hs-loading' : ''}${bool(props.truncate) ? ' hs-truncate' : ''}`;
  const href = hrefOf(props.href);
  const target = href ? safeUrl(href.url) : undefined;
  const content: ReactNode = (
    <>
      {loading ? <span className="hs-spinner hs-spinner-xs" aria-hidden="true" /> : null}
      <span className="hs-button-label">{props.children}</span>
    </>
  );
  const element =
    href && !disabled ? (
      <a {...hsAttrs(name, props)} className={className} href={target} target={href.external ? '_blank' : undefined} rel="noopener noreferrer" onClick={click}>
        {content}
      </a>
    ) : (
      <button
        {...hsAttrs(name, props)}
        type={oneOf(props.type, ['button', 'reset', 'submit']) ?? 'button'}
        className={className}
        disabled={disabled}
        aria-busy={loading || undefined}
        onClick={click}
      >
        {content}
      </button>
    );
  return (
    <span className="hs-trigger" {...overlay.hoverProps}>
      {element}
      {overlay.node}
    </span>
  );
}

export const Button = (props: HsProps) => <ButtonLike name="Button" props={props} loading={false} />;
export const LoadingButton = (props: HsProps) => <ButtonLike name="LoadingButton" props={props} loading={bool(props.loading) === true} />;

export function ButtonRow(props: HsProps) {
  return (
    <div {...hsAttrs('ButtonRow', props)} className="hs-button-row">
      {props.children}
    </div>
  );
}

export function Link(props: HsProps) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.onClick);
  const href = hrefOf(props.href);
  const variant = oneOf(props.variant, ['primary', 'destructive', 'light', 'dark']) ?? 'primary';
  return (
    <span className="hs-trigger" {...overlay.hoverProps}>
      <a
        {...hsAttrs('Link', props)}
        className={`hs-link hs-link-${variant}`}
        href={href ? safeUrl(href.url) : undefined}
        target={href?.external ? '_blank' : undefined}
        rel="noopener noreferrer"
        onClick={click}
      >
        {props.children}
        {href?.external ? <span aria-hidden="true"> ↗</span> : null}
      </a>
      {overlay.node}
    </span>
  );
}

export function Tag(props: HsProps) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.onClick);
  const variant = oneOf(props.variant, ['default', 'warning', 'success', 'error', 'info']) ?? 'default';
  const clickable = fn(props.onClick) !== undefined || props.overlay !== undefined;
  return (
    <span className="hs-trigger" {...overlay.hoverProps}>
      <span
        {...hsAttrs('Tag', props)}
        className={`hs-tag hs-tag-${variant}${clickable ? ' hs-clickable' : ''}`}
        role={clickable ? 'button' : undefined}
        tabIndex={clickable ? 0 : undefined}
        onClick={clickable ? click : undefined}
      >
        {props.children}
      </span>
      {overlay.node}
    </span>
  );
}

export function StatusTag(props: HsProps) {
  const variant = oneOf(props.variant, ['danger', 'warning', 'info', 'success', 'default']) ?? 'default';
  const onClick = fn(props.onClick);
  const onRemove = fn(props.onRemoveClick);
  return (
    <span
      {...hsAttrs('StatusTag', props)}
      className={`hs-status-tag hs-status-${variant}${bool(props.hollow) ? ' hs-hollow' : ''}${onClick ? ' hs-clickable' : ''}`}
      onClick={onClick ? () => void callRemote(onClick) : undefined}
    >
      <span className="hs-status-dot" aria-hidden="true" />
      {props.children}
      {bool(props.showRemoveIcon) ? (
        <button
          type="button"
          className="hs-status-remove"
          aria-label="Remove"
          onClick={(e) => {
            e.stopPropagation();
            void callRemote(onRemove);
          }}
        >
          ×
        </button>
      ) : null}
    </span>
  );
}

const ICONS: Record<string, string> = {
  add: '+',
  success: '✓',
  checkCircle: '✓',
  warning: '⚠',
  exclamation: '!',
  exclamationCircle: '!',
  info: 'ℹ',
  infoNoCircle: 'ℹ',
  question: '?',
  questionCircle: '?',
  delete: '🗑',
  edit: '✎',
  email: '✉',
  calling: '☎',
  time: '⏱',
  date: '📅',
  refresh: '↻',
  search: '🔍',
  upCarat: '▲',
  downCarat: '▼',
  left: '◀',
  right: '▶',
  remove: '×',
  link: '🔗',
  home: '⌂',
  contacts: '👤',
  dataSync: '⇄',
  star: '★',
  locked: '🔒',
  highlyEngagedLead: '🔥',
};

export function Icon(props: HsProps) {
  const name = str(props.name) ?? '';
  const color = oneOf(props.color, ['alert', 'warning', 'success', 'inherit']) ?? 'inherit';
  const label = str(props.screenReaderText);
  return (
    <span {...hsAttrs('Icon', props)} className={`hs-icon hs-icon-${color} hs-size-${str(props.size) ?? 'md'}`} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} title={name}>
      {ICONS[name] ?? '●'}
    </span>
  );
}

/**
 * Images load only from the page's own origin or a data: URL. A portal would also allow the app's
 * `permittedUrls.img`, but the sandbox sends nothing to the internet, so a remote image is drawn as a labelled box.
 */
export function Image(props: HsProps) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.onClick);
  const src = str(props.src) ?? '';
  const local = /^data:image\//i.test(src) || src.startsWith('/');
  const width = num(props.width);
  const height = num(props.height);
  const alt = str(props.alt) ?? '';
  const img = local ? (
    <img {...hsAttrs('Image', props)} src={src} alt={alt} width={width} height={height} onClick={click} />
  ) : (
    <span {...hsAttrs('Image', props)} className="hs-image-offline" style={{ width: width ? `${width}px` : undefined, height: height ? `${height}px` : undefined }} title={src} onClick={click}>
      🖼 {alt || 'image'} <span className="hs-muted">(remote image not loaded in the sandbox)</span>
    </span>
  );
  return (
    <span className="hs-trigger" {...overlay.hoverProps}>
      {img}
      {overlay.node}
    </span>
  );
}

export function Divider(props: HsProps) {
  const margin = distance(props.distance ?? props.size, '8px');
  return <hr {...hsAttrs('Divider', props)} className="hs-divider" style={{ margin: `${margin} 0` }} />;
}

export function Spacer(props: HsProps) {
  return <div {...hsAttrs('Spacer', props)} className="hs-spacer" style={{ height: distance(props.size, '8px') }} />;
}
