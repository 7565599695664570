/**
 * Frame colours: one stable hue per Go package, so the same package looks the same in every
 * profile and every view; runtime frames get a blue that no other package uses. Hues are
 * quantised so the renderer can batch boxes by colour.
 */
export function frameColor(name: string): string {
  return colorOf(name, packageHues);
}

/**
 * A goroutine's colour on the trace timeline, from its start function: frameColor's scheme
 * without the violet and magenta hues, which the trace views keep for GC work (mark workers and
 * assists, procs/activityStyle.ts), so a goroutine never reads as GC.
 */
export function goroutineColor(name: string): string {
  return colorOf(name, goroutineHues);
}

/** Colour of frames that do not match the search, and of the merged narrow slivers. */
export const dimmedColor = '#e6e6ea';
export const sliverColor = '#c9c9d1';
export const rootColor = '#d5d7de';

/**
 * The package path of a Go symbol: everything up to the first dot after the last slash, looking
 * only before any type-parameter list ("slices.sortFunc[go.shape.*net/http.Request]" is
 * "slices"). With line granularity the name is followed by " file:line"; with file granularity
 * the name is a path and its directory is the package.
 */
export function packageOf(name: string): string {
  const symbol = name.split(' ')[0];
  if (symbol.endsWith('.go') || symbol.endsWith('.s')) {
    return symbol.slice(0, Math.max(0, symbol.lastIndexOf('/')));
  }
  const bracket = symbol.indexOf('[');
  const head = bracket >= 0 ? symbol.slice(0, bracket) : symbol;
  const slash = head.lastIndexOf('/');
  const dot = head.indexOf('.', slash + 1);
  return dot >= 0 ? head.slice(0, dot) : head;
}

/** The name without its package's directory, for labels too narrow for the full name. */
export function shortFrameName(name: string): string {
  const bracket = name.indexOf('[');
  const head = bracket >= 0 ? name.slice(0, bracket) : name;
  const slash = head.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** The runtime proper; runtime/pprof and runtime/trace are libraries a program calls. */
function isRuntimePackage(pkg: string): boolean {
  return (
    pkg === 'runtime' ||
    pkg.startsWith('runtime/internal/') ||
    pkg.startsWith('internal/runtime/') ||
    pkg.endsWith('/src/runtime') ||
    pkg.includes('/src/internal/runtime/')
  );
}

/** The package picks the hue; the function one of a few shades, so neighbours stay apart. */
function colorOf(name: string, hues: number[]): string {
  const pkg = packageOf(name);
  const shade = hash(name) % shades.length;
  const hue = isRuntimePackage(pkg) ? runtimeHue : hues[hash(pkg) % hues.length];
  return palette[hue][shade];
}

/** FNV-1a: a fixed hash, so colours do not change between sessions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Warm, green and violet hues for code, leaving 190°–250° to the runtime.
const packageHues = [0, 12, 24, 34, 44, 54, 72, 95, 130, 160, 280, 310, 330, 345];
const runtimeHue = 212;
/** The GC colours' hue range in the trace views: violet mark workers to magenta assists. */
export const gcHueRange = { from: 250, to: 350 };
const goroutineHues = packageHues.filter((h) => h < gcHueRange.from || h > gcHueRange.to);
const shades = ['70% 76%', '64% 71%', '58% 67%'];
const palette: Record<number, string[]> = Object.fromEntries(
  [...packageHues, runtimeHue].map((h) => [h, shades.map((sl) => `hsl(${h} ${sl})`)]),
);
