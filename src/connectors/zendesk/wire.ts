import { z } from 'zod';
import type { HttpAnswer } from '../http/destination-http';

/** What the connector reads of Zendesk's answers (Support API v2); other fields are ignored. */

const nullableString = z.string().nullable().optional();

export const UserSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: nullableString,
  phone: nullableString,
  external_id: nullableString,
  organization_id: z.number().nullable().optional(),
  suspended: z.boolean().optional(),
  user_fields: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type ZendeskUser = z.infer<typeof UserSchema>;

export const OrganizationSchema = z.object({
  id: z.number(),
  name: z.string(),
  external_id: nullableString,
  domain_names: z.array(z.string()).nullable().optional(),
  organization_fields: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type ZendeskOrganization = z.infer<typeof OrganizationSchema>;

export const TicketSchema = z.object({ id: z.number(), external_id: nullableString, status: z.string().optional(), subject: z.string().nullable().optional() });
export type ZendeskTicket = z.infer<typeof TicketSchema>;

export const UsersSchema = z.object({ users: z.array(UserSchema) });
export const OrganizationsSchema = z.object({ organizations: z.array(OrganizationSchema) });
export const UserAnswerSchema = z.object({ user: UserSchema });
export const OrganizationAnswerSchema = z.object({ organization: OrganizationSchema });
export const TicketsSchema = z.object({ tickets: z.array(TicketSchema) });
export const TicketAnswerSchema = z.object({ ticket: TicketSchema });

const ErrorSchema = z.object({
  error: z.union([z.string(), z.object({ title: z.string().optional(), message: z.string().optional() })]),
  description: z.string().optional(),
  details: z.record(z.string(), z.array(z.object({ description: z.string().optional() }))).optional(),
});

/** `422 RecordInvalid: Record validation errors. email: Email: is already being used by another user` */
export function describeZendeskError(answer: HttpAnswer): string {
  const e = ErrorSchema.safeParse(answer.json);
  if (!e.success) return `${answer.status} ${answer.text.trim().slice(0, 500) || 'no message'}`;
  const error = typeof e.data.error === 'string' ? e.data.error : [e.data.error.title, e.data.error.message].filter(Boolean).join(': ');
  const details = Object.entries(e.data.details ?? {}).flatMap(([field, list]) => list.map((d) => `${field}: ${d.description ?? 'invalid'}`));
  const tail = [e.data.description, ...details].filter(Boolean).join('. ');
  return `${answer.status} ${error}${tail ? `: ${tail}` : ''}`;
}

/** HubSpot's ticket priorities → Zendesk's. */
export const PRIORITY: Readonly<Record<string, string>> = { LOW: 'low', MEDIUM: 'normal', HIGH: 'high', URGENT: 'urgent' };

export const externalIdOf = (objectType: 'contacts' | 'companies' | 'tickets', id: string): string =>
  `hubspot-${objectType === 'contacts' ? 'contact' : objectType === 'companies' ? 'company' : 'ticket'}-${id}`;
