import type { RouteSpec } from '../http/route';
import { ASSOCIATION_ROUTES } from './associations';
import { OBJECT_ROUTES } from './objects';
import { OWNER_ROUTES } from './owners';
import { PIPELINE_ROUTES } from './pipelines';
import { PROPERTY_ROUTES } from './properties';
import { SEARCH_ROUTES } from './search';
import { SCHEMA_ROUTES } from './schemas';
import { PROPERTY_RULE_ROUTES } from './property-rules';

/** Every operation the emulator serves, each on its path in every version that has it. */
export const ALL_ROUTES: readonly RouteSpec[] = [
  ...OBJECT_ROUTES,
  ...SEARCH_ROUTES,
  ...ASSOCIATION_ROUTES,
  ...OWNER_ROUTES,
  ...PROPERTY_ROUTES,
  ...PIPELINE_ROUTES,
  ...SCHEMA_ROUTES,
  ...PROPERTY_RULE_ROUTES,
];
