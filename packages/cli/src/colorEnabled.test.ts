import { colorEnabled } from './colorEnabled';

describe('colorEnabled', () => {
  it('colours a terminal', () => {
    expect(colorEnabled({ isTTY: true }, { TERM: 'xterm-256color' })).toBe(
      true,
    );
  });

  it('does not colour a pipe or a file', () => {
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it('honours NO_COLOR and dumb terminals', () => {
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
