/** States and indicators: Alert, ErrorState, EmptyState, LoadingSpinner, ProgressBar, ScoreCircle. */
import { bool, hsAttrs, num, oneOf, str, type HsProps } from './props';
import { Artwork } from './stand-in';

export function Alert(props: HsProps) {
  const variant = oneOf(props.variant, ['info', 'warning', 'success', 'error', 'danger', 'tip']) ?? 'info';
  const urgent = variant === 'error' || variant === 'danger' || variant === 'warning';
  return (
    <div {...hsAttrs('Alert', props)} role={urgent ? 'alert' : 'status'} className={`hs-alert hs-alert-${variant}`}>
      <div className="hs-alert-title">{str(props.title) ?? ''}</div>
      {props.children !== undefined ? <div className="hs-alert-body">{props.children}</div> : null}
    </div>
  );
}

export function ErrorState(props: HsProps) {
  const type = oneOf(props.type, ['error', 'support', 'lock']) ?? 'error';
  const glyph = type === 'lock' ? '⊠' : type === 'support' ? '☎' : '⚠';
  return (
    <div {...hsAttrs('ErrorState', props)} className={`hs-error-state hs-error-${type}`} role="alert">
      <div className="hs-state-illustration">
        <Artwork component="ErrorState" name={type === 'error' ? 'errorGeneral' : type} glyph={glyph} />
      </div>
      <div className="hs-state-title">{str(props.title) ?? 'All of our developers are busy fixing this right now.'}</div>
      <div className="hs-state-body">{props.children}</div>
    </div>
  );
}

export function EmptyState(props: HsProps) {
  const layout = oneOf(props.layout, ['horizontal', 'vertical']) ?? 'horizontal';
  const width = num(props.imageWidth);
  return (
    <div
      {...hsAttrs('EmptyState', props)}
      className={`hs-empty-state hs-empty-${layout}${bool(props.flush) ? ' hs-flush' : ''}${bool(props.reverseOrder) ? ' hs-reverse' : ''}`}
    >
      <div className="hs-state-illustration">
        <Artwork component="EmptyState" name={str(props.imageName) ?? 'emptyStateCharts'} glyph="◌" size={width ?? 250} />
      </div>
      <div>
        <div className="hs-state-title">{str(props.title) ?? 'Nothing here yet'}</div>
        <div className="hs-state-body">{props.children}</div>
      </div>
    </div>
  );
}

export function LoadingSpinner(props: HsProps) {
  const label = str(props.label) ?? 'Loading';
  const size = str(props.size) ?? 'sm';
  const layout = oneOf(props.layout, ['inline', 'centered']) ?? 'inline';
  return (
    <div {...hsAttrs('LoadingSpinner', props)} role="status" aria-label={label} className={`hs-loading-spinner hs-layout-${layout}`}>
      <span className={`hs-spinner hs-spinner-${size}`} aria-hidden="true" />
      {bool(props.showLabel) ? <span className="hs-spinner-label">{label}</span> : <span className="hs-visually-hidden">{label}</span>}
    </div>
  );
}

export function ProgressBar(props: HsProps) {
  const max = num(props.maxValue) ?? num(props.valueMax) ?? 100;
  const value = Math.max(0, Math.min(num(props.value) ?? 0, max));
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  const variant = oneOf(props.variant, ['success', 'danger', 'warning']) ?? 'success';
  const title = str(props.title);
  const description = str(props.valueDescription);
  return (
    <div {...hsAttrs('ProgressBar', props)} className="hs-progress">
      {title || description || bool(props.showPercentage) ? (
        <div className="hs-progress-labels">
          <span>{title ?? ''}</span>
          <span>{description ?? (bool(props.showPercentage) ? `${pct}%` : '')}</span>
        </div>
      ) : null}
      <div
        className="hs-progress-track"
        role="progressbar"
        aria-label={str(props['aria-label']) ?? title ?? 'Progress'}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
      >
        <div className={`hs-progress-fill hs-progress-${variant}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A ring filled to `score` out of 100 with the number in the middle. */
export function ScoreCircle(props: HsProps) {
  const raw = num(props.score);
  const score = raw === undefined ? 0 : Math.max(0, Math.min(100, raw));
  const r = 26;
  const c = 2 * Math.PI * r;
  const tone = score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
  return (
    <div {...hsAttrs('ScoreCircle', props)} className={`hs-score-circle hs-score-${tone}`} role="img" aria-label={`Score ${raw ?? 'unknown'}`}>
      <svg width="64" height="64" viewBox="0 0 64 64" aria-hidden="true">
        <circle cx="32" cy="32" r={r} className="hs-score-track" />
        <circle cx="32" cy="32" r={r} className="hs-score-value" strokeDasharray={`${(score / 100) * c} ${c}`} transform="rotate(-90 32 32)" />
      </svg>
      <span className="hs-score-number">{raw === undefined ? '–' : String(raw)}</span>
    </div>
  );
}
