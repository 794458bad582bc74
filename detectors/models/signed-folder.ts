// A folder that carries an OpenSSF model signature (model.sig) is a model, whatever its files are: the
// signature says so. It becomes a `folder:<dir>` model (merged with a Hugging Face folder model of the same
// folder when there is one), so the scan verifies the signature and reports the result on it.
import type { DetectResult, Detector, FileRef, ScanFile } from '../../src/detect/types.js';
import type { ModelAsset } from '../../src/inventory/types.js';

export const SIGNED_FOLDER_ID = 'model/signed-folder';

export const signedFolderDetector: Detector = {
  id: SIGNED_FOLDER_ID,
  group: 'model',
  description: 'folders signed with an OpenSSF model signature (model.sig): one model per folder, signature verified',
  scansDependencies: true,
  wants: (file: FileRef) => file.name === 'model.sig' && !file.archive,
  names: ['model.sig'],
  async detect(file: ScanFile): Promise<DetectResult> {
    const slash = file.path.lastIndexOf('/');
    const dir = slash < 0 ? '.' : file.path.slice(0, slash);
    const name = dir === '.' ? 'model' : dir.slice(dir.lastIndexOf('/') + 1);
    const asset: ModelAsset = {
      key: `folder:${dir}`,
      kind: 'model',
      format: 'signed-folder',
      present: true,
      partial: true,
      name,
      locations: [{ path: file.path }],
      properties: { 'aibom:model:signed-folder': 'true' },
    };
    return { assets: [asset] };
  },
};
