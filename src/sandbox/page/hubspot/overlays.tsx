/**
 * Overlays: `Modal` and `Panel` open by id, from a click handler's `reactions.openModal(id)` / `openPanel(id)` or by
 * being the `overlay` of the clicked Button/Link/Tag/Image, and close with their ×, Escape, `reactions.close…` or
 * `actions.closeOverlay(id)`. As in HubSpot, one overlay of a given id is open at a time: when two buttons carry an
 * overlay with the same id, the one whose button was clicked opens, and only that one.
 *
 * Variants: a default Panel slides in on the right and leaves the page visible and usable; a `modal` Panel dims the
 * page and keeps the focus inside itself (HubSpot's accessible variant); a Modal is centred over a dimmed page, with
 * a red header for `danger`. `Tooltip` shows while its trigger is hovered or focused.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { bool, callRemote, fn, hsAttrs, oneOf, str, type HsProps } from './props';

interface OverlayManager {
  /** Which overlay instance of `id` is open (undefined: none). */
  openOwner(id: string): symbol | undefined;
  /** Opens `id`: the given instance, or the first one that registered under that id. */
  open(id: string, owner?: symbol): void;
  close(id: string): void;
  register(id: string, owner: symbol): () => void;
}

const OverlayContext = createContext<OverlayManager | null>(null);

/** Holds which overlays of one card are open. One per card frame. */
export function OverlayProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<ReadonlyMap<string, symbol>>(new Map());
  const registered = useRef(new Map<string, symbol[]>());
  const manager = useMemo<OverlayManager>(
    () => ({
      openOwner: (id) => open.get(id),
      open: (id, owner) => {
        const who = owner ?? registered.current.get(id)?.[0];
        if (who) setOpen((m) => new Map(m).set(id, who));
      },
      close: (id) =>
        setOpen((m) => {
          if (!m.has(id)) return m;
          const next = new Map(m);
          next.delete(id);
          return next;
        }),
      register: (id, owner) => {
        registered.current.set(id, [...(registered.current.get(id) ?? []), owner]);
        return () => registered.current.set(id, (registered.current.get(id) ?? []).filter((o) => o !== owner));
      },
    }),
    [open],
  );
  return <OverlayContext.Provider value={manager}>{children}</OverlayContext.Provider>;
}

const noManager: OverlayManager = { openOwner: () => undefined, open: () => undefined, close: () => undefined, register: () => () => undefined };

export function useOverlays(): OverlayManager {
  return useContext(OverlayContext) ?? noManager;
}

/** HubSpot's `Reactions`, the second argument of click handlers. */
export function useReactions(): { openPanel(id: string): void; closePanel(id: string): void; openModal(id: string): void; closeModal(id: string): void } {
  const m = useOverlays();
  return useMemo(() => ({ openPanel: (id) => m.open(id), closePanel: m.close, openModal: (id) => m.open(id), closeModal: m.close }), [m]);
}

interface TriggerState {
  readonly hovered: boolean;
  /** Counts the times the trigger asked its overlay to open. */
  readonly opens: number;
}
const TriggerContext = createContext<TriggerState | null>(null);

/**
 * Wraps a component that takes an `overlay` prop: returns the overlay to render next to it and the handlers that
 * drive it (hover for tooltips, `openOverlay` for modals and panels).
 */
export function useOverlayTrigger(overlay: unknown) {
  const [hovered, setHovered] = useState(false);
  const [opens, setOpens] = useState(0);
  const has = overlay !== undefined && overlay !== null && overlay !== false;
  const node = has ? <TriggerContext.Provider value={{ hovered, opens }}>{overlay as ReactNode}</TriggerContext.Provider> : null;
  return {
    node,
    openOverlay: useCallback(() => setOpens((c) => c + 1), []),
    hoverProps: has
      ? { onMouseEnter: () => setHovered(true), onMouseLeave: () => setHovered(false), onFocus: () => setHovered(true), onBlur: () => setHovered(false) }
      : {},
  };
}

