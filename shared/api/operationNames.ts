/**
 * The closed list of operation names, without their schemas, for the Electron preload (which
 * must stay tiny and cannot load zod). A unit test checks it equals Object.keys(contract).
 */
export const PRELOAD_OPERATION_NAMES = [
  'getSession',
  'setAnnotator',
  'openProject',
  'openSampleProject',
  'createProject',
  'chooseFolder',
  'getProject',
  'getDocument',
  'saveAnnotations',
  'importDocuments',
  'exportProject',
  'listVersions',
  'restoreVersion',
  'pollChanges',
  'repairDrift',
  'previewExport',
  'startExport',
  'exportStatus',
  'inspectDataset',
  'importDataset',
  'previewSchemaChange',
  'applySchemaChange',
  'listEntities',
  'saveEntity',
  'checkExport',
  'getSuggestions',
  'rejectSuggestion',
] as const;
