/** Layout and grouping: Flex, Box, Inline, Stack, AutoGrid, Tile, DescriptionList, List, Accordion, Tabs. */
import { Children, createContext, useContext, useEffect, useState, type CSSProperties } from 'react';
import { bool, callRemote, distance, flexValue, fn, hsAttrs, num, oneOf, str, type HsProps } from './props';

export function Flex(props: HsProps) {
  const wrap = props.wrap === true || props.wrap === 'wrap' ? 'wrap' : 'nowrap';
  const style: CSSProperties = {
    display: 'flex',
    flexDirection: oneOf(props.direction, ['row', 'column']) ?? 'row',
    gap: distance(props.gap, '0'),
    justifyContent: flexValue(props.justify),
    alignItems: flexValue(props.align),
    alignSelf: flexValue(props.alignSelf),
    flexWrap: wrap,
  };
  return (
    <div {...hsAttrs('Flex', props)} className="hs-flex" style={style}>
      {props.children}
    </div>
  );
}

export function Box(props: HsProps) {
  const flex = props.flex;
  const style: CSSProperties = { alignSelf: flexValue(props.alignSelf), minWidth: 0 };
  if (typeof flex === 'number') style.flex = `${flex} ${flex} 0%`;
  else if (flex === 'auto' || flex === 'none' || flex === 'initial') style.flex = flex;
  return (
    <div {...hsAttrs('Box', props)} className="hs-box" style={style}>
      {props.children}
    </div>
  );
}

export function Inline(props: HsProps) {
  return (
    <div
      {...hsAttrs('Inline', props)}
      className="hs-inline-layout"
      style={{ display: 'flex', flexWrap: 'wrap', gap: distance(props.gap, '8px'), justifyContent: flexValue(props.justify), alignItems: flexValue(props.align) ?? 'center' }}
    >
      {props.children}
    </div>
  );
}

export function Stack(props: HsProps) {
  return (
    <div
      {...hsAttrs('Stack', props)}
      className="hs-stack"
      style={{
        display: 'flex',
        flexDirection: oneOf(props.direction, ['row', 'column']) ?? 'column',
        gap: distance(props.distance, '8px'),
        justifyContent: flexValue(props.justify),
        alignItems: flexValue(props.align),
        width: str(props.width) === '100%' ? '100%' : undefined,
      }}
    >
      {props.children}
    </div>
  );
}

export function AutoGrid(props: HsProps) {
  const col = num(props.columnWidth) ?? 200;
  const flexible = bool(props.flexible) === true;
  return (
    <div
      {...hsAttrs('AutoGrid', props)}
      className="hs-auto-grid"
      style={{ display: 'grid', gap: distance(props.gap, '8px'), gridTemplateColumns: `repeat(auto-fill, ${flexible ? `minmax(${col}px, 1fr)` : `${col}px`})` }}
    >
      {props.children}
    </div>
  );
}

export function Tile(props: HsProps) {
  return (
    <div {...hsAttrs('Tile', props)} className={`hs-tile${bool(props.compact) ? ' hs-compact' : ''}${bool(props.flush) ? ' hs-flush' : ''}`}>
      {props.children}
    </div>
  );
}

export function DescriptionList(props: HsProps) {
  const direction = oneOf(props.direction, ['row', 'column']) ?? 'column';
  return (
    <dl {...hsAttrs('DescriptionList', props)} className={`hs-description-list hs-dl-${direction}`}>
      {props.children}
    </dl>
  );
}

