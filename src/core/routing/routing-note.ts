import { parseInstant } from '../criteria/evaluate';
import type { RoutingDecision } from './decision';
import { compareIds } from './hash';
import { ROUTING_PROPERTY_NAMES } from './properties';
import { MAX_RULE_LENGTH } from './routing-state';
import { truncate } from './text';

/**
 * The timeline note that tells the rep why the record went to its owner, and the pure half of DECISIONS 1:
 * a routing key (record id + hash of the decision) goes on the record and into the note; the caller creates the
 * note only when the record did not carry the key already, then lists the record's notes through associations v4
 * (no search lag) and archives duplicates of the episode, keeping the lowest id.
 *
 * The note ends with one machine line, `lead-ops-routing v1 key=… episode=… at=… owner=… …`, whose values are
 * URI-encoded, so HubSpot's HTML handling cannot break it and any value can be read back exactly.
 */

/** HubSpot keeps up to 65,536 characters in a string property such as `hs_note_body`. */
export const MAX_NOTE_LENGTH = 65_536;
/** Room kept for the machine line and the frame; the explanation is cut to fit in the rest. */
const BODY_BUDGET = 50_000;
const MAX_LINE = 600;
const MARKER = 'lead-ops-routing v1';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Dynamic text for the note: cut (without splitting an emoji), then escaped. */
const text = (value: string, max = MAX_LINE): string => escapeHtml(truncate(value, max));

/** encodeURIComponent plus the five characters it leaves alone, so a value holds no quote, bracket or space. */
const encode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** What the machine line carries: enough to re-apply the decision if this note wins a duplicate race. */
export interface ParsedRoutingNote {
  readonly key: string;
  readonly episode: string;
  /** ISO time of the decision. */
  readonly at: string;
  readonly ownerId: string;
  /** Routing tier property value: the tier id or "fallback". */
  readonly tier: string;
  readonly teamId: string | null;
  readonly policy: string;
  readonly rule: string;
}

function machineLine(decision: RoutingDecision): string {
  const fields: [string, string][] = [
    ['key', decision.routingKey ?? ''],
    ['episode', decision.episode],
    ['at', decision.decidedAt],
    ['owner', decision.owner?.id ?? ''],
    ['tier', decision.tierValue],
    ['team', decision.team?.id ?? ''],
    ['policy', decision.policy],
    ['rule', truncate(decision.rule, MAX_RULE_LENGTH)],
  ];
  return `${MARKER} ${fields.map(([k, v]) => `${k}=${encode(v)}`).join(' ')}`;
}

/**
 * The note's HTML: who, why (the rule and every step), any fallback, skip or forced reassignment, and the
 * machine line. Every dynamic value is escaped; long values are cut so the body stays under HubSpot's limit.
 * Throws for a decision without an owner or routing key: there is nothing to note (a bug in the caller).
 */
