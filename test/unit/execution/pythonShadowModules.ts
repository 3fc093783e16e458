// Files a repository can put beside a runbook (the terminal's working folder) to replace a
// standard module a Python step imports. `step` is the block; `expected` is its output when
// the real standard library is used.

export interface ShadowCase {
  readonly why: string;
  /** Files written into the working folder, relative path → content. */
  readonly files: Readonly<Record<string, string>>;
  readonly step: string;
  readonly expected: string;
}

const HIJACK = 'import sys\nprint("HIJACKED")\nsys.exit(0)\n';

export const SHADOW_CASES: readonly ShadowCase[] = [
  { why: 'json.py', files: { 'json.py': HIJACK }, step: 'import json\nprint(json.dumps({"ok": True}))', expected: '{"ok": true}' },
  { why: 'a json package', files: { 'json/__init__.py': HIJACK }, step: 'import json\nprint(json.dumps([1]))', expected: '[1]' },
  { why: 'base64.py', files: { 'base64.py': HIJACK }, step: 'import base64\nprint(base64.b64encode(b"x").decode())', expected: 'eA==' },
  { why: 'subprocess.py', files: { 'subprocess.py': HIJACK }, step: 'import subprocess\nprint(subprocess.run(["true"]).returncode)', expected: '0' },
  { why: 'a compiled-module lookalike name', files: { 'datetime.py': HIJACK }, step: 'import datetime\nprint(datetime.date(2026, 1, 2).isoformat())', expected: '2026-01-02' },
  { why: 'sitecustomize.py runs at start-up', files: { 'sitecustomize.py': HIJACK }, step: 'print("step ran")', expected: 'step ran' },
  { why: 'usercustomize.py runs at start-up', files: { 'usercustomize.py': HIJACK }, step: 'print("step ran")', expected: 'step ran' },
];
