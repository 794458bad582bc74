// Library entry for exports: the lead wires runExportCommand into the CLI and calls
// uploadToDependencyTrack from `aibom scan --upload` and the GitHub Action.
export { uploadToDependencyTrack, apiBase, PUT_BASE64_LIMIT } from './dependency-track.js';
export type { DependencyTrackUpload, DependencyTrackResult, DependencyTrackTuning } from './dependency-track.js';
export { bomSpecOf, checkSpecForDependencyTrack } from './bom-spec.js';
export { runExportCommand, EXPORT_HELP, DEPENDENCY_TRACK_ARG_OPTIONS, dependencyTrackUploadFromArgs, type DependencyTrackArgValues } from './command.js';
