import type { FormatModule } from '../formatModule';

// Set to this format's module when its decoder lands.
export const gctraceFormat: FormatModule<unknown> | undefined = undefined;
