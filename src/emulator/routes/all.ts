import type { RouteSpec } from '../http/route';
import { ASSOCIATION_ROUTES } from './associations';
import { OBJECT_ROUTES } from './objects';
import { OWNER_ROUTES } from './owners';
import { PIPELINE_ROUTES } from './pipelines';
import { PROPERTY_ROUTES } from './properties';
import { SEARCH_ROUTES } from './search';

/** Every endpoint the emulator serves. */
export const ALL_ROUTES: readonly RouteSpec[] = [...OBJECT_ROUTES, ...SEARCH_ROUTES, ...ASSOCIATION_ROUTES, ...OWNER_ROUTES, ...PROPERTY_ROUTES, ...PIPELINE_ROUTES];
