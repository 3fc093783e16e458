// getopt-style reading of a command's arguments, enough to tell flags, their values and
// positional words apart (`-n shop`, `-nshop`, `--namespace=shop`, `-it`, `--`). Rules need
// this to find the verb of `kubectl -n shop --context prod delete pod x` or the SQL of
// `psql -tAc "..."` without mistaking a flag's value for a command word.

export interface OptionSpec {
  /** Short options that take a value, attached (`-nshop`) or as the next word (`-n shop`). */
  readonly shortWithValue?: string;
  /** Short options whose value, if any, must be attached (mysql's `-pSECRET`). */
  readonly shortWithAttachedValue?: string;
  /** Long options (without `--`) that take the next word as value when not written `--x=v`. */
  readonly longWithValue?: ReadonlySet<string>;
  /** Stop reading options at the first positional word (`sudo`, `xargs`, `watch`). */
  readonly stopAtPositional?: boolean;
}

export interface ParsedOption {
  /** `-n` or `--namespace`. */
  readonly name: string;
  readonly value?: string;
}

export interface ParsedArguments {
  readonly options: readonly ParsedOption[];
  readonly positionals: readonly string[];
  /** Words after `--`, or after the first positional when `stopAtPositional` is set. */
  readonly rest?: readonly string[];
}

export function parseOptions(args: readonly string[], spec: OptionSpec = {}): ParsedArguments {
  const options: ParsedOption[] = [];
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') return { options, positionals, rest: args.slice(index + 1) };
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      if (equals !== -1) {
        options.push({ name: arg.slice(0, equals), value: arg.slice(equals + 1) });
      } else if (spec.longWithValue?.has(arg.slice(2)) && index + 1 < args.length) {
        options.push({ name: arg, value: args[++index]! });
      } else {
        options.push({ name: arg });
      }
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      for (let at = 1; at < arg.length; at++) {
        const letter = arg[at]!;
        const attached = arg.slice(at + 1);
        if (spec.shortWithValue?.includes(letter)) {
          if (attached !== '') options.push({ name: `-${letter}`, value: attached });
          else if (index + 1 < args.length) options.push({ name: `-${letter}`, value: args[++index]! });
          else options.push({ name: `-${letter}` });
          break;
        }
        if (spec.shortWithAttachedValue?.includes(letter)) {
          options.push(attached === '' ? { name: `-${letter}` } : { name: `-${letter}`, value: attached });
          break;
        }
        options.push({ name: `-${letter}` });
      }
    } else if (spec.stopAtPositional) {
      return { options, positionals: [arg], rest: args.slice(index + 1) };
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

/** The value of the last occurrence of any of `names`; `true` when given without a value. */
export function optionValue(parsed: ParsedArguments, ...names: string[]): string | true | undefined {
  let found: string | true | undefined;
  for (const option of parsed.options) {
    if (names.includes(option.name)) found = option.value ?? true;
  }
  return found;
}

export function hasOption(parsed: ParsedArguments, ...names: string[]): boolean {
  return parsed.options.some((option) => names.includes(option.name));
}
