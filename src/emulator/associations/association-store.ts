import { associationTypeById, type AssociationType } from './association-types';

/**
 * Association edges between records, kept in both directions (every type has an inverse). The edge's
 * `visibleAt` lets search see a new association only after the search lag, like a property write.
 */
export interface Edge {
  readonly toId: string;
  readonly types: Set<number>;
  visibleAt: number;
}

const key = (typeId: string, id: string) => `${typeId}:${id}`;

export class AssociationStore {
  /** from record → to type → to id → edge */
  private readonly out = new Map<string, Map<string, Map<string, Edge>>>();
  /** Called when a unique (primary) type moves, so the record's derived property can follow. */
  onPrimaryChanged: (fromType: string, fromId: string, toType: string) => void = () => undefined;

  private bucket(fromType: string, fromId: string, toType: string, create: boolean): Map<string, Edge> | undefined {
    const k = key(fromType, fromId);
    let byType = this.out.get(k);
    if (!byType) {
      if (!create) return undefined;
      byType = new Map();
      this.out.set(k, byType);
    }
    let b = byType.get(toType);
    if (!b && create) {
      b = new Map();
      byType.set(toType, b);
    }
    return b;
  }

  /** Edges from a record to records of one type, in ascending target id order. */
  list(fromType: string, fromId: string, toType: string): Edge[] {
    const b = this.bucket(fromType, fromId, toType, false);
    if (!b) return [];
    return [...b.values()].sort((x, y) => Number(x.toId) - Number(y.toId));
  }

  /** Every edge from a record, with the target type. */
  allFrom(fromType: string, fromId: string): [toType: string, edge: Edge][] {
    const byType = this.out.get(key(fromType, fromId));
    if (!byType) return [];
    return [...byType.entries()].flatMap(([toType, b]) => [...b.values()].map((e): [string, Edge] => [toType, e]));
  }

  get(fromType: string, fromId: string, toType: string, toId: string): Edge | undefined {
    return this.bucket(fromType, fromId, toType, false)?.get(toId);
  }

  /**
   * Adds types to a pair (and their inverses to the reverse edge). A unique (primary) type first leaves the
   * source's other targets: a contact has at most one primary company.
   */
  add(fromType: string, fromId: string, toType: string, toId: string, types: readonly AssociationType[], visibleAt: number): void {
    let primaryMoved = false;
    for (const t of types) {
      if (t.unique) {
        for (const other of this.list(fromType, fromId, toType)) {
          if (other.toId !== toId && other.types.has(t.id)) {
            this.removeTypes(fromType, fromId, toType, other.toId, [t], false);
          }
        }
        primaryMoved = true;
      }
      this.addOne(fromType, fromId, toType, toId, t.id, visibleAt);
      this.addOne(toType, toId, fromType, fromId, t.inverse, visibleAt);
    }
    if (primaryMoved) this.onPrimaryChanged(fromType, fromId, toType);
  }

  private addOne(fromType: string, fromId: string, toType: string, toId: string, typeId: number, visibleAt: number): void {
    const b = this.bucket(fromType, fromId, toType, true);
    if (!b) return;
    const e = b.get(toId);
    if (e) e.types.add(typeId);
    else b.set(toId, { toId, types: new Set([typeId]), visibleAt });
  }

  /** Replaces the labels between a pair (a labelled PUT replaces; reference §3). */
  replace(fromType: string, fromId: string, toType: string, toId: string, types: readonly AssociationType[], visibleAt: number): void {
    this.removePair(fromType, fromId, toType, toId);
    this.add(fromType, fromId, toType, toId, types, visibleAt);
  }

  /** Removes every type between a pair, both directions. */
  removePair(fromType: string, fromId: string, toType: string, toId: string): void {
    const e = this.get(fromType, fromId, toType, toId);
    if (!e) return;
    const hadUnique = [...e.types].some((id) => associationTypeById(id)?.unique);
    const reverse = this.get(toType, toId, fromType, fromId);
    const reverseHadUnique = reverse ? [...reverse.types].some((id) => associationTypeById(id)?.unique) : false;
    this.bucket(fromType, fromId, toType, false)?.delete(toId);
    this.bucket(toType, toId, fromType, false)?.delete(fromId);
    if (hadUnique) this.onPrimaryChanged(fromType, fromId, toType);
    if (reverseHadUnique) this.onPrimaryChanged(toType, toId, fromType);
  }

  /**
   * Removes some types between a pair. Removing the unlabeled (default) type removes the whole pair, with every
   * label (docs: associate-records guide).
   */
  removeTypes(fromType: string, fromId: string, toType: string, toId: string, types: readonly AssociationType[], notify = true): void {
    if (types.some((t) => t.isDefault)) {
      this.removePair(fromType, fromId, toType, toId);
      return;
    }
    const e = this.get(fromType, fromId, toType, toId);
    if (!e) return;
    let uniqueRemoved = false;
    let reverseUniqueRemoved = false;
    const reverse = this.get(toType, toId, fromType, fromId);
    for (const t of types) {
      if (e.types.delete(t.id) && t.unique) uniqueRemoved = true;
      const inv = associationTypeById(t.inverse);
      if (reverse?.types.delete(t.inverse) && inv?.unique) reverseUniqueRemoved = true;
    }
    if (e.types.size === 0) this.bucket(fromType, fromId, toType, false)?.delete(toId);
    if (reverse && reverse.types.size === 0) this.bucket(toType, toId, fromType, false)?.delete(fromId);
    if (notify && uniqueRemoved) this.onPrimaryChanged(fromType, fromId, toType);
    if (notify && reverseUniqueRemoved) this.onPrimaryChanged(toType, toId, fromType);
  }

  /** The target carrying a unique type from this source (e.g. the contact's primary company), if any. */
  uniqueTarget(fromType: string, fromId: string, toType: string): string | undefined {
    for (const e of this.list(fromType, fromId, toType)) {
      for (const id of e.types) if (associationTypeById(id)?.unique) return e.toId;
    }
    return undefined;
  }
}
