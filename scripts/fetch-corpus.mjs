#!/usr/bin/env node
// `npm run corpus`: fetches the corpus of real runbooks and alert rules that some tests and the
// benchmarks read. It is other people's text (Apache-2.0, each folder keeps its upstream
// LICENSE), so it is never part of this repository: it goes to $ONCALL_CORPUS when set, else to
// .corpus/ (gitignored), where the tests look for it (test/support/corpus.ts).
//
// Each source is one GitHub archive at a pinned commit, so every machine tests against the same
// text. Needs internet access to github.com; nothing else (Node and tar).
//
// ONCALL_CORPUS_ARCHIVE_URL replaces the archive address, with {owner}, {repo} and {commit}
// filled in (the tests point it at a loopback server).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The four sources: where each comes from, and what of it the corpus keeps. */
export const SOURCES = [
  {
    folder: 'prometheus-operator-runbooks',
    owner: 'prometheus-operator',
    repo: 'runbooks',
    commit: 'a685d14cf5128bb30e2bf935c3983decd772d885',
    what: 'one runbook per kube-prometheus alert',
    copy: [{ from: 'content/runbooks', to: '' }],
  },
  {
    folder: 'openshift-runbooks',
    owner: 'openshift',
    repo: 'runbooks',
    commit: '82bd2d9d3789e76f8a8202f8a9ee0f0639cc5b73',
    what: 'OpenShift operator alert runbooks',
    copy: [{ from: 'alerts', to: 'alerts' }],
  },
  {
    folder: 'kubevirt-runbooks',
    owner: 'kubevirt',
    repo: 'monitoring',
    commit: 'b02df94293509d77d2dd2a3ab619b3454d199e81',
    what: 'KubeVirt alert runbooks',
    copy: [{ from: 'docs/runbooks', to: 'docs/runbooks' }],
  },
  {
    folder: 'kube-prometheus-rules',
    owner: 'prometheus-operator',
    repo: 'kube-prometheus',
    commit: '4d719f1dea8853540b3823ab1fbe6be74a9953b3',
    what: 'the PrometheusRule manifests (alert names, severities, runbook_url)',
    copy: [{ from: 'manifests', to: 'rules', only: /prometheusRule\.yaml$/ }],
  },
];

function archiveUrl(source) {
  const template = process.env.ONCALL_CORPUS_ARCHIVE_URL ?? 'https://codeload.github.com/{owner}/{repo}/tar.gz/{commit}';
  return template.replace('{owner}', source.owner).replace('{repo}', source.repo).replace('{commit}', source.commit);
}

/** Downloads one archive and unpacks it into `into`; returns the archive's single top folder. */
async function unpack(source, into) {
  const url = archiveUrl(source);
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    throw new Error(`could not download ${source.owner}/${source.repo} from ${url} (${error.cause?.message ?? error.message}); this needs internet access to github.com`);
  }
  if (!response.ok || !response.body) throw new Error(`could not download ${source.owner}/${source.repo} from ${url}: HTTP ${response.status}`);
  mkdirSync(into, { recursive: true });
  const tar = spawn('tar', ['-xzf', '-', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolveExit, reject) => {
    tar.on('error', (error) => reject(new Error(`could not run tar to unpack ${url}: ${error.message}`)));
    tar.on('close', (code) => (code === 0 ? resolveExit() : reject(new Error(`tar could not unpack ${url}: ${stderr.trim() || `exit code ${code}`}`))));
  });
  for await (const chunk of response.body) {
    if (!tar.stdin.write(chunk)) await new Promise((resolveDrain) => tar.stdin.once('drain', resolveDrain));
  }
  tar.stdin.end();
  await exited;
  const top = readdirSync(into);
  if (top.length !== 1) throw new Error(`the archive of ${source.owner}/${source.repo} does not hold one top folder`);
  return join(into, top[0]);
}

function copySource(source, unpacked, destination) {
  for (const part of source.copy) {
    const from = join(unpacked, part.from);
    if (!existsSync(from)) throw new Error(`${source.owner}/${source.repo}@${source.commit.slice(0, 12)} has no ${part.from}`);
    const to = join(destination, part.to);
    mkdirSync(to, { recursive: true });
    const names = readdirSync(from).filter((name) => !part.only || part.only.test(name));
    if (names.length === 0) throw new Error(`${source.owner}/${source.repo}@${source.commit.slice(0, 12)} has nothing in ${part.from}`);
    for (const name of names) cpSync(join(from, name), join(to, name), { recursive: true });
  }
  cpSync(join(unpacked, 'LICENSE'), join(destination, 'LICENSE'));
}

function readme() {
  const rows = SOURCES.map((s) => `| \`${s.folder}/\` | [${s.owner}/${s.repo}](https://github.com/${s.owner}/${s.repo}) at \`${s.commit.slice(0, 12)}\` | ${s.what} | Apache-2.0 |`);
  return [
    '# Corpus of real runbooks and alert rules',
    '',
    'Fetched by `npm run corpus` for the tests and benchmarks of On-Call: Incidents & Runbooks.',
    'Written by others; each folder keeps its upstream LICENSE. Not part of the repository.',
    '',
    '| folder | upstream | what | licence |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main() {
  const target = resolve(process.env.ONCALL_CORPUS || join(repoRoot, '.corpus'));
  if (existsSync(join(target, 'kube-prometheus-rules')) && existsSync(join(target, 'prometheus-operator-runbooks'))) {
    console.log(`corpus: already at ${target}; remove that folder to fetch it again.`);
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  const work = mkdtempSync(join(dirname(target), '.corpus-download-'));
  try {
    const staged = join(work, 'corpus');
    for (const source of SOURCES) {
      console.log(`corpus: ${source.owner}/${source.repo} at ${source.commit.slice(0, 12)}`);
      const unpacked = await unpack(source, join(work, source.folder));
      copySource(source, unpacked, join(staged, source.folder));
      rmSync(unpacked, { recursive: true, force: true });
    }
    writeFileSync(join(staged, 'README.md'), readme());
    rmSync(target, { recursive: true, force: true });
    renameSync(staged, target);
    console.log(`corpus: ready at ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`corpus: ${error.message}`);
  process.exit(1);
});
