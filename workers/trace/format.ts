import type { FormatModule } from '../formatModule';

// Set to this format's module when its decoder lands.
export const traceFormat: FormatModule<unknown> | undefined = undefined;
