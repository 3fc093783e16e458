// A value for one placeholder of a step: a pick of the cluster's live objects when the
// placeholder names a kind, else an input box. A value the step's guard refuses is never taken.
import type { PlaceholderQuestion } from '../../core/execution/planExecution';
import { refuseValue } from '../../core/execution/placeholderValues';
import { findPlaceholders } from '../../core/runbooks/placeholders';
import { describeClusterError, kubeConfigFor, listLiveObjects } from '../kube/kubeClient';
import type { Log } from '../log';
import type { ReadyState, StepToRun } from './stepExecutor';
import { answerObjectPick, askTypedValue, openObjectPick, type ValueQuestion } from './stepPrompts';

/** How long a live-object listing for a placeholder may take before the input box is offered instead. */
const LIVE_LIST_TIMEOUT_MS = 5_000;

/** The user's answer for `question`, `remembered` preselected; undefined when they cancelled. */
export async function askPlaceholderValue(
  target: StepToRun,
  question: PlaceholderQuestion,
  cluster: ReadyState | undefined,
  remembered: string | undefined,
  log: Log,
): Promise<string | undefined> {
  const text = target.step.commands;
  const language = target.step.kind === 'sql' ? 'sql' : target.step.kind === 'python' ? 'python' : 'shell';
  const placeholders = findPlaceholders(text, target.step.kind);
  const validate = (value: string) => refuseValue(text, language, placeholders, question.name, value);
  if (question.liveKind && cluster) {
    const { active } = cluster;
    const kind = question.liveKind;
    const title = `${question.text} in ${active.context}${kind === 'node' || kind === 'namespace' ? '' : ` / ${active.namespace}`}`;
    const pick = openObjectPick(title, kind);
    let objects: ValueQuestion['objects'];
    let listProblem: string | undefined;
    try {
      const listed = await withTimeout(
        (async () => listLiveObjects(await kubeConfigFor(active, cluster.merged), kind, active.namespace))(),
        LIVE_LIST_TIMEOUT_MS,
      );
      objects = listed.map((o) => ({ label: o.name, description: o.description, failing: o.failing }));
    } catch (error) {
      listProblem = describeClusterError(error, active, `list ${kind}s`);
      log.warn(`${listProblem} (${String(error)})`);
    }
    return answerObjectPick(pick, { text: question.text, objects, listProblem, remembered, validate, title, prompt: '' });
  }
  return askTypedValue({
    text: question.text,
    remembered,
    validate,
    title: `Value for ${question.text}`,
    prompt: `Used for every ${question.text} in this step, and remembered for later steps${cluster ? ` in ${cluster.active.context}` : ''}.`,
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'TIMEOUT' })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
