/**
 * HubSpot-defined association types (reference §3, cross-checked with the SDK's `AssociationTypes` enum). Type ids
 * are directional: contact→company 279 (unlabeled) and 1 (Primary); note→contact 202; contact→ticket 15 and
 * ticket→contact 16. Every type has an inverse, created and removed together with it.
 */
export interface AssociationType {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  /** null for the unlabeled type, "Primary" for the primary type. */
  readonly label: string | null;
  /** The v3 name (`contact_to_company_unlabeled`, `contact_to_company` for the primary). */
  readonly name: string;
  readonly inverse: number;
  /** At most one target per source carries this type (the primary company of a contact, deal or ticket). */
  readonly unique: boolean;
  /** The type that default associations create for this pair. */
  readonly isDefault: boolean;
}

const pair = (
  from: string,
  to: string,
  fromName: string,
  toName: string,
  ids: { unlabeled: [number, number]; primary?: [number, number] },
): AssociationType[] => {
  const out: AssociationType[] = [];
  const [u1, u2] = ids.unlabeled;
  const hasPrimary = ids.primary !== undefined;
  out.push({ id: u1, from, to, label: null, name: `${fromName}_to_${toName}${hasPrimary ? '_unlabeled' : ''}`, inverse: u2, unique: false, isDefault: true });
  out.push({ id: u2, from: to, to: from, label: null, name: `${toName}_to_${fromName}${hasPrimary ? '_unlabeled' : ''}`, inverse: u1, unique: false, isDefault: true });
  if (ids.primary) {
    const [p1, p2] = ids.primary;
    out.push({ id: p1, from, to, label: 'Primary', name: `${fromName}_to_${toName}`, inverse: p2, unique: true, isDefault: false });
    out.push({ id: p2, from: to, to: from, label: 'Primary', name: `${toName}_to_${fromName}`, inverse: p1, unique: false, isDefault: false });
  }
  return out;
};

export const ASSOCIATION_TYPES: readonly AssociationType[] = [
  ...pair('0-1', '0-2', 'contact', 'company', { unlabeled: [279, 280], primary: [1, 2] }),
  ...pair('0-3', '0-2', 'deal', 'company', { unlabeled: [341, 342], primary: [5, 6] }),
  ...pair('0-5', '0-2', 'ticket', 'company', { unlabeled: [339, 340], primary: [26, 25] }),
  ...pair('0-1', '0-5', 'contact', 'ticket', { unlabeled: [15, 16] }),
  ...pair('0-1', '0-3', 'contact', 'deal', { unlabeled: [4, 3] }),
  ...pair('0-5', '0-3', 'ticket', 'deal', { unlabeled: [28, 27] }),
  ...pair('0-46', '0-1', 'note', 'contact', { unlabeled: [202, 201] }),
  ...pair('0-46', '0-2', 'note', 'company', { unlabeled: [190, 189] }),
  ...pair('0-46', '0-3', 'note', 'deal', { unlabeled: [214, 213] }),
  ...pair('0-46', '0-5', 'note', 'ticket', { unlabeled: [228, 227] }),
];

const BY_ID = new Map(ASSOCIATION_TYPES.map((t) => [t.id, t]));

export function associationTypeById(id: number): AssociationType | undefined {
  return BY_ID.get(id);
}

export function typesBetween(from: string, to: string): AssociationType[] {
  return ASSOCIATION_TYPES.filter((t) => t.from === from && t.to === to);
}

export function defaultTypeBetween(from: string, to: string): AssociationType | undefined {
  return ASSOCIATION_TYPES.find((t) => t.from === from && t.to === to && t.isDefault);
}

/** v4 `associationTypes[]` entry. */
export function associationTypeJson(t: AssociationType): { category: string; typeId: number; label: string | null } {
  return { category: 'HUBSPOT_DEFINED', typeId: t.id, label: t.label };
}
