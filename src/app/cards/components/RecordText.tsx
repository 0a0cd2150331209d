import { Text } from '@hubspot/ui-extensions';
import { displayText } from './text';

export interface RecordTextProps {
  /** A string that came from a record (subject, name, error text): shown as text, never as markup. */
  readonly value: string | null | undefined;
  /** Characters shown before an ellipsis; the tooltip shows more. */
  readonly max?: number;
  /** Keep to one line (table cells); the full value (up to 1,000 characters) is in the tooltip. */
  readonly oneLine?: boolean;
  readonly variant?: 'bodytext' | 'microcopy';
  readonly placeholder?: string;
  readonly testId?: string;
}

/** A record's string value, cleaned and clipped (components/text.ts). */
export function RecordText({ value, max = 200, oneLine = false, variant, placeholder = '–', testId }: RecordTextProps) {
  const shown = displayText(value, max);
  const full = displayText(value, 1000);
  return (
    <Text testId={testId} variant={variant} truncate={oneLine ? { tooltipText: full } : undefined}>
      {shown.length > 0 ? shown : placeholder}
    </Text>
  );
}
