// What the Runbooks view puts before a runbook's title. Teams copy one template, so several
// runbooks often share a first heading ("Incident Response Runbook"): those rows need what
// tells them apart first, where a 300 px side bar does not cut it off.
export interface RunbookListing {
  readonly title: string;
  /** Workspace-relative path, or `starter/<file>`. */
  readonly path: string;
  /** The `service` of the front matter. */
  readonly service?: string;
}

/**
 * One answer per listing, in order: undefined for a title no other listing has; else the
 * service when it is that runbook's alone among them, else the file name (without `.md`)
 * when it is, else the path.
 */
export function distinguishListings(listings: readonly RunbookListing[]): (string | undefined)[] {
  const byTitle = new Map<string, RunbookListing[]>();
  for (const listing of listings) {
    const key = normalise(listing.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), listing]);
  }
  return listings.map((listing) => {
    const namesakes = byTitle.get(normalise(listing.title)) ?? [];
    if (namesakes.length < 2) return undefined;
    const service = listing.service?.trim() ?? '';
    if (service !== '' && namesakes.filter((other) => normalise(other.service ?? '') === normalise(service)).length === 1) return service;
    const file = fileStemOf(listing.path);
    if (namesakes.filter((other) => fileStemOf(other.path) === file).length === 1) return file;
    return listing.path;
  });
}

/** The row's label: the title, after what tells it apart from rows of the same title. */
export function labelListing(title: string, distinction: string | undefined): string {
  return distinction === undefined ? title : `${distinction} · ${title}`;
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function fileStemOf(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(md|markdown)$/i, '');
}
