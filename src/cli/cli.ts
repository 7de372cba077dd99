import { Command } from 'commander';
import { addAdjudicateCommand } from './adjudicate-command.js';
import { addServiceCommands } from './service-commands.js';
import { addRulesCommands } from './rules-commands.js';
import { addSettleCommands } from './settle-commands.js';

export function buildProgram(): Command {
  const program = new Command('warranty').description('warranty adjudication: decide claims with declarative JSON rule sets');
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
