import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HttpAnswer } from '../http/destination-http';

/** What the connector reads of Mailchimp's answers (Marketing API 3.0); other fields are ignored. */

/** A list member (`GET`/`PUT /3.0/lists/{list_id}/members/{subscriber_hash}`). */
export const MemberSchema = z.object({
  /** The subscriber hash: MD5 of the lowercased address. */
  id: z.string(),
  email_address: z.string(),
  status: z.string(),
  merge_fields: z.record(z.string(), z.unknown()).default({}),
  /** The member's id in Mailchimp's web app (its page's `?id=`). */
  web_id: z.number().optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/** A page of `GET /3.0/lists/{list_id}/members`. */
export const MembersPageSchema = z.object({ members: z.array(MemberSchema), total_items: z.number() });

/** The statuses that keep a member out of the sync, as `exclusionOf` words them. */
export const EXCLUDED_STATUSES = ['unsubscribed', 'cleaned', 'archived'] as const;

/** Mailchimp's errors: RFC 7807 problem details, with per-field `errors` on validation failures. */
export const ProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string().optional(), message: z.string().optional() })).optional(),
});

/** Titles of 400s that mean "this address may not be (re-)added": Mailchimp keeps it out for compliance. */
export const COMPLIANCE_TITLES: Readonly<Record<string, string>> = {
  'Forgotten Email Not Subscribed': 'permanently deleted in Mailchimp; only the person can subscribe again',
  'Member In Compliance State': 'in a compliance state in Mailchimp (unsubscribed, bounced or under review); only the person can subscribe again',
};

/** Why a member's status keeps the sync away; null for statuses it keeps in sync. */
export function exclusionOf(status: string): string | null {
  if (status === 'unsubscribed') return 'unsubscribed in Mailchimp';
  if (status === 'cleaned') return 'email address cleaned in Mailchimp (it bounced)';
  if (status === 'archived') return 'archived in Mailchimp';
  return null;
}

/** Something worth telling about a member the sync keeps up to date. */
export function noteOf(status: string): string | null {
  if (status === 'pending') return 'waiting for the person to confirm the subscription (double opt-in)';
  if (status === 'transactional') return 'transactional contact: receives no campaigns';
  return null;
}

/** Mailchimp's member key: the MD5 of the lowercased address. */
export const subscriberHash = (email: string): string => createHash('md5').update(email.toLowerCase()).digest('hex');

/** `400 Invalid Resource: Your merge fields were invalid. FNAME: Please enter a value` */
export function describeProblem(answer: HttpAnswer): string {
  const p = ProblemSchema.safeParse(answer.json);
  if (!p.success || (p.data.title === undefined && p.data.detail === undefined)) {
    return `${answer.status} ${answer.text.trim().slice(0, 500) || 'no message'}`;
  }
  const fields = (p.data.errors ?? []).map((e) => [e.field, e.message].filter(Boolean).join(': ')).filter((e) => e !== '');
  const detail = [p.data.detail, ...fields].filter(Boolean).join(' ');
  return `${answer.status} ${p.data.title ?? ''}${detail ? `: ${detail}` : ''}`.replace(/\s+/g, ' ').trim();
}
