/**
 * The Sessions view's sweep, run in the page: scroll the table from the top to the end a screenful
 * at a time, two animation frames after each step, and record every session seen. The page runs it
 * on its own; the test polls its progress, so a page that stops drawing (no animation frame for
 * `stallMs`) fails at once with what it was doing, instead of at the test's timeout.
 * docs/performance.md#the-sessions-sweep-that-stopped-drawing says why this is watched for.
 */
import type { Page } from 'playwright-core'

export interface SweptSession {
  readonly index: number
  readonly id: string
  /** `aria-rowindex` of the session's first row. */
  readonly row: number
  /** Rows the session has in the table. */
  readonly rows: number
}

export type SweepResult =
  | {
      readonly ok: true
      readonly sessions: SweptSession[]
      readonly steps: number
      readonly ms: number
    }
  | {
      readonly ok: false
      readonly stalledAtStep: number
      readonly sinceFrameMs: number
      readonly scrollTop: number
    }

interface SweepProgress {
  done: boolean
  step: number
  lastFrame: number
  result: Array<[number, { id: string; row: number; rows: number }]>
  ms: number
}

declare global {
  interface Window {
    __sessionsSweep?: SweepProgress
  }
}

/** Starts the sweep in the page and returns without waiting for it. */
function start(page: Page, scroller: string): Promise<void> {
  return page.locator(scroller).evaluate((el) => {
    const p: SweepProgress = {
      done: false,
      step: 0,
      lastFrame: performance.now(),
      result: [],
      ms: 0
    }
    window.__sessionsSweep = p
    const began = performance.now()
    const frame = (): Promise<void> =>
      new Promise((r) => {
        requestAnimationFrame(() => {
          p.lastFrame = performance.now()
          r()
        })
      })
    const at = new Map<number, { id: string; row: number; rows: number }>()
    const run = async (): Promise<void> => {
      el.scrollTop = 0
      for (;;) {
        await frame()
        await frame()
        for (const s of Array.from(el.querySelectorAll('[data-testid^="session-"][data-index]'))) {
          const rows = s.querySelectorAll('[aria-rowindex]')
          at.set(Number(s.getAttribute('data-index')), {
            id: s.getAttribute('data-testid')!.slice('session-'.length),
            row: Number(rows[0]?.getAttribute('aria-rowindex')),
            rows: rows.length
          })
        }
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break
        el.scrollTop += el.clientHeight - 40
        p.step++
      }
      p.result = [...at.entries()]
      p.ms = performance.now() - began
      p.done = true
    }
    void run()
  })
}

/**
 * One sweep of the scroller; resolves with every session seen, or with the stall as soon as no
 * animation frame has come for `stallMs` (the page's timers still run then, so it can say so).
 */
export async function sweepSessions(
  page: Page,
  scroller: string,
  stallMs = 5_000
): Promise<SweepResult> {
  await start(page, scroller)
  for (;;) {
    await new Promise((r) => setTimeout(r, 100))
    const state = await page.evaluate(() => {
      const p = window.__sessionsSweep!
      return {
        done: p.done,
        step: p.step,
        since: performance.now() - p.lastFrame,
        ms: p.ms,
        result: p.done ? p.result : []
      }
    })
    if (state.done) {
      const sessions = state.result
        .sort((x, y) => x[0] - y[0])
        .map(([index, v]) => ({ index, ...v }))
      return { ok: true, sessions, steps: state.step, ms: state.ms }
    }
    if (state.since > stallMs) {
      const scrollTop = await page.locator(scroller).evaluate((el) => el.scrollTop)
      return { ok: false, stalledAtStep: state.step, sinceFrameMs: state.since, scrollTop }
    }
  }
}
