/** `kqlhunt rules`: lists the bundled rules. */
import { bundledRules } from '../hunts/bundled.js';
import { parseCommandArgs } from './common.js';
import type { Notices } from './notices.js';

export const RULES_HELP = `Usage: kqlhunt rules [--json]

Lists the rules bundled with kqlhunt: id, name, MITRE tactics and techniques.
`;

export async function rulesCommand(args: string[], _notices: Notices): Promise<number> {
  const { values } = parseCommandArgs(args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  if (values.help) {
    process.stdout.write(RULES_HELP);
    return 0;
  }
  const rules = await bundledRules();
  if (values.json) {
    const list = rules.map((r) => ({ id: r.id, name: r.name, tactics: r.tactics, techniques: r.techniques }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  for (const r of rules) {
    process.stdout.write(`${r.id}  ${r.name}  [${[...r.tactics, ...r.techniques].join(', ')}]\n`);
  }
  return 0;
}
