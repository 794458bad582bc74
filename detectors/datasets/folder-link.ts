// After the walk: data files that lie under a dataset folder (dataset card or dataset_info.json)
// get that folder as parent, so an HF dataset repo is one component with its files nested inside.
import type { Detector } from '../../src/detect/types.js';
import { nestUnderFolders } from '../huggingface/nest.js';

export const FOLDER_LINK_ID = 'dataset/folder-link';

export const folderLinkDetector: Detector = {
  id: FOLDER_LINK_ID,
  group: 'dataset',
  description: 'Nests data files under the dataset folder (card / dataset_info.json) that contains them',
  scansDependencies: true,
  wants: () => false,
  extensions: [],
  detect: async () => ({}),
  finish: (all) => ({ assets: nestUnderFolders(all.assets, 'dataset', () => true, FOLDER_LINK_ID) }),
};
