/**
 * Text, headings, links, tags, buttons, icons and images: the look of HubSpot's components, not pixel copies.
 * Every string a card sends is rendered as text (React escapes it); nothing is ever parsed as HTML.
 */
import { Children, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type MouseEvent, type ReactNode } from 'react';
import { useCardHost } from './host-context';
import { ICON_GLYPHS } from './icons';
import { useOverlayTrigger, useReactions } from './overlays';
import { bool, callRemote, distance, extensionEvent, fn, hrefOf, hsAttrs, num, oneOf, record, safeUrl, str, type HsProps } from './props';
import { StandIn } from './stand-in';

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
export function useClick(props: HsProps, overlayClick: () => void) {
  const reactions = useReactions();
  const onClick = fn(props.onClick);
  return (e: MouseEvent) => {
    if (bool(props.preventDefault)) e.preventDefault();
    void callRemote(onClick, extensionEvent(e), reactions);
    overlayClick();
  };
}

/** How long LoadingButton shows its result icon after loading ends. */
const RESULT_ICON_MS = 2000;

function ButtonLike({ name, props, loading }: { name: string; props: HsProps; loading: boolean }) {
  const overlay = useOverlayTrigger(props.overlay);
  const openAfterLoading = name === 'LoadingButton' && str(record(props.overlayOptions)?.openBehavior) === 'onLoadingFinish';
  const pendingOpen = useRef(false);
  const [result, setResult] = useState(false);
  const wasLoading = useRef(loading);
  useEffect(() => {
    if (wasLoading.current && !loading) {
      if (pendingOpen.current) overlay.openOverlay();
      pendingOpen.current = false;
      setResult(true);
      const t = setTimeout(() => setResult(false), RESULT_ICON_MS);
      wasLoading.current = loading;
      return () => clearTimeout(t);
    }
    wasLoading.current = loading;
    return undefined;
  }, [loading]);
  const click = useClick(props, () => {
    if (openAfterLoading) pendingOpen.current = true;
    else overlay.openOverlay();
  });
  const disabled = bool(props.disabled) === true || loading;
  const variant = oneOf(props.variant, ['primary', 'secondary', 'destructive', 'transparent']) ?? 'secondary';
  const size = oneOf(props.size, ['xs', 'extra-small', 'sm', 'small', 'md', 'medium']) ?? 'md';
  const className = `hs-button hs-button-${variant} hs-size-${size}${loading ? ' hs-loading' : ''}${bool(props.truncate) ? ' hs-truncate' : ''}`;
  const href = hrefOf(props.href);
  const target = href ? safeUrl(href.url) : undefined;
  const resultIcon = ICON_GLYPHS[str(props.resultIconName) ?? 'success'] ?? ICON_GLYPHS.success;
  const content: ReactNode = (
    <>
      {loading ? <span className="hs-spinner hs-spinner-xs" aria-hidden="true" /> : null}
      {result && name === 'LoadingButton' ? (
        <span className="hs-button-result" aria-hidden="true">
          {resultIcon}
        </span>
      ) : null}
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
        title={bool(props.truncate) && typeof props.children === 'string' ? props.children : undefined}
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

/**
 * A row of buttons. When they do not fit, the ones that overflow move into a "More" dropdown at the end of the row
 * (configured by `dropDownButtonOptions`; `disableDropdown` keeps that button from opening).
 */
export function ButtonRow(props: HsProps) {
  const items = Children.toArray(props.children);
  const row = useRef<HTMLDivElement | null>(null);
  const [visible, setVisible] = useState(items.length);
  const [open, setOpen] = useState(false);
  const options = record(props.dropDownButtonOptions);
  useLayoutEffect(() => {
    const el = row.current;
    if (!el || el.clientWidth === 0) return;
    const children = Array.from(el.querySelectorAll<HTMLElement>(':scope > .hs-button-row-item'));
    const reserve = 90;
    let used = 0;
    let fit = children.length;
    for (let i = 0; i < children.length; i++) {
      used += (children[i]?.offsetWidth ?? 0) + 8;
      if (used > el.clientWidth - (i < children.length - 1 ? reserve : 0)) {
        fit = i;
        break;
      }
    }
    if (fit !== visible) setVisible(fit);
  });
  const hidden = items.slice(visible);
  const text = options && 'text' in options ? (str(options.text) ?? '') : 'More';
  return (
    <div {...hsAttrs('ButtonRow', props)} className="hs-button-row" ref={row}>
      {items.slice(0, visible).map((child, i) => (
        <span key={i} className="hs-button-row-item">
          {child}
        </span>
      ))}
      {hidden.length > 0 ? (
        <span className="hs-dropdown">
          <button
            type="button"
            className={`hs-button hs-button-${oneOf(options?.variant, ['primary', 'secondary', 'transparent']) ?? 'secondary'} hs-size-${str(options?.size) ?? 'md'}`}
            aria-haspopup="menu"
            aria-expanded={open}
            aria-disabled={bool(props.disableDropdown) === true || undefined}
            onClick={() => (bool(props.disableDropdown) === true ? undefined : setOpen(!open))}
          >
            {text === '' ? '⚙' : text} ▾
          </button>
          {open ? (
            <span className="hs-dropdown-menu hs-button-row-menu" role="menu">
              {hidden.map((child, i) => (
                <span key={i} className="hs-button-row-item">
                  {child}
                </span>
              ))}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

export function Link(props: HsProps) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.openOverlay);
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
  const click = useClick(props, overlay.openOverlay);
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

const ICON_COLORS = ['alert', 'warning', 'success', 'inherit'] as const;

export function Icon(props: HsProps) {
  const host = useCardHost();
  const name = str(props.name) ?? '';
  const glyph = ICON_GLYPHS[name];
  const color = oneOf(props.color, ICON_COLORS) ?? 'inherit';
  const size = oneOf(props.size, ['sm', 'small', 'md', 'medium', 'lg', 'large']) ?? 'md';
  const label = str(props.screenReaderText);
  useEffect(() => {
    if (glyph === undefined) host.report({ kind: 'unknown-icon', component: 'Icon', detail: `HubSpot has no icon named "${name}"` });
  }, [glyph, host, name]);
  if (glyph === undefined) {
    return (
      <span {...hsAttrs('Icon', props)} className="hs-icon sbx-card-warning" data-sbx-warning={`Icon.${name}`} role="note" title={`HubSpot has no icon named "${name}"`}>
        ⍰ Icon: HubSpot has no icon named “{name}”
      </span>
    );
  }
  return (
    <span
      {...hsAttrs('Icon', props)}
      className={`hs-icon hs-icon-${color} hs-icon-${size.slice(0, 2)}`}
      data-icon={name}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      title={label}
    >
      {glyph}
    </span>
  );
}

/**
 * Images load only from the page's own origin or a data: URL. A portal would also allow the app's
 * `permittedUrls.img`, but the sandbox sends nothing to the internet, so a remote image is drawn as a labelled box.
 */
/** The site an image comes from, for the stand-in's sentence (the whole URL is in its tooltip). */
function hostOf(src: string): string {
  try {
    return new URL(src).host || src;
  } catch {
    return src || 'an unnamed source';
  }
}

export function Image(props: HsProps) {
  const overlay = useOverlayTrigger(props.overlay);
  const click = useClick(props, overlay.openOverlay);
  const src = str(props.src) ?? '';
  const local = /^data:image\//i.test(src) || src.startsWith('/');
  const width = num(props.width);
  const height = num(props.height);
  const alt = str(props.alt) ?? '';
  const img = local ? (
    <img {...hsAttrs('Image', props)} src={src} alt={alt} width={width} height={height} onClick={click} />
  ) : (
    <span {...hsAttrs('Image', props)} className="hs-image-offline" style={{ width: width ? `${width}px` : undefined, minHeight: height ? `${height}px` : undefined }} onClick={click}>
      <StandIn component="Image" title={alt || 'Image'} compact>
        <span title={src}>HubSpot shows the image from {hostOf(src)} here.</span> The sandbox loads nothing from the internet.
      </StandIn>
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
