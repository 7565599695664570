import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState, urlVersion, type UrlState } from './urlCodec';

describe('URL codec', () => {
  const states: UrlState[] = [
    {
      source: { kind: 'sample', name: 'cpu.pprof' },
      viewState: { view: 'flame', si: 'cpu', f: 'main\\.(a|b)$' },
    },
    {
      source: { kind: 'url', url: 'https://example.com/x.pb.gz?a=1&b=2' },
      viewState: { z: 'root;main;runtime.mallocgc' },
    },
    { source: { kind: 'local', name: 'my trace.out' }, viewState: { from: '1000', to: '2000' } },
    { source: undefined, viewState: { q: 'ünïcödé & = ? #' } },
  ];

  it.each(states)('round-trips %j', (state) => {
    const encoded = encodeUrlState(state);
    expect(encoded).toMatch(new RegExp(`^\\?.*v=${urlVersion}`));
    expect(decodeUrlState(encoded)).toEqual({ state });
  });

  it('writes nothing for an empty session', () => {
    expect(encodeUrlState({ source: undefined, viewState: {} })).toBe('');
  });

  it('hands keys it does not own to the view state, where views ignore unknown ones', () => {
    const { state } = decodeUrlState('?v=1&sample=cpu.pprof&unknownKey=1');
    expect(state.source).toEqual({ kind: 'sample', name: 'cpu.pprof' });
    expect(state.viewState).toEqual({ unknownKey: '1' });
  });

  it('says so when the link comes from a newer version, keeping the source', () => {
    const decoded = decodeUrlState(`?v=${urlVersion + 1}&sample=cpu.pprof&si=cpu`);
    expect(decoded.notice).toMatch(/newer Gopherlens/);
    expect(decoded.state).toEqual({ source: { kind: 'sample', name: 'cpu.pprof' }, viewState: {} });
  });

  it.each(['?v=abc', '?v=0&x=1', '?%E0%A4%A=1', '?v=1&&&==&', '?' + 'x'.repeat(10000)])(
    'never throws on a broken URL %#',
    (search) => {
      expect(() => decodeUrlState(search)).not.toThrow();
    },
  );

  it('treats a link without a version as the current version', () => {
    expect(decodeUrlState('?sample=heap.pprof&si=inuse_space').state).toEqual({
      source: { kind: 'sample', name: 'heap.pprof' },
      viewState: { si: 'inuse_space' },
    });
  });
});
