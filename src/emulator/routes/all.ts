import type { RouteSpec } from '../http/route';
import { OBJECT_ROUTES } from './objects';
import { SEARCH_ROUTES } from './search';

/** Every endpoint the emulator serves. */
export const ALL_ROUTES: readonly RouteSpec[] = [...OBJECT_ROUTES, ...SEARCH_ROUTES];
