import { z } from 'zod';

/** A HubSpot internal property name, as the status configuration and the connector settings name them. */
export const PROPERTY_NAME = z
  .string()
  .max(100, 'HubSpot property names are at most 100 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'expected a HubSpot internal property name: lowercase letters, digits and underscores, starting with a letter (e.g. "firstname")');