/** Registers this overlay instance under its id, and opens it (this instance) when its own trigger asks. */
function useOverlayInstance(id: string | undefined): { owner: symbol; isOpen: boolean } {
  const trigger = useContext(TriggerContext);
  const overlays = useOverlays();
  const [owner] = useState(() => Symbol(id ?? 'overlay'));
  const seen = useRef(trigger?.opens ?? 0);
  useEffect(() => (id ? overlays.register(id, owner) : undefined), [id, owner]);
  useEffect(() => {
    if (!trigger || !id) return;
    if (trigger.opens !== seen.current) {
      seen.current = trigger.opens;
      overlays.open(id, owner);
    }
  }, [trigger, id, overlays, owner]);
  return { owner, isOpen: id !== undefined && overlays.openOwner(id) === owner };
}

function useOpenCallbacks(isOpen: boolean, props: HsProps): void {
  const was = useRef(false);
  useEffect(() => {
    if (isOpen && !was.current) void callRemote(fn(props.onOpen));
    if (!isOpen && was.current) void callRemote(fn(props.onClose));
    was.current = isOpen;
  }, [isOpen, props.onOpen, props.onClose]);
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside `el` (the modal variants). */
function trapTab(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Tab') return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

function OverlayFrame({ kind, props }: { kind: 'Modal' | 'Panel'; props: HsProps }) {
  const id = str(props.id);
  const overlays = useOverlays();
  const { isOpen } = useOverlayInstance(id);
  useOpenCallbacks(isOpen, props);
  const dialog = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!isOpen || !id) return undefined;
    dialog.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') overlays.close(id);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isOpen, id, overlays]);
  if (!isOpen || !id) return null;
  const title = str(props.title);
  const width = oneOf(props.width, ['sm', 'small', 'md', 'medium', 'lg', 'large']) ?? 'sm';
  const size = width.startsWith('l') ? 'lg' : width.startsWith('m') ? 'md' : 'sm';
  const variant = kind === 'Modal' ? (oneOf(props.variant, ['default', 'danger']) ?? 'default') : (oneOf(props.variant, ['default', 'modal']) ?? 'default');
  const modal = kind === 'Modal' || variant === 'modal';
  const box = (
    <div
      {...hsAttrs(kind, props)}
      ref={dialog}
      tabIndex={-1}
      role="dialog"
      aria-modal={modal}
      aria-label={str(props['aria-label']) ?? title ?? kind}
      data-variant={variant}
      className={`hs-${kind.toLowerCase()} hs-${kind.toLowerCase()}-${size} hs-variant-${variant}`}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={modal ? trapTab : undefined}
    >
      <div className="hs-overlay-header">
        <span className="hs-overlay-title">{title ?? ''}</span>
        <button type="button" className="hs-overlay-close" aria-label="Close" onClick={() => overlays.close(id)}>
          ×
        </button>
      </div>
      <div className="hs-overlay-content">{props.children}</div>
    </div>
  );
  if (kind === 'Panel' && !modal) return <div className="hs-panel-sheet">{box}</div>;
  return (
    <div className={`hs-overlay-backdrop hs-overlay-${kind.toLowerCase()}`} onClick={kind === 'Modal' ? () => overlays.close(id) : undefined}>
      {box}
    </div>
  );
}

export const Modal = (props: HsProps) => <OverlayFrame kind="Modal" props={props} />;
export const Panel = (props: HsProps) => <OverlayFrame kind="Panel" props={props} />;

const section = (name: string, className: string) =>
  function Section(props: HsProps) {
    const flush = bool(props.flush) ? ' hs-flush' : '';
    return (
      <div {...hsAttrs(name, props)} className={`${className}${flush}`}>
        {props.children}
      </div>
    );
  };
export const ModalBody = section('ModalBody', 'hs-overlay-body');
export const ModalFooter = section('ModalFooter', 'hs-overlay-footer');
export const PanelBody = section('PanelBody', 'hs-overlay-body');
export const PanelFooter = section('PanelFooter', 'hs-overlay-footer');
export const PanelSection = section('PanelSection', 'hs-panel-section');

/** As an `overlay`, shows while the trigger is hovered; on its own, renders as an inline hint. */
export function Tooltip(props: HsProps) {
  const trigger = useContext(TriggerContext);
  const placement = oneOf(props.placement, ['top', 'bottom', 'left', 'right']) ?? 'top';
  if (trigger && !trigger.hovered) return null;
  return (
    <span {...hsAttrs('Tooltip', props)} role="tooltip" className={`hs-tooltip hs-tooltip-${placement}${trigger ? ' hs-tooltip-floating' : ''}`}>
      {props.children}
    </span>
  );
}
