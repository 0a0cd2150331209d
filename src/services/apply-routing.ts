import type { WireError } from '../app/cards/shared/contracts';
import {
  noteIdsToInspect,
  resolveDuplicateNotes,
  routingNoteBody,
  routingPropertiesFromNote,
  routingPropertiesToWrite,
  ROUTING_PROPERTY_NAMES,
  type RoutingDecision,
  type RoutingState,
} from '../core/routing';
import { err, ok, type Result } from '../core/result';
import type { CrmPort } from '../hubspot';

/**
 * Applies a decision so that retries, double clicks and concurrent calls end with one owner and one note
 * (DECISIONS 1): create the note (never twice for one key, even when an answer is lost), list the record's notes
 * through associations v4 (no search lag), resolve duplicates of this episode (the lowest id wins; its decision is
 * the one written), archive the others, then write the owner and routing properties once, with the kept note's id.
 * Calls: note create, note list, update (+ a batch read and archives only when a concurrent call made a note too).
 */
export async function applyRoutingDecision(crm: CrmPort, decision: RoutingDecision, stored: RoutingState, now: Date): Promise<Result<{ written: boolean }, WireError>> {
  const key = decision.routingKey;
  const base = routingPropertiesToWrite(decision, now.getTime());
  if (key === null || base === null) return ok({ written: false });
  const note = await crm.createNote({ objectType: decision.objectType, objectId: decision.recordId, key, body: routingNoteBody(decision), timestamp: now.getTime() });
  if (!note.ok) return note;
  const listed = await crm.listAssociatedIds(decision.objectType, decision.recordId, 'notes');
  if (!listed.ok) return listed;
  let properties: Record<string, string> = { ...base, [ROUTING_PROPERTY_NAMES.noteId]: note.value.noteId };
  const candidates = noteIdsToInspect(
    listed.value.map((r) => r.id),
    note.value.noteId,
    stored.noteId,
  );
  if (candidates.length > 0) {
    const read = await crm.batchRead('notes', [...candidates, note.value.noteId], { properties: ['hs_note_body'] });
    if (!read.ok) return read;
    // A note we could not read might be a duplicate of this episode: deciding without it could leave two notes.
    const unread = read.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
    if (unread) return err(unread.error);
    // Notes of this episode written since the record's last routing, however long ago: an attempt cut short before
    // its update leaves its note behind, and a later attempt of the same episode adopts it (lowest id wins).
    const since = stored.routedAt ? (Date.parse(stored.routedAt) || 0) : 0;
    const resolution = resolveDuplicateNotes(
      read.value.records.map((n) => ({ id: n.id, body: n.properties.hs_note_body })),
      key,
      { since },
    );
    for (const id of resolution.archiveIds) {
      const archived = await crm.archive('notes', id);
      if (!archived.ok && archived.error.code !== 'NOT_FOUND') return archived;
    }
    if (resolution.winner && resolution.keepId) {
      properties = resolution.mustReapply
        ? { ...routingPropertiesFromNote(resolution.winner), [ROUTING_PROPERTY_NAMES.noteId]: resolution.keepId }
        : { ...properties, [ROUTING_PROPERTY_NAMES.noteId]: resolution.keepId };
    }
  }
  const updated = await crm.update(decision.objectType, decision.recordId, properties);
  if (!updated.ok) return updated;
  return ok({ written: true });
}