export function routingNoteBody(decision: RoutingDecision): string {
  if (decision.owner === null || decision.routingKey === null) throw new Error('routingNoteBody needs a decision that assigns an owner');
  const where = [decision.team ? `${decision.team.name} team` : null, decision.tier ? decision.tier.label : 'fallback']
    .filter((p): p is string => p !== null)
    .join(', ');
  const head: string[] = [
    `<p><strong>Lead Ops routing</strong>: assigned to ${text(decision.owner.name, 200)} (${text(where, 300)}).</p>`,
    `<p>Rule: ${text(decision.rule, MAX_RULE_LENGTH)}</p>`,
  ];
  if (decision.force && decision.reason) {
    head.push(
      `<p>Reassigned on request${decision.currentOwner ? ` (previous owner ${text(decision.currentOwner.name, 200)})` : ''}: ${text(decision.reason, 500)}</p>`,
    );
  }
  if (decision.fallback) head.push(`<p>Fallback: ${text(decision.fallback.reason)}</p>`);
  const items: string[] = [];
  let used = head.join('').length;
  for (let i = 0; i < decision.explanation.length; i++) {
    const item = `<li>${text(decision.explanation[i] ?? '')}</li>`;
    if (used + item.length > BODY_BUDGET) {
      items.push(`<li>… ${decision.explanation.length - i} more step(s) not shown</li>`);
      break;
    }
    items.push(item);
    used += item.length;
  }
  const body = `${head.join('')}<p>Why:</p><ol>${items.join('')}</ol><p>${escapeHtml(machineLine(decision))}</p>`;
  return body;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const decode = (value: string): string | null => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

/**
 * Reads the machine line back from a note body (as stored, or as HubSpot re-renders it: tags and entities are
 * tolerated). Null for notes that are not routing notes, or whose line is damaged.
 */
export function parseRoutingNote(body: string | null | undefined): ParsedRoutingNote | null {
  if (!body) return null;
  const plain = decodeEntities(body.replace(/<[^>]*>/g, '\n'));
  const at = plain.lastIndexOf(MARKER);
  if (at < 0) return null;
  const line = plain.slice(at + MARKER.length).split('\n')[0] ?? '';
  const fields = new Map<string, string>();
  for (const pair of line.trim().split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const v = decode(pair.slice(eq + 1));
    if (v === null) return null;
    fields.set(pair.slice(0, eq), v);
  }
  const key = fields.get('key');
  const episode = fields.get('episode');
  const ownerId = fields.get('owner');
  const when = fields.get('at');
  if (!key || !episode || !ownerId || !when || parseInstant(when) === null) return null;
  return {
    key,
    episode,
    at: when,
    ownerId,
    tier: fields.get('tier') ?? '',
    teamId: fields.get('team') ? (fields.get('team') ?? null) : null,
    policy: fields.get('policy') ?? '',
    rule: fields.get('rule') ?? '',
  };
}

/** A routing note of the record, its body read and parsed. */
export interface ReadNote {
  readonly id: string;
  readonly note: ParsedRoutingNote;
}

/** What `resolveRoutingNotes` decides about one record's routing notes. */
export interface NoteResolution {
  /** The note whose decision the record must carry: the lowest-id note of the episode whose owner is valid now. */
  readonly keep: ReadNote;
  /** Notes of the episode to archive: duplicates of the kept one and notes whose owner is no longer a valid choice. */
  readonly archive: readonly string[];
  /** Of `archive`, the notes dropped because their owner is no longer valid (archived, away, out of the team, capped). */
  readonly stale: readonly string[];
}

/**
 * Which routing note of a record wins, the pure half of "one owner and one note per decision". `own` is the note
 * this attempt just created (or found, after a lost answer); `others` are the record's other routing notes that may
 * belong to the same episode: lower ids written since the record's last routing (an attempt cut short before its
 * update, or a concurrent call), and the note the record now points at when a concurrent call wrote first.
 *
 * Notes of the decision's episode decided after the last routing (`since`, epoch ms; the last routing's own note
 * was decided at that instant) are candidates. A candidate is
 * honoured only while its owner is still a valid choice now (`eligibleOwnerIds` of the fresh decision): a note whose
 * owner was since archived, went away, left the team or reached the cap is stale and archived, so a record can never
 * be stuck on an old note. Among the valid ones (ours always is) the lowest id wins; concurrent calls with the same
 * facts therefore agree on the winner, and every other note of the episode is archived.
 */
export function resolveRoutingNotes(input: {
  readonly own: ReadNote;
  readonly others: readonly ReadNote[];
  readonly episode: string;
  readonly since: number;
  readonly eligibleOwnerIds: readonly string[];
}): NoteResolution {
  const eligible = new Set(input.eligibleOwnerIds);
  const candidates = input.others.filter(
    (n) => n.id !== input.own.id && n.note.episode === input.episode && (parseInstant(n.note.at) ?? 0) > input.since,
  );
  const stale = candidates.filter((n) => !eligible.has(n.note.ownerId)).map((n) => n.id);
  const valid = [input.own, ...candidates.filter((n) => eligible.has(n.note.ownerId))].sort((a, b) => compareIds(a.id, b.id));
  const keep = valid[0] ?? input.own;
  const archive = [...stale, ...valid.filter((n) => n.id !== keep.id).map((n) => n.id)].sort(compareIds);
  return { keep, archive, stale: stale.sort(compareIds) };
}

/**
 * Which of the record's notes (ids from associations v4) might be an earlier note of this episode: only notes with
 * a LOWER id than ours can win (the lowest id wins; a higher duplicate is archived by the call that created it), and
 * notes up to the record's last routing note (`lastRoutingNoteId`) belong to earlier episodes. So the caller reads
 * only these bodies, usually none; on a first routing (no last note) every lower id is a candidate.
 */
export function noteIdsToInspect(listedIds: readonly string[], ownNoteId: string, lastRoutingNoteId: string | null): string[] {
  return [...new Set(listedIds)]
    .filter((id) => compareIds(id, ownNoteId) < 0 && (lastRoutingNoteId === null || compareIds(id, lastRoutingNoteId) > 0))
    .sort(compareIds);
}

/** The update that makes the record match a winning note (owner, tier, rule, time and key of that decision). */
export function routingPropertiesFromNote(winner: ParsedRoutingNote): Record<string, string> {
  return {
    hubspot_owner_id: winner.ownerId,
    [ROUTING_PROPERTY_NAMES.tier]: winner.tier,
    [ROUTING_PROPERTY_NAMES.rule]: truncate(winner.rule, MAX_RULE_LENGTH),
    [ROUTING_PROPERTY_NAMES.routedAt]: new Date(parseInstant(winner.at) ?? 0).toISOString(),
    [ROUTING_PROPERTY_NAMES.key]: winner.key,
  };
}
