import { MAX_WAIT_SECONDS, preferredWaitSeconds } from './prefer-wait';

describe(preferredWaitSeconds.name, () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['respond-async', 0],
    ['wait=5', 5],
    ['respond-async, wait=10', 10],
    ['return=minimal; wait = 3', 3],
    ['wait="7"', 7],
    ['wait=3600', MAX_WAIT_SECONDS],
    ['nowait=5', 0],
    ['wait=-1', 0],
  ])('reads %p as %p seconds', (prefer, seconds) => {
    expect(preferredWaitSeconds(prefer)).toBe(seconds);
  });
});
