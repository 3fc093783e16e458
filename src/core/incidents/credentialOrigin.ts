// Where a stored credential may be sent. A password or token is stored for an instance name,
// and settings say where that name points; a repository's settings can point the name
// elsewhere. So each secret is bound to the origins (scheme, host, port) the user stored it for
// or agreed to, and goes nowhere else without asking.

/** `scheme://host:port` with the default port written out, or undefined for an unusable URL. */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return `${parsed.protocol}//${parsed.hostname.toLowerCase()}:${port}`;
}

/** True for origins whose traffic never leaves the machine (plain http there is not on a network). */
export function isLoopbackOrigin(origin: string): boolean {
  const host = origin.replace(/^https?:\/\//u, '').replace(/:\d+$/u, '');
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/u.test(host);
}

export interface CredentialReleaseInput {
  /** Where the request goes. */
  readonly url: string;
  /** Origins the secret is bound to; undefined for a secret stored before bindings existed. */
  readonly bound: readonly string[] | undefined;
  /** Where the user's own settings (not a workspace's) point this name, if they do. */
  readonly userUrl?: string;
  /** PagerDuty keys: https only (loopback excepted, where nothing crosses a network). */
  readonly httpsOnly?: boolean;
}

export type CredentialRelease =
  | { readonly kind: 'send'; readonly origin: string; /** Bind a pre-binding secret to this origin now. */ readonly bind?: boolean }
  | { readonly kind: 'ask'; readonly origin: string }
  | { readonly kind: 'refuse'; readonly reason: string };

export function decideCredentialRelease(input: CredentialReleaseInput): CredentialRelease {
  const origin = originOf(input.url);
  if (!origin) return { kind: 'refuse', reason: `${input.url} is not an http or https URL` };
  if (input.httpsOnly && !origin.startsWith('https:') && !isLoopbackOrigin(origin)) {
    return { kind: 'refuse', reason: `${origin} is not https, and the key would cross the network readable by anyone on the way` };
  }
  if (input.bound === undefined) {
    // Stored before secrets were bound: the user's own settings say where it belongs.
    const userOrigin = input.userUrl !== undefined ? originOf(input.userUrl) : undefined;
    return userOrigin === origin ? { kind: 'send', origin, bind: true } : { kind: 'ask', origin };
  }
  return input.bound.includes(origin) ? { kind: 'send', origin } : { kind: 'ask', origin };
}
