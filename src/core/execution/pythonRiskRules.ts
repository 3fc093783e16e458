// Risk check for Python blocks. Python can do anything, so the check is conservative: calls
// that run commands, delete files, kill processes or write through an API are flagged. When
// the command or SQL is a literal (`subprocess.run(["kubectl", "get", "pods"])`,
// `cur.execute("SELECT ...")`) it is judged by the shell or SQL rules instead, so reading
// code passes; when it is built at run time it cannot be checked and is flagged.
// Comments and string contents never count as calls.

import { flagDestructive, flagUnchecked, type RiskAssessors, type RiskFinding } from './riskFinding';

interface ScannedPython {
  /** The code with comments removed and each string literal replaced by `\u0000<index>\u0000`. */
  readonly code: string;
  readonly strings: readonly string[];
}

const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** Separates code from string literals (all quote styles and prefixes) and comments. */
function scanPython(source: string): ScannedPython {
  const strings: string[] = [];
  let code = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      // Prefixes such as r, b, f, rb were copied into `code` already; they do not matter here.
      const triple = source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      let value = '';
      while (j < source.length && !source.startsWith(quote, j)) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const next = source[j + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else if (!triple && source[j] === '\n') {
          break;
        } else {
          value += source[j];
          j++;
        }
      }
      code += `\u0000${strings.length}\u0000`;
      strings.push(value);
      i = j + quote.length;
      continue;
    }
    code += c;
    i++;
  }
  return { code, strings };
}

/** The top-level arguments of the call whose `(` is at `open`. */
function callArguments(code: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth === 1) continue;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) break;
    } else if (c === ',' && depth === 1) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') args.push(current.trim());
  return args;
}

/**
 * The text of an argument made only of string literals: `"a b"`, `"a" "b"`, `["a", "b"]`
 * (joined with spaces, as a command line). Undefined when any part is computed at run time.
 */
function literalText(argument: string, strings: readonly string[]): string | undefined {
  const parts: string[] = [];
  const rest = argument.replace(PLACEHOLDER, (_match, index: string) => {
    parts.push(strings[Number(index)] ?? '');
    return '';
  });
  if (parts.length === 0 || /[^\s,[\]()+]/.test(rest)) return undefined;
  return parts.join(' ');
}

interface CallRule {
  readonly pattern: RegExp;
  readonly reason: string;
  /** How literal arguments are checked instead of flagging the call outright. */
  readonly literal?: 'shell' | 'sql';
  /** The pattern captures a string literal naming an HTTP method; only write methods count. */
  readonly httpMethod?: true;
  /** The reason names the call (`changes cloud resources (terminate_instances)`). */
  readonly named?: true;
}

