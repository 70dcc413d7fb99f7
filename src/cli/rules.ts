/** `kqlhunt rules [PATH...]`: lists the bundled rules, or the rules in files and folders. */
import { bundledRules } from '../hunts/bundled.js';
import type { RuleIdentity } from '../hunts/pack.js';
import { RuleArgumentError, resolveRules } from '../hunts/resolve.js';
import { ruleFile } from '../hunts/rule.js';
import { parseCommandArgs } from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';

export const RULES_HELP = `Usage: kqlhunt rules [PATH...] [--json]

Lists rules: id, name, MITRE ATT&CK tactics and techniques. With no PATH, the rules bundled with kqlhunt
(run one with 'kqlhunt hunt ID'); with PATHs (rule files or folders, searched recursively), the rules
'kqlhunt hunt PATH...' would run, with their files. Files that are not valid rules are reported.

Options:
      --json           a JSON array of {id, name, tactics, techniques, file}
  -h, --help           this help

Examples:
  kqlhunt rules
  kqlhunt rules ./Azure-Sentinel/Solutions/"Microsoft Entra ID"/"Analytic Rules" --json
`;

function attackTags(r: RuleIdentity): string {
  const tags = [...r.tactics, ...r.techniques];
  return tags.length > 0 ? `  [${tags.join(', ')}]` : '';
}

export async function rulesCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  if (values.help) {
    process.stdout.write(RULES_HELP);
    return 0;
  }
  let rules: RuleIdentity[];
  let broken = 0;
  if (positionals.length === 0) rules = await bundledRules();
  else {
    const resolved = await resolveRules(positionals, (w) => notices.notice(w)).catch((e) => {
      throw e instanceof RuleArgumentError ? new UsageError(e.message) : e;
    });
    rules = [];
    for (const entry of resolved.entries) {
      if ('rule' in entry) rules.push(entry.rule);
      else {
        broken++;
        notices.notice(entry.error.message);
      }
    }
    if (resolved.notRules > 0)
      notices.notice(`skipped ${plural(resolved.notRules, 'YAML file')} with no query (not rules)`);
  }
  const withFiles = positionals.length > 0;
  if (values.json) {
    const list = rules.map((r) => ({
      id: r.id,
      name: r.name,
      tactics: r.tactics,
      techniques: r.techniques,
      ...(withFiles ? { file: ruleFile(r) } : {}),
    }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  } else {
    for (const r of rules) {
      process.stdout.write(`${r.id}  ${r.name}${attackTags(r)}${withFiles ? `\n    ${ruleFile(r)}` : ''}\n`);
    }
  }
  if (withFiles)
    notices.notice(`${plural(rules.length, 'rule')}${broken > 0 ? `; ${broken} not readable` : ''}`);
  return broken > 0 ? 1 : 0;
}
