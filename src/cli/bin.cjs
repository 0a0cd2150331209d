#!/usr/bin/env node
// `lead-ops` entry: runs the TypeScript CLI through tsx, so no compile step stands between an edit and a run.
'use strict';
require('tsx/cjs/api').register();
require('./main.ts');
