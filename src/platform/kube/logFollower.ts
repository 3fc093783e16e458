// Reads the logs of one pod's containers into one capped list of lines: each container has its
// own stream, line splitter and resume point; with several containers each line is prefixed
// with its container, as `kubectl logs --all-containers --prefix` does. A follow stream that
// ends (a dropped connection, a server timeout, a kubelet restart) is opened again from where
// it got to, with sinceTime, and the lines it sends again are dropped.

import { CappedLines, LineSplitter, ResumePoint } from '../../core/kube/logLines';
import type { KubeConfig } from './kubeClient';
import { streamLog, type LogRequest } from './workloadReader';

/** Waits before reopening a stream that ended: longer while reopened streams bring nothing. */
const RESUME_DELAYS_MS = [250, 1000, 2000, 5000, 10_000];

export interface LogFollowerOptions {
  readonly config: KubeConfig;
  readonly namespace: string;
  readonly pod: string;
  readonly containers: readonly string[];
  readonly previous: boolean;
  readonly sinceTime?: string;
  readonly lines: CappedLines;
  /** Something changed: re-render (the caller throttles). */
  readonly changed: () => void;
  /** One sentence for a stream the server refused; with one container it is the whole answer. */
  readonly describeError: (error: unknown, container: string) => string;
}

interface ContainerStream {
  readonly container: string;
  readonly splitter: LineSplitter;
  readonly resume: ResumePoint;
}

export class LogFollower {
  private readonly streams: ContainerStream[];
  private abort = new AbortController();
  private following = false;
  /** Sentences about containers whose logs could not be read. */
  readonly problems: string[] = [];
  reconnects = 0;

  constructor(private readonly options: LogFollowerOptions) {
    this.streams = options.containers.map((container) => ({ container, splitter: new LineSplitter(), resume: new ResumePoint() }));
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** Reads every container once (to the end of the log), or follows them until stop(). */
  async read(follow: boolean): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    this.following = follow;
    // Shown at once: the Follow lens turns into Stop Following before any line arrives.
    this.options.changed();
    const signal = this.abort.signal;
    await Promise.all(this.streams.map((stream) => this.readContainer(stream, follow, signal)));
    if (!signal.aborted) this.following = false;
    this.options.changed();
  }

  stop(): void {
    this.following = false;
    this.abort.abort();
    this.options.changed();
  }

  private async readContainer(stream: ContainerStream, follow: boolean, signal: AbortSignal): Promise<void> {
    let quiet = 0;
    for (;;) {
      const before = this.options.lines.lineCount + this.options.lines.dropped.lines;
      const request: LogRequest = {
        namespace: this.options.namespace,
        pod: this.options.pod,
        container: stream.container,
        previous: this.options.previous,
        follow,
        sinceTime: stream.resume.resume() ?? this.options.sinceTime,
      };
      try {
        const end = await streamLog(this.options.config, request, (text) => this.take(stream, stream.splitter.push(text)), signal);
        if (end === 'aborted' || !follow) return this.take(stream, stream.splitter.end());
      } catch (error) {
        if (signal.aborted) return;
        this.problems.push(this.options.describeError(error, stream.container));
        this.options.changed();
        return;
      }
      // Dropped while following: a partial last line comes again whole from the resumed stream.
      stream.splitter.discard();
      quiet = this.options.lines.lineCount + this.options.lines.dropped.lines > before ? 0 : quiet + 1;
      this.reconnects++;
      this.options.changed();
      await delay(RESUME_DELAYS_MS[Math.min(quiet, RESUME_DELAYS_MS.length - 1)], signal);
      if (signal.aborted) return;
    }
  }

  private take(stream: ContainerStream, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const prefix = this.streams.length > 1 ? `[${stream.container}] ` : '';
    for (const line of lines) if (stream.resume.accept(line)) this.options.lines.push(prefix + line);
    this.options.changed();
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
