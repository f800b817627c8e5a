import { describe, expect, it } from 'vitest'
import { ActiveClock } from '../../../../../src/renderer/features/annotate/activeClock'

function fakeClock() {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('ActiveClock', () => {
  it('counts time between inputs while visible', () => {
    const time = fakeClock()
    const clock = new ActiveClock(0, 30_000, time.now)
    clock.input()
    time.advance(10_000)
    clock.input()
    time.advance(5_000)
    expect(clock.elapsed()).toBe(15_000)
  })

  it('stops counting after the idle allowance and restarts on the next input', () => {
    const time = fakeClock()
    const clock = new ActiveClock(0, 30_000, time.now)
    clock.input()
    time.advance(10 * 60_000) // ten minutes away from the keyboard
    expect(clock.elapsed()).toBe(30_000)
    clock.input()
    time.advance(2_000)
    expect(clock.elapsed()).toBe(32_000)
  })

  it('does not count while the page is hidden', () => {
    const time = fakeClock()
    const clock = new ActiveClock(0, 30_000, time.now)
    clock.input()
    time.advance(4_000)
    clock.setVisible(false)
    time.advance(20_000)
    clock.input() // a stray event while hidden does not restart it
    time.advance(5_000)
    expect(clock.elapsed()).toBe(4_000)
    clock.setVisible(true)
    clock.input()
    time.advance(1_000)
    expect(clock.elapsed()).toBe(5_000)
  })

  it('continues from time already stored for the item and counts nothing before the first input', () => {
    const time = fakeClock()
    const clock = new ActiveClock(42_000, 30_000, time.now)
    time.advance(100_000)
    expect(clock.elapsed()).toBe(42_000)
    clock.input()
    time.advance(1_000)
    expect(clock.elapsed()).toBe(43_000)
  })
})