export function DescriptionListItem(props: HsProps) {
  return (
    <div {...hsAttrs('DescriptionListItem', props)} className="hs-dl-item">
      <dt>{str(props.label) ?? ''}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function List(props: HsProps) {
  const variant = oneOf(props.variant, ['unordered', 'unordered-styled', 'ordered', 'ordered-styled', 'inline', 'inline-divided']) ?? 'unordered';
  const items = Children.toArray(props.children).map((child, i) => <li key={i}>{child}</li>);
  const className = `hs-list hs-list-${variant}`;
  return variant.startsWith('ordered') ? (
    <ol {...hsAttrs('List', props)} className={className}>
      {items}
    </ol>
  ) : (
    <ul {...hsAttrs('List', props)} className={className}>
      {items}
    </ul>
  );
}

export function Accordion(props: HsProps) {
  const controlled = bool(props.open);
  const [open, setOpen] = useState(bool(props.defaultOpen) === true);
  const isOpen = controlled ?? open;
  const disabled = bool(props.disabled) === true;
  const onClick = fn(props.onClick);
  return (
    <div {...hsAttrs('Accordion', props)} className={`hs-accordion hs-size-${str(props.size) ?? 'md'}${isOpen ? ' hs-open' : ''}`}>
      <button
        type="button"
        className="hs-accordion-title"
        aria-expanded={isOpen}
        disabled={disabled}
        onClick={() => {
          if (controlled === undefined) setOpen((o) => !o);
          void callRemote(onClick);
        }}
      >
        <span className="hs-accordion-caret" aria-hidden="true">
          {isOpen ? '▾' : '▸'}
        </span>
        {str(props.title) ?? ''}
      </button>
      {isOpen ? <div className="hs-accordion-body">{props.children}</div> : null}
    </div>
  );
}

// --- Tabs: each Tab registers its title with the Tabs around it; only the selected tab's content renders --------

interface TabInfo {
  readonly key: string;
  readonly title: string;
  readonly disabled: boolean;
  readonly tooltip?: string;
  readonly tooltipPlacement: string;
}
interface TabsState {
  readonly selected: string | null;
  register(tab: TabInfo): () => void;
}
const TabsContext = createContext<TabsState | null>(null);

export function Tabs(props: HsProps) {
  const [tabs, setTabs] = useState<readonly TabInfo[]>([]);
  const controlled = str(props.selected);
  const [chosen, setChosen] = useState<string | null>(str(props.defaultSelected) ?? null);
  const firstEnabled = tabs.find((t) => !t.disabled)?.key ?? null;
  const selected = controlled ?? chosen ?? firstEnabled;
  const onSelectedChange = fn(props.onSelectedChange);
  const state: TabsState = {
    selected,
    register: (tab) => {
      setTabs((ts) => [...ts.filter((t) => t.key !== tab.key), tab]);
      return () => setTabs((ts) => ts.filter((t) => t.key !== tab.key));
    },
  };
  return (
    <div {...hsAttrs('Tabs', props)} className={`hs-tabs hs-tabs-${str(props.variant) ?? 'default'}${bool(props.fill) ? ' hs-fill' : ''}`}>
      <div role="tablist" className="hs-tab-list">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={t.key === selected}
            disabled={t.disabled}
            data-tooltip={t.tooltip}
            data-tooltip-placement={t.tooltip ? t.tooltipPlacement : undefined}
            className={`hs-tab${t.key === selected ? ' hs-selected' : ''}${t.tooltip ? ' hs-has-tooltip' : ''}`}
            onClick={() => {
              if (controlled === undefined) setChosen(t.key);
              // The card gave a string or a number id; hand back what it gave.
              void callRemote(onSelectedChange, /^\d+$/.test(t.key) && typeof props.selected !== 'string' && typeof props.defaultSelected !== 'string' ? Number(t.key) : t.key);
            }}
          >
            {t.title}
          </button>
        ))}
      </div>
      <TabsContext.Provider value={state}>{props.children}</TabsContext.Provider>
    </div>
  );
}

let anonymousTabs = 0;

export function Tab(props: HsProps) {
  const tabs = useContext(TabsContext);
  const [fallbackKey] = useState(() => `tab-${(anonymousTabs += 1)}`);
  const key = str(props.tabId) ?? fallbackKey;
  const title = str(props.title) ?? key;
  const disabled = bool(props.disabled) === true;
  const tooltip = str(props.tooltip);
  const tooltipPlacement = oneOf(props.tooltipPlacement, ['top', 'bottom', 'left', 'right']) ?? 'top';
  const register = tabs?.register;
  useEffect(() => register?.({ key, title, disabled, tooltipPlacement, ...(tooltip ? { tooltip } : {}) }), [register === undefined, key, title, disabled, tooltip, tooltipPlacement]);
  if (tabs && tabs.selected !== key) return null;
  return (
    <div {...hsAttrs('Tab', props)} role="tabpanel" className="hs-tab-panel">
      {props.children}
    </div>
  );
}
