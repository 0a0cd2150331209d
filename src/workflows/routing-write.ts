import { ok, type Result } from '../core/result';
import {
  noteIdsToInspect,
  parseRoutingNote,
  resolveRoutingNotes,
  routingNoteBody,
  routingPropertiesFromNote,
  routingPropertiesToWrite,
  ROUTING_PROPERTY_NAMES,
  type ParsedRoutingNote,
  type ReadNote,
  type RoutingDecision,
  type RoutingState,
} from '../core/routing';
import { compareIds, NOTE_ASSOCIATION_TYPE, type CrmError, type CrmPort, type CrmRecord, type PropertyChange } from '../hubspot';

/**
 * The one way a routing decision reaches a record, for the card's button, `lead-ops route`, the sweep and the
 * realtime endpoint alike, for one record or many. It keeps "one owner and one routing note per decision" under
 * retries, double clicks, concurrent calls and answers lost after the write went through, and never overwrites an
 * owner a person set meanwhile (docs/decisions.md explains both rules):
 *
 *   1. create the routing note (it carries the routing key; after a 5xx or a timeout the record's notes are looked
 *      up by key before anything is sent again, so a note is never made twice);
 *   2. read the record again right before the update: its owner, routing properties and owner history, and the ids
 *      of its notes (one GET for one record; a batch read and one v4 association batch read for many);
 *   3. a person's owner found there wins: our note is archived and nothing is written;
 *   4. otherwise the episode's notes are resolved (`resolveRoutingNotes`): the lowest note whose owner is still a
 *      valid choice wins, stale and duplicate notes are archived, and the winner's decision is written;
 *   5. read the owner's history right after the update: an owner a person set between steps 2 and 4 is put back,
 *      our note archived and our routing properties restored.
 *
 * One record costs: note create, read, update, read (4 calls), plus a batch read of note bodies when the record has
 * notes written since its last routing, and an archive when there are notes to archive.
 */

export interface RoutingWriteItem {
  /** A decision that assigns an owner and changes the record (`routingKey` set). */
  readonly decision: RoutingDecision;
  /** What the record carried when the decision was made. */
  readonly stored: RoutingState;
}

export type RoutingWriteOutcome =
  /** The record now carries the winning decision. `adopted`: an earlier or concurrent note's decision was written. */
  | { readonly kind: 'written'; readonly ownerId: string; readonly noteId: string; readonly adopted: boolean }
  /** The record already carried the winning decision (a concurrent call or an earlier attempt wrote it). */
  | { readonly kind: 'unchanged'; readonly ownerId: string; readonly noteId: string }
  /** Someone else set the owner during the call; their owner stays and no routing note of ours remains. */
  | { readonly kind: 'owner_set_meanwhile'; readonly ownerId: string | null }
  | { readonly kind: 'failed'; readonly error: CrmError };

const OWNER = 'hubspot_owner_id';
const ROUTING_PROPERTIES = [OWNER, ...Object.values(ROUTING_PROPERTY_NAMES)];

const value = (props: Readonly<Record<string, string | null>>, name: string): string | null => {
  const v = props[name]?.trim();
  return v ? v : null;
};

/** Entries of a property's history, as comparable text. */
const entryKey = (e: PropertyChange): string => `${e.timestamp}\u0000${e.value}\u0000${e.sourceType}\u0000${e.sourceId ?? ''}`;

