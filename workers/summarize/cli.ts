import { readFileSync } from 'node:fs';
import { decodeInput, summarizeDecoded } from '../decodeInput';
import { toErrorInfo } from '../decodeError';

/**
 * `npm run summarize -- <file> [--json]`: the same decoders the app runs, in Node. With --json it
 * prints exactly one JSON object; on bad input it exits non-zero with the UI's message on stderr.
 */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    process.stderr.write('usage: npm run summarize -- <file> [--json]\n');
    return 2;
  }
  let summary: Record<string, unknown>;
  try {
    const bytes = new Uint8Array(readFileSync(files[0]));
    const decoded = await decodeInput(bytes);
    summary = summarizeDecoded(decoded);
    if (decoded.warnings.length > 0) summary.warnings ??= decoded.warnings;
  } catch (err) {
    process.stderr.write(`${toErrorInfo(err).message}\n`);
    return 1;
  }
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  return 0;
}

function formatSummary(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(
      ([key, value]) =>
        `${key.padEnd(20)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join('\n')
    .concat('\n');
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
