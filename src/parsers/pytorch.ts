// PyTorch containers: the zip format written by torch.save / torch.jit.save (an archive folder with
// data.pkl, data/<storage>, version, and for TorchScript code/ + constants.pkl), and the legacy
// (pre-1.6) pickle stream. Only names and small text members are read; pickles are never loaded.

export interface TorchZipLayout {
  format: 'pytorch' | 'torchscript';
  /** the top folder of the archive ("archive" for recent torch, the file stem for older ones) */
  archiveName: string;
  /** members ending in .pkl (data.pkl, constants.pkl ...) */
  pickleMembers: string[];
  /** files under <archive>/data/ : one per tensor storage */
  storageCount: number;
  /** <archive>/code/ present (TorchScript) */
  hasCode: boolean;
  /** path of the version member, to read its text */
  versionMember?: string;
}

/** Recognise the torch zip layout from a list of member names; undefined when it is not one. */
export function torchZipLayout(names: readonly string[]): TorchZipLayout | undefined {
  const dataPkl = names.find((n) => /^[^/]+\/data\.pkl$/.test(n));
  const constants = names.find((n) => /^[^/]+\/constants\.pkl$/.test(n));
  const anchor = dataPkl ?? constants;
  if (!anchor) return undefined;
  const archiveName = anchor.slice(0, anchor.indexOf('/'));
  const prefix = `${archiveName}/`;
  const inside = names.filter((n) => n.startsWith(prefix));
  const hasCode = inside.some((n) => n.startsWith(`${prefix}code/`));
  const storageCount = inside.filter((n) => n.startsWith(`${prefix}data/`) && !n.endsWith('/')).length;
  const pickleMembers = names.filter((n) => n.endsWith('.pkl')).sort();
  const versionMember = inside.find((n) => n === `${prefix}version` || n === `${prefix}.data/version`);
  return { format: hasCode || constants !== undefined ? 'torchscript' : 'pytorch', archiveName, pickleMembers, storageCount, hasCode, versionMember };
}
