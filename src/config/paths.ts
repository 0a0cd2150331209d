import path from 'node:path';

/** The repository root (the folder with hsproject.json). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const SRC_DIR = path.join(PROJECT_ROOT, 'src');
export const APP_DIR = path.join(SRC_DIR, 'app');
export const CARDS_DIR = path.join(APP_DIR, 'cards');
export const APP_FUNCTIONS_DIR = path.join(APP_DIR, 'functions');
/** TypeScript sources of the app functions (thin shells). */
export const FUNCTION_SOURCES_DIR = path.join(SRC_DIR, 'functions');
export const CONFIG_FILE = path.join(SRC_DIR, 'config', 'lead-ops.config.json');
export const CONFIG_SCHEMA_FILE = path.join(SRC_DIR, 'config', 'lead-ops.config.schema.json');
/** Scratch space for builds that must not land inside src/app (DECISIONS 12); git-ignored. */
export const WORK_DIR = path.join(PROJECT_ROOT, '.lead-ops');
/** The opt-in realtime components, generated from the configuration (committed outside src/app). */
export const REALTIME_COMPONENTS_DIR = path.join(SRC_DIR, 'realtime', 'components');
