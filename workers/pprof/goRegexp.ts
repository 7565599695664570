/**
 * Compiles a regular expression written for pprof (Go RE2 syntax) as a JS RegExp. The common
 * subset (classes, alternation, anchors, `\.`) means the same in both; Go's leading `(?i)`,
 * `(?s)` and `(?m)` flag groups become JS flags. Like Go's MatchString, it matches anywhere.
 */
export function compileGoRegexp(option: string, source: string): RegExp {
  let flags = '';
  let pattern = source;
  const leading = /^\(\?([ims]+)\)/.exec(pattern);
  if (leading) {
    flags = [...new Set(leading[1])].join('');
    pattern = pattern.slice(leading[0].length);
  }
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    throw new Error(`parsing ${option} regexp: ${(err as Error).message}`, { cause: err });
  }
}
