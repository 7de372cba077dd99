import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { PACKAGE_ROOT } from '../config/paths.js';
import { addAdjudicateCommand } from './adjudicate-command.js';
import { addServiceCommands } from './service-commands.js';
import { addRulesCommands } from './rules-commands.js';
import { addSettleCommands } from './settle-commands.js';

export function buildProgram(): Command {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('warranty').description('warranty adjudication: decide claims with declarative JSON rule sets').version(version, '-V, --version', 'print the version');
  addAdjudicateCommand(program);
  addServiceCommands(program);
  addRulesCommands(program);
  addSettleCommands(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`warranty: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