const CALL_RULES: readonly CallRule[] = [
  { pattern: /\bos\.(system|popen)\s*\(/g, reason: 'runs shell commands that cannot be checked', literal: 'shell' },
  { pattern: /\bsubprocess\.(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(/g, reason: 'runs shell commands that cannot be checked', literal: 'shell' },
  { pattern: /\bos\.(exec\w*|spawn\w*|posix_spawn\w*)\s*\(|\bpty\.spawn\s*\(/g, reason: 'runs other programs' },
  { pattern: /(?<![.\w])(eval|exec|compile)\s*\(/g, reason: 'runs code built at run time, which cannot be checked' },
  // Functions reached by name (`getattr(os, 'system')`, `importlib.import_module(...)`) or passed around (`run = os.system`).
  { pattern: /\bgetattr\s*\(\s*(os|subprocess|shutil|sys|builtins|__builtins__|pty|importlib|__import__)\b|\bimportlib\.import_module\s*\(|\b__import__\s*\(|\bsys\.modules\b|\b__builtins__\b|\bbuiltins\.|\b(globals|locals|vars)\s*\(\s*\)\s*\[/g, reason: 'looks up code by name at run time, which cannot be checked' },
  { pattern: /\b(os\.(system|popen|remove|unlink|rmdir|removedirs|kill|exec\w*|spawn\w*)|subprocess\.(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|shutil\.rmtree)\b(?!\s*\()/g, reason: 'passes a function that runs commands, which cannot be checked' },
  { pattern: /\.execute(many)?\s*\(/g, reason: 'runs SQL that cannot be checked', literal: 'sql' },
  { pattern: /\bshutil\.rmtree\s*\(|\bos\.(remove|unlink|rmdir|removedirs)\s*\(|\.(unlink|rmdir)\s*\(/g, reason: 'deletes files' },
  { pattern: /\bshutil\.move\s*\(|\bos\.(rename|replace)\s*\(/g, reason: 'moves files' },
  { pattern: /\bos\.(kill|killpg)\s*\(|\.(terminate|kill)\s*\(\s*\)/g, reason: 'kills processes' },
  { pattern: /\.(flushall|flushdb)\s*\(/g, reason: 'deletes all Redis keys' },
  { pattern: /\bconnect_\w*_exec\s*\(/g, reason: 'runs a command inside a pod' },
  { pattern: /\.delete\w*\s*\(/g, reason: 'calls a delete API' },
  { pattern: /\.(patch|replace|create)_\w+\s*\(/g, reason: 'changes Kubernetes resources' },
  { pattern: /\.(post|put|patch)\s*\(/g, reason: 'sends a write request' },
  { pattern: /\.(drop|drop_database|drop_collection|drop_index|drop_indexes)\s*\(/g, reason: 'drops database objects' },
  { pattern: /\.(insert_one|insert_many|update_one|update_many|replace_one|bulk_write|find_one_and_\w+)\s*\(/g, reason: 'writes database records' },
  // Cloud SDKs (boto3 and the like) name writes by their action: terminate_instances, stop_db_instance...
  { pattern: /\.((?:terminate|stop|reboot|start|run|modify|put|update|detach|attach|deregister|register|revoke|authorize|disable|enable|reset|restore|release|associate|disassociate|set|purge|cancel|invoke|publish|upload|import|batch_write|failover|promote|resize|scale|rotate)_\w+)\s*\(/g, reason: 'changes cloud resources', named: true },
  { pattern: /\bmethod\s*=\s*\u0000(\d+)\u0000/g, reason: 'sends a write request', httpMethod: true },
];

/** Literal arguments are examined for this many calls per rule; later calls are flagged unread. */
const CALLS_TO_EXAMINE = 64;

/** Modules whose functions run commands or delete files, under any name the code gives them. */
const WATCHED_MODULES = /^(os|subprocess|shutil|pty)$/;

/**
 * Rewrites aliases back to the module's own names, so the rules see `os.system(...)` in
 * `import os as o; o.system(...)`, `from os import system as s; s(...)` and
 * `__import__('os').system(...)`.
 */
function resolveImports(code: string, strings: readonly string[]): string {
  let resolved = code.replace(/\b__import__\s*\(\s*\u0000(\d+)\u0000\s*\)/g, (match, index: string) => {
    const module = strings[Number(index)] ?? '';
    return WATCHED_MODULES.test(module) ? module : match;
  });
  const renames: [RegExp, string][] = [];
  for (const match of resolved.matchAll(/\bimport\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/g)) {
    if (/\bfrom\s+[\w.]+\s+$/.test(resolved.slice(0, match.index))) continue;
    for (const item of match[1]!.split(',')) {
      const [module, alias] = item.trim().split(/\s+as\s+/);
      if (alias !== undefined && WATCHED_MODULES.test(module!)) renames.push([new RegExp(`(?<![.\\w])${alias}\\.`, 'g'), `${module}.`]);
    }
  }
  // `from os import system, remove` on one line, or a parenthesised list over several.
  for (const match of resolved.matchAll(/\bfrom[ \t]+(os|subprocess|shutil|pty)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))/g)) {
    for (const item of (match[2] ?? match[3]!).split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name === undefined || name === '' || name === '*') continue;
      renames.push([new RegExp(`(?<![.\\w])${alias ?? name}(?=\\s*\\()`, 'g'), `${match[1]}.${name}`]);
    }
  }
  for (const [pattern, replacement] of renames) resolved = resolved.replace(pattern, replacement);
  return resolved;
}

export function assessPythonText(text: string, assessors: RiskAssessors): RiskFinding[] {
  const scanned = scanPython(text);
  const strings = scanned.strings;
  const code = resolveImports(scanned.code, strings);
  const findings: RiskFinding[] = [];
  for (const rule of CALL_RULES) {
    let examined = 0;
    for (const match of code.matchAll(rule.pattern)) {
      if (++examined > CALLS_TO_EXAMINE) {
        findings.push(flagUnchecked(rule.reason));
        break;
      }
      if (rule.httpMethod) {
        // `method="DELETE"` in urllib or requests.request.
        if (/^(POST|PUT|PATCH|DELETE)$/i.test(strings[Number(match[1])] ?? '')) findings.push(flagDestructive(rule.reason));
        continue;
      }
      if (rule.literal) {
        const [first] = callArguments(code, match.index + match[0].length - 1);
        const literal = first === undefined ? undefined : literalText(first, strings);
        if (literal !== undefined) {
          findings.push(...(rule.literal === 'shell' ? assessors.shell(literal) : assessors.sql(literal, 'unknown')));
          continue;
        }
      }
      if (rule.named) findings.push(flagDestructive(`${rule.reason} (${match[1]})`));
      else findings.push(rule.reason.includes('cannot be checked') ? flagUnchecked(rule.reason) : flagDestructive(rule.reason));
    }
  }
  return findings;
}
