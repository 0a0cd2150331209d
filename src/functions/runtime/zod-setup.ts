/**
 * Imported first by every function entry, before any schema is built: zod reads `jitless` when it constructs an
 * object schema. Without it, zod compiles a specialised parser (`new Function`) for each object schema on its first
 * parse, which pays off over thousands of parses; a function instance parses its parameters once per call and each
 * configuration section once, so on a cold start the compiling costs more than it saves (issue 8: cold start).
 */
import { z } from 'zod';

z.config({ jitless: true });
