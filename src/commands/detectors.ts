// `aibom detectors`: what each detector looks for.
import { allDetectors } from '../detect/registry.js';
import type { CommandIO } from './io.js';

export async function runDetectorsCommand(args: string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write('Usage: aibom detectors [--json]\n\nLists every detector with its group; use ids or groups with "aibom scan --detectors".\n');
    return 0;
  }
  const list = allDetectors().map((d) => ({ id: d.id, group: d.group, description: d.description, dependencies: d.scansDependencies === true }));
  if (args.includes('--json')) {
    io.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(10, ...list.map((d) => d.id.length));
  for (const d of list) io.stdout.write(`${d.id.padEnd(w)}  ${d.group.padEnd(13)}  ${d.description}\n`);
  return 0;
}
