/** `actions.addAlert` shows a toast, as HubSpot does, top right; it closes by itself after a while. */
import { useEffect } from 'react';

export interface Toast {
  readonly id: number;
  readonly type: string;
  readonly title?: string;
  readonly message: string;
  readonly source: string;
}

const TOAST_MS = 8000;
const TYPES = ['info', 'warning', 'success', 'danger', 'tip'];

export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="sbx-toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id, onDismiss]);
  const type = TYPES.includes(toast.type) ? toast.type : 'info';
  return (
    <div className={`sbx-toast sbx-toast-${type}`} role={type === 'danger' || type === 'warning' ? 'alert' : 'status'} data-toast-type={type}>
      <div className="sbx-toast-head">
        <strong>{toast.title ?? toast.source}</strong>
        <button type="button" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
          ×
        </button>
      </div>
      <div className="sbx-toast-message">{toast.message}</div>
    </div>
  );
}