/** Applies decisions of one object type. Every item gets an outcome; only a failure of the whole batch is `err`. */
export async function applyRouting(
  crm: CrmPort,
  objectType: 'contacts' | 'companies',
  items: readonly RoutingWriteItem[],
  now: Date,
): Promise<Result<Map<string, RoutingWriteOutcome>, CrmError>> {
  const outcomes = new Map<string, RoutingWriteOutcome>();
  const typeId = NOTE_ASSOCIATION_TYPE[objectType];
  const todo = items.filter((it) => it.decision.routingKey !== null && it.decision.owner !== null);
  if (typeId === undefined || todo.length === 0) return ok(outcomes);
  const fail = (id: string, error: CrmError) => outcomes.set(id, { kind: 'failed', error });

  // 1. The notes, each at most once per routing key.
  const created = await crm.batchCreate(
    'notes',
    todo.map(({ decision }) => ({
      properties: { hs_note_body: routingNoteBody(decision), hs_timestamp: String(now.getTime()) },
      associations: [{ toId: decision.recordId, associationTypeId: typeId }],
    })),
    (inputs) => findNotesByKey(crm, objectType, inputs.map((input) => ({ recordId: input.associations?.[0]?.toId ?? '', key: parseRoutingNote(input.properties.hs_note_body)?.key ?? '' }))),
  );
  if (!created.ok) return created;
  for (const f of created.value.failures) for (const index of f.ids) {
    const it = todo[Number(index)];
    if (it) fail(it.decision.recordId, f.error);
  }
  const own = new Map<string, ReadNote>();
  todo.forEach((it, i) => {
    const rec = created.value.created.get(i);
    const note = parseRoutingNote(routingNoteBody(it.decision));
    if (rec && note) own.set(it.decision.recordId, { id: rec.id, note });
  });
  const pending = todo.filter((it) => own.has(it.decision.recordId));
  if (pending.length === 0) return ok(outcomes);

  // 2. The records as they are now, with their notes.
  const fresh = await crm.readWithAssociations(objectType, pending.map((it) => it.decision.recordId), 'notes', {
    properties: ROUTING_PROPERTIES,
    propertiesWithHistory: [OWNER],
  });
  if (!fresh.ok) return fresh;
  for (const f of fresh.value.failures) for (const id of f.ids) fail(id, f.error);
  const records = new Map(fresh.value.records.map((r) => [r.id, r]));

  // Bodies to read: the lower notes since the last routing, and the note the record points at when the routing
  // key moved since the decision (a concurrent call may have written first).
  const toRead = new Set<string>();
  const inspect = new Map<string, string[]>();
  for (const it of pending) {
    const id = it.decision.recordId;
    const rec = records.get(id);
    const mine = own.get(id);
    if (!rec || !mine) continue;
    const ids = noteIdsToInspect(rec.associated, mine.id, it.stored.noteId);
    const pointed = value(rec.properties, ROUTING_PROPERTY_NAMES.noteId);
    if (value(rec.properties, ROUTING_PROPERTY_NAMES.key) !== it.stored.routingKey && pointed && pointed !== mine.id && !ids.includes(pointed)) ids.push(pointed);
    inspect.set(id, ids);
    ids.forEach((n) => toRead.add(n));
  }
  const bodies = new Map<string, ParsedRoutingNote>();
  if (toRead.size > 0) {
    const read = await crm.batchRead('notes', [...toRead], { properties: ['hs_note_body'] });
    if (!read.ok) return read;
    // A note we could not read might be this episode's: deciding without it could leave two notes.
    const unread = new Set(read.value.failures.filter((f) => f.error.code !== 'NOT_FOUND').flatMap((f) => f.ids));
    for (const [id, ids] of inspect) {
      const bad = read.value.failures.find((f) => f.error.code !== 'NOT_FOUND' && f.ids.some((n) => ids.includes(n)));
      if (bad && ids.some((n) => unread.has(n))) fail(id, bad.error);
    }
    for (const n of read.value.records) {
      const parsed = parseRoutingNote(n.properties.hs_note_body);
      if (parsed) bodies.set(n.id, parsed);
    }
  }

  // 3 and 4. Decide per record what to archive and what to write.
  const archive = new Set<string>();
  const writes: { id: string; properties: Record<string, string>; keep: ReadNote; item: RoutingWriteItem }[] = [];
  for (const it of pending) {
    const id = it.decision.recordId;
    const rec = records.get(id);
    const mine = own.get(id);
    if (!rec || !mine || outcomes.has(id)) {
      if (!rec && mine && !outcomes.has(id)) fail(id, { code: 'NOT_FOUND', message: `The record ${id} no longer exists.`, retryable: false });
      continue;
    }
    const others = (inspect.get(id) ?? []).flatMap((n) => {
      const note = bodies.get(n);
      return note ? [{ id: n, note }] : [];
    });
    const freshOwner = value(rec.properties, OWNER);
    const freshKey = value(rec.properties, ROUTING_PROPERTY_NAMES.key);
    const pointed = bodies.get(value(rec.properties, ROUTING_PROPERTY_NAMES.noteId) ?? '');
    const movedByUs = freshKey !== it.stored.routingKey && pointed !== undefined && pointed.key === freshKey && pointed.episode === it.decision.episode;
    if ((freshOwner !== it.stored.ownerId || freshKey !== it.stored.routingKey) && !movedByUs && freshKey !== it.decision.routingKey) {
      // Someone else (a rep, a workflow, an import) set the owner since the decision: theirs stays.
      archive.add(mine.id);
      outcomes.set(id, { kind: 'owner_set_meanwhile', ownerId: freshOwner });
      continue;
    }
    const since = it.stored.routedAt ? Date.parse(it.stored.routedAt) || 0 : 0;
    const resolution = resolveRoutingNotes({ own: mine, others, episode: it.decision.episode, since, eligibleOwnerIds: it.decision.eligibleOwnerIds });
    resolution.archive.forEach((n) => archive.add(n));
    const keep = resolution.keep;
    if (freshKey === keep.note.key && freshOwner === keep.note.ownerId) {
      outcomes.set(id, { kind: 'unchanged', ownerId: keep.note.ownerId, noteId: keep.id });
      continue;
    }
    const properties =
      keep.id === mine.id
        ? { ...(routingPropertiesToWrite(it.decision, now.getTime()) ?? {}), [ROUTING_PROPERTY_NAMES.noteId]: keep.id }
        : { ...routingPropertiesFromNote(keep.note), [ROUTING_PROPERTY_NAMES.noteId]: keep.id };
    writes.push({ id, properties, keep, item: it });
  }

  if (archive.size > 0) {
    const archived = await crm.batchArchive('notes', [...archive]);
    if (!archived.ok) return archived;
    const failedIds = new Set(archived.value.failures.flatMap((f) => f.ids));
    const firstError = archived.value.failures[0]?.error;
    // A duplicate that could not be archived leaves its record unwritten: the next attempt resolves it again.
    for (let i = writes.length - 1; i >= 0; i--) {
      const w = writes[i];
      if (!w || !firstError) continue;
      const related = [own.get(w.id)?.id, ...(inspect.get(w.id) ?? [])];
      if (related.some((n) => n !== undefined && failedIds.has(n))) {
        fail(w.id, firstError);
        writes.splice(i, 1);
      }
    }
  }
  if (writes.length === 0) return ok(outcomes);

  const updated = await crm.batchUpdate(objectType, writes.map((w) => ({ id: w.id, properties: w.properties })));
  if (!updated.ok) return updated;
  for (const f of updated.value.failures) for (const id of f.ids) fail(id, f.error);
  // A write the portal's property rules refused stays refused: its note would announce an owner the record never gets.
  const refused = new Set(updated.value.failures.filter((f) => f.error.code === 'VALIDATION_RULE').flatMap((f) => f.ids));
  const unannounced = writes.filter((w) => refused.has(w.id)).map((w) => w.keep.id);
  if (unannounced.length > 0) {
    const archived = await crm.batchArchive('notes', unannounced);
    if (!archived.ok) return archived;
  }
  const written = writes.filter((w) => !outcomes.has(w.id));
  if (written.length === 0) return ok(outcomes);

  // 5. Did anyone set the owner while we wrote?
  const after = await crm.batchRead(objectType, written.map((w) => w.id), { properties: [OWNER], propertiesWithHistory: [OWNER] });
  const afterById = new Map((after.ok ? after.value.records : []).map((r) => [r.id, r]));
  const restores: { id: string; properties: Record<string, string> }[] = [];
  const lost: string[] = [];
  for (const w of written) {
    const before = records.get(w.id);
    const now2 = afterById.get(w.id);
    const ours = w.keep.note.ownerId;
    const person = before && now2 ? ownerSetByOthers(before, now2, ours) : null;
    if (person === null) {
      outcomes.set(w.id, { kind: 'written', ownerId: ours, noteId: w.keep.id, adopted: w.keep.id !== own.get(w.id)?.id });
      continue;
    }
    lost.push(w.keep.id);
    if (value(now2?.properties ?? {}, OWNER) === ours && before) restores.push({ id: w.id, properties: restoreProperties(before, person) });
    outcomes.set(w.id, { kind: 'owner_set_meanwhile', ownerId: person });
  }
  if (restores.length > 0) {
    const put = await crm.batchUpdate(objectType, restores);
    if (!put.ok) return put;
    for (const f of put.value.failures) for (const id of f.ids) fail(id, f.error);
  }
  if (lost.length > 0) {
    const archived = await crm.batchArchive('notes', lost);
    if (!archived.ok) return archived;
  }
  return ok(outcomes);
}

