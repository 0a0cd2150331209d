/**
 * A clearly marked stand-in: what the sandbox draws where HubSpot shows something it cannot reproduce offline (a
 * report, a page on another site, HubSpot's own composer or record preview). It names the component and says in
 * words what HubSpot would show. It is reported once per card, on the page and in the terminal.
 */
import { useEffect, type ReactNode } from 'react';
import { useCardHost } from './host-context';

export function StandIn({ component, title, children, testId, compact = false }: { component: string; title: string; children: ReactNode; testId?: string; compact?: boolean }) {
  const host = useCardHost();
  useEffect(() => {
    host.report({ kind: 'stand-in', component, detail: title });
  }, [host, component, title]);
  return (
    <div className={`sbx-stand-in${compact ? ' sbx-stand-in-compact' : ''}`} data-sbx-stand-in={component} data-testid={testId} role="note">
      <div className="sbx-stand-in-title">
        <span className="sbx-stand-in-badge">Sandbox stand-in</span> {title}
      </div>
      <div className="sbx-stand-in-body">{children}</div>
    </div>
  );
}

/**
 * HubSpot's illustrations (Illustration, the pictures of EmptyState and ErrorState) are its own artwork, which the
 * package does not carry: a neutral drawing in their place, captioned with the illustration's name.
 */
export function Artwork({ component, name, glyph, size }: { component: string; name: string; glyph: string; size?: number }) {
  const host = useCardHost();
  useEffect(() => {
    host.report({ kind: 'stand-in', component, detail: `illustration "${name}" drawn as a neutral picture` });
  }, [host, component, name]);
  const px = size === undefined ? undefined : `${Math.max(32, Math.min(size, 250) / 3)}px`;
  return (
    <span className="hs-artwork" aria-hidden="true">
      <span className="hs-illustration-art" style={px ? { width: px, height: px, fontSize: `calc(${px} / 2)` } : undefined}>
        {glyph}
      </span>
      <span className="sbx-stand-in-caption" data-sbx-stand-in={component}>
        HubSpot illustration “{name}”
      </span>
    </span>
  );
}
