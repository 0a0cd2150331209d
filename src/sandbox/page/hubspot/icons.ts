/**
 * A glyph for each name of HubSpot's icon set (the keys of `iconNames` in @hubspot/ui-extensions 0.17.0; a test
 * keeps the two lists equal). HubSpot draws its own monochrome icon font; the sandbox shows a monochrome character of
 * the same meaning, from the symbols common fonts (DejaVu, the system fonts of macOS and Windows) have, so no icon
 * turns into an empty box on a machine without a colour emoji font.
 * A name outside the set is not an icon HubSpot knows: the Icon component flags it on the page.
 */
export const ICON_GLYPHS: Readonly<Record<string, string>> = {
  add: '+', appointment: '▦', approvals: '✔', artificialIntelligence: '✧', artificialIntelligenceEnhanced: '✦', attach: '⌇', bank: '⌂',
  block: '⊘', book: '▤', bulb: '☼', callTranscript: '☎', calling: '☎', callingHangup: '☎', callingMade: '☎', callingMissed: '☎',
  callingVoicemail: '☎', campaigns: '⚑', cap: '⊤', checkCircle: '✓', circleFilled: '●', circleHollow: '○', clock: '◷', comment: '✉',
  contact: '☺', copy: '❐', crm: '▤', dataSync: '⇄', date: '▦', delay: '◔', delete: '✖', description: '≡', developerProjects: '⚙',
  documents: '▤', downCarat: '▾', download: '⤓', edit: '✎', ellipses: '…', email: '✉', emailOpen: '✉', emailThreadedReplies: '✉',
  enrichment: '✚', enroll: '➜', exclamation: '!', exclamationCircle: '!', faceHappy: '☺', faceHappyFilled: '☺', faceNeutral: '😐',
  faceNeutralFilled: '😐', faceSad: '☹', faceSadFilled: '☹', facebook: 'f', favoriteHollow: '☆', file: '▯', filledXCircleIcon: '✖',
  filter: '▽', flame: '♨', folder: '▭', folderOpen: '▱', forward: '↪', gauge: '◔', generateChart: '▥', gift: '⌘', globe: '◍',
  globeLine: '◯', goal: '◎', googlePlus: 'g+', guidedActions: '➜', hash: '#', hide: '◌', home: '⌂', hubDB: '▦', image: '▣',
  imageGallery: '▨', inbox: '⊔', info: 'ℹ', infoNoCircle: 'ℹ', insertVideo: '▶', instagram: '◎', integrations: '⚙', invoice: '▤',
  key: '⚷', language: '◍', left: '◀', lessCircle: '⊖', lesson: '⚐', light: '☼', link: '∞', linkedin: 'in', listView: '☰',
  location: '⊙', locked: '⊠', mention: '@', messages: '✉', mobile: '▯', moreCircle: '⊕', notEditable: '⊘', notification: '♪',
  notificationOff: '⊘', objectAssociations: '⇆', objectAssociationsManyToMany: '⇶', objectAssociationsManyToOne: '⇉', office365: '▣',
  order: '▣', paymentSubscriptions: '↻', pin: '⚲', pinterest: 'P', powerPointFile: '▥', presentation: '▭', product: '▣', publish: '⇪',
  question: '?', questionAnswer: '⁇', questionCircle: '?', quickbooks: 'qb', quote: '❝', readMore: '»', readOnlyView: '◉',
  realEstateListing: '⌂', recentlySelected: '⟲', record: '●', redo: '↷', refresh: '↻', registration: '✎', remove: '×', replace: '⇄',
  reports: '▥', right: '▶', robot: '⚙', rotate: '⟳', rss: '◉', salesQuote: '▤', salesTemplates: '▤', save: '⍗', search: '⌕',
  send: '➤', sequences: '⋯', settings: '⚙', shoppingCart: '⊻', signal: '▂▄▆', signalPoor: '▂', signature: '✍', snooze: '☾',
  sortAlpAsc: 'A↓', sortAlpDesc: 'Z↓', sortAmtAsc: '↑', sortAmtDesc: '↓', sortNumAsc: '1↓', sortNumDesc: '9↓', sortTableAsc: '▲',
  sortTableDesc: '▼', spellCheck: '✓', sprocket: '✹', star: '★', stopRecord: '■', strike: 'S̶', styles: '✎', success: '✓', tablet: '▭',
  tag: '⌑', tasks: '☑', test: '⚗', text: 'T', textBodyExpanded: '¶', textColor: 'A', textDataType: 'Aa', textSnippet: '✂',
  thumbsDown: '☟', thumbsUp: '☝', ticket: '⌸', translate: '⇄', trophy: '♔', twitter: '𝕏', undo: '↶', upCarat: '▴', upload: '⤒',
  video: '▶', videoFile: '▶', videoPlayerSubtitles: '▭', view: '◉', viewDetails: '⌕', warning: '⚠', website: '◍', workflows: '⇶',
  x: '𝕏', xCircle: '⊗', xing: 'X', youtube: '▶', youtubePlay: '▶', zoomIn: '⊕', zoomOut: '⊖',
};
