// Who may import whom, checked by dependency-cruiser in `npm test` (step "boundaries"); docs/architecture.md explains
// the layers. Every import of project code must match an `allowed` rule (anything else is an error), so the folders
// form a one-way graph by construction: no folder can reach back into one that imports it. Tests are held to the
// same rules as the code beside them, plus the test helpers in src/testing/.
//
//   npx depcruise --config src/build/dependency-cruiser.cjs src bench
//
// Names below are path patterns relative to the project root.

const CONTRACT = '^src/app/cards/shared/contracts\\.ts$';
const TEST = '\\.test\\.tsx?$';

/** Layers: each may import itself and the layers listed. */
const LAYERS = {
  // The pure core: rules as data and functions over plain values.
  'src/core': [],
  // The HubSpot client layer: its own types and errors; from the core only types (and the Result helpers).
  'src/hubspot': ['src/core'],
  // Mailchimp, Google Sheets and Zendesk clients behind one interface.
  'src/connectors': ['src/core'],
  // One routine per workflow: the only callers of core + client layer + connectors together.
  'src/workflows': ['src/core', 'src/hubspot', 'src/connectors', CONTRACT],
  // The opt-in realtime endpoint (signatures, events → workflows).
  'src/realtime': ['src/workflows', 'src/core', 'src/hubspot', CONTRACT],
  // App functions: parse input, call a workflow, answer the envelope. The configuration file is baked in.
  'src/functions': ['src/workflows', 'src/realtime', 'src/core', 'src/hubspot', CONTRACT, '^src/config/lead-ops\\.config\\.json$'],
  // Project paths and the configuration file reader shared by build, CLI and sandbox.
  'src/config': ['src/core'],
  // Build, deploy and test scripts; wrappers around HubSpot's offline tools.
  'src/build': ['src/config', 'src/core', 'src/realtime'],
  // The `lead-ops` command line.
  'src/cli': ['src/workflows', 'src/core', 'src/hubspot', 'src/connectors', 'src/config', 'src/build', 'src/emulator', 'src/sandbox'],
  // `npm start`: emulators, the functions and the page that hosts the cards.
  'src/sandbox': ['src/emulator', 'src/workflows', 'src/core', 'src/hubspot', 'src/config', 'src/build', 'src/realtime', CONTRACT],
  // The local HubSpot emulator shares nothing with the code it stands in for.
  'src/emulator': [],
  // The Mailchimp, Google Sheets and Zendesk emulators: nothing of the project, not even the HubSpot emulator.
  'src/emulator/destinations': [],
  // What HubSpot builds: the cards folder is its own package and reaches nothing outside it.
  'src/app/cards': [],
};

const folder = (p) => (p.startsWith('^') ? p : `^${p}/`);

const allowed = [
  // Packages and Node's own modules (the core is held to less below).
  { from: {}, to: { pathNot: '^(src|bench)/' } },
  ...Object.entries(LAYERS).map(([layer, imports]) => {
    // A layer nested in another (the destination emulators in src/emulator) is its own: the outer rule skips it.
    const nested = Object.keys(LAYERS).filter((other) => other !== layer && other.startsWith(`${layer}/`)).map(folder);
    return {
      from: { path: folder(layer), ...(nested.length > 0 ? { pathNot: nested } : {}) },
      to: { path: [folder(layer), ...imports.map(folder)], ...(nested.length > 0 ? { pathNot: nested } : {}) },
    };
  }),
  // Tests may also use the test helpers, run against the emulators, call the app functions (the entry points
  // under test) and read the configuration file as a fixture; the emulators' own tests use nothing of the project.
  { from: { path: TEST, pathNot: '^src/emulator/' }, to: { path: ['^src/testing/', '^src/emulator/', '^src/functions/', '^src/config/'] } },
  // Test helpers, tests of what HubSpot runs, and the benchmarks may reach everything.
  { from: { path: ['^src/testing/', '^src/app-tests/', '^src/bench-support/', '^bench/'] }, to: {} },
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules never import each other in a circle.',
      severity: 'error',
      from: {},
      // A cycle of type-only imports is erased when compiled; only cycles of modules that load each other count.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'pure-core',
      comment: 'src/core does no I/O: no Node modules and no packages but zod.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'client-layer-uses-core-types',
      comment: 'The client layer takes only types from the core (plus the Result helpers), never its rules.',
      severity: 'error',
      from: { path: '^src/hubspot/' },
      to: { path: '^src/core/', pathNot: '^src/core/result\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  allowed,
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '^src/app/functions/[^/]+\\.js$', '^src/sandbox/public/', '^\\.lead-ops/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are told apart, so the client-layer rule can allow them.
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
  },
};