/**
 * The owner someone else set between the read before our update and the read after it, or null when nobody did:
 * an owner-history entry that was not there before, with another value than ours.
 */
function ownerSetByOthers(before: CrmRecord, after: CrmRecord, ours: string): string | null {
  const seen = new Set((before.history[OWNER] ?? []).map(entryKey));
  const added = (after.history[OWNER] ?? []).filter((e) => !seen.has(entryKey(e)));
  const theirs = added.filter((e) => e.value.trim() !== ours);
  if (theirs.length === 0) return null;
  // History is newest first: the latest of their values is the one that stays.
  return theirs[0]?.value.trim() ?? '';
}

/** Puts back the person's owner and the routing properties the record had before our update. */
function restoreProperties(before: CrmRecord, personOwner: string): Record<string, string> {
  const out: Record<string, string> = { [OWNER]: personOwner };
  for (const name of Object.values(ROUTING_PROPERTY_NAMES)) out[name] = before.properties[name] ?? '';
  return out;
}

/**
 * After an answer that may have been applied, the notes already on the records with the routing keys: the records'
 * notes through associations v4 (no search lag), then their bodies. The lowest id per key.
 */
async function findNotesByKey(
  crm: CrmPort,
  objectType: string,
  wanted: readonly { readonly recordId: string; readonly key: string }[],
): Promise<Result<ReadonlyMap<number, CrmRecord>, CrmError>> {
  const found = new Map<number, CrmRecord>();
  const linked = await crm.batchAssociatedIds(objectType, 'notes', wanted.map((w) => w.recordId));
  if (!linked.ok) return linked;
  const noteIds = [...new Set([...linked.value.values()].flat().map((a) => a.id))];
  if (noteIds.length === 0) return ok(found);
  const notes = await crm.batchRead('notes', noteIds, { properties: ['hs_note_body'] });
  if (!notes.ok) return notes;
  const unread = notes.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
  if (unread) return { ok: false, error: unread.error };
  const byKey = new Map<string, CrmRecord>();
  for (const n of [...notes.value.records].sort((a, b) => compareIds(a.id, b.id))) {
    const key = parseRoutingNote(n.properties.hs_note_body)?.key;
    if (key && !byKey.has(key)) byKey.set(key, n);
  }
  wanted.forEach((w, i) => {
    const own = new Set((linked.value.get(w.recordId) ?? []).map((a) => a.id));
    const n = byKey.get(w.key);
    if (n && own.has(n.id)) found.set(i, n);
  });
  return ok(found);
}

