import { collectStepRuns } from '../../core/execution/executionJournal';
import { eventsFromJournal, sessionSpan, type SessionSpan } from '../../core/postmortem/sessionModel';
import type { JournalStore } from '../execution/journalStore';
import type { OutputBudgetScopes } from '../execution/stepOutputs';
import type { Sessions } from './sessions';

/**
 * Step output is kept per incident: a step counts against the incident active when it
 * starts, and a run belongs to the incident whose timeline shows it (see eventsFromJournal).
 * Steps of no incident share one budget.
 */
export function incidentOutputScopes(sessions: Sessions, journal: JournalStore): OutputBudgetScopes {
  return {
    current: () => sessions.active?.id,
    async runsOf(incident) {
      await sessions.ready();
      const entries = await journal.read();
      const spans = sessions.sessions.map((session) => sessionSpan(session.record, session.events));
      const runsOf = (span: SessionSpan) => eventsFromJournal(entries, span, spans).map((event) => event.runId);
      if (incident !== undefined) {
        const span = spans.find((candidate) => candidate.id === incident);
        return new Set(span ? runsOf(span) : []);
      }
      const owned = new Set(spans.flatMap(runsOf));
      return new Set(collectStepRuns(entries).map((run) => run.started.runId).filter((runId) => !owned.has(runId)));
    },
  };
}
