// The Action's process entry: runs the action and sets the exit code (1 policy failed, 2 error).
import { runAction } from './action.js';

process.exitCode = await runAction();