/** Records routed this recently get their duplicate notes checked when seen again (`archiveLateDuplicates`). */
export const DUPLICATE_CHECK_WINDOW_MS = 24 * 3_600_000;

/**
 * Clean-up for a race lost late: two attempts of one episode each made a note; the one with the higher id must
 * archive its own, and when that archive failed (a rate limit, the deadline) while the other attempt wrote the
 * record, the record is owned and nothing routes it again. So records routed in the last day that are seen again
 * (a redelivery, the next sweep) have their notes newer than the routing note listed (one v4 association batch
 * read, outside the 10-second window), and routing notes of the same episode among them are archived. Such notes
 * are rare, so this usually reads no note body. Returns the records whose clean-up failed.
 */
export async function archiveLateDuplicates(
  crm: CrmPort,
  objectType: 'contacts' | 'companies',
  records: readonly { readonly id: string; readonly stored: RoutingState }[],
  now: Date,
): Promise<Map<string, CrmError>> {
  const failed = new Map<string, CrmError>();
  const recent = records.filter((r) => r.stored.noteId !== null && r.stored.routedAt !== null && now.getTime() - (Date.parse(r.stored.routedAt) || 0) < DUPLICATE_CHECK_WINDOW_MS);
  if (recent.length === 0) return failed;
  const failAll = (ids: Iterable<string>, error: CrmError) => {
    for (const id of ids) failed.set(id, error);
  };
  const listed = await crm.batchAssociatedIds(objectType, 'notes', recent.map((r) => r.id));
  if (!listed.ok) {
    failAll(recent.map((r) => r.id), listed.error);
    return failed;
  }
  const newer = new Map<string, { kept: string; ids: string[] }>();
  for (const r of recent) {
    const kept = r.stored.noteId ?? '';
    const ids = (listed.value.get(r.id) ?? []).map((a) => a.id).filter((n) => compareIds(n, kept) > 0);
    if (ids.length > 0) newer.set(r.id, { kept, ids });
  }
  if (newer.size === 0) return failed;
  const read = await crm.batchRead('notes', [...new Set([...newer.values()].flatMap((x) => [x.kept, ...x.ids]))], { properties: ['hs_note_body'] });
  if (!read.ok) {
    failAll(newer.keys(), read.error);
    return failed;
  }
  const parsed = new Map(read.value.records.map((n) => [n.id, parseRoutingNote(n.properties.hs_note_body)]));
  const archive = new Map<string, string[]>();
  for (const [id, { kept, ids }] of newer) {
    const episode = parsed.get(kept)?.episode;
    const dupes = episode === undefined ? [] : ids.filter((n) => parsed.get(n)?.episode === episode);
    if (dupes.length > 0) archive.set(id, dupes);
  }
  const all = [...archive.values()].flat();
  if (all.length === 0) return failed;
  const done = await crm.batchArchive('notes', all);
  if (!done.ok) failAll(archive.keys(), done.error);
  else for (const f of done.value.failures) for (const [id, ids] of archive) if (ids.some((n) => f.ids.includes(n))) failed.set(id, f.error);
  return failed;
}
