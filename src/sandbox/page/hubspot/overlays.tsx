/**
 * Overlays: `Modal` and `Panel` open by id (`reactions.openModal(id)` in a click handler, or by being the `overlay`
 * of the clicked Button/Link/Tag/Image), `Tooltip` shows while its trigger is hovered or focused.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { bool, callRemote, fn, hsAttrs, str, type HsProps } from './props';

interface OverlayManager {
  isOpen(id: string): boolean;
  open(id: string): void;
  close(id: string): void;
  /** Bumps whenever an overlay opens or closes, so readers re-render. */
  readonly version: number;
}

const OverlayContext = createContext<OverlayManager | null>(null);

/** Holds which overlays of one card are open. One per card frame. */
export function OverlayProvider({ children }: { children: ReactNode }) {
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const manager = useMemo<OverlayManager>(
    () => ({
      isOpen: (id) => openIds.has(id),
      open: (id) => setOpenIds((s) => new Set([...s, id])),
      close: (id) =>
        setOpenIds((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        }),
      version: openIds.size,
    }),
    [openIds],
  );
  return <OverlayContext.Provider value={manager}>{children}</OverlayContext.Provider>;
}

const noManager: OverlayManager = { isOpen: () => false, open: () => undefined, close: () => undefined, version: 0 };

export function useOverlays(): OverlayManager {
  return useContext(OverlayContext) ?? noManager;
}

/** HubSpot's `Reactions`, the second argument of click handlers. */
export function useReactions(): { openPanel(id: string): void; closePanel(id: string): void; openModal(id: string): void; closeModal(id: string): void } {
  const m = useOverlays();
  return useMemo(() => ({ openPanel: m.open, closePanel: m.close, openModal: m.open, closeModal: m.close }), [m]);
}

interface TriggerState {
  readonly hovered: boolean;
  /** Counts clicks on the trigger; an overlay opens when it changes. */
  readonly clicks: number;
}
const TriggerContext = createContext<TriggerState | null>(null);

/**
 * Wraps a component that takes an `overlay` prop: returns the overlay to render next to it and the handlers that
 * drive it (hover for tooltips, click for modals and panels).
 */
export function useOverlayTrigger(overlay: unknown) {
  const [hovered, setHovered] = useState(false);
  const [clicks, setClicks] = useState(0);
  const has = overlay !== undefined && overlay !== null && overlay !== false;
  const node = has ? <TriggerContext.Provider value={{ hovered, clicks }}>{overlay as ReactNode}</TriggerContext.Provider> : null;
  return {
    node,
    onClick: useCallback(() => setClicks((c) => c + 1), []),
    hoverProps: has
      ? { onMouseEnter: () => setHovered(true), onMouseLeave: () => setHovered(false), onFocus: () => setHovered(true), onBlur: () => setHovered(false) }
      : {},
  };
}

/** Opens overlay `id` when its trigger is clicked (after the first render). */
function useOpenOnTrigger(id: string | undefined) {
  const trigger = useContext(TriggerContext);
  const overlays = useOverlays();
  const seen = useRef(trigger?.clicks ?? 0);
  useEffect(() => {
    if (!trigger || !id) return;
    if (trigger.clicks !== seen.current) {
      seen.current = trigger.clicks;
      overlays.open(id);
    }
  }, [trigger, id, overlays]);
}

function useOpenCallbacks(id: string | undefined, props: HsProps): boolean {
  const overlays = useOverlays();
  const isOpen = id ? overlays.isOpen(id) : false;
  const was = useRef(false);
  useEffect(() => {
    if (isOpen && !was.current) void callRemote(fn(props.onOpen));
    if (!isOpen && was.current) void callRemote(fn(props.onClose));
    was.current = isOpen;
  }, [isOpen, props.onOpen, props.onClose]);
  return isOpen;
}

function OverlayFrame({ kind, props }: { kind: 'Modal' | 'Panel'; props: HsProps }) {
  const id = str(props.id);
  const overlays = useOverlays();
  useOpenOnTrigger(id);
  const isOpen = useOpenCallbacks(id, props);
  if (!isOpen || !id) return null;
  const title = str(props.title);
  const width = str(props.width) ?? 'md';
  const variant = str(props.variant) ?? 'default';
  return (
    <div className={`hs-overlay-backdrop hs-overlay-${kind.toLowerCase()}`} onClick={() => overlays.close(id)}>
      <div
        {...hsAttrs(kind, props)}
        role="dialog"
        aria-modal="true"
        aria-label={str(props['aria-label']) ?? title ?? kind}
        className={`hs-${kind.toLowerCase()} hs-${kind.toLowerCase()}-${width} hs-variant-${variant}`}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="hs-overlay-header">
          <span className="hs-overlay-title">{title ?? ''}</span>
          <button type="button" className="hs-overlay-close" aria-label="Close" onClick={() => overlays.close(id)}>
            ×
          </button>
        </div>
        <div className="hs-overlay-content">{props.children}</div>
      </div>
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
  const placement = str(props.placement) ?? 'top';
  if (trigger && !trigger.hovered) return null;
  return (
    <span {...hsAttrs('Tooltip', props)} role="tooltip" className={`hs-tooltip hs-tooltip-${placement}${trigger ? ' hs-tooltip-floating' : ''}`}>
      {props.children}
    </span>
  );
}
